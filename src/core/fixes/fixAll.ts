import type { Finding, Fix, TextEdit } from '../model';

export interface FixAllPlan {
  edits: TextEdit[];
  createFiles: NonNullable<Fix['createFiles']>;
  /** Applied after the edits, which use the old paths; a file is renamed at most once. */
  renameFiles: NonNullable<Fix['renameFiles']>;
  /** How many fixes made it in. */
  fixCount: number;
}

/**
 * What `source.fixAll.clerk` applies: each finding's first `safe` fix, skipping fixes that put
 * text on the clipboard (they need the user) and fixes whose edits overlap an edit already taken
 * (two rules fixing the same text). Identical edits and files created twice (two findings adding the
 same env key, or creating the same proxy.ts) count once.
 */
export function planFixAll(findings: readonly Finding[]): FixAllPlan {
  const plan: FixAllPlan = { edits: [], createFiles: [], renameFiles: [], fixCount: 0 };
  for (const finding of findings) {
    const fix = finding.fixes?.find((candidate) => candidate.safe && candidate.clipboardText === undefined);
    if (!fix) continue;
    const newEdits = fix.edits.filter((edit) => !plan.edits.some((taken) => sameEdit(taken, edit)));
    const newFiles = (fix.createFiles ?? []).filter((created) => !plan.createFiles.some((taken) => taken.file === created.file));
    if (newEdits.some((edit) => plan.edits.some((taken) => overlaps(taken, edit)))) continue;
    if (fix.renameFiles?.some((rename) => plan.renameFiles.some((taken) => taken.from === rename.from || taken.to === rename.to))) continue;
    plan.edits.push(...newEdits);
    plan.createFiles.push(...newFiles);
    plan.renameFiles.push(...(fix.renameFiles ?? []));
    plan.fixCount++;
  }
  return plan;
}

function sameEdit(a: TextEdit, b: TextEdit): boolean {
  return a.file === b.file && a.newText === b.newText && comparePositions(a.range.start, b.range.start) === 0 && comparePositions(a.range.end, b.range.end) === 0;
}

/** Overlapping ranges, or two insertions at the same point (their order would be arbitrary). */
function overlaps(a: TextEdit, b: TextEdit): boolean {
  if (a.file !== b.file) return false;
  if (comparePositions(a.range.start, b.range.start) === 0) return true;
  return comparePositions(a.range.start, b.range.end) < 0 && comparePositions(b.range.start, a.range.end) < 0;
}

function comparePositions(a: TextEdit['range']['start'], b: TextEdit['range']['start']): number {
  return a.line - b.line || a.character - b.character;
}
