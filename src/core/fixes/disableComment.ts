import type { TextEdit } from '../model';
import { commentStyleOf } from '../project/analysisInputs';

const marker = 'clerk-toolkit-disable-next-line';

/**
 * The edit behind "Disable <rule> for this line": a `clerk-toolkit-disable-next-line <id>` comment
 * above the finding's line, with its indentation; `#` in env files, `{/* … *\/}` between JSX
 * children (where `//` would render as text). When the line above already holds such a comment,
 * the id is appended to it instead.
 */
export function disableCommentEdit(file: string, text: string, line: number, ruleId: string): TextEdit {
  const lines = text.split(/\r?\n/);
  const current = lines[line] ?? '';
  const previous = line > 0 ? lines[line - 1] : undefined;
  const existing = previous === undefined ? undefined : new RegExp(`^(\\s*(?://|#|\\{?/\\*)\\s*${marker}\\b[^*]*?)(\\s*\\*/\\}?)?\\s*$`).exec(previous);
  if (existing && previous !== undefined) {
    const end = existing[1].length;
    return { file, range: { start: { line: line - 1, character: end }, end: { line: line - 1, character: end } }, newText: `, ${ruleId}` };
  }
  const indent = /^\s*/.exec(current)![0];
  const comment =
    commentStyleOf(file) === 'hash'
      ? `# ${marker} ${ruleId}`
      : isBetweenJsxChildren(file, current, previous)
        ? `{/* ${marker} ${ruleId} */}`
        : `// ${marker} ${ruleId}`;
  return { file, range: { start: { line, character: 0 }, end: { line, character: 0 } }, newText: `${indent}${comment}\n` };
}

/**
 * A line starting with a JSX tag right after a line ending a tag (`<Parent>` or `<Sibling />`)
 * is a JSX child. After `(`, `return` or `=`, it is an expression and `//` is correct.
 */
function isBetweenJsxChildren(file: string, current: string, previous: string | undefined): boolean {
  if (!/\.(tsx|jsx)$/.test(file) || !current.trimStart().startsWith('<') || previous === undefined) return false;
  return /(>|\}|\/>)\s*$/.test(previous) && !/=>\s*$/.test(previous);
}
