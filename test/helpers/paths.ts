import * as path from 'node:path';

/** Repository root, from either the compiled `out/test/helpers` or the source folder. */
export const repoRoot = path.resolve(__dirname, __dirname.includes(`${path.sep}out${path.sep}`) ? '../../..' : '../..');
export const fixturesDir = path.join(repoRoot, 'test', 'fixtures');

export function fixture(...segments: string[]): string {
  return path.join(fixturesDir, ...segments);
}
