/**
 * Does a Convex function (or a helper it calls) really check who the caller is? Only real checks
 * count — a name that merely contains "user" or "auth" proves nothing (`notifyUser(ctx, email)`):
 * - `ctx.auth.getUserIdentity()`, or `getAuthUserId(ctx)` from Convex Auth, directly or in a project
 *   helper that calls it (transitively, across the folder's files; cycles end the walk);
 * - a guard on the result of a package helper that receives the context
 *   (`const id = await getUserId(ctx); if (!id) throw …`);
 * - a shared-secret gate: an argument compared with `process.env.X` and a throw or return when it
 *   differs (inline or in a helper).
 */
import * as ts from 'typescript';
import { getEnvReads, getImports, unwrapExpression, type EnvRead, type ImportBinding } from '../parse/facts';
import { anyDescendant, descendants } from '../parse/sourceFile';

/** Functions (declarations or const arrows) by name across the folder: the helpers a handler may call. */
export type HelperIndex = Map<string, ts.FunctionLikeDeclaration[]>;

export interface IdentityUse {
  /** The function asks who the caller is (or gates on a shared secret). */
  reads: boolean;
  /** It also refuses to go on without an identity (`if (!identity) throw …`), not just shows it. */
  guards: boolean;
}

/** Package helpers that read the identity from the context. */
const packageIdentityReaders: Record<string, string[]> = {
  '@convex-dev/auth/server': ['getAuthUserId', 'getAuthSessionId'],
};

const none: IdentityUse = { reads: false, guards: false };

export class IdentityAnalyzer {
  private readonly cache = new Map<ts.FunctionLikeDeclaration, IdentityUse>();

  constructor(private readonly helpers: HelperIndex) {}

  /** The identity use of a function, following the project helpers it calls; memoized and cycle-safe. */
  useOf(fn: ts.FunctionLikeDeclaration): IdentityUse {
    const known = this.cache.get(fn);
    if (known) return known;
    this.cache.set(fn, none); // a cycle back into this function adds nothing
    const use = this.compute(fn);
    this.cache.set(fn, use);
    return use;
  }

  /** Project helpers a call may reach (by the callee's name). */
  helpersCalledBy(call: ts.CallExpression): ts.FunctionLikeDeclaration[] {
    const callee = unwrapExpression(call.expression);
    return ts.isIdentifier(callee) ? (this.helpers.get(callee.text) ?? []) : [];
  }

  private compute(fn: ts.FunctionLikeDeclaration): IdentityUse {
    const use: IdentityUse = { reads: false, guards: false };
    if (!fn.body) return use;
    const imports = getImports(fn.getSourceFile());
    const contextName = parameterName(fn, 0);
    const parameters = new Set(fn.parameters.flatMap((parameter) => boundNames(parameter.name)));
    /** Variables holding an identity (or a helper's answer about it). */
    const identityNames = new Set<string>();
    /** Variables holding the answer of a package helper given the context: a check only when guarded. */
    const candidateNames = new Set<string>();
    /** Locals holding a `process.env` value (`const expected = process.env.ADMIN_TOKEN`): the secret side of a gate. */
    const envNames = new Set<string>();
    const envReads = getEnvReads(fn.getSourceFile());
    for (const node of descendants(fn.body)) {
      if (
        ts.isVariableDeclaration(node) &&
        ts.isIdentifier(node.name) &&
        node.initializer &&
        envReads.some((read) => read.node.pos >= node.initializer!.pos && read.node.end <= node.initializer!.end)
      )
        envNames.add(node.name.text);
      if (ts.isCallExpression(node)) {
        this.visitCall(node, imports, contextName, use, identityNames, candidateNames);
        if (verifiesWithEnvSecret(node, envReads, envNames)) {
          use.reads = true;
          use.guards = true;
        }
      }
      if (ts.isIfStatement(node)) {
        if (mentionsAny(node.expression, identityNames)) use.guards = true;
        if (exits(node.thenStatement) && (mentionsAny(node.expression, candidateNames) || comparesArgumentWithEnv(node.expression, parameters, envNames))) {
          use.reads = true;
          use.guards = true;
        }
      }
      if (ts.isConditionalExpression(node) && mentionsAny(node.condition, identityNames)) use.guards = true;
    }
    return use;
  }

