import * as l10n from '@vscode/l10n';
import * as semver from 'semver';
import { addEnvKeyFix, createEnvExampleFix } from '../env/envEdits';
import {
  clerkUse,
  convexDevVariables,
  definitionLocation,
  documentation,
  envReadsIn,
  holdsAnyClerkKey,
  isOptionalRead,
  isPlatformVariable,
  isToolingFile,
  keylessModeRange,
  monorepoConvexUrlSource,
  nextConfigEnvKeys,
  otherModeDefinition,
  publishableKeyName,
  readsByVariable,
  runsConvexDev,
  secretKeyName,
  t3EnvSchema,
  usesConvex,
  verifyWebhookCallsWithoutSecret,
  webhookSigningSecretName,
  type ClerkUse,
  type LocatedEnvRead,
} from '../env/variables';
import type { RuleContext } from '../model';
import type { NextApp } from '../project/types';
import type { Rule } from './rule';
import type { Finding, Fix, Location, RelatedInfo, Severity } from '../model';

/** A variable the app needs, and where the need shows. */
interface Need {
  key: string;
  reason: 'clerk' | 'webhook' | 'read';
  /** The first read that needs it (files in path order, then line), else where the fix goes. */
  location: Location;
  /** The variable's other reads. */
  others: Location[];
  /** Per needing read, the other variables of its `||`/`??` chain (empty: no alternative). */
  chains: string[][];
}

/** From this version a missing key throws "Clerk keys are missing from your environment" wherever keyless mode cannot run (CI, production). */
const clerkKeysMissingErrorSince = '7.8.0';
const clerkInitCommand = 'npx clerk@latest init';
/** Related locations listed per finding (a variable read in 60 files is still one finding). */
const maxRelated = 20;

export const envMissingRule: Rule = {
  id: 'env-missing',
  defaultSeverity: 'error',
  get title() {
    return l10n.t('Environment variable missing');
  },
  get description() {
    return l10n.t(
      'A variable the app needs (Clerk keys when the code uses Clerk, the webhook signing secret for verifyWebhook, or a process.env read with no default and no presence test) is not defined in the env files Next.js loads, or documented nowhere.',
    );
  },
  check(ctx) {
    const app = ctx.project.nextApp;
    if (!app) return [];
    const clerk = clerkUse(ctx, app.sourceFiles);
    const webhookCalls = verifyWebhookCallsWithoutSecret(ctx, app.sourceFiles);
    // An app that uses neither Clerk nor Convex is not ours to lint.
    if (!clerk && webhookCalls.length === 0 && !usesConvex(ctx)) return [];
    // The developer's own env files (`*.local`, or git-ignored): without one this is a fresh clone or CI,
    // where a committed `.env` not setting a variable is no proof it is missing.
    const hasLocalFiles = ctx.project.envFiles.some((file) => file.kind === 'local' && (file.name.endsWith('.local') || ctx.workspace.isGitIgnored(file.file)));
    const fromConfig = nextConfigEnvKeys(ctx);
    const toolProvided = convexDevVariables(ctx.project);
    const isSet = (key: string) => fromConfig.has(key) || ctx.env.lookup(key) !== undefined;
    const findings: Finding[] = [];
    const undocumented: Need[] = [];
    const reported = new Set<string>();
    for (const need of collectNeeds(ctx, clerk, webhookCalls)) {
      if (fromConfig.has(need.key)) continue;
      const definition = ctx.env.lookup(need.key);
      if (definition) {
        const where = definitionLocation(definition);
        if (definition.value === '' && where) {
          findings.push(
            finding(
              ctx,
              need,
              'warning',
              l10n.t('{0} is defined but empty in {1}: the app reads an empty string. Paste its value there.', need.key, definition.file!.name),
              where,
            ),
          );
        }
        continue;
      }
      // `A || B`: set or documented, any operand of the chain does.
      const satisfied = (alternative: string) => isSet(alternative) || (!hasLocalFiles && documentation(ctx, alternative) !== undefined);
      if (need.chains.length > 0 && need.chains.every((chain) => chain.some(satisfied))) continue;
      if (toolProvided.includes(need.key)) {
        if (!runsConvexDev(app.packageJson)) {
          findings.push(
            finding(
              ctx,
              need,
              'info',
              l10n.t(
                '{0} is written into .env.local by `npx convex dev`, but no script of this package runs it: run `npx convex dev` once in this folder.',
                need.key,
              ),
            ),
          );
        }
        continue;
      }
      // `A ?? B` with neither set is one problem, reported at A.
      if (need.chains.length > 0 && need.chains.every((chain) => chain.some((alternative) => reported.has(alternative)))) continue;
      reported.add(need.key);
      const otherMode = otherModeDefinition(ctx, need.key);
      if (otherMode) {
        findings.push(
          finding(
            ctx,
            need,
            'info',
            l10n.t(
              '{0} is set only in {1}, so it is undefined under `next dev`. Add it to .env.local if development needs it too.',
              need.key,
              otherMode.file.slice(otherMode.file.lastIndexOf('/') + 1),
            ),
            need.location,
            [{ location: otherMode, message: l10n.t('{0} is set here', need.key) }],
          ),
        );
        continue;
      }
      const documented = documentation(ctx, need.key);
      if (hasLocalFiles) findings.push(missingFinding(ctx, need, documented));
      else if (!documented) undocumented.push(need);
    }
    return [...findings, ...undocumentedFindings(ctx, undocumented)];
  },
};

