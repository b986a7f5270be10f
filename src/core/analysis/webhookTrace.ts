/**
 * Follows a webhook handler's raw body (and request) through the project's own code — helpers in
 * the same module, imported modules (relative or tsconfig `paths` imports, re-exports included), and
 * Convex functions run with `ctx.runAction/runMutation`, `ctx.scheduler.runAfter` or `fetchAction` —
 * to find where the Svix signature is checked, or where the body leaves the code the analysis sees.
 */
import * as ts from 'typescript';
import { getImports, unwrapExpression, type ImportBinding } from '../parse/facts';
import { descendants, memoizeBySource } from '../parse/sourceFile';
import { functionOf, isFrameworkModule, topLevelFunction, verifyCallsIn, type HandlerFunction, type RequestHandler, type VerifyCall } from './webhookHandlers';

/** The project's own modules, for following imports. */
export interface ProjectModules {
  sourceOf(file: string): ts.SourceFile | undefined;
  /** A file of the project, or undefined for packages and files that do not exist. */
  resolve(specifier: string, fromFile: string): string | undefined;
}

/**
 * Calls followed from the handler (route → helper → helper → helper is 3). Verification lives a
 * few calls deep in real projects; past this the analysis says it cannot tell (a warning).
 */
export const maxFollowDepth = 4;

/** A call that receives the request, its body or its headers, and that the analysis did not follow. */
export interface UnfollowedCall {
  call: ts.CallExpression;
  /** `outside`: a package, a global or a dynamic call; `depth`: project code deeper than {@link maxFollowDepth}. */
  reason: 'outside' | 'depth';
}

/** How far the verification of a handler could be traced. */
export interface VerificationTrace {
  /** Signature checks in the handler and in the project code it runs. */
  verified: VerifyCall[];
  unfollowed: UnfollowedCall[];
}

interface Scope {
  /** What to search for signature checks (a function, or an exported value the analysis cannot look into). */
  node: ts.Node;
  /** The function whose calls are followed further. */
  fn?: HandlerFunction;
  /** Names in `fn` that hold the request, its body or its headers. */
  carriers: Set<string>;
  depth: number;
}

/** Where a call leads: project code to follow, nothing of interest (`builtin`), or out of sight. */
type CallTarget =
  { kind: 'follow'; node: ts.Node; fn?: HandlerFunction; inputs: readonly (ts.Expression | undefined)[] } | { kind: 'builtin' } | { kind: 'outside' };

export function traceVerification(handler: RequestHandler, modules: ProjectModules, convexDir?: string): VerificationTrace {
  const verified: VerifyCall[] = [];
  const unfollowed: UnfollowedCall[] = [];
  // A function is searched again only when it receives the body through a new name (cycles end).
  const seen = new Map<ts.Node, Set<string>>();
  const isNew = (node: ts.Node, carriers: Set<string>): boolean => {
    const before = seen.get(node);
    return !before || [...carriers].some((name) => !before.has(name));
  };
  const queue: Scope[] = [{ node: handler.fn, fn: handler.fn, carriers: carriersIn(handler.fn, handler.requestName ? [handler.requestName] : []), depth: 0 }];
  while (queue.length > 0) {
    const scope = queue.shift()!;
    if (!isNew(scope.node, scope.carriers)) continue;
    const firstVisit = !seen.has(scope.node);
    seen.set(scope.node, new Set([...(seen.get(scope.node) ?? []), ...scope.carriers]));
    const imports = getImports(scope.node.getSourceFile());
    const checks = verifyCallsIn(scope.node, imports);
    if (firstVisit) verified.push(...checks);
    if (!scope.fn) continue;
    forEachCall(scope.fn, (call) => {
      if (checks.some((check) => check.call === call)) return;
      const passesBody = mentionsAny(call, scope.carriers, call.expression);
      const target = callTarget(call, imports, scope.carriers, modules, convexDir);
      if (target.kind === 'builtin') return;
      if (target.kind === 'outside') {
        if (passesBody) unfollowed.push({ call, reason: 'outside' });
        return;
      }
      const carriers = target.fn ? carriersIn(target.fn, parameterCarriers(target.fn, target.inputs, scope.carriers)) : new Set<string>();
      if (!isNew(target.node, carriers)) return;
      const tooDeep = scope.depth + 1 > maxFollowDepth;
      // An exported value that is no function (`withLogging(async (req) => …)`) is searched for a check, not followed.
      if (passesBody && (tooDeep || !target.fn)) unfollowed.push({ call, reason: tooDeep ? 'depth' : 'outside' });
      if (!tooDeep) queue.push({ node: target.node, fn: target.fn, carriers, depth: scope.depth + 1 });
    });
  }
  return { verified, unfollowed };
}

