// The first-run sample: a copy of the clean fixture app (test/fixtures/next16-convex, which the
// test tiers hold to "no error, no warning") with a few typical mistakes seeded into it, its
// dependencies resolvable and its Convex code generated, so TypeScript shows no noise and every
// problem on screen is one of the extension's. `npm start` and the e2e tier both open it.
//
//   node scripts/first-run-sample.mjs <target folder>     (the e2e launcher calls it this way)
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = new URL('..', import.meta.url).pathname.replace(/\/$/, '');

/** The file `npm start` opens first: the seeded mistake with a hover and a quick fix. */
export const firstRunFile = 'convex/auth.config.ts';

/** Each seed is one small edit of a fixture file; a fixture change that breaks one fails loudly. */
const seeds = [
  {
    // convex-jwt-template-mismatch (error): Convex compares the token's aud exactly.
    file: 'convex/auth.config.ts',
    find: "      applicationID: 'convex',",
    replace: "      // Clerk's Convex integration sends tokens with audience \"convex\".\n      applicationID: 'Convex',",
  },
  {
    // env-legacy-name (warning): @clerk/nextjs 7 ignores this variable.
    file: '.env.local',
    find: 'CLERK_WEBHOOK_SIGNING_SECRET=',
    replace: '# Where to go after signing in\nNEXT_PUBLIC_CLERK_AFTER_SIGN_IN_URL=/\nCLERK_WEBHOOK_SIGNING_SECRET=',
  },
  {
    // convex-public-write-without-auth (warning): any client may call a public mutation.
    file: 'convex/users.ts',
    find: 'async function getCurrentUser',
    replace: [
      "export const rename = mutation({\n  args: { id: v.id('users'), name: v.string() },\n",
      '  handler: async (ctx, { id, name }) => {\n    await ctx.db.patch(id, { name });\n  },\n});\n\n',
      'async function getCurrentUser',
    ].join(''),
  },
  {
    file: 'convex/users.ts',
    find: "import { internalMutation, query, type QueryCtx } from './_generated/server';",
    replace: "import { internalMutation, mutation, query, type QueryCtx } from './_generated/server';",
  },
];

function seed(dir, { file, find, replace }) {
  const path = join(dir, file);
  const text = readFileSync(path, 'utf8');
  if (!text.includes(find)) throw new Error(`first-run sample: ${file} no longer contains ${JSON.stringify(find)}`);
  writeFileSync(path, text.replace(find, replace));
}

/**
 * Writes the sample into `target` (replaced if present). The packages come from the snippet
 * project's install (the same pinned versions the fixture's package.json ranges allow), linked
 * rather than copied: scripts/setup-snippet-project.sh installs them once per machine.
 */
export function prepareFirstRunSample(target) {
  const setup = spawnSync('bash', [join(root, 'scripts', 'setup-snippet-project.sh')], { stdio: 'inherit' });
  if (setup.status !== 0) throw new Error('first-run sample: installing the sample packages failed');
  rmSync(target, { recursive: true, force: true });
  cpSync(join(root, 'test', 'fixtures', 'next16-convex'), target, { recursive: true });
  for (const edit of seeds) seed(target, edit);
  const modules = join(root, '.cache', 'snippet-project', 'node_modules');
  symlinkSync(modules, join(target, 'node_modules'), 'dir');
  // What `npx convex dev` writes (typed `api`, `query`, `mutation`); `--system-udfs` needs no deployment.
  rmSync(join(target, 'convex', '_generated', 'README.md'), { force: true });
  const codegen = spawnSync(process.execPath, [join(modules, 'convex', 'bin', 'main.js'), 'codegen', '--system-udfs', '--typecheck', 'disable'], {
    cwd: target,
    encoding: 'utf8',
  });
  if (codegen.status !== 0 || !existsSync(join(target, 'convex', '_generated', 'api.d.ts'))) {
    throw new Error(`first-run sample: convex codegen failed:\n${codegen.stdout}${codegen.stderr}`);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const target = process.argv[2];
  if (!target) {
    console.error('usage: node scripts/first-run-sample.mjs <target folder>');
    process.exit(2);
  }
  prepareFirstRunSample(target);
}
