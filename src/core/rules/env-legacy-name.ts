import * as l10n from '@vscode/l10n';
import { parse as parseJsonc } from 'jsonc-parser';
import * as semver from 'semver';
import type { EnvFile } from '../env/appEnv';
import { findEntry } from '../env/envFile';
import { renameEnvReads, renameKeyInEnvFiles } from '../env/envEdits';
import { declaredRange, lowestVersionOf } from '../project/versions';
import type { PackageJson } from '../project/types';
import { envReadsIn, keyLocation, publishableKeyName, verifyWebhookCallsWithoutSecret, webhookSigningSecretName } from '../env/variables';
import type { RuleContext } from '../model';
import type { Rule } from './rule';
import type { Finding } from '../model';

interface Legacy {
  /** The current name, when a rename is the fix. */
  replacement?: string;
  /** Info where the installed SDK still reads the name (deprecated there); warning otherwise. */
  severity?: 'info';
  message(key: string): string;
}

/**
 * The first Core 2 major of each Clerk SDK: below it (Core 1), CLERK_API_KEY and the *FRONTEND_API
 * names are still read (deprecated; @clerk/nextjs 4.31.8 reads both in server/constants.js, 5.0.0
 * neither).
 */
const core2Majors: Record<string, string> = {
  '@clerk/nextjs': '5.0.0',
  '@clerk/clerk-react': '5.0.0',
  '@clerk/clerk-js': '5.0.0',
  '@clerk/clerk-sdk-node': '5.0.0',
  '@clerk/remix': '4.0.0',
  'gatsby-plugin-clerk': '5.0.0',
  '@clerk/backend': '1.0.0',
  '@clerk/fastify': '1.0.0',
};

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
          severity: legacy.severity ?? 'warning',
          location: keyLocation(file, entry),
          message: legacy.message(entry.key),
          fixes: replacement
            ? [
                {
                  title: l10n.t('Rename {0} to {1}', entry.key, replacement),
                  edits: [...renameKeyInEnvFiles(files, entry.key, replacement), ...renameEnvReads(ctx, ctx.project, entry.key, replacement)],
                  preferred: true,
                },
              ]
            : undefined,
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
        message: (name) =>
          l10n.t(
            '{0} is ignored by @clerk/nextjs 7 (Core 3), so users land on the default page after signing in or up. Use {1} (or the *_FORCE_REDIRECT_URL variant).',
            name,
            replacement,
          ),
      };
    }
    case 'CLERK_API_KEY':
    case 'CLERK_FRONTEND_API':
    case 'NEXT_PUBLIC_CLERK_FRONTEND_API': {
      // Code that reads the name itself uses it as the app's own variable.
      if (readByCode(ctx, key)) return undefined;
      const core1 = core1Sdk(ctx);
      if (key === 'CLERK_API_KEY') {
        return {
          replacement: definedIn(files, 'CLERK_SECRET_KEY') ? undefined : 'CLERK_SECRET_KEY',
          ...(core1
            ? {
                severity: 'info' as const,
                message: (name: string) =>
                  l10n.t(
                    '{0} is still read by {1} but deprecated: from the next major only CLERK_SECRET_KEY is read. Rename it to CLERK_SECRET_KEY when you upgrade.',
                    name,
                    core1,
                  ),
              }
            : {
                message: (name: string) =>
                  l10n.t(
                    '{0} is the pre-2022 name; current Clerk SDKs read only CLERK_SECRET_KEY, so the server has no secret key. Rename it to CLERK_SECRET_KEY.',
                    name,
                  ),
              }),
        };
      }
      return core1
        ? {
            severity: 'info',
            message: (name) =>
              l10n.t(
                '{0} is still read by {1} but deprecated: from the next major the Frontend API comes from NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY. Set the publishable key before you upgrade.',
                name,
                core1,
              ),
          }
        : {
            message: (name) =>
              l10n.t(
                '{0} is no longer read: current Clerk SDKs derive the Frontend API from NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY. Set the publishable key from the Clerk dashboard and remove this variable.',
                name,
              ),
          };
    }
    case 'CLERK_PUBLISHABLE_KEY':
      if (!app || definedIn(files, publishableKeyName)) return undefined;
      return {
        replacement: publishableKeyName,
        message: (name) =>
          l10n.t(
            '{0} is not read by @clerk/nextjs: the browser needs the NEXT_PUBLIC_ prefix, so Clerk reports a missing publishable key. Rename it to {1}.',
            name,
            publishableKeyName,
          ),
      };
    case 'WEBHOOK_SECRET':
    case 'SIGNING_SECRET':
    case 'CLERK_WEBHOOK_SECRET': {
      // Only when verifyWebhook() falls back to its one env name and nothing reads this name explicitly (Convex's http.ts often does).
      if (!app || definedIn(files, webhookSigningSecretName)) return undefined;
      if (verifyWebhookCallsWithoutSecret(ctx, app.sourceFiles).length === 0) return undefined;
      if (readByCode(ctx, key)) return undefined;
      return {
        replacement: webhookSigningSecretName,
        message: (name) =>
          l10n.t(
            '{0} is never read: verifyWebhook() without a signingSecret option reads only {1}, so every webhook fails verification. Rename it.',
            name,
            webhookSigningSecretName,
          ),
      };
    }
    default:
      return undefined;
  }
}

function readByCode(ctx: RuleContext, key: string): boolean {
  const code = [...(ctx.project.nextApp?.sourceFiles ?? []), ...ctx.project.convexDirs.flatMap((dir) => dir.functionFiles)];
  return envReadsIn(ctx, code).some((read) => read.name === key);
}

/** "@clerk/nextjs 4.31.8" when the project uses a Clerk SDK from before Core 2 (installed, else declared). */
function core1Sdk(ctx: RuleContext): string | undefined {
  const installed = ctx.project.nextApp?.versions['@clerk/nextjs'];
  if (installed) return semver.lt(installed, core2Majors['@clerk/nextjs']) ? `@clerk/nextjs ${installed}` : undefined;
  const pkg = packageJsonOf(ctx);
  for (const [name, core2] of Object.entries(core2Majors)) {
    const range = pkg && declaredRange(pkg, name);
    const lowest = range === undefined ? undefined : lowestVersionOf(range);
    if (lowest && semver.lt(lowest, core2)) return `${name} ${lowest}`;
  }
  return undefined;
}

function packageJsonOf(ctx: RuleContext): PackageJson | undefined {
  if (ctx.project.nextApp) return ctx.project.nextApp.packageJson;
  const file = `${ctx.project.root}/package.json`;
  const data = parseJsonc(ctx.readFile(file) ?? '') as PackageJson['data'] | undefined;
  return data && typeof data === 'object' ? { file, data } : undefined;
}