function forEachCall(fn: HandlerFunction, visit: (call: ts.CallExpression) => void): void {
  const walk = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) visit(node);
    ts.forEachChild(node, walk);
  };
  ts.forEachChild(fn.body, walk);
}

/** Calls on these never verify a webhook on the caller's behalf (and `.verify` of svix is found directly). */
const builtinObjects = new Set([
  'JSON',
  'console',
  'Object',
  'Array',
  'Math',
  'Promise',
  'Number',
  'String',
  'Date',
  'Buffer',
  'Response',
  'Request',
  'URL',
  'URLSearchParams',
  'Headers',
  'Reflect',
  'Symbol',
  'TextEncoder',
  'TextDecoder',
  'Intl',
  'Error',
  'Map',
  'Set',
]);
const builtinFunctions = new Set([
  'String',
  'Number',
  'Boolean',
  'BigInt',
  'Array',
  'Object',
  'Symbol',
  'Date',
  'parseInt',
  'parseFloat',
  'isNaN',
  'encodeURIComponent',
  'decodeURIComponent',
  'encodeURI',
  'decodeURI',
  'atob',
  'btoa',
  'structuredClone',
  'setTimeout',
  'clearTimeout',
  'queueMicrotask',
  'Error',
  'TypeError',
  'require',
]);

function callTarget(
  call: ts.CallExpression,
  imports: ImportBinding[],
  carriers: Set<string>,
  modules: ProjectModules,
  convexDir: string | undefined,
): CallTarget {
  const callee = unwrapExpression(call.expression);
  const convex = convexReference(call, callee, imports);
  if (convex) return convexFunction(convex.reference, convex.inputs, modules, convexDir) ?? { kind: 'outside' };
  if (ts.isIdentifier(callee)) return identifierTarget(call, callee.text, imports, modules);
  if (ts.isPropertyAccessExpression(callee)) return memberTarget(call, callee, imports, carriers, modules);
  // `handlers[evt.type](payload)`, `getHandler()(payload)`: nothing to follow statically.
  return { kind: 'outside' };
}

/**
 * `ctx.runAction(ref, args)`, `ctx.runMutation`, `ctx.runQuery`, `ctx.scheduler.runAfter(ms, ref, args)`,
 * `runAt`, and `fetchAction/fetchMutation/fetchQuery(ref, args)` from `convex/nextjs`.
 */
function convexReference(
  call: ts.CallExpression,
  callee: ts.Expression,
  imports: ImportBinding[],
): { reference: ts.Expression | undefined; inputs: (ts.Expression | undefined)[] } | undefined {
  const args = call.arguments;
  if (ts.isPropertyAccessExpression(callee)) {
    const method = callee.name.text;
    if (method === 'runAction' || method === 'runMutation' || method === 'runQuery') return { reference: args[0], inputs: [undefined, args[1]] };
    const receiver = unwrapExpression(callee.expression);
    if ((method === 'runAfter' || method === 'runAt') && ts.isPropertyAccessExpression(receiver) && receiver.name.text === 'scheduler') {
      return { reference: args[1], inputs: [undefined, args[2]] };
    }
    return undefined;
  }
  const binding = ts.isIdentifier(callee) ? imports.find((entry) => entry.localName === callee.text) : undefined;
  if (binding?.module === 'convex/nextjs' && ['fetchAction', 'fetchMutation', 'fetchQuery'].includes(binding.importedName)) {
    return { reference: args[0], inputs: [undefined, args[1]] };
  }
  return undefined;
}

