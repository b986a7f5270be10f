import * as fs from 'node:fs';
import * as path from 'node:path';

/** One directory entry as the model needs it. */
export interface DirEntry {
  name: string;
  isDirectory: boolean;
}

/**
 * Everything the model reads goes through this interface, so the editor can overlay unsaved
 * buffers and tests can run on in-memory trees. Paths are absolute and use '/'.
 * Synchronous on purpose: discovery of a project is a few hundred small reads.
 */
export interface FileHost {
  /** The text of a file, or undefined when it does not exist or cannot be read. */
  readFile(file: string): string | undefined;
  /** The entries of a directory; empty when it does not exist. */
  readDirectory(dir: string): DirEntry[];
  exists(file: string): boolean;
}

/** Absolute path with '/' separators and no trailing slash (Windows drive paths included). */
export function normalizePath(file: string): string {
  const slashed = path.resolve(file).split(path.sep).join('/');
  return slashed.length > 1 && slashed.endsWith('/') ? slashed.slice(0, -1) : slashed;
}

export function createNodeHost(): FileHost {
  return {
    readFile(file) {
      try {
        return fs.readFileSync(file, 'utf8');
      } catch {
        return undefined;
      }
    },
    readDirectory(dir) {
      try {
        return fs.readdirSync(dir, { withFileTypes: true }).map((entry) => ({
          name: entry.name,
          // Symlinked folders are followed only when they resolve to a directory.
          isDirectory: entry.isDirectory() || (entry.isSymbolicLink() && isDirectory(path.join(dir, entry.name))),
        }));
      } catch {
        return [];
      }
    },
    exists(file) {
      return fs.existsSync(file);
    },
  };
}

function isDirectory(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}

export interface MemoryHost extends FileHost {
  writeFile(file: string, text: string): void;
  deleteFile(file: string): void;
}

/** An in-memory tree, for tests: `createMemoryHost({ '/app/package.json': '{}' })`. */
export function createMemoryHost(files: Record<string, string> = {}): MemoryHost {
  const contents = new Map(Object.entries(files));
  const childrenOf = (dir: string): DirEntry[] => {
    const prefix = dir.endsWith('/') ? dir : `${dir}/`;
    const seen = new Map<string, boolean>();
    for (const file of contents.keys()) {
      if (!file.startsWith(prefix)) continue;
      const rest = file.slice(prefix.length);
      const slash = rest.indexOf('/');
      const name = slash === -1 ? rest : rest.slice(0, slash);
      seen.set(name, (seen.get(name) ?? false) || slash !== -1);
    }
    return [...seen].map(([name, isDir]) => ({ name, isDirectory: isDir }));
  };
  return {
    readFile: (file) => contents.get(file),
    readDirectory: childrenOf,
    exists: (file) => contents.has(file) || childrenOf(file).length > 0,
    writeFile: (file, text) => void contents.set(file, text),
    deleteFile: (file) => void contents.delete(file),
  };
}

/** A host whose unsaved editor contents win over the underlying host (disk). */
export class OverlayHost implements FileHost {
  private readonly overlays = new Map<string, string>();
  /**
   * Disk contents read so far. Without it every analysis re-reads every source file (most of the
   * time of an incremental run in a large app); the session calls `forget` on each change it is told of.
   */
  private readonly diskText = new Map<string, string | undefined>();

  constructor(private readonly base: FileHost) {}

  /** Sets the unsaved text of a file; undefined removes the overlay (the buffer was saved or closed). */
  setOverlay(file: string, text: string | undefined): void {
    if (text === undefined) this.overlays.delete(file);
    else this.overlays.set(file, text);
  }

  hasOverlay(file: string): boolean {
    return this.overlays.has(file);
  }

  readFile(file: string): string | undefined {
    const overlay = this.overlays.get(file);
    if (overlay !== undefined) return overlay;
    if (!this.diskText.has(file)) this.diskText.set(file, this.base.readFile(file));
    return this.diskText.get(file);
  }

  /** Drops the cached disk text of a file that changed, appeared or went away. */
  forget(file: string): void {
    this.diskText.delete(file);
  }

  readDirectory(dir: string): DirEntry[] {
    const entries = this.base.readDirectory(dir);
    const names = new Set(entries.map((entry) => entry.name));
    const prefix = `${dir}/`;
    // An unsaved new file (untitled saved later) is visible in its folder too.
    for (const file of this.overlays.keys()) {
      if (file.startsWith(prefix) && !file.slice(prefix.length).includes('/') && !names.has(file.slice(prefix.length))) {
        entries.push({ name: file.slice(prefix.length), isDirectory: false });
      }
    }
    return entries;
  }

  exists(file: string): boolean {
    return this.overlays.has(file) || this.base.exists(file);
  }
}
