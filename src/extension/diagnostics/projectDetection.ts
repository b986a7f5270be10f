import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/**
 * Decides, without loading the engine, whether a file belongs to a Clerk or Convex project: some
 * package.json between the file and the workspace folder depends on `@clerk/*` or `convex`, or the
 * file sits in a folder next to a `convex/` folder. Positive answers are cached per folder, so
 * opening many files costs a few reads; negative ones are not, so adding `@clerk/nextjs` later is
 * noticed on the next open. Used to start the engine only where it can find something (like
 * vscode-eslint, which waits for a relevant document).
 */
export class ProjectDetector {
  private readonly projectFolders = new Set<string>();

  async isInProject(file: string, workspaceRoot: string): Promise<boolean> {
    const root = path.resolve(workspaceRoot);
    for (let dir = path.dirname(path.resolve(file)); ; dir = path.dirname(dir)) {
      if (await this.folderMarksProject(dir)) return true;
      if (dir === root || path.dirname(dir) === dir || !dir.startsWith(root)) return false;
    }
  }

  private async folderMarksProject(dir: string): Promise<boolean> {
    if (this.projectFolders.has(dir)) return true;
    const [deps, convex] = await Promise.all([dependsOnClerkOrConvex(path.join(dir, 'package.json')), isFolder(path.join(dir, 'convex'))]);
    if (deps || convex) this.projectFolders.add(dir);
    return deps || convex;
  }
}

export async function dependsOnClerkOrConvex(packageJson: string): Promise<boolean> {
  try {
    const manifest = JSON.parse(await fs.readFile(packageJson, 'utf8')) as Record<string, unknown>;
    return ['dependencies', 'devDependencies', 'peerDependencies'].some((field) => {
      const deps = manifest[field];
      return deps !== null && typeof deps === 'object' && Object.keys(deps).some((name) => name.startsWith('@clerk/') || name === 'convex');
    });
  } catch {
    return false;
  }
}

async function isFolder(dir: string): Promise<boolean> {
  try {
    return (await fs.stat(dir)).isDirectory();
  } catch {
    return false;
  }
}