/** `helper(req)`: a function of this module (top level or nested), an import, a dynamic value, or a global. */
function identifierTarget(call: ts.CallExpression, name: string, imports: ImportBinding[], modules: ProjectModules): CallTarget {
  const local = enclosingFunction(call, name);
  if (local) return { kind: 'follow', node: local, fn: local, inputs: call.arguments };
  const binding = imports.find((entry) => entry.localName === name);
  if (binding) return importTarget(binding, call, modules, undefined);
  if (declaresName(call.getSourceFile(), name)) return { kind: 'outside' };
  return builtinFunctions.has(name) ? { kind: 'builtin' } : { kind: 'outside' };
}

/** `x.method(…)`: the request's own methods, a builtin, a project module's export, or a package. */
function memberTarget(
  call: ts.CallExpression,
  callee: ts.PropertyAccessExpression,
  imports: ImportBinding[],
  carriers: Set<string>,
  modules: ProjectModules,
): CallTarget {
  let root: ts.Expression = callee.expression;
  while (
    ts.isPropertyAccessExpression(root) ||
    ts.isCallExpression(root) ||
    ts.isElementAccessExpression(root) ||
    ts.isAwaitExpression(root) ||
    ts.isNonNullExpression(root) ||
    ts.isParenthesizedExpression(root) ||
    ts.isAsExpression(root)
  ) {
    root = root.expression;
  }
  if (!ts.isIdentifier(root) || carriers.has(root.text)) return { kind: 'builtin' };
  const binding = imports.find((entry) => entry.localName === root.text);
  // `hooks.verify(req)` on `import * as hooks` / an exported object: only a direct member is followed.
  if (binding) return importTarget(binding, call, modules, unwrapExpression(callee.expression) === root ? callee.name.text : null);
  if (declaresName(call.getSourceFile(), root.text)) return { kind: 'builtin' };
  return builtinObjects.has(root.text) ? { kind: 'builtin' } : { kind: 'outside' };
}

/**
 * An imported callee. `member` is the method called on the import (`hooks.verify(req)`), null for a
 * longer chain (`db.insert(t).values(body)`), undefined for a plain call of the import.
 */
function importTarget(binding: ImportBinding, call: ts.CallExpression, modules: ProjectModules, member?: string | null): CallTarget {
  const sourceFile = moduleSource(binding.module, call.getSourceFile().fileName, modules);
  if (!sourceFile) return isFrameworkModule(binding.module) ? { kind: 'builtin' } : { kind: 'outside' };
  // The project's own clients and data objects (`db`, `prisma`) never verify a webhook.
  if (member === null) return { kind: 'builtin' };
  const exported = (name: string): ts.Node | undefined => exportedValue(sourceFile, name, modules, new Set());
  let node: ts.Node | undefined;
  if (binding.importedName === '*') node = member === undefined ? undefined : exported(member);
  else if (member === undefined) node = exported(binding.importedName);
  else {
    const value = exported(binding.importedName);
    node = value && objectMember(value, member);
    if (value && !node) return { kind: 'builtin' };
  }
  return node ? { kind: 'follow', node, fn: asFunction(node), inputs: call.arguments } : { kind: 'outside' };
}

/** `export const api = { verify: async (req) => … }` → the `verify` function. */
function objectMember(node: ts.Node, name: string): ts.Node | undefined {
  const object = ts.isExpression(node) ? unwrapExpression(node) : node;
  if (!ts.isObjectLiteralExpression(object)) return undefined;
  for (const property of object.properties) {
    if (!property.name || !ts.isIdentifier(property.name) || property.name.text !== name) continue;
    if (ts.isMethodDeclaration(property)) return property;
    if (ts.isPropertyAssignment(property)) return property.initializer;
  }
  return undefined;
}

function asFunction(node: ts.Node): HandlerFunction | undefined {
  if ((ts.isFunctionDeclaration(node) || ts.isMethodDeclaration(node)) && node.body) return node as HandlerFunction;
  return ts.isExpression(node) ? functionOf(node) : undefined;
}

/**
 * The value a module exports under `name`: a declaration, `export default`, `export { a as name }`,
 * or a re-export (`export { name } from './x'`, `export * from './x'`), followed across files.
 */
