// `--format json`: an array of flat records, 1-based positions, file relative to the checked folder.
import type { Finding, Severity } from '../../core/model';
import { singleLine, toReported } from './report';

export interface JsonFinding {
  ruleId: string;
  severity: Severity;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  message: string;
}

export function formatJson(rootDir: string, findings: readonly Finding[]): string {
  const records: JsonFinding[] = toReported(rootDir, findings).map(({ finding, file, line, column, endLine, endColumn }) => ({
    ruleId: finding.ruleId,
    severity: finding.severity,
    file,
    line,
    column,
    endLine,
    endColumn,
    message: singleLine(finding.message),
  }));
  return JSON.stringify(records, null, 2) + '\n';
}
