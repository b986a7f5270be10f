import * as l10n from '@vscode/l10n';
import { decodePublishableKey, secretKeyInstanceType } from '../clerkKeys';
import { definitionLocation, publishableKeyName, secretKeyName } from '../env/variables';
import type { Rule } from './rule';
import type { Finding } from '../model';

/** What identifies the Clerk instance a key value belongs to, or undefined when it cannot be told. */
function instanceOf(key: string, value: string): string | undefined {
  if (key === publishableKeyName) {
    const decoded = decodePublishableKey(value);
    return decoded ? `${decoded.instanceType}:${decoded.frontendApi}` : undefined;
  }
  // Secret keys reveal only their instance type.
  return secretKeyInstanceType(value);
}

export const envConflictRule: Rule = {
  id: 'env-conflict',
  defaultSeverity: 'warning',
  get title() {
    return l10n.t('Env files disagree on the Clerk instance');
  },
  get description() {
    return l10n.t('Two env files that load together give a Clerk key values from different Clerk instances; the lower-precedence one silently loses.');
  },
  check(ctx) {
    const findings: Finding[] = [];
    for (const key of [publishableKeyName, secretKeyName]) {
      const [winner, ...shadowed] = ctx.env.definitionsOf(key);
      const winnerInstance = winner && instanceOf(key, winner.value);
      if (!winnerInstance) continue;
      for (const loser of shadowed) {
        const loserInstance = instanceOf(key, loser.value);
        const where = definitionLocation(loser);
        if (!loserInstance || loserInstance === winnerInstance || !where) continue;
        findings.push({
          ruleId: this.id,
          severity: 'warning',
          location: where,
          message: l10n.t(
            '{0} here belongs to a different Clerk instance than in {1}, which Next.js loads first, so this value is silently ignored (a classic "wrong instance" bug). Keep one instance\'s keys, or remove this line.',
            key,
            winner.file!.name,
          ),
          related: [{ location: definitionLocation(winner)!, message: l10n.t('The value Next.js uses ({0})', winner.file!.name) }],
        });
      }
    }
    return findings;
  },
};
