/**
 * Finds the request handlers of a route file (App Router `route.ts`, Pages Router API route, Convex
 * `httpAction`) and what they do with a webhook: verify it, read its body, hand it to helpers.
 */
import * as ts from 'typescript';
import { getEnvReads, getImports, unwrapExpression, type ImportBinding } from '../parse/facts';
import { clerkWebhookEventTypes } from '../webhooks/catalog.generated';

export type RouteKind = 'app-route' | 'pages-api' | 'convex-http';

export type HandlerFunction = ts.FunctionLikeDeclaration & { body: ts.ConciseBody };

export interface RequestHandler {
  kind: RouteKind;
  fn: HandlerFunction;
  /** `POST`, `GET`, … for App Router handlers; `default` for Pages Router; the const name or `httpAction` for Convex. */
  name: string;
  /** What to squiggle when the handler as a whole is at fault (its name, or the `httpAction` call). */
  nameNode: ts.Node;
  /** The request parameter's name (Convex passes it second). */
  requestName?: string;
}

export const httpMethods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

const clerkVerifyModules = new Set(['@clerk/nextjs/webhooks', '@clerk/backend/webhooks', '@clerk/backend']);
const manualVerifyModules = new Set(['svix', 'standardwebhooks']);
export const svixHeaderNames = new Set(['svix-id', 'svix-timestamp', 'svix-signature']);
const clerkEventTypes = new Set(clerkWebhookEventTypes);

export function findRequestHandlers(sourceFile: ts.SourceFile, kind: RouteKind): RequestHandler[] {
  if (kind === 'convex-http') return convexHandlers(sourceFile);
  const handlers: RequestHandler[] = [];
  const add = (name: string, nameNode: ts.Node, fn: HandlerFunction | undefined): void => {
    if (!fn) return;
    const requestParameter = fn.parameters[0];
    handlers.push({
      kind,
      fn,
      name,
      nameNode,
      requestName: requestParameter && ts.isIdentifier(requestParameter.name) ? requestParameter.name.text : undefined,
    });
  };
  for (const statement of sourceFile.statements) {
    const exported = hasModifier(statement, ts.SyntaxKind.ExportKeyword);
    const isDefault = hasModifier(statement, ts.SyntaxKind.DefaultKeyword);
    if (ts.isFunctionDeclaration(statement) && exported && statement.body) {
      const name = isDefault ? 'default' : statement.name?.text;
      if (name && isHandlerName(kind, name)) add(name, statement.name ?? statement, statement as HandlerFunction);
    } else if (ts.isVariableStatement(statement) && exported) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name) && isHandlerName(kind, declaration.name.text) && declaration.initializer) {
          add(declaration.name.text, declaration.name, functionOf(declaration.initializer));
        }
      }
    } else if (ts.isExportAssignment(statement) && !statement.isExportEquals && kind === 'pages-api') {
      add('default', statement.expression, functionOf(statement.expression));
    }
  }
  return handlers;
}

export function hasModifier(node: ts.Node, kind: ts.SyntaxKind): boolean {
  return ts.canHaveModifiers(node) && (ts.getModifiers(node)?.some((modifier) => modifier.kind === kind) ?? false);
}

function isHandlerName(kind: RouteKind, name: string): boolean {
  return kind === 'pages-api' ? name === 'default' : (httpMethods as readonly string[]).includes(name);
}

