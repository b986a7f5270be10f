/**
 * What the rule registry dictates elsewhere: the `clerkToolkit.rules` setting's key enum in
 * package.json, the README rules table and one docs page per rule. The unit test compares them with
 * the registry; `node scripts/rules-catalog.mjs --write` (after a build) rewrites the enum and the table.
 */
import type { Rule } from '../../src/core/rules/rule';

export const readmeTableHeader = '| rule | default | what it catches |\n|---|---|---|\n';

/** The README rules table, header included, one row per rule in registry order. */
export function readmeRulesTable(rules: readonly Rule[]): string {
  return readmeTableHeader + rules.map((rule) => `| [\`${rule.id}\`](docs/rules/${rule.id}.md) | ${rule.defaultSeverity} | ${rule.title} |\n`).join('');
}

/** The README with its rules table replaced by `table` (the table runs from its header to the first line not starting with `|`). */
export function withReadmeTable(readme: string, table: string): string {
  const start = readme.indexOf(readmeTableHeader);
  if (start === -1) throw new Error('README has no rules table header');
  let end = start + readmeTableHeader.length;
  while (readme.startsWith('|', end)) end = readme.indexOf('\n', end) + 1;
  return readme.slice(0, start) + table + readme.slice(end);
}

/** The keys `clerkToolkit.rules` accepts (package.json `propertyNames.enum`). */
export function manifestRuleEnum(rules: readonly Rule[]): string[] {
  return rules.map((rule) => rule.id);
}

/** The first line of `docs/rules/<id>.md`: the id, then the default severity first among those it reports. */
export function docsHeadingPattern(rule: Rule): RegExp {
  return new RegExp(`^# ${rule.id} \\(${rule.defaultSeverity}\\b`);
}
