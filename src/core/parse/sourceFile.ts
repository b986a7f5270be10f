/**
 * Source parsing uses the TypeScript compiler API (`ts.createSourceFile`, no Program):
 * - it tolerates half-typed code (every keystroke in the editor) and still returns a full tree;
 * - positions are exact (`getStart`/`getEnd`, line/character), which squiggles and fixes need;
 * - one parser covers .ts/.tsx/.js/.jsx/.mjs/.cjs, JSX and `satisfies`, with the same AST the
 *   rest of the TypeScript ecosystem documents;
 * - the extension loads it lazily in a separate bundle, so its size does not slow activation.
 */
import * as ts from 'typescript';
import type { Range } from '../model';

export const sourceExtensions = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts'] as const;

export function isSourceFile(file: string): boolean {
  return !file.endsWith('.d.ts') && sourceExtensions.some((ext) => file.endsWith(ext));
}

function scriptKindOf(file: string): ts.ScriptKind {
  if (file.endsWith('.tsx')) return ts.ScriptKind.TSX;
  if (file.endsWith('.jsx')) return ts.ScriptKind.JSX;
  // Plain .js often holds JSX in Next.js apps; the JSX kind parses both.
  if (/\.[mc]?js$/.test(file)) return ts.ScriptKind.JSX;
  return ts.ScriptKind.TS;
}

export function parseSource(file: string, text: string): ts.SourceFile {
  // No rule reads JSDoc: leaving its comments unparsed makes a parse cheaper.
  return ts.createSourceFile(
    file,
    text,
    { languageVersion: ts.ScriptTarget.Latest, jsDocParsingMode: ts.JSDocParsingMode.ParseNone },
    true,
    scriptKindOf(file),
  );
}

/**
 * Caches a per-file fact on the parsed tree. `SourceCache` hands out the same tree while a file's
 * text is unchanged, so after an edit only the edited file's facts are computed again, however
 * many rules ask for them.
 */
export function memoizeBySource<T>(compute: (sourceFile: ts.SourceFile) => T): (sourceFile: ts.SourceFile) => T {
  const cache = new WeakMap<ts.SourceFile, T>();
  return (sourceFile) => {
    if (!cache.has(sourceFile)) cache.set(sourceFile, compute(sourceFile));
    return cache.get(sourceFile)!;
  };
}

/**
 * The deepest tree handed to rules. Rules and facts walk trees recursively (`ts.forEachChild(node,
 * visit)`), a few stack frames per level. With Node's default stack, the first rule failed at about
 * 1,500 levels (nested arrow functions; string concatenations, `else if` chains, JSX, ternaries and
 * member chains at 1,800 to 3,000), and the parser itself, before its code is optimized, at about
 * 700 nested calls (it fails cleanly: see `SourceCache`). test/unit/core/robustness.test.ts checks
 * every known shape at this depth with 60% of the default stack. Real code stays below 100 levels;
 * generated or minified code may not, and such a file costs only its own findings.
 */
export const maxTreeDepth = 400;

/** Why a file is not handed to rules (its text did not parse, or its tree is too deep to walk safely). */
export interface SourceProblem {
  kind: 'parse-failed' | 'too-deep';
  /** The parser's error, or the depth found. */
  detail: string;
}

/**
 * The depth of a tree (the root is 0), measured without recursion so that hostile input cannot
 * overflow the measurement itself. Stops early once `limit` is exceeded.
 */
export function treeDepth(root: ts.Node, limit = Number.POSITIVE_INFINITY): number {
  const nodes: ts.Node[] = [root];
  const depths: number[] = [0];
  let deepest = 0;
  while (nodes.length > 0) {
    const node = nodes.pop()!;
    const depth = depths.pop()!;
    if (depth > deepest) deepest = depth;
    if (deepest > limit) break;
    ts.forEachChild(node, (child) => {
      nodes.push(child);
      depths.push(depth + 1);
    });
  }
  return deepest;
}

interface CachedSource {
  text: string;
  tree?: ts.SourceFile;
  problem?: SourceProblem;
}

/**
 * Source text whose trees `SourceCache` keeps by default. A tree takes about 40 times its text (a
 * 1.3 KB page: 50 KB), so 256 KB of text is about 10 MB of trees. Little is needed: what rules read
 * of a file is computed as facts when it is parsed and kept by content (`FileFactCache`, `treeFact`),
 * and the Convex folder index and webhook route analyses keep the trees they were built from. A
 * budget of 4 MB held 180 MB of trees in a 20,000-file check for no gain in speed.
 */
export const defaultTreeBudget = 256 * 1024;

