import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The version of the package this CLI ships in: the nearest package.json above this file that is the
 * extension's (`clerk-auth-toolkit`) or declares the `clerk-toolkit` command (the CLI's own package).
 * dist/ when bundled, out/src/cli/ in tests.
 */
export function toolVersion(): string | undefined {
  for (let dir = __dirname; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    const manifest = readManifest(path.join(dir, 'package.json'));
    const bin = manifest?.bin;
    const declaresCommand = bin !== null && typeof bin === 'object' && 'clerk-toolkit' in bin;
    if (manifest && (manifest.name === 'clerk-auth-toolkit' || declaresCommand) && typeof manifest.version === 'string') return manifest.version;
  }
  return undefined;
}

function readManifest(file: string): { name?: unknown; version?: unknown; bin?: unknown } | undefined {
  try {
    const parsed: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    return parsed !== null && typeof parsed === 'object' ? parsed : undefined;
  } catch {
    return undefined; // no package.json at this level
  }
}
