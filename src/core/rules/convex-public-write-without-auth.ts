import * as l10n from '@vscode/l10n';
import type * as ts from 'typescript';
import { identityFromArguments, keptPerFolder, privilegedWrite, readAuthenticatedFolder, type IdentityArgument } from '../analysis/convexArguments';
import type { ConvexFolder, ConvexFunction } from '../analysis/convexFunctions';
import { rangeOfNode } from '../parse/sourceFile';
import type { Rule } from './rule';
import type { Finding } from '../model';

/**
 * Public Convex mutations and actions are callable by anyone who knows the deployment URL; with auth
 * configured, a write that never checks the identity is usually a forgotten check. Severity by
 * impact: writing a payment/plan/role/status/account field the client chose is a warning on its own;
 * otherwise inconsistency is the tell (warning when another public function does check, info for
 * demo code and intentionally public forms). A function whose identity argument selects or writes
 * is left to `convex-identity-from-args` (one warning per function).
 */
export const convexPublicWriteWithoutAuthRule: Rule = {
  id: 'convex-public-write-without-auth',
  defaultSeverity: 'warning',
  get title() {
    return l10n.t('Public Convex write without an identity check');
  },
  get description() {
    return l10n.t(
      'An exported mutation or action that writes data and never checks the identity (ctx.auth.getUserIdentity(), directly, through a helper or a custom function builder), while the project has Convex auth configured: anyone can call it.',
    );
  },
  check(ctx) {
    return ctx.project.convexDirs.flatMap((dir) => {
      const folder = readAuthenticatedFolder(dir, ctx.project, ctx.workspace, ctx);
      return folder ? findingsOf(folder) : [];
    });
  },
};

/** Kept with the folder index: an edit in an app does not walk the unchanged folder's functions again. */
const findingsOf = keptPerFolder(checkFolder);

function checkFolder(folder: ConvexFolder): Finding[] {
  // Showing the viewer's name is not a check; gating on the identity is.
  const checking = folder.functions.find((fn) => fn.isPublic && fn.guardsIdentity && fn.kind !== 'httpAction');
  return folder.functions
    .filter((fn) => fn.isPublic && (fn.kind === 'mutation' || fn.kind === 'action') && fn.writes.length > 0 && !fn.checksIdentity)
    .filter((fn) => !identityFromArguments(folder, fn))
    .map((fn) => findingFor(fn, privilegedWrite(folder, fn), checking && { fn: checking, name: folder.referenceName(checking) }));
}

function locationOf(node: ts.Node) {
  return { file: node.getSourceFile().fileName, range: rangeOfNode(node) };
}

function findingFor(fn: ConvexFunction, privileged: IdentityArgument | undefined, checking: { fn: ConvexFunction; name: string } | undefined): Finding {
  const internalKind = fn.kind === 'mutation' ? 'internalMutation' : 'internalAction';
  const related = fn.writes.slice(0, 3).map((write) => ({ location: locationOf(write), message: l10n.t('Writes here') }));
  if (privileged) {
    related.unshift({ location: locationOf(privileged.node), message: l10n.t('"{0}" comes from the caller', privileged.name) });
    return {
      ruleId: convexPublicWriteWithoutAuthRule.id,
      severity: 'warning',
      location: locationOf(fn.name),
      message: l10n.t(
        'The public {0} "{1}" writes "{2}" from its arguments without checking the identity: anyone with the deployment URL can set it for any document (a plan, a role, a payout account…). Check the identity with ctx.auth.getUserIdentity() and the caller\'s right to change it, or make it an {3}.',
        fn.kind,
        fn.name.text,
        privileged.name,
        internalKind,
      ),
      related,
    };
  }
  if (checking) related.push({ location: locationOf(checking.fn.name), message: l10n.t('{0} checks the identity', checking.name) });
  return {
    ruleId: convexPublicWriteWithoutAuthRule.id,
    severity: checking ? 'warning' : 'info',
    location: locationOf(fn.name),
    message: checking
      ? l10n.t(
          'The public {0} "{1}" writes data but never checks the identity, unlike "{2}": anyone with the deployment URL can call it. Check ctx.auth.getUserIdentity() first, or make it an {3}.',
          fn.kind,
          fn.name.text,
          checking.name,
          internalKind,
        )
      : l10n.t(
          'The public {0} "{1}" writes data but never checks the identity: anyone with the deployment URL can call it. If it is not meant to be public, check ctx.auth.getUserIdentity() or make it an {2}.',
          fn.kind,
          fn.name.text,
          internalKind,
        ),
    related,
  };
}
