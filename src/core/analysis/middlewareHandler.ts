/**
 * What a middleware/proxy file does with Clerk: where `clerkMiddleware()` is, its handler, the
 * `createRouteMatcher` lists, and whether the handler definitely protects a given pathname.
 * "Definitely" matters: an unknown condition (a feature flag, a header check) is never guessed.
 */
import * as ts from 'typescript';
import { getExportedConfig, getImports, getProperty, resolveObjectLiteral, resolveStringValue, unwrapExpression } from '../parse/facts';
import { functionOf, hasModifier, type HandlerFunction } from './webhookHandlers';
import {
  defaultProxyPath,
  readMatcher,
  readRouteMatcherList,
  routeListMatches,
  type MiddlewareMatcher,
  type RouteMatcherList,
  type RoutePattern,
} from './middlewareMatcher';

export interface ClerkMiddlewareFile {
  sourceFile: ts.SourceFile;
  /** The `clerkMiddleware(...)` call, when the file makes one. */
  call?: ts.CallExpression;
  /** The callback passed to `clerkMiddleware`, when it is written inline or as a local function. */
  handler?: HandlerFunction;
  /** Name of the handler's first parameter (Clerk passes `auth`). */
  authName?: string;
  routeLists: Map<string, RouteMatcherList>;
  config?: ts.ObjectLiteralExpression;
  matcher?: MiddlewareMatcher;
}

const clerkServerModule = '@clerk/nextjs/server';

