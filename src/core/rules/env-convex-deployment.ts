import * as l10n from '@vscode/l10n';
import { addEnvKeyFix, convexEnvSetCommand } from '../env/envEdits';
import { documentation, envReadsIn, isAssignedLocally, isPlatformVariable } from '../env/variables';
import type { Rule } from './rule';
import type { Finding, Fix } from './types';

export const envConvexDeploymentRule: Rule = {
  id: 'env-convex-deployment',
  defaultSeverity: 'warning',
  get title() {
    return l10n.t('Convex variable must be set on the deployment');
  },
  get description() {
    return l10n.t('Convex functions read process.env from the Convex deployment, never from .env.local. Flags variables read under convex/ that are documented nowhere, and NEXT_PUBLIC_* variables read there.');
  },
  check(ctx) {
    const findings: Finding[] = [];
    for (const convexDir of ctx.project.convexDirs) {
      for (const read of envReadsIn(ctx, convexDir.functionFiles)) {
        if (isPlatformVariable(read.name, 'convex')) continue;
        const local = ctx.env.lookup(read.name);
        const copyCommand: Fix = {
          title: l10n.t('Copy `npx convex env set {0} …` to the clipboard', read.name),
          edits: [],
          // The value from .env.local goes only to the clipboard, never into a title or message.
          clipboardText: convexEnvSetCommand(read.name, local?.value),
        };
        if (read.name.startsWith('NEXT_PUBLIC_')) {
          findings.push({
            ruleId: this.id,
            severity: 'warning',
            location: read.location,
            message: l10n.t('{0} is read in Convex code, but NEXT_PUBLIC_* variables belong to the Next.js client and are not set on the Convex deployment. Use a server-side name and set it with `npx convex env set`.', read.name),
            fixes: [copyCommand],
          });
          continue;
        }
        if (documentation(ctx, read.name) || isAssignedLocally(ctx.project, read.name)) continue;
        findings.push({
          ruleId: this.id,
          severity: read.hasFallback ? 'info' : 'warning',
          location: read.location,
          message: l10n.t('{0} is read by Convex functions but documented nowhere: Convex reads it from the deployment (not .env.local), and a new deployment fails without it. Set it with `npx convex env set {0}` and document it in an example env file.', read.name),
          fixes: [copyCommand, { ...addEnvKeyFix(ctx, read.name), preferred: false }],
        });
      }
    }
    return findings;
  },
};
