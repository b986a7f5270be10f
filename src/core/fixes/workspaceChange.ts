import type { Fix, TextEdit, WorkspaceChange } from '../model';

/** The steps of a fix in application order: created files, then edits grouped per file, then renames. */
export function workspaceChangeOf(fix: Pick<Fix, 'edits' | 'createFiles' | 'renameFiles'>): WorkspaceChange {
  const byFile = new Map<string, TextEdit[]>();
  for (const edit of fix.edits) byFile.set(edit.file, [...(byFile.get(edit.file) ?? []), edit]);
  return {
    changes: [
      ...(fix.createFiles ?? []).map(({ file, content }) => ({ kind: 'create' as const, file, content })),
      ...[...byFile].map(([file, edits]) => ({ kind: 'edit' as const, file, edits: edits.map(({ range, newText }) => ({ range, newText })) })),
      ...(fix.renameFiles ?? []).map(({ from, to }) => ({ kind: 'rename' as const, from, to })),
    ],
  };
}

/**
 * Applies a change to file contents (path → text) and returns the new contents. The one way fixes
 * are applied outside an editor: tests and the CLI use it, so they see what the editor would do.
 * A created file that already exists is left as it is (as the editor's `ignoreIfExists`); an edit
 * or rename of a missing file throws.
 */
export function applyWorkspaceChange(files: ReadonlyMap<string, string>, change: WorkspaceChange): Map<string, string> {
  const result = new Map(files);
  for (const step of change.changes) {
    if (step.kind === 'create') {
      if (!result.has(step.file)) result.set(step.file, step.content);
    } else if (step.kind === 'edit') {
      result.set(step.file, applyTextEdits(required(result, step.file), step.edits));
    } else if (step.kind === 'rename') {
      if (result.has(step.to)) throw new Error(`cannot rename ${step.from}: ${step.to} exists`);
      result.set(step.to, required(result, step.from));
      result.delete(step.from);
    } else {
      required(result, step.file);
      result.delete(step.file);
    }
  }
  return result;
}

function required(files: ReadonlyMap<string, string>, file: string): string {
  const text = files.get(file);
  if (text === undefined) throw new Error(`no such file: ${file}`);
  return text;
}

/**
 * Edits against the same original text, applied from the end so offsets stay valid. Positions past
 * the end of a line or of the text are clamped, as editors do. Overlapping edits throw (LSP and
 * VS Code reject them too), so a fix that would fail in the editor fails its test.
 */
export function applyTextEdits(text: string, edits: readonly Pick<TextEdit, 'range' | 'newText'>[]): string {
  const lineStarts = [0];
  for (let index = 0; index < text.length; index++) if (text[index] === '\n') lineStarts.push(index + 1);
  const lineEnd = (line: number) => {
    if (line + 1 >= lineStarts.length) return text.length;
    const newline = lineStarts[line + 1] - 1;
    return text[newline - 1] === '\r' ? newline - 1 : newline;
  };
  const offset = ({ line, character }: TextEdit['range']['start']) =>
    line >= lineStarts.length ? text.length : Math.min(lineStarts[line] + character, lineEnd(line));
  // Insertions at the same point keep their given order in the result (as LSP specifies).
  const sorted = edits
    .map((edit, order) => ({ start: offset(edit.range.start), end: offset(edit.range.end), newText: edit.newText, order }))
    .sort((a, b) => b.start - a.start || b.end - a.end || b.order - a.order);
  let result = text;
  sorted.forEach((edit, index) => {
    if (edit.end < edit.start) throw new Error(`edit ends before it starts (offsets ${edit.start}-${edit.end})`);
    const next = sorted[index - 1];
    if (next && edit.end > next.start) throw new Error(`overlapping edits at offsets ${edit.start}-${edit.end} and ${next.start}-${next.end}`);
    result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
  });
  return result;
}
