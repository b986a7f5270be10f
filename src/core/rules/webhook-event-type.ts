import * as l10n from '@vscode/l10n';
import { clerkEventTypeComparisons, eventComparisonMarkers, nearestEventType } from '../analysis/webhookEvents';
import { textTest } from '../parse/fileFacts';
import { rangeOfStringContent } from '../parse/sourceFile';
import { clerkWebhookEventTypes } from '../webhooks/catalog.generated';
import type { Rule } from './rule';
import type { Finding } from '../model';

/**
 * Event types `@clerk/backend`'s `WebhookEventType` union has but the 2025-04-15 webhooks spec
 * lacks. Clerk may still send them, so comparing with them is not a mistake.
 */
const sdkOnlyEventTypes = ['subscriptionItem.created'];

export const validClerkEventTypes: readonly string[] = [...new Set([...clerkWebhookEventTypes, ...sdkOnlyEventTypes])];

const mayCompareEventTypes = textTest(...eventComparisonMarkers);

/** A misspelt event type never matches, so the branch silently never runs (no error anywhere). */
export const webhookEventTypeRule: Rule = {
  id: 'webhook-event-type',
  defaultSeverity: 'warning',
  get title() {
    return l10n.t('Unknown Clerk webhook event type');
  },
  get description() {
    return l10n.t('A string compared with the type of a Clerk webhook event that is not a Clerk event type: the branch never runs.');
  },
  check(ctx) {
    const files = [...(ctx.project.nextApp?.sourceFiles ?? []), ...ctx.project.convexDirs.flatMap((convex) => convex.functionFiles)];
    const valid = new Set(validClerkEventTypes);
    const findings: Finding[] = [];
    for (const file of new Set(files)) {
      const sourceFile = ctx.fact(mayCompareEventTypes, file) ? ctx.source(file) : undefined;
      if (!sourceFile) continue;
      for (const { literal } of clerkEventTypeComparisons(sourceFile)) {
        if (valid.has(literal.text)) continue;
        const suggestion = nearestEventType(literal.text, validClerkEventTypes);
        const range = rangeOfStringContent(literal);
        findings.push({
          ruleId: webhookEventTypeRule.id,
          severity: 'warning',
          location: { file, range },
          message: suggestion
            ? l10n.t(
                "'{0}' is not a Clerk webhook event type, so this comparison is never true and its branch never runs. Did you mean '{1}'?",
                literal.text,
                suggestion,
              )
            : l10n.t(
                "'{0}' is not a Clerk webhook event type, so this comparison is never true and its branch never runs. Use a type from the Clerk event catalog (e.g. 'user.created').",
                literal.text,
              ),
          fixes: suggestion
            ? [{ title: l10n.t("Replace with '{0}'", suggestion), edits: [{ file, range, newText: suggestion }], preferred: true, safe: true }]
            : [],
        });
      }
    }
    return findings;
  },
};