function exportedValue(sourceFile: ts.SourceFile, name: string, modules: ProjectModules, seen: Set<string>): ts.Node | undefined {
  const key = `${sourceFile.fileName}#${name}`;
  if (seen.has(key)) return undefined;
  seen.add(key);
  const reexported: ts.SourceFile[] = [];
  for (const statement of sourceFile.statements) {
    const modifiers = ts.canHaveModifiers(statement) ? (ts.getModifiers(statement) ?? []) : [];
    const exported = modifiers.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword);
    const isDefault = modifiers.some((modifier) => modifier.kind === ts.SyntaxKind.DefaultKeyword);
    if (ts.isFunctionDeclaration(statement) && exported && (isDefault ? name === 'default' : statement.name?.text === name)) return statement;
    if (ts.isVariableStatement(statement) && exported) {
      const declaration = statement.declarationList.declarations.find((entry) => ts.isIdentifier(entry.name) && entry.name.text === name);
      if (declaration?.initializer) return declaration.initializer;
    }
    if (ts.isExportAssignment(statement) && !statement.isExportEquals && name === 'default') {
      const expression = unwrapExpression(statement.expression);
      return ts.isIdentifier(expression) ? moduleValue(sourceFile, expression.text, modules, seen) : expression;
    }
    if (!ts.isExportDeclaration(statement) || statement.isTypeOnly) continue;
    const from =
      statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)
        ? moduleSource(statement.moduleSpecifier.text, sourceFile.fileName, modules)
        : undefined;
    const clause = statement.exportClause;
    if (!clause) {
      if (from) reexported.push(from);
    } else if (ts.isNamedExports(clause)) {
      const specifier = clause.elements.find((element) => element.name.text === name);
      if (!specifier) continue;
      const local = (specifier.propertyName ?? specifier.name).text;
      if (statement.moduleSpecifier) return from ? exportedValue(from, local, modules, seen) : undefined;
      return moduleValue(sourceFile, local, modules, seen);
    }
  }
  for (const from of reexported) {
    const found = exportedValue(from, name, modules, seen);
    if (found) return found;
  }
  return undefined;
}

/** A top-level name of a module: a function, a const's value, or what it imports. */
function moduleValue(sourceFile: ts.SourceFile, name: string, modules: ProjectModules, seen: Set<string>): ts.Node | undefined {
  const fn = topLevelFunction(sourceFile, name);
  if (fn) return fn;
  for (const statement of sourceFile.statements) {
    if (!ts.isVariableStatement(statement)) continue;
    const declaration = statement.declarationList.declarations.find((entry) => ts.isIdentifier(entry.name) && entry.name.text === name);
    if (declaration?.initializer) return declaration.initializer;
  }
  const binding = getImports(sourceFile).find((entry) => entry.localName === name && entry.importedName !== '*');
  const from = binding && moduleSource(binding.module, sourceFile.fileName, modules);
  return from ? exportedValue(from, binding.importedName, modules, seen) : undefined;
}

function moduleSource(specifier: string, fromFile: string, modules: ProjectModules): ts.SourceFile | undefined {
  const file = modules.resolve(specifier, fromFile);
  return file ? modules.sourceOf(file) : undefined;
}

/** `internal.users.upsert` → the `upsert` export of `<convexDir>/users.ts`, and the function its builder wraps. */
function convexFunction(
  reference: ts.Expression | undefined,
  inputs: (ts.Expression | undefined)[],
  modules: ProjectModules,
  convexDir?: string,
): CallTarget | undefined {
  if (!reference || !convexDir) return undefined;
  const path: string[] = [];
  let node = unwrapExpression(reference);
  while (ts.isPropertyAccessExpression(node)) {
    path.unshift(node.name.text);
    node = unwrapExpression(node.expression);
  }
  if (!ts.isIdentifier(node) || (node.text !== 'internal' && node.text !== 'api') || path.length < 2) return undefined;
  const exportName = path.pop()!;
  const target = moduleSource(`./${path.join('/')}`, `${convexDir}/http.ts`, modules);
  const exported = target && exportedValue(target, exportName, modules, new Set());
  return exported ? { kind: 'follow', node: exported, fn: convexHandler(exported), inputs } : undefined;
}

