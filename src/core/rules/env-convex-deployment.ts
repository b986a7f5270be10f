import * as l10n from '@vscode/l10n';
import { addEnvKeyFix, convexEnvSetCommand } from '../env/envEdits';
import { documentation, envReadsIn, isAssignedLocally, isOptionalRead, isPlatformVariable, readsByVariable } from '../env/variables';
import type { RuleContext } from '../model';
import type { Rule } from './rule';
import type { Finding, Fix, RelatedInfo } from '../model';

/** Related locations listed per finding. */
const maxRelated = 20;

export const envConvexDeploymentRule: Rule = {
  id: 'env-convex-deployment',
  defaultSeverity: 'warning',
  get title() {
    return l10n.t('Convex variable must be set on the deployment');
  },
  get description() {
    return l10n.t(
      'Convex functions read process.env (and the typed env of _generated/server) from the Convex deployment, never from .env.local. Flags variables read under convex/ that are documented nowhere, and NEXT_PUBLIC_* variables read there.',
    );
  },
  check(ctx) {
    const findings: Finding[] = [];
    const reads = envReadsIn(
      ctx,
      ctx.project.convexDirs.flatMap((dir) => dir.functionFiles),
    ).filter((read) => !isPlatformVariable(read.name, 'convex'));
    for (const [key, group] of readsByVariable(reads)) {
      const needing = group.filter((read) => !isOptionalRead(read));
      const anchor = needing[0] ?? group[0];
      const related: RelatedInfo[] = group
        .filter((read) => read !== anchor)
        .slice(0, maxRelated)
        .map((read) => ({ location: read.location, message: l10n.t('{0} is also read here', key) }));
      const copyCommand: Fix = {
        title: l10n.t('Copy `npx convex env set {0} …` to the clipboard', key),
        edits: [],
        // The value from .env.local goes only to the clipboard, never into a title or message.
        clipboardText: convexEnvSetCommand(key, ctx.env.lookup(key)?.value),
      };
      const base = { ruleId: this.id, location: anchor.location, related: related.length ? related : undefined };
      if (key.startsWith('NEXT_PUBLIC_')) {
        findings.push({
          ...base,
          severity: 'warning',
          message: l10n.t(
            '{0} is read in Convex code, but NEXT_PUBLIC_* variables belong to the Next.js client and are not set on the Convex deployment. Use a server-side name and set it with `npx convex env set`.',
            key,
          ),
          fixes: [copyCommand],
        });
        continue;
      }
      if (documentation(ctx, key) || isAssignedLocally(ctx.project, key)) continue;
      findings.push({
        ...base,
        severity: needing.length > 0 ? 'warning' : 'info',
        message: failsDeploy(
          ctx,
          group.map((read) => read.file),
        )
          ? l10n.t(
              '{0} is read by convex/auth.config but documented nowhere: Convex reads it from the deployment (not .env.local), and pushing to a deployment without it fails. Set it with `npx convex env set {0}` and document it in an example env file.',
              key,
            )
          : l10n.t(
              '{0} is read by Convex functions but documented nowhere: Convex reads it from the deployment (not .env.local), and on a deployment without it the read is undefined at run time. Set it with `npx convex env set {0}` and document it in an example env file.',
              key,
            ),
        fixes: [copyCommand, { ...addEnvKeyFix(ctx, key), preferred: false }],
      });
    }
    return findings;
  },
};

/**
 * `convex/auth.config.*` is evaluated when functions are pushed: a variable it reads must exist, or
 * the push fails. (A variable declared required in `defineApp({ env })` fails the push too, but its
 * declaration documents it, so it never reaches this message.)
 */
function failsDeploy(ctx: RuleContext, files: string[]): boolean {
  const authConfigs = new Set(ctx.project.convexDirs.flatMap((dir) => dir.authConfigFiles));
  return files.some((file) => authConfigs.has(file));
}
