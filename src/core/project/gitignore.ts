import * as l10n from '@vscode/l10n';
import ignore from 'ignore';
import type { FileHost } from './fileHost';

/**
 * `ignore` turns each `*` run of a pattern into a backtracking regex part: `a*a*a*a*a*b` costs about a
 * second per 255-character name, one more `*` a minute. Patterns with more runs than this are not applied.
 */
export const maxWildcardRunsPerPattern = 3;
/** Each line is a regex run on every path walked: lines of one file beyond this are not applied. */
export const maxPatternsPerFile = 1000;

/** A pattern line that was not applied, 1-based. */
export interface PatternProblem {
  line: number;
  kind: 'too-complex' | 'invalid' | 'too-many';
}

export interface GuardedIgnore {
  /** Never throws; false for a path no applied pattern matches. */
  ignores(relativePath: string): boolean;
  problems: PatternProblem[];
}

/**
 * An `ignore` matcher over untrusted patterns (a workspace's `.gitignore`, its env file globs):
 * each line is checked alone before it is added, because `ignore` accepts `a\\\` and only throws when
 * it first matches, and lines too costly to match are left out.
 */
export function guardedIgnore(patterns: string | readonly string[]): GuardedIgnore {
  const lines = typeof patterns === 'string' ? patterns.split(/\r?\n/) : patterns;
  const problems: PatternProblem[] = [];
  const kept: { text: string; line: number }[] = [];
  lines.forEach((text, index) => {
    const pattern = text.trim();
    if (pattern === '' || pattern.startsWith('#')) return;
    const kind = index >= maxPatternsPerFile ? 'too-many' : (pattern.match(/\*+/g)?.length ?? 0) > maxWildcardRunsPerPattern ? 'too-complex' : undefined;
    if (kind) problems.push({ line: index + 1, kind });
    else kept.push({ text, line: index + 1 });
  });
  // Usually every line compiles: one probe of them all; else each line alone.
  const valid = compiles(kept.map((entry) => entry.text)) ? kept : kept.filter((entry) => compiles([entry.text]));
  for (const entry of kept) if (!valid.includes(entry)) problems.push({ line: entry.line, kind: 'invalid' });
  problems.sort((a, b) => a.line - b.line);
  const matcher = ignore().add(valid.map((entry) => entry.text));
  return {
    problems,
    ignores(relativePath) {
      try {
        return matcher.ignores(relativePath);
      } catch {
        return false;
      }
    },
  };
}

function compiles(lines: readonly string[]): boolean {
  try {
    ignore().add(lines).ignores('probe');
    return true;
  } catch {
    return false;
  }
}

/**
 * `.gitignore` matching with the `ignore` package (gitignore semantics): every `.gitignore` from
 * the workspace root down to the file's folder applies, with patterns relative to its own folder.
 */
export class GitIgnore {
  private readonly matchers = new Map<string, GuardedIgnore | undefined>();
  /** Answers of `isIgnored` (rules ask for every file on every analysis; each answer costs a directory read). */
  private readonly answers = new Map<string, boolean>();

  constructor(
    private readonly host: FileHost,
    private readonly roots: string[],
  ) {}

  /**
   * Whether a path (or one of its parent folders) is ignored. `isDirectory` when the caller knows
   * (a file it listed): otherwise the path is probed. Folders' answers are kept, so a file costs
   * only its own line of matchers.
   */
  isIgnored(file: string, isDirectory?: boolean): boolean {
    let answer = this.answers.get(file);
    if (answer === undefined) {
      answer = this.computeIsIgnored(file, isDirectory);
      this.answers.set(file, answer);
    }
    return answer;
  }

  /** One note per `.gitignore` read so far with lines that were not applied. */
  notes(): { file: string; reason: string }[] {
    return [...this.matchers].flatMap(([dir, matcher]) => {
      if (!matcher || matcher.problems.length === 0) return [];
      const lines = matcher.problems.map((problem) => problem.line);
      const shown = lines.length > 5 ? `${lines.slice(0, 5).join(', ')}, …` : lines.join(', ');
      return [
        {
          file: `${dir}/.gitignore`,
          reason: l10n.t(
            'lines not applied (not valid patterns, more than {0} wildcards, or beyond line {1}): {2}',
            maxWildcardRunsPerPattern,
            maxPatternsPerFile,
            shown,
          ),
        },
      ];
    });
  }

  private computeIsIgnored(file: string, isDirectory: boolean | undefined): boolean {
    const root = this.roots.find((candidate) => file === candidate || file.startsWith(`${candidate}/`));
    if (!root || file === root) return false;
    const segments = file.slice(root.length + 1).split('/');
    // Parent folders first, outermost first, each answer kept (a loop: a hostile tree may be deep).
    for (let depth = 1; depth < segments.length; depth++) {
      const folder = `${root}/${segments.slice(0, depth).join('/')}`;
      let ignored = this.answers.get(folder);
      if (ignored === undefined) {
        ignored = this.matches(root, segments.slice(0, depth), true);
        this.answers.set(folder, ignored);
      }
      if (ignored) return true;
    }
    return this.matches(root, segments, isDirectory ?? this.isDirectory(file));
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

  private matcherOf(dir: string): GuardedIgnore | undefined {
    if (!this.matchers.has(dir)) {
      const text = this.host.readFile(`${dir}/.gitignore`);
      this.matchers.set(dir, text === undefined ? undefined : guardedIgnore(text));
    }
    return this.matchers.get(dir);
  }

  private isDirectory(file: string): boolean {
    return this.host.readDirectory(file).length > 0;
  }
}
