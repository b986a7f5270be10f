// Transpiles src/ and test/ file-by-file into out/ (CommonJS) for mocha and the VS Code test hosts.
// Type checking is `tsc --noEmit`; this step only strips types, so it takes well under a second.
import { build } from 'esbuild';
import { readdirSync, rmSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const skip = new Set(['fixtures', 'snippet-project', 'node_modules']);

function collect(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) {
      if (!skip.has(name)) collect(full, out);
    } else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) {
      out.push(relative(root, full));
    }
  }
  return out;
}

rmSync(join(root, 'out'), { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: [...collect(join(root, 'src')), ...collect(join(root, 'test'))],
  outdir: 'out',
  outbase: '.',
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  // Lower `import('./x')` to require: Node's native import() of an extensionless CJS path fails.
  supported: { 'dynamic-import': false },
  logLevel: 'warning',
});
