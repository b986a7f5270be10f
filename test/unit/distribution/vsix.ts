import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { repoRoot } from '../../helpers/paths';

/** @vscode/vsce's zip reader (its public API has none); entry names come back lower-cased. */
const vsceZip = createRequire(__filename)('@vscode/vsce/out/zip') as {
  readZip(packagePath: string, filter: (name: string) => boolean): Promise<Map<string, Buffer>>;
};

export function readVsix(packagePath: string): Promise<Map<string, Buffer>> {
  return vsceZip.readZip(packagePath, () => true);
}

/**
 * `vsce package --no-dependencies` of the repository into `packagePath`, with every check vsce makes,
 * minus its `vscode:prepublish` step: that production build would replace dist/ under the other unit
 * tests, so this packs the build the unit tier already has. It runs in a child process because vsce
 * prints its file tree and warnings to the console; they come back as `output`.
 */
export function packVsix(packagePath: string): { code: number | null; output: string } {
  const script = `require('@vscode/vsce/out/package')
    .pack({ cwd: process.argv[1], packagePath: process.argv[2], dependencies: false })
    .catch((error) => { console.error(error.message); process.exit(1); });`;
  const result = spawnSync(process.execPath, ['-e', script, repoRoot, packagePath], { cwd: repoRoot, encoding: 'utf8', timeout: 120_000 });
  return { code: result.status, output: result.stdout + result.stderr };
}
