import * as l10n from '@vscode/l10n';
import * as ts from 'typescript';
import { identityFromArguments, keptPerFolder, readAuthenticatedFolder, type IdentityArgument } from '../analysis/convexArguments';
import type { ConvexFolder, ConvexFunction } from '../analysis/convexFunctions';
import { unwrapExpression } from '../parse/facts';
import { descendants, rangeOfNode } from '../parse/sourceFile';
import type { Rule } from './rule';
import type { Finding } from '../model';

/**
 * A public Convex function that trusts the caller's identity from its arguments (`userId`,
 * `clerkId`, `tokenIdentifier`, the user's email…) to select or write that user's documents: any
 * client can pass someone else's id and read or change their data. Owns such functions, also when
 * they write (`convex-public-write-without-auth` then stays silent on them).
 */
export const convexIdentityFromArgsRule: Rule = {
  id: 'convex-identity-from-args',
  defaultSeverity: 'warning',
  get title() {
    return l10n.t("Convex function trusts the caller's identity from its arguments");
  },
  get description() {
    return l10n.t(
      "A public query, mutation or action that takes the caller's identity (userId, clerkId, tokenIdentifier, email…) from its arguments and selects or writes that user's documents with it, without checking the identity: anyone can pass another user's id.",
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
  return folder.functions.flatMap((fn) => {
    if (fn.kind === 'query' && fn.writes.length === 0 && returnsOnlyProfileFields(fn.handler)) return [];
    const argument = identityFromArguments(folder, fn);
    return argument ? [findingFor(fn, argument)] : [];
  });
}

/** What any signed-in user may see of another: the fields a user badge shows. */
const profileFields = new Set([
  'name',
  'firstName',
  'lastName',
  'fullName',
  'username',
  'displayName',
  'image',
  'imageUrl',
  'avatar',
  'avatarUrl',
  'profileImage',
  'pictureUrl',
  'picture',
]);

/**
 * `return { name: user.name, image: user.image }` (or null): a query that shows another user's
 * badge by id leaks nothing private, so the id argument is not a hole there.
 */
function returnsOnlyProfileFields(handler: ts.FunctionLikeDeclaration): boolean {
  const body = handler.body;
  if (!body) return false;
  const returned = ts.isBlock(body)
    ? [...descendants(body)]
        .filter((node): node is ts.ReturnStatement => ts.isReturnStatement(node) && ts.findAncestor(node, ts.isFunctionLike) === handler)
        .map((node) => node.expression)
    : [body as ts.Expression];
  const isEmpty = (value: ts.Expression | undefined) =>
    value === undefined || value.kind === ts.SyntaxKind.NullKeyword || (ts.isIdentifier(value) && value.text === 'undefined');
  const isProfile = (value: ts.Expression) =>
    ts.isObjectLiteralExpression(value) &&
    value.properties.length > 0 &&
    value.properties.every(
      (property) =>
        (ts.isPropertyAssignment(property) || ts.isShorthandPropertyAssignment(property)) &&
        ts.isIdentifier(property.name) &&
        profileFields.has(property.name.text),
    );
  const values = returned.map((value) => value && unwrapExpression(value));
  return values.some((value) => value !== undefined && isProfile(value)) && values.every((value) => isEmpty(value) || isProfile(value!));
}

function locationOf(node: ts.Node) {
  return { file: node.getSourceFile().fileName, range: rangeOfNode(node) };
}

function findingFor(fn: ConvexFunction, argument: IdentityArgument): Finding {
  const writes = argument.use.use === 'write';
  return {
    ruleId: convexIdentityFromArgsRule.id,
    severity: 'warning',
    location: locationOf(fn.name),
    message: messageFor(fn, argument),
    related: [
      { location: locationOf(argument.node), message: l10n.t('"{0}" comes from the caller', argument.name) },
      { location: locationOf(argument.use.call), message: writes ? l10n.t('Writes with it here') : l10n.t('Selects with it here') },
    ],
  };
}

/** Writes with the id, finds the user's documents to change them, or only reads them. */
function messageFor(fn: ConvexFunction, { name, use }: IdentityArgument): string {
  if (use.use === 'write') {
    return l10n.t(
      'The public {0} "{1}" takes the caller\'s identity from its argument "{2}" and writes with it, without checking who is calling: anyone with the deployment URL can pass another user\'s {2} and change their data. Take the identity from ctx.auth.getUserIdentity() (identity.subject, or the user looked up from it) instead of the argument.',
      fn.kind,
      fn.name.text,
      name,
    );
  }
  if (fn.writes.length > 0) {
    return l10n.t(
      'The public {0} "{1}" takes the caller\'s identity from its argument "{2}", selects that user\'s documents with it and writes, without checking who is calling: anyone with the deployment URL can pass another user\'s {2} and change their data. Take the identity from ctx.auth.getUserIdentity() (identity.subject, or the user looked up from it) instead of the argument.',
      fn.kind,
      fn.name.text,
      name,
    );
  }
  return l10n.t(
    'The public {0} "{1}" takes the caller\'s identity from its argument "{2}" and selects that user\'s documents with it, without checking who is calling: anyone with the deployment URL can pass another user\'s {2} and read their data. Take the identity from ctx.auth.getUserIdentity() (identity.subject, or the user looked up from it) instead of the argument.',
    fn.kind,
    fn.name.text,
    name,
  );
}