export function readClerkMiddlewareFile(sourceFile: ts.SourceFile): ClerkMiddlewareFile {
  const imports = getImports(sourceFile).filter((binding) => binding.module === clerkServerModule && !binding.typeOnly);
  const localNames = (name: string): Set<string> => new Set(imports.filter((binding) => binding.importedName === name).map((binding) => binding.localName));
  const middlewareNames = localNames('clerkMiddleware');
  const matcherNames = localNames('createRouteMatcher');
  const config = getExportedConfig(sourceFile);
  const file: ClerkMiddlewareFile = { sourceFile, routeLists: new Map(), config, matcher: config && readMatcher(config) };
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
      if (middlewareNames.has(node.expression.text) && !file.call) file.call = node;
      if (matcherNames.has(node.expression.text) && ts.isVariableDeclaration(node.parent) && ts.isIdentifier(node.parent.name)) {
        file.routeLists.set(node.parent.name.text, readRouteMatcherList(node.parent.name.text, node));
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  const handler = file.call?.arguments[0] && functionOf(file.call.arguments[0]);
  if (handler) {
    file.handler = handler;
    const first = handler.parameters[0];
    if (first && ts.isIdentifier(first.name)) file.authName = first.name.text;
  }
  return file;
}

/**
 * The options object of `clerkMiddleware(handler, options)` / `clerkMiddleware(options)`: undefined
 * when none is passed, 'unknown' when it is not a literal we can read (a callback, an import).
 */
export function middlewareOptions(file: ClerkMiddlewareFile): ts.ObjectLiteralExpression | 'unknown' | undefined {
  const [first, second] = file.call?.arguments ?? [];
  if (!first) return undefined;
  const readable = (object: ts.ObjectLiteralExpression | undefined) => (object && !object.properties.some(ts.isSpreadAssignment) ? object : 'unknown');
  const firstObject = resolveObjectLiteral(first);
  if (firstObject) return readable(firstObject);
  if (!second) return file.handler ? undefined : 'unknown';
  return readable(resolveObjectLiteral(second));
}

/**
 * What `frontendApiProxy` in the options configures (@clerk/nextjs ≥ 7): 'absent', 'disabled'
 * (`enabled: false`, which also turns the auto-proxy off), the proxied path (default `/__clerk`), or
 * 'unknown' when unreadable.
 */
export function frontendApiProxyPath(options: ts.ObjectLiteralExpression): string | 'absent' | 'disabled' | 'unknown' {
  const property = getProperty(options, 'frontendApiProxy');
  if (!property) return 'absent';
  const value = ts.isPropertyAssignment(property) ? resolveObjectLiteral(property.initializer) : undefined;
  if (!value) return 'unknown';
  const enabled = getProperty(value, 'enabled');
  if (enabled && ts.isPropertyAssignment(enabled) && unwrapExpression(enabled.initializer).kind === ts.SyntaxKind.FalseKeyword) return 'disabled';
  const path = getProperty(value, 'path');
  if (!path) return defaultProxyPath;
  const text = ts.isPropertyAssignment(path) ? resolveStringValue(path.initializer) : undefined;
  return text === undefined ? 'unknown' : text.replace(/\/+$/, '');
}

/**
 * The middleware call of a pre-v6 SDK: `authMiddleware()` (v4 from `@clerk/nextjs`, v5 from
 * `@clerk/nextjs/server`; deprecated in 5, removed in 6) or v4's `withClerkMiddleware()` (removed in 5).
 * Which versions accept them is the caller's decision.
 */
export function legacyMiddlewareCall(sourceFile: ts.SourceFile): { call: ts.CallExpression; name: 'authMiddleware' | 'withClerkMiddleware' } | undefined {
  const legacy = new Map(
    getImports(sourceFile)
      .filter(
        (binding) =>
          !binding.typeOnly &&
          (binding.module === clerkServerModule || binding.module === '@clerk/nextjs') &&
          (binding.importedName === 'authMiddleware' || binding.importedName === 'withClerkMiddleware'),
      )
      .map((binding) => [binding.localName, binding.importedName as 'authMiddleware' | 'withClerkMiddleware']),
  );
  if (legacy.size === 0) return undefined;
  let found: { call: ts.CallExpression; name: 'authMiddleware' | 'withClerkMiddleware' } | undefined;
  const visit = (node: ts.Node): void => {
    if (found) return;
    const name = ts.isCallExpression(node) && ts.isIdentifier(node.expression) ? legacy.get(node.expression.text) : undefined;
    if (name) found = { call: node as ts.CallExpression, name };
    else ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

/** How the middleware protects a pathname it definitely blocks for signed-out requests. */
export type Protection =
  /** `auth.protect()` (or a sign-in redirect) without a route condition. */
  | { kind: 'everything'; site: ts.CallExpression }
  /** Guarded by `isProtectedRoute(req)`: the listed patterns match the path. */
  | { kind: 'listed'; site: ts.CallExpression; list: RouteMatcherList; patterns: RoutePattern[] }
  /** Guarded by `!isPublicRoute(req)`: the path is missing from the public list. */
  | { kind: 'not-public'; site: ts.CallExpression; list: RouteMatcherList };

/**
 * Whether the handler definitely protects `pathname` for a signed-out request (webhooks never carry
 * a session). Undefined when no protecting call is certain to run for that path.
 */
export function protectionOf(file: ClerkMiddlewareFile, pathname: string): Protection | undefined {
  const handler = file.handler;
  if (!handler || !file.authName) return undefined;
  const evaluator = new ConditionEvaluator(file, pathname, signedOutNames(handler, file.authName));
  for (const site of protectCalls(handler.body, file.authName)) {
    const conditions = guardsOf(site, handler);
    if (!conditions) continue;
    const used: { list: RouteMatcherList; required: boolean }[] = [];
    if (!conditions.every(({ condition, required }) => evaluator.evaluate(condition, required, used) === required)) continue;
    const publicList = used.find((entry) => !entry.required);
    if (publicList) return { kind: 'not-public', site, list: publicList.list };
    const protectedList = used.find((entry) => entry.required);
    if (protectedList) return { kind: 'listed', site, list: protectedList.list, patterns: routeListMatches(protectedList.list, pathname).matches };
    return { kind: 'everything', site };
  }
  return undefined;
}

/** `auth.protect()`, `auth().protect()` and `redirectToSignIn()` calls (not inside nested functions). */
function protectCalls(body: ts.Node, authName: string): ts.CallExpression[] {
  const calls: ts.CallExpression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node)) return;
    if (ts.isCallExpression(node)) {
      const callee = unwrapExpression(node.expression);
      if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'protect') {
        const target = unwrapExpression(callee.expression);
        const base = ts.isCallExpression(target) ? unwrapExpression(target.expression) : target;
        if (ts.isIdentifier(base) && base.text === authName) calls.push(node);
      } else if (
        (ts.isIdentifier(callee) && callee.text === 'redirectToSignIn') ||
        (ts.isPropertyAccessExpression(callee) && callee.name.text === 'redirectToSignIn')
      ) {
        calls.push(node);
      }
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(body, visit);
  return calls;
}

interface Guard {
  condition: ts.Expression;
  /** The value the condition must have for the site to run. */
  required: boolean;
}

/** The conditions under which `site` runs, from the enclosing branches and earlier `if (c) return`. */
function guardsOf(site: ts.Node, handler: ts.FunctionLikeDeclaration): Guard[] | undefined {
  const guards: Guard[] = [];
  let node: ts.Node = site;
  while (node.parent && node !== handler.body) {
    const parent: ts.Node = node.parent;
    if (ts.isFunctionLike(parent)) return undefined;
    if (ts.isIfStatement(parent) && node !== parent.expression) guards.push({ condition: parent.expression, required: node === parent.thenStatement });
    if (ts.isConditionalExpression(parent) && node !== parent.condition) guards.push({ condition: parent.condition, required: node === parent.whenTrue });
    if (ts.isBinaryExpression(parent) && node === parent.right) {
      if (parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken) guards.push({ condition: parent.left, required: true });
      if (parent.operatorToken.kind === ts.SyntaxKind.BarBarToken) guards.push({ condition: parent.left, required: false });
    }
    if (ts.isBlock(parent) || ts.isSourceFile(parent)) {
      for (const statement of parent.statements) {
        if (statement === node) break;
        if (ts.isIfStatement(statement) && !statement.elseStatement && exits(statement.thenStatement)) {
          guards.push({ condition: statement.expression, required: false });
        }
      }
    }
    // A loop, switch or try could skip or repeat the site: too uncertain to call it definite.
    if (ts.isIterationStatement(parent, false) || ts.isCaseClause(parent) || ts.isDefaultClause(parent) || ts.isCatchClause(parent)) return undefined;
    node = parent;
  }
  return guards;
}

function exits(statement: ts.Statement): boolean {
  if (ts.isReturnStatement(statement) || ts.isThrowStatement(statement)) return true;
  return ts.isBlock(statement) && statement.statements.length > 0 && exits(statement.statements[statement.statements.length - 1]);
}

/** Variables from `await auth()` that are falsy on a signed-out request: `const { userId } = await auth()`. */
function signedOutNames(handler: HandlerFunction, authName: string): Set<string> {
  const names = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && node.initializer && ts.isObjectBindingPattern(node.name) && callsAuth(node.initializer, authName)) {
      for (const element of node.name.elements) {
        const key =
          element.propertyName && ts.isIdentifier(element.propertyName)
            ? element.propertyName.text
            : ts.isIdentifier(element.name)
              ? element.name.text
              : undefined;
        if (key && signedOutKeys.has(key) && ts.isIdentifier(element.name)) names.add(element.name.text);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(handler.body);
  return names;
}

const signedOutKeys = new Set(['userId', 'sessionId', 'isAuthenticated', 'orgId']);

function callsAuth(expression: ts.Expression, authName: string): boolean {
  let node = unwrapExpression(expression);
  if (ts.isAwaitExpression(node)) node = unwrapExpression(node.expression);
  return ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === authName;
}

/** Three-valued evaluation of route conditions for one pathname on a signed-out request. */
class ConditionEvaluator {
  constructor(
    private readonly file: ClerkMiddlewareFile,
    private readonly pathname: string,
    private readonly signedOut: Set<string>,
  ) {}

  /** Records which route lists the outcome depends on, with the value each must have. */
  evaluate(expression: ts.Expression, required: boolean, used: { list: RouteMatcherList; required: boolean }[]): boolean | undefined {
    const node = unwrapExpression(expression);
    if (ts.isPrefixUnaryExpression(node) && node.operator === ts.SyntaxKind.ExclamationToken) {
      const inner = this.evaluate(node.operand, !required, used);
      return inner === undefined ? undefined : !inner;
    }
    if (ts.isBinaryExpression(node)) {
      const operator = node.operatorToken.kind;
      if (operator === ts.SyntaxKind.AmpersandAmpersandToken || operator === ts.SyntaxKind.BarBarToken) {
        const left = this.evaluate(node.left, required, used);
        const right = this.evaluate(node.right, required, used);
        if (operator === ts.SyntaxKind.AmpersandAmpersandToken) {
          return left === false || right === false ? false : left === true && right === true ? true : undefined;
        }
        return left === true || right === true ? true : left === false && right === false ? false : undefined;
      }
    }
    if (ts.isIdentifier(node) && this.signedOut.has(node.text)) return false;
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
      const list = this.file.routeLists.get(node.expression.text);
      if (!list) return undefined;
      const { matches, maybe } = routeListMatches(list, this.pathname);
      if (matches.length > 0) {
        used.push({ list, required });
        return true;
      }
      if (maybe) return undefined;
      used.push({ list, required });
      return false;
    }
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      node.expression.name.text === 'startsWith' &&
      isPathnameRead(node.expression.expression) &&
      node.arguments.length === 1 &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      return this.pathname.startsWith(node.arguments[0].text);
    }
    return undefined;
  }
}