/** `httpAction(async (ctx, request) => …)` calls, named after the const that holds them. */
function convexHandlers(sourceFile: ts.SourceFile): RequestHandler[] {
  const handlers: RequestHandler[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'httpAction' && node.arguments[0]) {
      const fn = functionOf(node.arguments[0]);
      if (fn) {
        const requestParameter = fn.parameters[1];
        const holder = ts.isVariableDeclaration(node.parent) && ts.isIdentifier(node.parent.name) ? node.parent.name : undefined;
        handlers.push({
          kind: 'convex-http',
          fn,
          name: holder?.text ?? 'httpAction',
          nameNode: holder ?? node.expression,
          requestName: requestParameter && ts.isIdentifier(requestParameter.name) ? requestParameter.name.text : undefined,
        });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return handlers;
}

/** An inline function, or an identifier bound to a function declared at the top of the module. */
export function functionOf(expression: ts.Expression): HandlerFunction | undefined {
  const node = unwrapExpression(expression);
  if ((ts.isArrowFunction(node) || ts.isFunctionExpression(node)) && node.body) return node;
  if (!ts.isIdentifier(node)) return undefined;
  return topLevelFunction(node.getSourceFile(), node.text);
}

export function topLevelFunction(sourceFile: ts.SourceFile, name: string): HandlerFunction | undefined {
  for (const statement of sourceFile.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name?.text === name && statement.body) return statement as HandlerFunction;
    if (!ts.isVariableStatement(statement)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (ts.isIdentifier(declaration.name) && declaration.name.text === name && declaration.initializer) {
        const initializer = unwrapExpression(declaration.initializer);
        if ((ts.isArrowFunction(initializer) || ts.isFunctionExpression(initializer)) && initializer.body) return initializer;
      }
    }
  }
  return undefined;
}

/** Visits a function's own code, not the bodies of functions nested in it. */
export function forEachOwnNode(fn: HandlerFunction, visit: (node: ts.Node) => void): void {
  const walk = (node: ts.Node): void => {
    visit(node);
    if (!ts.isFunctionLike(node)) ts.forEachChild(node, walk);
  };
  ts.forEachChild(fn.body, walk);
}

/** A call that checks a webhook signature. */
export interface VerifyCall {
  call: ts.CallExpression;
  /** `verifyWebhook(req)` reads the request itself; a manual `wh.verify(payload, headers)` gets the bytes passed in. */
  kind: 'verifyWebhook' | 'manual';
}

/** Signature checks written directly in `scope` (any node: a handler body, a helper, a Convex function). */
export function verifyCallsIn(scope: ts.Node, imports: ImportBinding[]): VerifyCall[] {
  const verifyNames = new Set(
    imports.filter((binding) => clerkVerifyModules.has(binding.module) && binding.importedName === 'verifyWebhook').map((binding) => binding.localName),
  );
  const webhookClasses = new Set(
    imports.filter((binding) => manualVerifyModules.has(binding.module) && binding.importedName === 'Webhook').map((binding) => binding.localName),
  );
  const instances = webhookInstances(scope.getSourceFile(), webhookClasses);
  const calls: VerifyCall[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const callee = unwrapExpression(node.expression);
      if (ts.isIdentifier(callee) && verifyNames.has(callee.text)) calls.push({ call: node, kind: 'verifyWebhook' });
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'verify' && isWebhookInstance(callee.expression, webhookClasses, instances)) {
        calls.push({ call: node, kind: 'manual' });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(scope);
  return calls;
}

/** Names bound anywhere in the module to `new Webhook(...)` of svix/standardwebhooks. */
function webhookInstances(sourceFile: ts.SourceFile, classes: Set<string>): Set<string> {
  const names = new Set<string>();
  if (classes.size === 0) return names;
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer && isNewWebhook(node.initializer, classes)) names.add(node.name.text);
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(node.left) && isNewWebhook(node.right, classes))
      names.add(node.left.text);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return names;
}

function isNewWebhook(expression: ts.Expression, classes: Set<string>): boolean {
  const node = unwrapExpression(expression);
  return ts.isNewExpression(node) && ts.isIdentifier(node.expression) && classes.has(node.expression.text);
}

function isWebhookInstance(expression: ts.Expression, classes: Set<string>, instances: Set<string>): boolean {
  const node = unwrapExpression(expression);
  return isNewWebhook(node, classes) || (ts.isIdentifier(node) && instances.has(node.text));
}

/** The `new Webhook(secret)` expressions of a module (to tell a Clerk secret from another provider's). */
export function webhookConstructions(sourceFile: ts.SourceFile): ts.NewExpression[] {
  const classes = new Set(
    getImports(sourceFile)
      .filter((binding) => manualVerifyModules.has(binding.module) && binding.importedName === 'Webhook')
      .map((binding) => binding.localName),
  );
  const found: ts.NewExpression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && classes.has(node.expression.text)) found.push(node);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

