import * as l10n from '@vscode/l10n';
import { declaredRange } from '../project/versions';
import { addEnvKeyFix } from '../env/envEdits';
import {
  definitionLocation, documentation, envReadsIn, holdsAnyClerkKey, isPlatformVariable, nextConfigEnvKeys, publishableKeyName,
  secretKeyName, verifyWebhookCallsWithoutSecret, webhookSigningSecretName,
} from '../env/variables';
import type { Rule, RuleContext } from './rule';
import type { Finding, Location, RelatedInfo, Severity } from './types';

/** A variable the app needs, and where the need shows (a code reference, or the file to change). */
interface Need {
  key: string;
  location: Location;
  reason: 'clerk' | 'webhook' | 'read';
}

export const envMissingRule: Rule = {
  id: 'env-missing',
  defaultSeverity: 'error',
  get title() {
    return l10n.t('Environment variable missing');
  },
  get description() {
    return l10n.t('A variable the app needs (Clerk keys, the webhook signing secret, or any process.env read without a fallback) is not defined in the env files Next.js loads.');
  },
  check(ctx) {
    const app = ctx.project.nextApp;
    if (!app) return [];
    const needs = collectNeeds(ctx);
    const fromConfig = nextConfigEnvKeys(ctx);
    const keyless = !holdsAnyClerkKey(ctx.project);
    const findings: Finding[] = [];
    for (const need of needs) {
      if (fromConfig.has(need.key)) continue;
      const definition = ctx.env.lookup(need.key);
      if (definition) {
        const where = definitionLocation(definition);
        if (definition.value === '' && where) {
          findings.push(finding(ctx, need.key, 'warning', { file: where.file, range: where.range },
            l10n.t('{0} is defined but empty in {1}: the app reads an empty string. Paste its value there.', need.key, definition.file!.name)));
        }
        continue;
      }
      const documented = documentation(ctx, need.key);
      const related: RelatedInfo[] = documented ? [{ location: documented, message: l10n.t('{0} is documented here', need.key) }] : [];
      if (ctx.project.envFiles.length > 0) {
        const isClerkKey = need.key === publishableKeyName || need.key === secretKeyName;
        if (isClerkKey && keyless) {
          findings.push(finding(ctx, need.key, 'warning', need.location,
            l10n.t('{0} is not set: Clerk runs in keyless mode in development, but production needs both keys. Add it to .env.local from the Clerk dashboard (API keys).', need.key), related));
        } else {
          findings.push(finding(ctx, need.key, 'error', need.location, messageForMissing(need), related));
        }
      } else if (!documented) {
        findings.push(finding(ctx, need.key, 'warning', need.location,
          l10n.t('{0} is needed but no env file defines or documents it: a fresh clone cannot know to set it. Document it in an example env file.', need.key)));
      }
    }
    return findings;
  },
};

function messageForMissing(need: Need): string {
  switch (need.reason) {
    case 'clerk':
      return l10n.t('{0} is not defined in any env file Next.js loads, so Clerk fails at startup ("Missing publishableKey/secretKey"). Add it to .env.local from the Clerk dashboard (API keys).', need.key);
    case 'webhook':
      return l10n.t('{0} is not defined, and verifyWebhook() reads it when no signingSecret is passed: every delivery fails verification. Add the endpoint\'s signing secret (whsec_…) to .env.local.', need.key);
    case 'read':
      return l10n.t('process.env.{0} is read without a fallback but no env file Next.js loads defines it, so it is undefined at runtime. Add it to .env.local.', need.key);
  }
}

function finding(ctx: RuleContext, key: string, severity: Severity, location: Location, message: string, related?: RelatedInfo[]): Finding {
  return { ruleId: envMissingRule.id, severity, location, message, related: related?.length ? related : undefined, fixes: [addEnvKeyFix(ctx, key)] };
}

function collectNeeds(ctx: RuleContext): Need[] {
  const app = ctx.project.nextApp!;
  const needs: Need[] = [];
  const reads = envReadsIn(ctx, app.sourceFiles).filter((read) => !read.hasFallback && !isPlatformVariable(read.name, 'next'));
  for (const read of reads) needs.push({ key: read.name, location: read.location, reason: 'read' });
  const readKeys = new Set(reads.map((read) => read.name));
  const envFileLocation = pointOfChange(ctx);
  if (declaredRange(app.packageJson, '@clerk/nextjs') !== undefined) {
    for (const key of [publishableKeyName, secretKeyName]) {
      if (!readKeys.has(key)) needs.push({ key, location: envFileLocation, reason: 'clerk' });
    }
  }
  for (const call of verifyWebhookCallsWithoutSecret(ctx, app.sourceFiles)) {
    if (!readKeys.has(webhookSigningSecretName)) needs.push({ key: webhookSigningSecretName, location: call.location, reason: 'webhook' });
  }
  return needs;
}

/** Findings with no code location point at the file to change: `.env.local` (or the first env file), else package.json. */
function pointOfChange(ctx: RuleContext): Location {
  const file = ctx.project.envFiles.find((env) => env.name === '.env.local') ?? ctx.project.envFiles[0];
  const target = file?.file ?? ctx.project.nextApp!.packageJson.file;
  const firstLine = (ctx.readFile(target) ?? '').split('\n')[0].replace(/\r$/, '');
  return { file: target, range: { start: { line: 0, character: 0 }, end: { line: 0, character: firstLine.length } } };
}
