// A fresh copy of the checkout in a temporary folder, for the unit tier of `npm test`: CI lays a
// folder of shared notes beside the clone, so a test that reads outside the repository would pass
// there and fail on a plain clone. In the copy nothing lies beside it, and such a read fails the tier.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, lstatSync, mkdirSync, mkdtempSync, realpathSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * Tracked and untracked-but-not-ignored files (what a clone plus the work in progress holds), then
 * links to what is installed rather than committed: `node_modules` and the snippet project's
 * pinned packages (`.cache/snippet-project`, so its setup script finds them installed).
 */
export function copyCheckout(root) {
  const copy = mkdtempSync(join(tmpdir(), 'clerk-toolkit-unit-'));
  const listed = execFileSync('git', ['ls-files', '-z', '-co', '--exclude-standard'], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  for (const file of listed.split('\0').filter(Boolean)) {
    const source = join(root, file);
    // Deleted in the work tree but still tracked: a clone of the commit would have it, the work does not.
    if (!existsSync(source) && !isLink(source)) continue;
    mkdirSync(dirname(join(copy, file)), { recursive: true });
    cpSync(source, join(copy, file), { verbatimSymlinks: true });
  }
  for (const installed of ['node_modules', '.cache/snippet-project']) {
    const source = join(root, installed);
    if (!existsSync(source)) continue;
    mkdirSync(dirname(join(copy, installed)), { recursive: true });
    symlinkSync(realpathSync(source), join(copy, installed), 'dir');
  }
  return copy;
}

function isLink(file) {
  try {
    return lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}
