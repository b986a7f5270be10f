import * as l10n from '@vscode/l10n';
import * as semver from 'semver';
import type { EnvFile } from '../env/appEnv';
import { findEntry } from '../env/envFile';
import { renameEnvReads, renameKeyInEnvFiles } from '../env/envEdits';
import { envReadsIn, keyLocation, publishableKeyName, verifyWebhookCallsWithoutSecret, webhookSigningSecretName } from '../env/variables';
import type { Rule, RuleContext } from './rule';
import type { Finding } from './types';

interface Legacy {
  /** The current name, when a rename is the fix. */
  replacement?: string;
  message(key: string): string;
}

export const envLegacyNameRule: Rule = {
  id: 'env-legacy-name',
  defaultSeverity: 'warning',
  get title() {
    return l10n.t('Legacy Clerk environment variable name');
  },
  get description() {
    return l10n.t('Env files define names the current Clerk SDKs no longer read (matched exactly), so the setting silently has no effect.');
  },
  check(ctx) {
    const files = [...ctx.project.envFiles, ...ctx.project.envTemplates];
    const findings: Finding[] = [];
    const reported = new Set<string>();
    for (const file of files) {
      for (const entry of file.parsed.entries) {
        const legacy = legacyNameOf(ctx, files, entry.key);
        if (!legacy || reported.has(`${file.file}:${entry.key}`)) continue;
        reported.add(`${file.file}:${entry.key}`);
        const replacement = legacy.replacement;
        findings.push({
          ruleId: this.id,
          severity: 'warning',
          location: keyLocation(file, entry),
          message: legacy.message(entry.key),
          fixes: replacement ? [{
            title: l10n.t('Rename {0} to {1}', entry.key, replacement),
            edits: [...renameKeyInEnvFiles(files, entry.key, replacement), ...renameEnvReads(ctx, ctx.project, entry.key, replacement)],
            preferred: true,
          }] : undefined,
        });
      }
    }
    return findings;
  },
};

function definedIn(files: EnvFile[], key: string): boolean {
  return files.some((file) => findEntry(file.parsed, key) !== undefined);
}

function legacyNameOf(ctx: RuleContext, files: EnvFile[], key: string): Legacy | undefined {
  const app = ctx.project.nextApp;
  const clerkVersion = app?.versions['@clerk/nextjs'];
  switch (key) {
    case 'NEXT_PUBLIC_CLERK_AFTER_SIGN_IN_URL':
    case 'NEXT_PUBLIC_CLERK_AFTER_SIGN_UP_URL': {
      if (!clerkVersion || semver.lt(clerkVersion, '7.0.0')) return undefined;
      const replacement = key.includes('SIGN_IN') ? 'NEXT_PUBLIC_CLERK_SIGN_IN_FALLBACK_REDIRECT_URL' : 'NEXT_PUBLIC_CLERK_SIGN_UP_FALLBACK_REDIRECT_URL';
      return {
        replacement: definedIn(files, replacement) ? undefined : replacement,
        message: (name) => l10n.t('{0} is ignored by @clerk/nextjs 7 (Core 3), so users land on the default page after signing in or up. Use {1} (or the *_FORCE_REDIRECT_URL variant).', name, replacement),
      };
    }
    case 'CLERK_API_KEY':
      return {
        replacement: definedIn(files, 'CLERK_SECRET_KEY') ? undefined : 'CLERK_SECRET_KEY',
        message: (name) => l10n.t('{0} is the pre-2022 name; current Clerk SDKs read only CLERK_SECRET_KEY, so the server has no secret key. Rename it to CLERK_SECRET_KEY.', name),
      };
    case 'CLERK_FRONTEND_API':
    case 'NEXT_PUBLIC_CLERK_FRONTEND_API':
      return { message: (name) => l10n.t('{0} is no longer read: current Clerk SDKs derive the Frontend API from NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY. Set the publishable key from the Clerk dashboard and remove this variable.', name) };
    case 'CLERK_PUBLISHABLE_KEY':
      if (!app || definedIn(files, publishableKeyName)) return undefined;
      return {
        replacement: publishableKeyName,
        message: (name) => l10n.t('{0} is not read by @clerk/nextjs: the browser needs the NEXT_PUBLIC_ prefix, so Clerk reports a missing publishable key. Rename it to {1}.', name, publishableKeyName),
      };
    case 'WEBHOOK_SECRET':
    case 'SIGNING_SECRET':
    case 'CLERK_WEBHOOK_SECRET': {
      // Only when verifyWebhook() falls back to its one env name and nothing reads this name explicitly (Convex's http.ts often does).
      if (!app || definedIn(files, webhookSigningSecretName)) return undefined;
      if (verifyWebhookCallsWithoutSecret(ctx, app.sourceFiles).length === 0) return undefined;
      const allCode = [...app.sourceFiles, ...ctx.project.convexDirs.flatMap((dir) => dir.functionFiles)];
      if (envReadsIn(ctx, allCode).some((read) => read.name === key)) return undefined;
      return {
        replacement: webhookSigningSecretName,
        message: (name) => l10n.t('{0} is never read: verifyWebhook() without a signingSecret option reads only {1}, so every webhook fails verification. Rename it.', name, webhookSigningSecretName),
      };
    }
    default:
      return undefined;
  }
}
