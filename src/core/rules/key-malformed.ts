import * as l10n from '@vscode/l10n';
import { decodePublishableKey, secretKeyInstanceType } from '../clerkKeys';
import { publishableKeyName, secretKeyName, valueLocation, webhookSigningSecretName } from '../env/variables';
import type { Rule } from './rule';
import type { Finding } from '../model';

/** Each checked key: whether a (clean) value has the right shape, and what the shape is. */
const formats: Record<string, { isValid(value: string): boolean; expected: string }> = {
  [publishableKeyName]: { isValid: (value) => decodePublishableKey(value) !== undefined, expected: 'pk_test_… / pk_live_… (base64 of the Frontend API host)' },
  [secretKeyName]: { isValid: (value) => secretKeyInstanceType(value) !== undefined, expected: 'sk_test_… / sk_live_…' },
  [webhookSigningSecretName]: { isValid: (value) => value.startsWith('whsec_'), expected: 'whsec_…' },
  CLERK_WEBHOOK_SECRET: { isValid: (value) => value.startsWith('whsec_'), expected: 'whsec_…' },
};

const strayCharacters = /["'`\s]/g;
/** Template text left for the reader to replace (`your_clerk_secret_key`, `<secret>`, `xxxx`), as committed `.env` files ship it. */
const placeholderValue = /your|here|replace|placeholder|changeme|<|>|x{4}|\.\.\.|\u2026/i;

export const keyMalformedRule: Rule = {
  id: 'key-malformed',
  defaultSeverity: 'error',
  get title() {
    return l10n.t('Malformed Clerk key');
  },
  get description() {
    return l10n.t(
      'A non-empty Clerk publishable key, secret key or webhook signing secret does not have its documented format, or keeps quotes or spaces after dotenv parsing.',
    );
  },
  check(ctx) {
    const findings: Finding[] = [];
    for (const file of ctx.project.envFiles) {
      for (const entry of file.parsed.entries) {
        const format = formats[entry.key];
        // Empty values are "defined but empty": env-missing reports them.
        if (!format || entry.value === '') continue;
        const location = valueLocation(file, entry);
        const cleaned = entry.value.replace(strayCharacters, '');
        if (cleaned !== entry.value) {
          findings.push({
            ruleId: this.id,
            severity: 'error',
            location,
            message: l10n.t('{0} still contains quotes or spaces after dotenv parsing, so Clerk receives an invalid key. Remove them.', entry.key),
            fixes: format.isValid(cleaned)
              ? [
                  {
                    title: l10n.t('Remove quotes and spaces from {0}', entry.key),
                    edits: [{ file: file.file, range: entry.valueRange, newText: cleaned }],
                    preferred: true,
                    safe: true,
                  },
                ]
              : undefined,
          });
        } else if (!format.isValid(entry.value)) {
          // A value a higher-precedence file overrides never reaches Clerk.
          if (ctx.env.lookup(entry.key)?.file !== file) continue;
          if (placeholderValue.test(entry.value)) {
            findings.push({
              ruleId: this.id,
              severity: 'info',
              location,
              message: l10n.t(
                '{0} holds a placeholder, not a key: Clerk fails with "key not valid" until the real one is set. Put it in .env.local (kept out of git) from the Clerk dashboard.',
                entry.key,
              ),
            });
            continue;
          }
          findings.push({
            ruleId: this.id,
            severity: 'error',
            location,
            message: l10n.t(
              '{0} is not a valid key (expected {1}), so Clerk fails with "key not valid". Copy it again from the Clerk dashboard (API keys or the webhook endpoint).',
              entry.key,
              format.expected,
            ),
          });
        }
      }
    }
    return findings;
  },
};