function finding(
  ctx: RuleContext,
  need: Need,
  severity: Severity,
  message: string,
  location = need.location,
  related: RelatedInfo[] = [],
  extraFixes: Fix[] = [],
): Finding {
  const others = need.others.slice(0, maxRelated).map((other) => ({ location: other, message: l10n.t('{0} is also read here', need.key) }));
  const all = [...related, ...others];
  return { ruleId: envMissingRule.id, severity, location, message, related: all.length ? all : undefined, fixes: [addEnvKeyFix(ctx, need.key), ...extraFixes] };
}

/** The project has local env files, and none defines a needed variable. */
function missingFinding(ctx: RuleContext, need: Need, documented: Location | undefined): Finding {
  const related: RelatedInfo[] = documented ? [{ location: documented, message: l10n.t('{0} is documented here', need.key) }] : [];
  const convexUrl = /CONVEX_URL$/.test(need.key) ? monorepoConvexUrlSource(ctx.workspace, ctx.project) : undefined;
  if (convexUrl)
    related.push({ location: convexUrl, message: l10n.t('`npx convex dev` writes CONVEX_URL for the Convex package here: copy its value as {0}', need.key) });
  if (need.reason !== 'clerk') return finding(ctx, need, 'error', messageForMissing(need), need.location, related);
  const version = ctx.project.nextApp?.versions['@clerk/nextjs'];
  const throwsKeysMissing = version !== undefined && semver.gte(version, clerkKeysMissingErrorSince);
  const initFix: Fix[] = throwsKeysMissing
    ? [{ title: l10n.t('Copy `{0}` to the clipboard', clerkInitCommand), edits: [], clipboardText: clerkInitCommand }]
    : [];
  const keyless = keylessModeRange(version);
  if (!holdsAnyClerkKey(ctx.project) && keyless !== 'keys-required') {
    const message = throwsKeysMissing
      ? l10n.t(
          '{0} is not set: Clerk runs in keyless mode in development only; in CI and production it throws "Clerk keys are missing from your environment". Run `{1}` or add the keys from the Clerk dashboard (API keys) to .env.local.',
          need.key,
          clerkInitCommand,
        )
      : keyless === 'keyless'
        ? l10n.t(
            '{0} is not set: Clerk runs in keyless mode in development, but production needs both keys. Add it to .env.local from the Clerk dashboard (API keys).',
            need.key,
          )
        : l10n.t(
            '{0} is not set. Clerk versions with keyless mode run without keys in development, others fail at startup; production always needs both keys. Add it to .env.local from the Clerk dashboard (API keys).',
            need.key,
          );
    return finding(ctx, need, 'warning', message, need.location, related, initFix);
  }
  const message = throwsKeysMissing
    ? need.key === publishableKeyName
      ? l10n.t(
          '{0} is not defined in any env file Next.js loads, so Clerk throws "Clerk keys are missing from your environment" at startup. Run `{1}` or add it to .env.local from the Clerk dashboard (API keys).',
          need.key,
          clerkInitCommand,
        )
      : l10n.t(
          '{0} is not defined in any env file Next.js loads, so Clerk throws "Missing secretKey" on the first server call. Add it to .env.local from the Clerk dashboard (API keys).',
          need.key,
        )
    : messageForMissing(need);
  return finding(ctx, need, 'error', message, need.location, related, need.key === publishableKeyName ? initFix : []);
}

function messageForMissing(need: Need): string {
  switch (need.reason) {
    case 'clerk':
      return l10n.t(
        '{0} is not defined in any env file Next.js loads, so Clerk fails at startup ("Missing publishableKey/secretKey"). Add it to .env.local from the Clerk dashboard (API keys).',
        need.key,
      );
    case 'webhook':
      return l10n.t(
        "{0} is not defined, and verifyWebhook() reads it when no signingSecret is passed: every delivery fails verification. Add the endpoint's signing secret (whsec_…) to .env.local.",
        need.key,
      );
    case 'read':
      return l10n.t(
        'process.env.{0} is read without a fallback but no env file Next.js loads defines it, so it is undefined at runtime. Add it to .env.local.',
        need.key,
      );
  }
}