  private visitCall(
    call: ts.CallExpression,
    imports: ImportBinding[],
    contextName: string | undefined,
    use: IdentityUse,
    identityNames: Set<string>,
    candidateNames: Set<string>,
  ): void {
    const callee = unwrapExpression(call.expression);
    const assigned = assignedName(call);
    if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'getUserIdentity') {
      use.reads = true;
      if (assigned) identityNames.add(assigned);
      return;
    }
    const targets = ts.isIdentifier(callee) ? (this.helpers.get(callee.text) ?? []) : (this.helpers.get(runTargetKey(call) ?? '') ?? []);
    for (const target of targets) {
      const inner = this.useOf(target);
      use.reads ||= inner.reads;
      use.guards ||= inner.guards;
      if (inner.reads && assigned) identityNames.add(assigned);
    }
    if (targets.length > 0 || !ts.isIdentifier(callee)) return;
    const binding = imports.find((entry) => entry.localName === callee.text && !entry.typeOnly);
    if (!binding) return;
    if (packageIdentityReaders[binding.module]?.includes(binding.importedName)) {
      use.reads = true;
      if (assigned) identityNames.add(assigned);
      return;
    }
    const first = call.arguments[0] && unwrapExpression(call.arguments[0]);
    if (assigned && contextName && first && ts.isIdentifier(first) && first.text === contextName) candidateNames.add(assigned);
  }
}

export function indexHelpers(sourceFiles: ts.SourceFile[]): HelperIndex {
  const index: HelperIndex = new Map();
  const add = (name: string, fn: ts.FunctionLikeDeclaration) => index.set(name, [...(index.get(name) ?? []), fn]);
  for (const sourceFile of sourceFiles) {
    for (const statement of sourceFile.statements) {
      if (ts.isFunctionDeclaration(statement) && statement.name && statement.body) add(statement.name.text, statement);
      if (!ts.isVariableStatement(statement)) continue;
      for (const declaration of statement.declarationList.declarations) {
        const initializer = declaration.initializer && unwrapExpression(declaration.initializer);
        if (!ts.isIdentifier(declaration.name) || !initializer) continue;
        if (ts.isArrowFunction(initializer) || ts.isFunctionExpression(initializer)) add(declaration.name.text, initializer);
        const handler = convexHandler(initializer);
        if (handler) add(`${moduleName(sourceFile)}.${declaration.name.text}`, handler);
      }
    }
  }
  return index;
}

/**
 * `ctx.runQuery(internal.users.getCurrentUser)` → `users.getCurrentUser`: the key under which
 * `indexHelpers` files that Convex function's handler (module base name and export name).
 */
function runTargetKey(call: ts.CallExpression): string | undefined {
  const callee = unwrapExpression(call.expression);
  if (!ts.isPropertyAccessExpression(callee) || !['runQuery', 'runMutation', 'runAction'].includes(callee.name.text)) return undefined;
  const target = call.arguments[0] && unwrapExpression(call.arguments[0]);
  if (!target || !ts.isPropertyAccessExpression(target) || !ts.isPropertyAccessExpression(target.expression)) return undefined;
  return `${target.expression.name.text}.${target.name.text}`;
}

/** The handler of `query({ handler })` (any builder called with an object that has a function `handler`). */
function convexHandler(initializer: ts.Expression): ts.FunctionLikeDeclaration | undefined {
  if (!ts.isCallExpression(initializer)) return undefined;
  const options = initializer.arguments[0] && unwrapExpression(initializer.arguments[0]);
  if (!options || !ts.isObjectLiteralExpression(options)) return undefined;
  for (const property of options.properties) {
    if (ts.isMethodDeclaration(property) && property.name.getText() === 'handler') return property;
    if (ts.isPropertyAssignment(property) && property.name.getText() === 'handler') {
      const value = unwrapExpression(property.initializer);
      if (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) return value;
    }
  }
  return undefined;
}

/** `convex/users.ts` → `users`: the segment `api.users.x` names. */
function moduleName(sourceFile: ts.SourceFile): string {
  const base = sourceFile.fileName.slice(sourceFile.fileName.lastIndexOf('/') + 1);
  return base.replace(/\.[cm]?[jt]sx?$/, '');
}

