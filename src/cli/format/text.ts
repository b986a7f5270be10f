// `--format text`: one line per finding (`file:line:col  severity  message  [rule-id]`), a blank
// line between files, then a summary line. Control characters are shown escaped.
import * as l10n from '@vscode/l10n';
import type { Finding } from '../../core/model';
import { terminalSafe } from '../terminalText';
import { singleLine, toReported } from './report';

export function formatText(rootDir: string, findings: readonly Finding[]): string {
  const reported = toReported(rootDir, findings);
  const lines: string[] = [];
  reported.forEach((item, index) => {
    if (index > 0 && reported[index - 1].file !== item.file) lines.push('');
    // File names and messages (which quote the workspace's text) may hold terminal escape sequences.
    const file = terminalSafe(item.file);
    lines.push(`${file}:${item.line}:${item.column}  ${item.finding.severity}  ${terminalSafe(singleLine(item.finding.message))}  [${item.finding.ruleId}]`);
  });
  if (lines.length > 0) lines.push('');
  lines.push(summary(findings, new Set(reported.map((item) => item.file)).size));
  return lines.join('\n') + '\n';
}

function summary(findings: readonly Finding[], fileCount: number): string {
  if (findings.length === 0) return l10n.t('No problems found.');
  const count = (severity: Finding['severity']): number => findings.filter((finding) => finding.severity === severity).length;
  const errors = count('error');
  const warnings = count('warning');
  return l10n.t(
    '{0} in {1}: {2}, {3}, {4} info.',
    findings.length === 1 ? l10n.t('1 problem') : l10n.t('{0} problems', findings.length),
    fileCount === 1 ? l10n.t('1 file') : l10n.t('{0} files', fileCount),
    errors === 1 ? l10n.t('1 error') : l10n.t('{0} errors', errors),
    warnings === 1 ? l10n.t('1 warning') : l10n.t('{0} warnings', warnings),
    count('info'),
  );
}
