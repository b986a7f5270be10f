// `--format sarif`: SARIF 2.1.0 (validated against the official schema in test/unit/cli), with rule
// metadata so GitHub code scanning can show titles, help links and default levels.
import { pathToFileURL } from 'node:url';
import type { RuleMetadata } from '../../core/engine';
import type { Finding, Location, Severity } from '../../core/model';
import { oneBased, relativeFile, singleLine, toReported } from './report';

export interface SarifTool {
  version?: string;
  informationUri: string;
  rules: readonly RuleMetadata[];
}

const level: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** Result URIs are relative to this base so the log is portable between machines (CI checkouts). */
const rootBase = 'SRCROOT';

/** A part of the analysis that failed (`error`), or a file left out on purpose (`note`: too large, too deep…). */
export interface AnalysisNotice {
  level: 'error' | 'note';
  text: string;
}

/**
 * `notices` are analysis failures and files left out: reported as tool execution notifications, so
 * code scanning shows that the results are incomplete.
 */
export function formatSarif(rootDir: string, findings: readonly Finding[], tool: SarifTool, notices: readonly AnalysisNotice[] = []): string {
  const ruleIndex = new Map(tool.rules.map((rule, index) => [rule.id, index]));
  const physicalLocation = (location: Location) => {
    const { line, column, endLine, endColumn } = oneBased(location.range);
    return {
      artifactLocation: { uri: encodeURI(relativeFile(rootDir, location.file)), uriBaseId: rootBase },
      region: { startLine: line, startColumn: column, endLine, endColumn },
    };
  };
  const results = toReported(rootDir, findings).map(({ finding }) => ({
    ruleId: finding.ruleId,
    ...(ruleIndex.has(finding.ruleId) ? { ruleIndex: ruleIndex.get(finding.ruleId) } : {}),
    level: level[finding.severity],
    message: { text: singleLine(finding.message) },
    locations: [{ physicalLocation: physicalLocation(finding.location) }],
    ...(finding.related?.length
      ? {
          relatedLocations: finding.related.map((related, index) => ({
            id: index,
            physicalLocation: physicalLocation(related.location),
            message: { text: singleLine(related.message) },
          })),
        }
      : {}),
  }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'clerk-toolkit',
            fullName: 'Clerk Auth Toolkit',
            ...(tool.version ? { version: tool.version, semanticVersion: tool.version } : {}),
            informationUri: tool.informationUri,
            rules: tool.rules.map((rule) => ({
              id: rule.id,
              shortDescription: { text: rule.title },
              fullDescription: { text: singleLine(rule.description) },
              helpUri: rule.docsUrl,
              help: { text: `${singleLine(rule.description)} ${rule.docsUrl}` },
              defaultConfiguration: { level: level[rule.defaultSeverity] },
            })),
          },
        },
        originalUriBaseIds: { [rootBase]: { uri: pathToFileURL(rootDir.endsWith('/') ? rootDir : `${rootDir}/`).href } },
        columnKind: 'utf16CodeUnits',
        invocations: [
          {
            executionSuccessful: true,
            ...(notices.length > 0 ? { toolExecutionNotifications: notices.map(({ level, text }) => ({ level, message: { text: singleLine(text) } })) } : {}),
          },
        ],
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