/**
 * No local env file (a fresh clone, CI): a variable documented nowhere is a warning, one per
 * variable when the project has an env template to add it to; with no template at all, one
 * project-level warning at the first of them lists them all ("create .env.example").
 */
function undocumentedFindings(ctx: RuleContext, needs: Need[]): Finding[] {
  if (needs.length === 0) return [];
  if (ctx.project.envTemplates.length > 0 || ctx.project.docs.workspaceEnvTemplates.length > 0) {
    return needs.map((need) =>
      finding(
        ctx,
        need,
        'warning',
        l10n.t('{0} is needed but no env file defines or documents it: a fresh clone cannot know to set it. Document it in an example env file.', need.key),
      ),
    );
  }
  const [first] = [...needs].sort((a, b) => compareLocations(a.location, b.location));
  const keys = needs.map((need) => need.key);
  return [
    {
      ruleId: envMissingRule.id,
      severity: 'warning',
      location: first.location,
      message: l10n.t(
        'This app needs {0}, but no local env file (.env.local) sets them and no env template (.env.example) or README documents them: a fresh clone cannot know what to set. Create .env.example listing them.',
        keys.join(', '),
      ),
      related: needs.filter((need) => need !== first).map((need) => ({ location: need.location, message: l10n.t('{0} is needed here', need.key) })),
      fixes: [createEnvExampleFix(ctx, keys)],
    },
  ];
}

function compareLocations(a: Location, b: Location): number {
  return a.file.localeCompare(b.file) || a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character;
}

/** The app's files without tooling ones, kept with the list: the same list on every analysis keeps its env reads join too. */
const codeFileLists = new WeakMap<readonly string[], string[]>();

function codeFilesOf(app: NextApp): string[] {
  let files = codeFileLists.get(app.sourceFiles);
  if (!files) codeFileLists.set(app.sourceFiles, (files = app.sourceFiles.filter((file) => !isToolingFile(file, app.root))));
  return files;
}

function collectNeeds(ctx: RuleContext, clerk: ClerkUse | undefined, webhookCalls: Location[]): Need[] {
  const app = ctx.project.nextApp!;
  const t3 = t3EnvSchema(ctx);
  const clerkKeys = clerk ? [publishableKeyName, secretKeyName] : [];
  const forcedBy = (key: string): Need['reason'] | undefined =>
    clerkKeys.includes(key) ? 'clerk' : key === webhookSigningSecretName && webhookCalls.length > 0 ? 'webhook' : undefined;
  const reads = envReadsIn(ctx, codeFilesOf(app)).filter((read) => !isPlatformVariable(read.name, 'next'));
  const needs: Need[] = [];
  for (const [key, group] of readsByVariable(reads)) {
    const needing = group.filter((read) => !isOptionalRead(read) && !t3.get(key)?.optional);
    const forced = forcedBy(key);
    if (needing.length === 0 && !forced) continue;
    const anchor: LocatedEnvRead = needing[0] ?? group[0];
    needs.push({
      key,
      reason: forced ?? 'read',
      location: anchor.location,
      others: group.filter((read) => read !== anchor).map((read) => read.location),
      // The SDK reads Clerk's keys and the signing secret itself: the app's chains do not stand in for them.
      chains: forced ? [] : needing.map((read) => read.alternatives),
    });
  }
  const read = new Set(needs.map((need) => need.key));
  for (const key of clerkKeys.filter((name) => !read.has(name))) {
    needs.push({ key, reason: 'clerk', location: ctx.project.envFiles.length > 0 ? pointOfChange(ctx) : clerk!.location, others: [], chains: [] });
  }
  if (webhookCalls.length > 0 && !read.has(webhookSigningSecretName)) {
    needs.push({ key: webhookSigningSecretName, reason: 'webhook', location: webhookCalls[0], others: webhookCalls.slice(1), chains: [] });
  }
  return needs;
}

/** Needs with no code location point at the file to change: `.env.local` (or the first env file). */
function pointOfChange(ctx: RuleContext): Location {
  const file = ctx.project.envFiles.find((env) => env.name === '.env.local') ?? ctx.project.envFiles[0];
  const firstLine = (ctx.readFile(file.file) ?? '').split('\n')[0].replace(/\r$/, '');
  return { file: file.file, range: { start: { line: 0, character: 0 }, end: { line: 0, character: firstLine.length } } };
}
