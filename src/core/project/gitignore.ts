import ignore, { type Ignore } from 'ignore';
import type { FileHost } from './fileHost';

/**
 * `.gitignore` matching with the `ignore` package (gitignore semantics): every `.gitignore` from
 * the workspace root down to the file's folder applies, with patterns relative to its own folder.
 */
export class GitIgnore {
  private readonly matchers = new Map<string, Ignore | undefined>();
  /** Answers of `isIgnored` (rules ask for every file on every analysis; each answer costs a directory read). */
  private readonly answers = new Map<string, boolean>();

  constructor(
    private readonly host: FileHost,
    private readonly roots: string[],
  ) {}

  /** Whether a path (or one of its parent folders) is ignored. */
  isIgnored(file: string): boolean {
    let answer = this.answers.get(file);
    if (answer === undefined) {
      answer = this.computeIsIgnored(file);
      this.answers.set(file, answer);
    }
    return answer;
  }

  private computeIsIgnored(file: string): boolean {
    const root = this.roots.find((candidate) => file === candidate || file.startsWith(`${candidate}/`));
    if (!root || file === root) return false;
    const segments = file.slice(root.length + 1).split('/');
    for (let depth = 1; depth <= segments.length; depth++) {
      const isLast = depth === segments.length;
      if (this.matches(root, segments.slice(0, depth), !isLast || this.isDirectory(file))) return true;
    }
    return false;
  }

  /** Whether an entry is ignored, given that none of its parent folders are (used while walking). */
  isEntryIgnored(root: string, relativeSegments: string[], isDirectory: boolean): boolean {
    return this.matches(root, relativeSegments, isDirectory);
  }

  /** Drops the cached matcher of a folder (its `.gitignore` changed). */
  invalidate(dir: string): void {
    this.matchers.delete(dir);
    this.answers.clear();
  }

  private matches(root: string, segments: string[], isDirectory: boolean): boolean {
    for (let base = 0; base < segments.length; base++) {
      const dir = base === 0 ? root : `${root}/${segments.slice(0, base).join('/')}`;
      const matcher = this.matcherOf(dir);
      const relative = segments.slice(base).join('/') + (isDirectory ? '/' : '');
      if (matcher?.ignores(relative)) return true;
    }
    return false;
  }

  private matcherOf(dir: string): Ignore | undefined {
    if (!this.matchers.has(dir)) {
      const text = this.host.readFile(`${dir}/.gitignore`);
      this.matchers.set(dir, text === undefined ? undefined : ignore().add(text));
    }
    return this.matchers.get(dir);
  }

  private isDirectory(file: string): boolean {
    return this.host.readDirectory(file).length > 0;
  }
}
