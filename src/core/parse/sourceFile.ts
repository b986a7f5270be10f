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
  return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, scriptKindOf(file));
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
 * Parsed trees keyed by file and text: a file is re-parsed only when its text changed, which is
 * what makes re-analysis after a keystroke cheap (other files reuse their trees). A file the parser
 * cannot handle (it overflows its stack on ~1,000 nested parentheses) or whose tree is deeper than
 * `maxTreeDepth` yields no tree, and its problem is kept for the engine to report.
 */
export class SourceCache {
  private readonly entries = new Map<string, CachedSource>();

  get(file: string, text: string): ts.SourceFile | undefined {
    let entry = this.entries.get(file);
    if (!entry || entry.text !== text) {
      entry = parseChecked(file, text);
      this.entries.set(file, entry);
    }
    return entry.tree;
  }

  /** Files whose current text yields no tree, with the reason. */
  problems(): Map<string, SourceProblem> {
    const problems = new Map<string, SourceProblem>();
    for (const [file, entry] of this.entries) if (entry.problem) problems.set(file, entry.problem);
    return problems;
  }

  delete(file: string): void {
    this.entries.delete(file);
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
