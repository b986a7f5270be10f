import * as fs from 'node:fs';
import * as path from 'node:path';

/** One directory entry as the model needs it. */
export interface DirEntry {
  name: string;
  isDirectory: boolean;
  /** A symbolic link (to a file or a folder): its target may lie anywhere, so walks resolve it. */
  isSymbolicLink?: boolean;
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
  /**
   * The path with every symbolic link resolved, or undefined when it does not exist. Hosts without
   * links (in-memory trees) leave it out: every path is then its own real path.
   */
  realPath?(file: string): string | undefined;
}

/** Files larger than this are never read (a workspace may hold a multi-gigabyte file or a link to `/dev/zero`); lock files of large monorepos stay below it. */
export const maxReadableFileBytes = 64 * 1024 * 1024;

/** Absolute path with '/' separators and no trailing slash (Windows drive paths included). */
export function normalizePath(file: string): string {
  const slashed = path.resolve(file).split(path.sep).join('/');
  return slashed.length > 1 && slashed.endsWith('/') ? slashed.slice(0, -1) : slashed;
}

export function createNodeHost(): FileHost {
  return {
    readFile(file) {
      try {
        // Only regular files: opening a FIFO named `.env.local` would block the analysis for good.
        const stat = fs.statSync(file);
        return stat.isFile() && stat.size <= maxReadableFileBytes ? fs.readFileSync(file, 'utf8') : undefined;
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
          isSymbolicLink: entry.isSymbolicLink(),
        }));
      } catch {
        return [];
      }
    },
    exists(file) {
      return fs.existsSync(file);
    },
    realPath(file) {
      try {
        return normalizePath(fs.realpathSync.native(file));
      } catch {
        return undefined;
      }
    },
  };
}

/** Whether `file` is one of `folders` or inside one (all '/' paths). */
export function isWithin(file: string, folders: readonly string[]): boolean {
  return folders.some((folder) => file === folder || file.startsWith(folder.endsWith('/') ? folder : `${folder}/`));
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

/**
 * A host whose unsaved editor contents win over the underlying host (disk). Given the workspace
 * folders, it reads nothing whose real path lies outside them: a link `app/lib -> /elsewhere` or a
 * `.env.local` linked to a file outside reads as absent, whoever asks (walk, rules, version lookup).
 */
export class OverlayHost implements FileHost {
  private readonly overlays = new Map<string, string>();
  /**
   * Disk contents read so far. Without it every analysis re-reads every source file (most of the
   * time of an incremental run in a large app); the session calls `forget` on each change it is told of.
   */
  private readonly diskText = new Map<string, string | undefined>();

  /** The real paths of the workspace folders, when confined. */
  private readonly realRoots: string[] | undefined;
  /**
   * Real paths known without resolving: a listed entry that is not a link has its folder's real
   * path plus its name. Resolving every path cost a quarter of a full check on this machine.
   */
  private readonly knownRealPaths = new Map<string, string>();
  /** Folders listed, and their entries that are links: any other name in them is known not to exist. */
  private readonly listedFolders = new Set<string>();
  private readonly listedLinks = new Set<string>();

  constructor(
    private readonly base: FileHost,
    roots?: readonly string[],
  ) {
    this.realRoots = roots && base.realPath ? roots.map((root) => base.realPath!(root) ?? root) : undefined;
  }

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
    if (!this.diskText.has(file)) this.diskText.set(file, this.isKnownAbsent(file) || this.isConfinedAway(file) ? undefined : this.base.readFile(file));
    return this.diskText.get(file);
  }

  realPath(file: string): string | undefined {
    if (this.overlays.has(file)) return file;
    return this.base.realPath ? this.realPathOf(file) : this.base.exists(file) ? file : undefined;
  }

  /** Whether a path exists but resolves outside the workspace folders (always false when not confined). */
  isConfinedAway(file: string): boolean {
    if (!this.realRoots) return false;
    const real = this.realPathOf(file);
    return real !== undefined && !isWithin(real, this.realRoots);
  }

  /**
   * Whether a path is missing from its folder's listing. Rules and `.gitignore` lookups ask for many
   * files that do not exist (one `.gitignore` per folder): each asked the disk twice.
   */
  private isKnownAbsent(file: string): boolean {
    const slash = file.lastIndexOf('/');
    return this.listedFolders.has(file.slice(0, slash)) && !this.knownRealPaths.has(file) && !this.listedLinks.has(file);
  }

  private realPathOf(file: string): string | undefined {
    const known = this.knownRealPaths.get(file);
    if (known !== undefined) return known;
    if (this.isKnownAbsent(file)) return undefined;
    const real = this.base.realPath!(file);
    if (real !== undefined) this.knownRealPaths.set(file, real);
    return real;
  }

  /** Drops the cached disk text of a file that changed, appeared or went away (a folder may have become a link). */
  forget(file: string): void {
    this.diskText.delete(file);
    this.knownRealPaths.clear();
    this.listedFolders.clear();
    this.listedLinks.clear();
  }

  readDirectory(dir: string): DirEntry[] {
    const entries = this.isConfinedAway(dir) ? [] : this.base.readDirectory(dir);
    const realDir = this.base.realPath ? this.realPathOf(dir) : undefined;
    // An empty answer may be an unreadable folder whose files can still be read by name.
    if (realDir !== undefined && entries.length > 0) {
      this.listedFolders.add(dir);
      for (const entry of entries) {
        if (entry.isSymbolicLink) this.listedLinks.add(`${dir}/${entry.name}`);
        else this.knownRealPaths.set(`${dir}/${entry.name}`, `${realDir}/${entry.name}`);
      }
    }
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
    return this.overlays.has(file) || (this.base.exists(file) && !this.isConfinedAway(file));
  }
}
