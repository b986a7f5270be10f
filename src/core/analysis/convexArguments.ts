/**
 * What a public Convex function does with the arguments a client chooses: take the caller's identity
 * from them (`userId`, `clerkId`, `tokenIdentifier`, the user's email…) and select or write that
 * user's documents, or write a payment/plan/role/status field. Shared by
 * `convex-identity-from-args` and `convex-public-write-without-auth`, which split the work: a function
 * whose identity argument selects or writes belongs to the first; the second skips it.
 */
import type * as ts from 'typescript';
import type { Project, Workspace } from '../project/types';
import type { ConvexDir } from '../project/types';
import { readAuthConfig } from './convexAuthConfig';
import type { FileReader } from '../parse/fileFacts';
import { convexPeersOf, readConvexClientAuth } from './convexClientAuth';
import { argumentNames, ConvexFolder, nameText, type ArgumentUse, type ConvexFunction } from './convexFunctions';

/** The caller's own id: selecting or writing with it acts as that user. */
const callerIdPattern = /^(user|owner|clerk|clerkUser|viewer|currentUser|caller|requester|profile)_?id$/i;
/** Who did something: writing it from an argument lets anyone act in another's name. */
const actorIdPattern = /^(author|creator|sender|seller|buyer|customer|member)_?id$|^createdBy$/i;
/** The user's email: selecting a user's document by it reads that user. */
const emailPattern = /^(user_?)?email$/i;
const userTablePattern = /user|profile|account|member|customer/i;
/** Words of fields whose value a client must never choose for itself (`plan`, `isAdmin`, `stripeCustomerId`). */
const privilegedWords = new Set([
  'payment',
  'payments',
  'paid',
  'plan',
  'role',
  'roles',
  'status',
  'stripe',
  'subscription',
  'tier',
  'credit',
  'credits',
  'balance',
  'payout',
  'payouts',
  'billing',
  'permission',
  'permissions',
  'admin',
]);

export interface IdentityArgument {
  /** The argument's name in `args` (or the handler's destructuring). */
  node: ts.Node;
  name: string;
  use: ArgumentUse;
}

/** The first argument that carries the caller's identity and selects or writes with it (its write, if any). */
export function identityFromArguments(folder: ConvexFolder, fn: ConvexFunction): IdentityArgument | undefined {
  if (!isExposed(fn)) return undefined;
  for (const node of argumentNames(fn)) {
    const name = nameText(node)!;
    const accepts = identityUseFilter(name);
    const uses = accepts ? folder.argumentUses(fn, name).filter(accepts) : [];
    // A write is the graver use: name it when there is one.
    const use = uses.find((entry) => entry.use === 'write') ?? uses[0];
    if (use) return { node, name, use };
  }
  return undefined;
}

/** The first payment/plan/role/status/account argument the function writes with. */
export function privilegedWrite(folder: ConvexFolder, fn: ConvexFunction): IdentityArgument | undefined {
  if (!isExposed(fn)) return undefined;
  for (const node of argumentNames(fn)) {
    const name = nameText(node)!;
    const use = isPrivileged(name) ? folder.argumentUses(fn, name).find((entry) => entry.use === 'write') : undefined;
    if (use) return { node, name, use };
  }
  return undefined;
}

/** A public query/mutation/action that never asks who is calling. */
function isExposed(fn: ConvexFunction): boolean {
  return fn.isPublic && fn.kind !== 'httpAction' && !fn.checksIdentity;
}

/** By words, so `explanation` is not a plan: `stripeAccountId` → stripe, account, id. */
function isPrivileged(name: string): boolean {
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[\s_-]+/);
  return words.some((word) => privilegedWords.has(word)) || (words.includes('account') && words[words.length - 1] === 'id');
}

function identityUseFilter(name: string): ((use: ArgumentUse) => boolean) | undefined {
  if (callerIdPattern.test(name) || name === 'tokenIdentifier') return () => true;
  if (actorIdPattern.test(name)) return (use) => use.use === 'write';
  // A newsletter form writes an email on purpose; looking a user up by it is the leak.
  if (emailPattern.test(name)) return (use) => use.use === 'select' && use.tables.some((table) => userTablePattern.test(table));
  return undefined;
}

/**
 * The last index built for a folder, kept while the texts of its function files are unchanged: an
 * edit in an app re-checks the Convex package it talks to (a peer), and two rules read the same
 * folder. Checked by text, not by tree, so the source cache may let the trees go (the index keeps
 * those it was built from). A new project model (files added or removed) builds it again.
 */
const folderIndexes = new WeakMap<ConvexDir, { texts: (string | undefined)[]; trees: (ts.SourceFile | undefined)[]; folder: ConvexFolder }>();

/** The folder's functions, when the project has auth configured for it (else undefined: nothing to check against). */
export function readAuthenticatedFolder(dir: ConvexDir, project: Project, workspace: Workspace, reader: FileReader): ConvexFolder | undefined {
  if (!hasAuth(dir, project, workspace, reader)) return undefined;
  const texts = dir.functionFiles.map((file) => reader.readFile(file));
  const cached = folderIndexes.get(dir);
  const unchanged = (index: number) => cached !== undefined && cached.texts.length === texts.length && cached.texts[index] === texts[index];
  if (cached && texts.every((_, index) => unchanged(index))) return cached.folder;
  // An edit parses the edited file only: the others keep the trees the last index was built from.
  const trees = dir.functionFiles.map((file, index) => (unchanged(index) && cached!.trees[index]) || reader.source(file));
  const folder = new ConvexFolder(
    dir.dir,
    trees.flatMap((tree) => tree ?? []),
  );
  folderIndexes.set(dir, { texts, trees, folder });
  return folder;
}

/**
 * `compute` of a folder, kept with its index: an index is reused while none of the folder's files
 * changed (an edit in an app re-checks the Convex package it talks to), and so is what was
 * computed from it. Rules declare one at module level.
 */
export function keptPerFolder<T>(compute: (folder: ConvexFolder) => T): (folder: ConvexFolder) => T {
  const results = new WeakMap<ConvexFolder, { value: T }>();
  return (folder) => {
    let result = results.get(folder);
    if (!result) results.set(folder, (result = { value: compute(folder) }));
    return result.value;
  };
}

/** A provider in `convex/auth.config.*` (Clerk or any other), or an app that sends Clerk tokens to this folder. */
function hasAuth(dir: ConvexDir, project: Project, workspace: Workspace, reader: FileReader): boolean {
  const configured = dir.authConfigFiles.some((file) => {
    const sourceFile = reader.source(file);
    if (!sourceFile) return false;
    const config = readAuthConfig(sourceFile);
    return config.providers.length > 0 || (config.providersArray !== undefined && config.hasUnreadableProviders);
  });
  if (configured) return true;
  const apps = convexPeersOf(project, workspace).apps;
  return (
    readConvexClientAuth(
      apps.map((app) => app.sourceFiles),
      reader,
    ).clerkProviders.length > 0
  );
}
