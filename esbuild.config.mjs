// Bundles the extension, its lazily loaded chunks, the CLI and the CLI's npm package (packages/cli).
//   node esbuild.config.mjs               development build with source maps
//   node esbuild.config.mjs --production  minified (used by `npm run package`)
//   node esbuild.config.mjs --watch       rebuilds on change; the problem matcher reads the markers below
import * as esbuild from 'esbuild';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

/** Prints start/end markers and errors in the `$esbuild-watch`-style format tasks.json matches. */
const problemMatcherPlugin = {
  name: 'problem-matcher',
  setup(build) {
    build.onStart(() => {
      if (watch) console.log('[watch] build started');
    });
    build.onEnd((result) => {
      for (const { text, location } of result.errors) {
        console.error(`✘ [ERROR] ${text}`);
        if (location) console.error(`    ${location.file}:${location.line}:${location.column}:`);
      }
      if (watch) console.log('[watch] build finished');
    });
  },
};

/**
 * `import * as ts from 'typescript'` of a CommonJS package goes through esbuild's `__toESM`, whose
 * copied properties are getters: every `ts.isIdentifier(...)` then calls a closure, which was 12%
 * of an analysis' CPU time. This serves `typescript` as an ES module with one named export per
 * member, so the bundle reads them as plain variables.
 */
const typescriptNamedExports = {
  name: 'typescript-named-exports',
  setup(build) {
    const require = createRequire(import.meta.url);
    const names = Object.keys(require('typescript')).filter((name) => /^[A-Za-z_$][\w$]*$/.test(name) && name !== 'default');
    build.onResolve({ filter: /^typescript$/ }, (args) =>
      args.namespace === 'typescript-named-exports' ? undefined : { path: 'typescript', namespace: 'typescript-named-exports' },
    );
    build.onLoad({ filter: /.*/, namespace: 'typescript-named-exports' }, () => ({
      contents: `import ts from 'typescript';\nexport default ts;\nexport const { ${names.join(', ')} } = ts;\n`,
      resolveDir: process.cwd(),
    }));
  },
};

/**
 * The CLI's subcommands are bundles of their own next to `cli.js`, required on use: `check` carries
 * the TypeScript compiler, whose module set-up alone took ~250 ms of every `clerk-toolkit lsp`
 * start (the language server's thread needs none of it) and of `--version`.
 */
const cliSubcommands = ['check', 'webhooks', 'lsp'];
const cliSubcommandBundles = {
  name: 'cli-subcommand-bundles',
  setup(build) {
    build.onResolve({ filter: new RegExp(`^\\./(${cliSubcommands.join('|')})$`) }, (args) =>
      args.importer.replaceAll('\\', '/').endsWith('src/cli/main.ts') ? { path: `./cli-${args.path.slice(2)}.js`, external: true } : undefined,
    );
  },
};
const cliSubcommandEntries = Object.fromEntries(cliSubcommands.map((name) => [`cli-${name}`, `src/cli/${name}.ts`]));

const shared = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: production,
  sourcemap: production ? false : 'linked',
  sourcesContent: false,
  logLevel: 'warning',
  // `vscode` is provided by the host. The optional native helpers of `ws`/`svix` deps are not needed.
  external: ['vscode', 'bufferutil', 'utf-8-validate'],
  // jsonc-parser's `main` is a UMD build whose internal requires esbuild cannot follow (the bundle
  // then fails with "Cannot find module './impl/format'"); its ESM build bundles cleanly.
  alias: { 'jsonc-parser': 'jsonc-parser/lib/esm/main.js' },
  plugins: [problemMatcherPlugin, typescriptNamedExports, cliSubcommandBundles],
  // `import()` of a bundle left external (the CLI's subcommands) stays a `require`: a real dynamic
  // import goes through Node's ES module loader, which scans the file for its exports (~70 ms).
  supported: { 'dynamic-import': false },
};

const entries = [
  // Main bundle: the VS Code adapter only. It requires the chunks below on first use.
  { entryPoints: { extension: 'src/extension/extension.ts' } },
  // vscode-languageclient, required when the language server first starts.
  { entryPoints: { languageClient: 'src/extension/diagnostics/clientLibrary.ts' } },
  // Analysis engine (includes the TypeScript parser).
  { entryPoints: { engine: 'src/core/engine.ts' } },
  // Snippet style adaptation (the TypeScript parser), required on the first clerk-/convex- completion.
  { entryPoints: { snippetStyle: 'src/extension/snippets/adapt.ts' } },
  // Clerk Backend API and Svix clients, webhook signing.
  { entryPoints: { webhooks: 'src/core/webhooks/index.ts' } },
  // The `clerk-toolkit` command.
  { entryPoints: { cli: 'src/cli/main.ts' }, banner: { js: '#!/usr/bin/env node' } },
  { entryPoints: cliSubcommandEntries },
  // The language server (started by the extension, and by `clerk-toolkit lsp`, which bundles it too).
  { entryPoints: { server: 'src/server/main.ts' } },
  // Its analysis thread: the engine, loaded by the server next to itself (dist/analysisWorker.js).
  { entryPoints: { analysisWorker: 'src/server/analysisWorker.ts' } },
  // The npm package `clerk-toolkit` (packages/cli): the CLI and the analysis thread its `lsp` starts
  // next to it. Its bin script adds the shebang (in the worker it would be a syntax error). No
  // source maps: the package ships without src/.
  {
    entryPoints: { cli: 'src/cli/main.ts', ...cliSubcommandEntries, analysisWorker: 'src/server/analysisWorker.ts' },
    outdir: 'packages/cli/dist',
    sourcemap: false,
  },
];

// Stale bundles or source maps from another mode must not end up in the .vsix or the npm package.
for (const outdir of ['dist', 'packages/cli/dist']) rmSync(outdir, { recursive: true, force: true });

const contexts = await Promise.all(entries.map((entry) => esbuild.context({ ...shared, outdir: 'dist', ...entry })));

if (watch) {
  await Promise.all(contexts.map((context) => context.watch()));
} else {
  await Promise.all(contexts.map((context) => context.rebuild()));
  await Promise.all(contexts.map((context) => context.dispose()));
}
