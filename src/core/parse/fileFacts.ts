import type * as ts from 'typescript';

/**
 * What a rule needs of one file, worked out from that file's path and text alone (where it calls
 * `auth()`, whether it names `@clerk/`): the session computes it once per content and keeps it
 * across analyses, so after an edit only the edited file's facts are computed again and a rule's
 * project-level step joins the cached facts of the others. A fact holds no syntax nodes (they would
 * keep the whole tree alive): ranges, names and flags. Facts are told apart by identity: declare
 * each once, at module level.
 */
export interface FileFact<T> {
  /** `source()` parses the file (cached; undefined when it does not parse or is too deep to walk). */
  compute(text: string, source: () => ts.SourceFile | undefined, file: string): T;
}

/**
 * Facts that parse the file. When one of them parses a file, the others are computed from the same
 * tree at once (each runs its own text test first): a file is parsed once however many rules read
 * it, and its tree need not be kept for the next rule (a 20,000-file check kept 180 MB of trees).
 */
const treeFacts = new Set<FileFact<unknown>>();

/** Declares a fact that parses (see `treeFacts`); its `compute` must run its own cheap text test. */
export function treeFact<T>(fact: FileFact<T>): FileFact<T> {
  treeFacts.add(fact as FileFact<unknown>);
  return fact;
}

const textTests = new Map<string, FileFact<boolean>>();

/**
 * A cheap text test before parsing: whether the text contains any of `needles` (a module's name, a
 * called function's name). The same needles give the same fact, so a test built from a name found
 * in the code (a component's) is cached like the others.
 */
export function textTest(...needles: string[]): FileFact<boolean> {
  const key = JSON.stringify(needles);
  let test = textTests.get(key);
  if (!test) {
    test = { compute: (text) => needles.some((needle) => text.includes(needle)) };
    textTests.set(key, test);
  }
  return test;
}

/** What analyses read of files: a rule's context, or a hover's input (which may have no fact cache). */
export interface FileReader {
  source(file: string): ts.SourceFile | undefined;
  readFile(file: string): string | undefined;
  fact?<T>(fact: FileFact<T>, file: string): T | undefined;
}

/** A fact through the reader's cache, or computed on the spot when it has none. */
export function factOf<T>(reader: FileReader, fact: FileFact<T>, file: string): T | undefined {
  if (reader.fact) return reader.fact(fact, file);
  const text = reader.readFile(file);
  return text === undefined ? undefined : fact.compute(text, () => reader.source(file), file);
}

/** What `FileFactCache.cached` answers for a fact it has not computed (a fact's value may be undefined). */
export const notCached: unique symbol = Symbol('not cached');

/**
 * Facts by file, kept until the file's text changes: the session drops a file's facts whenever it
 * is told of a change (the same moment its host forgets the cached text), so a lookup reads no text.
 */
export class FileFactCache {
  private readonly entries = new Map<string, Map<FileFact<unknown>, unknown>>();

  /**
   * Undefined when the file has no text. Rules join facts over every file of an app on each
   * analysis: a hit allocates nothing (the callers pass their closures only on a miss).
   */
  get<T>(fact: FileFact<T>, file: string, text: () => string | undefined, source: () => ts.SourceFile | undefined): T | undefined {
    const cached = this.cached(fact, file);
    return cached !== notCached ? cached : this.compute(fact, file, text(), source);
  }

  /** The kept value, or `notCached`. */
  cached<T>(fact: FileFact<T>, file: string): T | typeof notCached {
    const values = this.entries.get(file);
    if (!values) return notCached;
    const value = values.get(fact) as T | undefined;
    return value !== undefined || values.has(fact) ? (value as T) : notCached;
  }

  compute<T>(fact: FileFact<T>, file: string, content: string | undefined, source: () => ts.SourceFile | undefined): T | undefined {
    if (content === undefined) return undefined;
    let tree: ts.SourceFile | undefined;
    const parseOnce = () => (tree ??= source());
    const value = fact.compute(content, parseOnce, file);
    let values = this.entries.get(file);
    if (!values) {
      values = new Map();
      this.entries.set(file, values);
    }
    values.set(fact, value);
    if (tree) {
      const parsed = tree;
      for (const other of treeFacts) {
        if (values.has(other)) continue;
        try {
          values.set(
            other,
            other.compute(content, () => parsed, file),
          );
        } catch {
          // Computed again when asked for, where its own rule reports the failure.
        }
      }
    }
    return value;
  }

  delete(file: string): void {
    this.entries.delete(file);
  }
}
