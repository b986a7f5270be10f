// What every output format of `clerk-toolkit check` shares: paths relative to the checked folder
// with '/', 1-based positions, single-line messages, and a stable order.
import * as path from 'node:path';
import type { Finding, Range } from '../../core/model';

/** A finding placed for printing: `file` is relative to the checked folder, positions are 1-based. */
export interface ReportedFinding {
  finding: Finding;
  file: string;
  line: number;
  column: number;
  endLine: number;
  /** Exclusive, like SARIF's and ESLint's: the column just after the last character. */
  endColumn: number;
}

/** `file` relative to `rootDir`, always with '/' (the engine's paths already use '/'). */
export function relativeFile(rootDir: string, file: string): string {
  const root = rootDir.split(path.sep).join('/');
  return path.posix.relative(root, file) || path.posix.basename(file);
}

export function oneBased(range: Range): Pick<ReportedFinding, 'line' | 'column' | 'endLine' | 'endColumn'> {
  return {
    line: range.start.line + 1,
    column: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

/** Terminals and code scanning UIs show one line per result; the engine's messages may wrap. */
export function singleLine(message: string): string {
  return message.replace(/\s*\n\s*/g, ' ').trim();
}

/** Sorted by file, then position, then rule id, so output is stable across runs and platforms. */
export function toReported(rootDir: string, findings: readonly Finding[]): ReportedFinding[] {
  return findings
    .map((finding) => ({ finding, file: relativeFile(rootDir, finding.location.file), ...oneBased(finding.location.range) }))
    .sort(
      (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column || a.finding.ruleId.localeCompare(b.finding.ruleId),
    );
}
