/**
 * Source parsing uses the TypeScript compiler API (`ts.createSourceFile`, no Program):
 * - it tolerates half-typed code (every keystroke in the editor) and still returns a full tree;
 * - positions are exact (`getStart`/`getEnd`, line/character), which squiggles and fixes need;
 * - one parser covers .ts/.tsx/.js/.jsx/.mjs/.cjs, JSX and `satisfies`, with the same AST the
 *   rest of the TypeScript ecosystem documents;
 * - the extension loads it lazily in a separate bundle, so its size does not slow activation.
 */
import * as ts from 'typescript';
import type { Range } from '../rules/types';

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
 * Parsed trees keyed by file and text: a file is re-parsed only when its text changed, which is
 * what makes re-analysis after a keystroke cheap (other files reuse their trees).
 */
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

export class SourceCache {
  private readonly trees = new Map<string, ts.SourceFile>();

  get(file: string, text: string): ts.SourceFile {
    const cached = this.trees.get(file);
    if (cached && cached.text === text) return cached;
    const tree = parseSource(file, text);
    this.trees.set(file, tree);
    return tree;
  }

  delete(file: string): void {
    this.trees.delete(file);
  }
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