/** Signature and token checks that throw on a bad input: Stripe, Svix, Standard Webhooks, JWT libraries. */
const verifyingMethods = new Set(['constructEvent', 'constructEventAsync', 'verify', 'verifyWebhook', 'jwtVerify']);

/**
 * `stripe.webhooks.constructEvent(body, signature, process.env.STRIPE_WEBHOOK_SECRET)`: a request
 * signed with a secret of the deployment gates the caller like a shared-secret comparison.
 */
function verifiesWithEnvSecret(call: ts.CallExpression, envReads: EnvRead[], envNames: Set<string>): boolean {
  const callee = unwrapExpression(call.expression);
  const name = ts.isPropertyAccessExpression(callee) ? callee.name.text : ts.isIdentifier(callee) ? callee.text : undefined;
  if (!name || !verifyingMethods.has(name)) return false;
  const holdsSecret = (node: ts.Node) => envReads.some((read) => read.node.pos >= node.pos && read.node.end <= node.end) || mentionsAny(node, envNames);
  // `new Webhook(process.env.X).verify(…)`: the secret is given to the verifier's constructor.
  const receiver = ts.isPropertyAccessExpression(callee) ? unwrapExpression(callee.expression) : undefined;
  return call.arguments.some(holdsSecret) || (receiver !== undefined && ts.isNewExpression(receiver) && (receiver.arguments ?? []).some(holdsSecret));
}

/** `args.secret !== process.env.SECRET` (either side, any equality operator) somewhere in a condition. */
function comparesArgumentWithEnv(condition: ts.Expression, parameters: Set<string>, envNames: Set<string>): boolean {
  const envReads = getEnvReads(condition.getSourceFile());
  const readsEnv = (side: ts.Node) => envReads.some((read) => read.node.pos >= side.pos && read.node.end <= side.end) || mentionsAny(side, envNames);
  return anyDescendant(condition, (node) => {
    if (!ts.isBinaryExpression(node) || !isEquality(node.operatorToken.kind)) return false;
    const [envSide, otherSide] = readsEnv(node.left) ? [node.left, node.right] : [node.right, node.left];
    return readsEnv(envSide) && !readsEnv(otherSide) && mentionsAny(otherSide, parameters);
  });
}

/** Identifiers a parameter binds (`args`, or `secret` from `{ secret }`). */
function boundNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((element) => (ts.isOmittedExpression(element) ? [] : boundNames(element.name)));
}

/** The name of a plain identifier parameter at `index` (`ctx`), if any. */
export function parameterName(fn: ts.FunctionLikeDeclaration, index: number): string | undefined {
  const parameter = fn.parameters[index];
  return parameter && ts.isIdentifier(parameter.name) ? parameter.name.text : undefined;
}

/** `const x = await call(...)` → `x`. */
function assignedName(call: ts.CallExpression): string | undefined {
  let node: ts.Node = call;
  while (
    ts.isAwaitExpression(node.parent) ||
    ts.isParenthesizedExpression(node.parent) ||
    ts.isNonNullExpression(node.parent) ||
    ts.isAsExpression(node.parent)
  )
    node = node.parent;
  return ts.isVariableDeclaration(node.parent) && node.parent.initializer === node && ts.isIdentifier(node.parent.name) ? node.parent.name.text : undefined;
}

/** The branch leaves the function: `throw …`, `return …`, or a block that does so. */
function exits(statement: ts.Statement): boolean {
  if (ts.isThrowStatement(statement) || ts.isReturnStatement(statement)) return true;
  return ts.isBlock(statement) && statement.statements.some((inner) => ts.isThrowStatement(inner) || ts.isReturnStatement(inner));
}

function isEquality(kind: ts.SyntaxKind): boolean {
  return (
    kind === ts.SyntaxKind.EqualsEqualsEqualsToken ||
    kind === ts.SyntaxKind.ExclamationEqualsEqualsToken ||
    kind === ts.SyntaxKind.EqualsEqualsToken ||
    kind === ts.SyntaxKind.ExclamationEqualsToken
  );
}

export function mentionsAny(node: ts.Node, names: Set<string>): boolean {
  return names.size > 0 && anyDescendant(node, (inner) => ts.isIdentifier(inner) && names.has(inner.text));
}