/** `req.json()`, `req.text()`, … on the request object itself (a `req.clone()` is a separate body). */
export function bodyReadsIn(fn: HandlerFunction, requestName: string): ts.CallExpression[] {
  const reads: ts.CallExpression[] = [];
  forEachOwnNode(fn, (node) => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && bodyReaders.has(node.expression.name.text)) {
      const target = unwrapExpression(node.expression.expression);
      if (ts.isIdentifier(target) && target.text === requestName) reads.push(node);
    }
  });
  return reads;
}

/** `await req.json()` / `req.json()`: the call, when `node` is one on the request. */
export function jsonBodyRead(node: ts.Expression, requestName: string): ts.CallExpression | undefined {
  const call = ts.isAwaitExpression(node) ? unwrapExpression(node.expression) : node;
  if (!ts.isCallExpression(call) || !ts.isPropertyAccessExpression(call.expression) || call.expression.name.text !== 'json') return undefined;
  const target = unwrapExpression(call.expression.expression);
  return ts.isIdentifier(target) && target.text === requestName ? call : undefined;
}

const bodyReaders = new Set(['json', 'text', 'arrayBuffer', 'formData', 'blob', 'bytes']);

/** Evidence that a handler receives Clerk (Svix) webhooks: `svix-*` header names or a Clerk event type compared. */
export function clerkWebhookEvidence(fn: HandlerFunction): ts.Node | undefined {
  let evidence: ts.Node | undefined;
  let typeEvidence: ts.Node | undefined;
  forEachOwnNode(fn, (node) => {
    if (evidence || !ts.isStringLiteralLike(node)) return;
    if (svixHeaderNames.has(node.text.toLowerCase())) evidence = node;
    else if (!typeEvidence && clerkEventTypes.has(node.text) && isComparedLiteral(node)) typeEvidence = node;
  });
  return evidence ?? (typeEvidence && mayBeClerkModule(fn.getSourceFile()) ? typeEvidence : undefined);
}

/**
 * Other providers share event names with Clerk (Paddle's `subscription.created`, WorkOS's
 * `user.created`): a compared type says "Clerk" only in a module that uses Clerk (an `@clerk/*`
 * import, a `CLERK…` variable) or that imports no other package whose events these could be.
 */
function mayBeClerkModule(sourceFile: ts.SourceFile): boolean {
  const imports = getImports(sourceFile);
  if (imports.some((binding) => binding.module.startsWith('@clerk/'))) return true;
  if (getEnvReads(sourceFile).some((read) => read.name.includes('CLERK'))) return true;
  return !imports.some((binding) => !binding.typeOnly && isThirdPartyPackage(binding.module));
}

function isThirdPartyPackage(specifier: string): boolean {
  const projectPath = specifier.startsWith('.') || specifier.startsWith('@/') || specifier.startsWith('~/') || specifier.startsWith('#');
  return !projectPath && !specifier.startsWith('node:') && !isFrameworkModule(specifier);
}

/** Clerk, the framework (`next`, `react`, `convex`, Convex's generated code), svix and validation libraries: none verifies a webhook for its caller, and none has webhook events of its own. */
export function isFrameworkModule(specifier: string): boolean {
  if (specifier.startsWith('@clerk/') || specifier.includes('_generated/')) return true;
  const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0];
  return ['next', 'react', 'convex', 'zod', 'valibot', 'yup'].includes(name) || manualVerifyModules.has(name);
}

/** A literal in `x === 'lit'`, `x !== 'lit'`, or `case 'lit':`. */
export function isComparedLiteral(node: ts.Node): boolean {
  const parent = node.parent;
  if (ts.isCaseClause(parent) && parent.expression === node) return true;
  return ts.isBinaryExpression(parent) && isEqualityOperator(parent.operatorToken.kind);
}

export function isEqualityOperator(kind: ts.SyntaxKind): boolean {
  return (
    kind === ts.SyntaxKind.EqualsEqualsEqualsToken ||
    kind === ts.SyntaxKind.ExclamationEqualsEqualsToken ||
    kind === ts.SyntaxKind.EqualsEqualsToken ||
    kind === ts.SyntaxKind.ExclamationEqualsToken
  );
}
