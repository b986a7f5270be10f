import * as l10n from '@vscode/l10n';
import type * as ts from 'typescript';
import { looksLikeClerkIssuer, readAuthConfig } from '../analysis/convexAuthConfig';
import { convexPeersOf, readConvexClientAuth } from '../analysis/convexClientAuth';
import { indexHelpers, readConvexFunctions, type ConvexFunction } from '../analysis/convexFunctions';
import { rangeOfNode } from '../parse/sourceFile';
import type { ConvexDir } from '../project/types';
import type { Rule, RuleContext } from './rule';
import type { Finding } from './types';

/**
 * Public Convex mutations and actions are callable by anyone who knows the deployment URL; with
 * Clerk configured, a write that never asks `ctx.auth.getUserIdentity()` is usually a forgotten
 * check. Inconsistency is the tell: when other public functions do check, it is a warning;
 * otherwise (demo code, intentionally public forms) only info.
 */
export const convexPublicWriteWithoutAuthRule: Rule = {
  id: 'convex-public-write-without-auth',
  defaultSeverity: 'warning',
  get title() {
    return l10n.t('Public Convex write without an identity check');
  },
  get description() {
    return l10n.t('An exported mutation or action that writes data and never reads ctx.auth.getUserIdentity(), while the project uses Clerk auth: anyone can call it.');
  },
  check(ctx) {
    return ctx.project.convexDirs.flatMap((dir) => checkConvexDir(dir, ctx));
  },
};

function checkConvexDir(dir: ConvexDir, ctx: RuleContext): Finding[] {
  if (!usesClerkAuth(dir, ctx)) return [];
  const sourceFiles = dir.functionFiles.flatMap((file) => {
    const sourceFile = ctx.source(file);
    return sourceFile ? [sourceFile] : [];
  });
  const helpers = indexHelpers(sourceFiles);
  const functions = sourceFiles.flatMap((sourceFile) => readConvexFunctions(sourceFile, helpers));
  // Showing the viewer's name is not a check; gating on the identity is.
  const checking = functions.find((fn) => fn.guardsIdentity && fn.kind !== 'httpAction');
  return functions
    .filter((fn) => (fn.kind === 'mutation' || fn.kind === 'action') && fn.writes.length > 0 && !fn.checksIdentity)
    .map((fn) => findingFor(fn, checking));
}

/** A Clerk provider in auth.config, or an app that sends Clerk tokens to this folder. */
function usesClerkAuth(dir: ConvexDir, ctx: RuleContext): boolean {
  const configured = dir.authConfigFiles.some((file) => {
    const sourceFile = ctx.source(file);
    return sourceFile !== undefined && readAuthConfig(sourceFile).providers.some((provider) => looksLikeClerkIssuer(provider.domain));
  });
  if (configured) return true;
  const apps = convexPeersOf(ctx.project, ctx.workspace).apps;
  return readConvexClientAuth(apps.flatMap((app) => app.sourceFiles), ctx.source).clerkProviders.length > 0;
}

function locationOf(node: ts.Node) {
  return { file: node.getSourceFile().fileName, range: rangeOfNode(node) };
}

function findingFor(fn: ConvexFunction, checking: ConvexFunction | undefined): Finding {
  const related = fn.writes.slice(0, 3).map((write) => ({ location: locationOf(write.expression), message: l10n.t('Writes here') }));
  if (checking) related.push({ location: locationOf(checking.name), message: l10n.t('{0} checks the identity', checking.name.text) });
  return {
    ruleId: convexPublicWriteWithoutAuthRule.id,
    severity: checking ? 'warning' : 'info',
    location: locationOf(fn.name),
    message: checking
      ? l10n.t('The public {0} "{1}" writes data but never reads ctx.auth.getUserIdentity(), unlike "{2}": anyone with the deployment URL can call it. Check the identity first, or make it an internal{3}.', fn.kind, fn.name.text, checking.name.text, fn.kind === 'mutation' ? 'Mutation' : 'Action')
      : l10n.t('The public {0} "{1}" writes data but never reads ctx.auth.getUserIdentity(): anyone with the deployment URL can call it. If it is not meant to be public, check the identity or make it an internal{2}.', fn.kind, fn.name.text, fn.kind === 'mutation' ? 'Mutation' : 'Action'),
    related,
  };
}
