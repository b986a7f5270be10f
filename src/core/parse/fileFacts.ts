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
  /** `filesWithFact` through a cache (see `FileFactCache.filesWith`). */
  filesWith?<T>(fact: FileFact<T>, files: readonly string[]): readonly string[];
}

/** A fact through the reader's cache, or computed on the spot when it has none. */
export function factOf<T>(reader: FileReader, fact: FileFact<T>, file: string): T | undefined {
  if (reader.fact) return reader.fact(fact, file);
  const text = reader.readFile(file);
  return text === undefined ? undefined : fact.compute(text, () => reader.source(file), file);
}

/** Whether a fact's value says something: not undefined, null, false or an empty list. */
export function holds(value: unknown): boolean {
  return value !== undefined && value !== null && value !== false && !(Array.isArray(value) && value.length === 0);
}

/**
 * The files of `files` whose fact `holds`, in their order. Rules join a fact over every file of an
 * app (2,500 in the bench monorepo) on each analysis, while it holds for a few: the session keeps
 * the answer and after an edit looks at the changed files alone.
 */
export function filesWithFact<T>(reader: FileReader, fact: FileFact<T>, files: readonly string[]): readonly string[] {
  return reader.filesWith ? reader.filesWith(fact, files) : files.filter((file) => holds(factOf(reader, fact, file)));
}

/** What `FileFactCache.cached` answers for a fact it has not computed (a fact's value may be undefined). */
export const notCached: unique symbol = Symbol('not cached');

/**
 * Facts by file, kept until the file's text changes: the session drops a file's facts whenever it
 * is told of a change (the same moment its host forgets the cached text), so a lookup reads no text.
 */
export class FileFactCache {
  private readonly entries = new Map<string, Map<FileFact<unknown>, unknown>>();
  /** Files whose facts were dropped, in order: a kept join reads on from where it was computed. */
  private changed: string[] = [];
  /** Bumped when `changed` is cleared (it would grow without end): every kept join is computed again. */
  private generation = 0;
  /** `filesWith` answers by file list (lists are kept with the project model) and fact. */
  private readonly joins = new WeakMap<readonly string[], Map<FileFact<unknown>, FactJoin>>();

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
    if (this.changed.length >= maxChangesKept) {
      this.changed = [];
      this.generation++;
    }
    this.changed.push(file);
  }

  /**
   * The files of `files` whose fact `holds` (`valueOf` looks it up, computing it when needed),
   * kept per list and fact: the next call looks again only at the files whose text changed since.
   */
  filesWith<T>(fact: FileFact<T>, files: readonly string[], valueOf: (file: string) => T | undefined): readonly string[] {
    let byFact = this.joins.get(files);
    if (!byFact) this.joins.set(files, (byFact = new Map()));
    let join = byFact.get(fact as FileFact<unknown>);
    if (!join || join.generation !== this.generation) {
      const holding = files.filter((file) => holds(valueOf(file)));
      join = { generation: this.generation, readTo: this.changed.length, members: new Set(files), holding: new Set(holding), result: holding };
      byFact.set(fact as FileFact<unknown>, join);
      return join.result!;
    }
    for (; join.readTo < this.changed.length; join.readTo++) {
      const file = this.changed[join.readTo];
      if (!join.members.has(file)) continue;
      const held = join.holding.has(file);
      if (holds(valueOf(file)) === held) continue;
      if (held) join.holding.delete(file);
      else join.holding.add(file);
      join.result = undefined;
    }
    join.result ??= files.filter((file) => join.holding.has(file));
    return join.result;
  }
}

/** Changes kept for `filesWith` before every join starts over (an edit is one; a branch switch thousands). */
const maxChangesKept = 10_000;

interface FactJoin {
  generation: number;
  /** How much of `changed` this join has looked at. */
  readTo: number;
  members: Set<string>;
  holding: Set<string>;
  /** `holding` in list order; undefined after it changed. */
  result: string[] | undefined;
}
