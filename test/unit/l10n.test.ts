import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { repoRoot } from '../helpers/paths';

describe('localisation bundle', () => {
  it('l10n/bundle.l10n.json lists every l10n.t string in src (run `npm run l10n` after changing strings)', () => {
    const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'l10n-'));
    try {
      execFileSync(process.execPath, [path.join(repoRoot, 'node_modules', '@vscode', 'l10n-dev', 'dist', 'cli.js'), 'export', '--outDir', outDir, './src'], {
        cwd: repoRoot,
        stdio: 'pipe',
      });
      const fresh = JSON.parse(fs.readFileSync(path.join(outDir, 'bundle.l10n.json'), 'utf8')) as Record<string, unknown>;
      const committed = JSON.parse(fs.readFileSync(path.join(repoRoot, 'l10n', 'bundle.l10n.json'), 'utf8')) as Record<string, unknown>;
      assert.deepEqual(Object.keys(committed).sort(), Object.keys(fresh).sort());
    } finally {
      fs.rmSync(outDir, { recursive: true, force: true });
    }
  });

  it('every %key% in package.json has a string in package.nls.json', () => {
    const manifest = fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8');
    const nls = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.nls.json'), 'utf8')) as Record<string, string>;
    const keys = [...manifest.matchAll(/"%([^%"]+)%"/g)].map((m) => m[1]);
    assert.ok(keys.length > 10);
    assert.deepEqual(
      keys.filter((key) => !(key in nls)),
      [],
    );
  });
});
