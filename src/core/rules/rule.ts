import type { Finding, RuleContext, Severity } from '../model';

export interface Rule {
  /** Stable id, e.g. `env-missing`: used in settings, CLI output, SARIF, docs links, disable comments. */
  readonly id: string;
  readonly defaultSeverity: Severity;
  /** Localised one-line title. */
  readonly title: string;
  /** Localised description for docs, settings and SARIF (`docs/rules/<id>.md` has the long form). */
  readonly description: string;
  /** Findings for one project; the engine applies settings and disable comments afterwards. */
  check(ctx: RuleContext): Finding[];
}

export function docsUrl(ruleId: string): string {
  return `https://github.com/clerk-auth-toolkit/clerk-auth-toolkit/blob/main/docs/rules/${ruleId}.md`;
}