/**
 * Parsed trees keyed by file and text: a file is re-parsed only when its text changed, which is
 * what makes re-analysis after a keystroke cheap (other files reuse their trees). Trees are kept
 * up to `treeBudget` characters of source. Beyond it, the least recently used trees of files out
 * of focus (other projects than the one being analyzed) are dropped; when only focused trees are
 * left, a further file is parsed without being kept. Dropping focused trees instead would make
 * every rule's pass over a project larger than the budget parse each file again (LRU thrashes on
 * repeated scans); this way most passes hit and the rest parse only the overflow. Per-file facts
 * that outlive trees: `ModuleFactsCache`. A file the parser cannot handle (it overflows its stack
 * on ~1,000 nested parentheses) or whose tree is deeper than `maxTreeDepth` yields no tree, and
 * its problem is kept for the engine to report.
 */
export class SourceCache {
  /** In use order, least recent first (a hit moves the entry to the end). */
  private readonly entries = new Map<string, CachedSource>();
  private keptCharacters = 0;
  private isFocused: (file: string) => boolean = () => true;

  constructor(private readonly treeBudget = defaultTreeBudget) {}

  /** The files the next analysis step reads (a project and its peers): their trees are kept first. */
  focusOn(isFocused: (file: string) => boolean): void {
    this.isFocused = isFocused;
  }

  get(file: string, text: string): ts.SourceFile | undefined {
    const cached = this.entries.get(file);
    if (cached && cached.text === text) {
      if (cached.tree) {
        this.entries.delete(file);
        this.entries.set(file, cached);
      }
      return cached.tree;
    }
    this.delete(file);
    const entry = parseChecked(file, text);
    if (!entry.tree) this.entries.set(file, entry);
    else if (this.makeRoom(text.length)) {
      this.entries.set(file, entry);
      this.keptCharacters += text.length;
    }
    return entry.tree;
  }

  /**
   * Files whose text yields no tree, with the reason. `textOf` gives the current texts: a file
   * edited since (and not parsed again, as no rule needed it) has no problem any more.
   */
  problems(textOf?: (file: string) => string | undefined): Map<string, SourceProblem> {
    const problems = new Map<string, SourceProblem>();
    for (const [file, entry] of this.entries) if (entry.problem && (!textOf || textOf(file) === entry.text)) problems.set(file, entry.problem);
    return problems;
  }

  delete(file: string): void {
    const entry = this.entries.get(file);
    if (entry?.tree) this.keptCharacters -= entry.text.length;
    this.entries.delete(file);
  }

  /** Drops unfocused trees, least recently used first, until `characters` more fit; false when they do not. */
  private makeRoom(characters: number): boolean {
    for (const [file, entry] of this.entries) {
      if (this.keptCharacters + characters <= this.treeBudget) return true;
      if (entry.tree && !this.isFocused(file)) this.delete(file);
    }
    return this.keptCharacters + characters <= this.treeBudget;
  }
}

function parseChecked(file: string, text: string): CachedSource {
  let tree: ts.SourceFile;
  try {
    tree = parseSource(file, text);
  } catch (error) {
    return { text, problem: { kind: 'parse-failed', detail: error instanceof Error ? error.message : String(error) } };
  }
  const depth = treeDepth(tree, maxTreeDepth);
  return depth > maxTreeDepth ? { text, problem: { kind: 'too-deep', detail: String(depth) } } : { text, tree };
}

/**
 * A cheap text test before parsing: whether a file's text contains any of `needles` (an imported
 * module's name, a called function's name). A file without them cannot hold what the caller looks
 * for, so it is never parsed for it: most files of a large app import neither Clerk nor Convex.
 */
export function mentionsAny(text: string | undefined, needles: readonly string[]): boolean {
  return text !== undefined && needles.some((needle) => text.includes(needle));
}

/** The 0-based range of a node (without leading trivia). */
export function rangeOfNode(node: ts.Node, sourceFile: ts.SourceFile = node.getSourceFile()): Range {
  return rangeOfSpan(sourceFile, node.getStart(sourceFile), node.getEnd());
}

export function rangeOfSpan(sourceFile: ts.SourceFile, start: number, end: number): Range {
  const from = sourceFile.getLineAndCharacterOfPosition(start);
  const to = sourceFile.getLineAndCharacterOfPosition(end);
  return { start: { line: from.line, character: from.character }, end: { line: to.line, character: to.character } };
}

/** The range of a string literal's content, without its quotes (where a rename fix edits). */
export function rangeOfStringContent(node: ts.StringLiteralLike, sourceFile: ts.SourceFile = node.getSourceFile()): Range {
  return rangeOfSpan(sourceFile, node.getStart(sourceFile) + 1, node.getEnd() - 1);
}

/** Every node under `root` (itself included) in document order, without recursion: deeply nested code cannot overflow the stack. */
export function* descendants(root: ts.Node): Generator<ts.Node> {
  const stack: ts.Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    yield node;
    const children: ts.Node[] = [];
    ts.forEachChild(node, (child) => {
      children.push(child);
    });
    for (let index = children.length - 1; index >= 0; index--) stack.push(children[index]);
  }
}

export function anyDescendant(root: ts.Node, predicate: (node: ts.Node) => boolean): boolean {
  for (const node of descendants(root)) if (predicate(node)) return true;
  return false;
}