/** `internalAction({ handler: async (ctx, args) => … })` or `internalAction(async (ctx, args) => …)`. */
function convexHandler(node: ts.Node): HandlerFunction | undefined {
  const call = ts.isExpression(node) ? unwrapExpression(node) : node;
  if (!ts.isCallExpression(call) || !call.arguments[0]) return undefined;
  const argument = unwrapExpression(call.arguments[0]);
  const handler = ts.isObjectLiteralExpression(argument) ? objectMember(argument, 'handler') : argument;
  return handler && asFunction(handler);
}

/** A function declared under `name` in a scope enclosing `node` (nested helpers, then the module's). */
function enclosingFunction(node: ts.Node, name: string): HandlerFunction | undefined {
  for (let scope: ts.Node | undefined = node.parent; scope; scope = scope.parent) {
    if (ts.isSourceFile(scope)) return topLevelFunction(scope, name);
    if (!ts.isBlock(scope)) continue;
    for (const statement of scope.statements) {
      if (ts.isFunctionDeclaration(statement) && statement.name?.text === name && statement.body) return statement as HandlerFunction;
      if (!ts.isVariableStatement(statement)) continue;
      const declaration = statement.declarationList.declarations.find((entry) => ts.isIdentifier(entry.name) && entry.name.text === name);
      const fn = declaration?.initializer && functionOf(declaration.initializer);
      if (fn) return fn;
    }
  }
  return undefined;
}

/** Whether the module binds `name` itself (a parameter, variable, class…): then it is no global. */
function declaresName(sourceFile: ts.SourceFile, name: string): boolean {
  return declaredNames(sourceFile).has(name);
}

/** Every name a module binds anywhere (iterative: generated files can nest deeply). */
const declaredNames = memoizeBySource((sourceFile: ts.SourceFile): Set<string> => {
  const names = new Set<string>();
  for (const node of descendants(sourceFile)) {
    if (ts.isParameter(node) || ts.isVariableDeclaration(node) || ts.isBindingElement(node)) for (const name of bindingNames(node.name)) names.add(name);
    if ((ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node)) && node.name) names.add(node.name.text);
  }
  return names;
});

function bindingNames(name: ts.BindingName): string[] {
  if (ts.isIdentifier(name)) return [name.text];
  return name.elements.flatMap((element) => (ts.isBindingElement(element) ? bindingNames(element.name) : []));
}

/** The parameters of `fn` that receive a carrier (by position; a spread argument reaches them all). */
function parameterCarriers(fn: HandlerFunction, inputs: readonly (ts.Expression | undefined)[], carriers: Set<string>): string[] {
  const spread = inputs.some((input) => input && ts.isSpreadElement(input) && mentionsAny(input, carriers));
  return fn.parameters.flatMap((parameter, index) => {
    const received = parameter.dotDotDotToken ? inputs.slice(index) : [inputs[index]];
    return spread || received.some((input) => input && mentionsAny(input, carriers)) ? bindingNames(parameter.name) : [];
  });
}

/** `initial` plus the names derived from them in `fn` (`const body = await req.text()`, `const { payload } = args`) and `await headers()`. */
function carriersIn(fn: HandlerFunction, initial: readonly string[]): Set<string> {
  const names = new Set(initial);
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && node.initializer && (mentionsAny(node.initializer, names) || readsHeaders(node.initializer))) {
      for (const name of bindingNames(node.name)) names.add(name);
    }
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(node.left) && mentionsAny(node.right, names)) {
      names.add(node.left.text);
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(fn.body, visit);
  return names;
}

/** `await headers()` (next/headers): the request's headers, svix signature included. */
function readsHeaders(expression: ts.Expression): boolean {
  let node = unwrapExpression(expression);
  if (ts.isAwaitExpression(node)) node = unwrapExpression(node.expression);
  return ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'headers';
}

/** Whether `node` reads one of `names` (property names such as `x.body` or `{ body: 1 }` are not reads); `skip` is left out. */
function mentionsAny(node: ts.Node, names: Set<string>, skip?: ts.Node): boolean {
  if (node === skip) return false;
  if (ts.isIdentifier(node)) {
    const parent = node.parent;
    const isPropertyName = (ts.isPropertyAccessExpression(parent) && parent.name === node) || (ts.isPropertyAssignment(parent) && parent.name === node);
    return !isPropertyName && names.has(node.text);
  }
  return ts.forEachChild(node, (child) => mentionsAny(child, names, skip) || undefined) ?? false;
}