/** `req.nextUrl.pathname` (any request name). */
function isPathnameRead(expression: ts.Expression): boolean {
  const node = unwrapExpression(expression);
  return (
    ts.isPropertyAccessExpression(node) &&
    node.name.text === 'pathname' &&
    ts.isPropertyAccessExpression(node.expression) &&
    node.expression.name.text === 'nextUrl'
  );
}

/** What a module exports, as Next.js looks up a middleware function or a route handler. */
export interface ModuleExports {
  /** The `export default …` statement (or `export { x as default }` specifier). */
  defaultExport?: ts.Node;
  /** `export const proxy = …`, `export function middleware`, … by name. */
  named: Map<string, ts.Node>;
  /** `export * from '…'`: anything may come from there. */
  hasStarExport: boolean;
}

export function exportsOf(sourceFile: ts.SourceFile): ModuleExports {
  const result: ModuleExports = { named: new Map(), hasStarExport: false };
  const isExported = (node: ts.Node) => hasModifier(node, ts.SyntaxKind.ExportKeyword);
  const isDefault = (node: ts.Node) => hasModifier(node, ts.SyntaxKind.DefaultKeyword);
  for (const statement of sourceFile.statements) {
    if (ts.isExportAssignment(statement) && !statement.isExportEquals) result.defaultExport = statement;
    else if ((ts.isFunctionDeclaration(statement) || ts.isClassDeclaration(statement)) && isExported(statement)) {
      if (isDefault(statement)) result.defaultExport = statement;
      else if (statement.name) result.named.set(statement.name.text, statement.name);
    } else if (ts.isVariableStatement(statement) && isExported(statement)) {
      for (const declaration of statement.declarationList.declarations) {
        if (ts.isIdentifier(declaration.name)) result.named.set(declaration.name.text, declaration.name);
      }
    } else if (ts.isExportDeclaration(statement) && !statement.isTypeOnly) {
      if (!statement.exportClause) result.hasStarExport = true;
      else if (ts.isNamedExports(statement.exportClause)) {
        for (const element of statement.exportClause.elements) {
          if (element.name.text === 'default') result.defaultExport = element;
          else result.named.set(element.name.text, element);
        }
      }
    }
  }
  return result;
}
