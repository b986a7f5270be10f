/**
 * The Convex functions of a folder and what their handlers do: which calls write (directly, in the
 * project's helpers, through `ctx.runMutation` or a scheduled function), whether they check the
 * identity (`convexIdentity.ts`), and where an argument ends up (a select or a write). Functions are
 * built with `query`/`mutation`/`action` (and `internal*`) from `_generated/server`, or with a
 * convex-helpers custom builder (`customMutation(mutation, customCtx(…))`) defined in the folder.
 */
import * as ts from 'typescript';
import { getImports, getProperty, propertyNameText, resolveObjectLiteral, unwrapExpression } from '../parse/facts';
import { IdentityAnalyzer, indexHelpers, parameterName, type IdentityUse } from './convexIdentity';
import { anyDescendant, descendants } from '../parse/sourceFile';

export type ConvexFunctionKind = 'query' | 'mutation' | 'action' | 'httpAction';

export interface ConvexFunction {
  file: string;
  /** The exported name (`export const send = mutation(...)`). */
  name: ts.Identifier;
  kind: ConvexFunctionKind;
  isPublic: boolean;
  handler: ts.FunctionLikeDeclaration;
  /** The `args` validators, when written as an object literal. */
  args?: ts.ObjectLiteralExpression;
  /** Calls in the handler that write, directly or through what they call. */
  writes: ts.CallExpression[];
  /** The handler (or its custom builder) asks who the caller is. */
  checksIdentity: boolean;
  /** … and refuses to go on without an identity, not just shows it. */
  guardsIdentity: boolean;
}

/** Where an argument's value ends up: in a select (`withIndex`, `filter`, `db.get`, `runQuery`) or a write. */
export interface ArgumentUse {
  use: 'select' | 'write';
  /** The call in the handler that leads there. */
  call: ts.CallExpression;
  /** Tables named by the select (`ctx.db.query('users')…`), when visible. */
  tables: string[];
}

interface Builder {
  kind: ConvexFunctionKind;
  isPublic: boolean;
  identity: IdentityUse;
}

const generatedBuilders: Record<string, Omit<Builder, 'identity'>> = {
  query: { kind: 'query', isPublic: true },
  mutation: { kind: 'mutation', isPublic: true },
  action: { kind: 'action', isPublic: true },
  httpAction: { kind: 'httpAction', isPublic: true },
  internalQuery: { kind: 'query', isPublic: false },
  internalMutation: { kind: 'mutation', isPublic: false },
  internalAction: { kind: 'action', isPublic: false },
};
const customBuilders = new Set(['customQuery', 'customMutation', 'customAction', 'zCustomQuery', 'zCustomMutation', 'zCustomAction']);
const dbWrites = new Set(['insert', 'patch', 'replace', 'delete']);
const storageWrites = new Set(['delete', 'store']);
const selectMethods = new Set(['withIndex', 'withSearchIndex', 'filter', 'runQuery']);
const noIdentity: IdentityUse = { reads: false, guards: false };

export class ConvexFolder {
  readonly functions: ConvexFunction[] = [];
  readonly identity: IdentityAnalyzer;
  private readonly helpers;
  private readonly byReference = new Map<string, ConvexFunction>();
  private readonly wrappers = new Map<string, ts.VariableDeclaration>();
  private readonly builderCache = new Map<ts.VariableDeclaration, Builder | undefined>();
  private readonly writeCache = new Map<ts.FunctionLikeDeclaration, ts.CallExpression[]>();

  constructor(
    readonly dir: string,
    sourceFiles: ts.SourceFile[],
  ) {
    this.helpers = indexHelpers(sourceFiles);
    this.identity = new IdentityAnalyzer(this.helpers);
    for (const sourceFile of sourceFiles) this.indexWrappers(sourceFile);
    for (const sourceFile of sourceFiles) {
      for (const fn of this.readFunctions(sourceFile)) {
        this.functions.push(fn);
        this.byReference.set(`${modulePath(dir, sourceFile.fileName)}:${fn.name.text}`, fn);
      }
    }
    for (const fn of this.functions) fn.writes = this.writesIn(fn.handler);
  }

  /** How clients name a function: `api.tasks.get` → `tasks.get`. */
  referenceName(fn: ConvexFunction): string {
    return `${modulePath(this.dir, fn.file).split('/').join('.')}.${fn.name.text}`;
  }

  /** Where the argument `key` of a function ends up (through the project helpers it is passed to). */
  argumentUses(fn: ConvexFunction, key: string): ArgumentUse[] {
    const argsName = parameterName(fn.handler, 1);
    const locals = new Set(destructuredLocals(fn.handler, key, argsName));
    const isKeyUse = (node: ts.Node) =>
      (ts.isIdentifier(node) && locals.has(node.text) && !isDeclarationName(node)) ||
      (ts.isPropertyAccessExpression(node) && node.name.text === key && ts.isIdentifier(node.expression) && node.expression.text === argsName);
    // The whole object counts where the handler writes or selects with it, not as a helper's parameter.
    const isUse = (node: ts.Node) => isKeyUse(node) || (argsName !== undefined && isWholeArgs(node, argsName));
    return this.usesIn(fn.handler, isUse, isKeyUse, new Set());
  }

  private usesIn(
    fn: ts.FunctionLikeDeclaration,
    isUse: (node: ts.Node) => boolean,
    isFollowed: (node: ts.Node) => boolean,
    visited: Set<ts.FunctionLikeDeclaration>,
  ): ArgumentUse[] {
    visited.add(fn);
    const uses: ArgumentUse[] = [];
    for (const node of fn.body ? descendants(fn.body) : []) {
      if (!ts.isCallExpression(node)) continue;
      if (node.arguments.some((argument) => anyDescendant(argument, isUse))) uses.push(...this.classifyUse(node, isFollowed, visited));
    }
    return uses;
  }

  private classifyUse(call: ts.CallExpression, isFollowed: (node: ts.Node) => boolean, visited: Set<ts.FunctionLikeDeclaration>): ArgumentUse[] {
    const callee = unwrapExpression(call.expression);
    if (this.isDirectWrite(call)) return [{ use: 'write', call, tables: [] }];
    if (ts.isPropertyAccessExpression(callee) && (selectMethods.has(callee.name.text) || (callee.name.text === 'get' && isNamed(callee.expression, 'db')))) {
      return [{ use: 'select', call, tables: tablesOf(callee) }];
    }
    // Passed to a project helper: follow the parameter it lands in.
    return this.identity
      .helpersCalledBy(call)
      .filter((helper) => !visited.has(helper))
      .flatMap((helper) => {
        const names = new Set(call.arguments.flatMap((argument, index) => receivingNames(argument, helper.parameters[index], isFollowed)));
        if (names.size === 0) return [];
        const isParameter = (node: ts.Node) => ts.isIdentifier(node) && names.has(node.text) && !isDeclarationName(node);
        const inner = this.usesIn(helper, isParameter, isParameter, visited);
        return inner.map((use) => ({ ...use, call }));
      });
  }

  /** Calls in a function that write; memoized, and a cycle back into a function adds nothing. */
  private writesIn(fn: ts.FunctionLikeDeclaration): ts.CallExpression[] {
    const known = this.writeCache.get(fn);
    if (known) return known;
    this.writeCache.set(fn, []);
    const writes = fn.body ? [...descendants(fn.body)].filter((node): node is ts.CallExpression => ts.isCallExpression(node) && this.isWrite(node)) : [];
    this.writeCache.set(fn, writes);
    return writes;
  }

  private isWrite(call: ts.CallExpression): boolean {
    return this.isDirectWrite(call) || this.identity.helpersCalledBy(call).some((helper) => this.writesIn(helper).length > 0);
  }

  /**
   * `ctx.db.insert/patch/replace/delete`, `ctx.storage.delete/store` (`store` is callable from
   * mutations since convex 1.48.0), `ctx.runMutation`, and scheduling a function that writes.
   */
  private isDirectWrite(call: ts.CallExpression): boolean {
    const callee = unwrapExpression(call.expression);
    if (!ts.isPropertyAccessExpression(callee)) return false;
    const method = callee.name.text;
    const target = callee.expression;
    if (dbWrites.has(method) && isNamed(target, 'db')) return true;
    if (storageWrites.has(method) && isNamed(target, 'storage')) return true;
    if (method === 'runMutation') return true;
    if ((method === 'runAfter' || method === 'runAt') && isNamed(target, 'scheduler')) {
      const scheduled = call.arguments[1] && this.referencedFunction(call.arguments[1]);
      return scheduled !== undefined && this.writesIn(scheduled.handler).length > 0;
    }
    return false;
  }

  /** `internal.payments.settle` → the function `settle` of `convex/payments.ts`. */
  private referencedFunction(expression: ts.Expression): ConvexFunction | undefined {
    const names: string[] = [];
    let node = unwrapExpression(expression);
    while (ts.isPropertyAccessExpression(node)) {
      names.unshift(node.name.text);
      node = unwrapExpression(node.expression);
    }
    if (!ts.isIdentifier(node) || names.length < 2) return undefined;
    const binding = getImports(node.getSourceFile()).find((entry) => entry.localName === (node as ts.Identifier).text);
    if (!binding || !/(^|\/)_generated\/api(\.js)?$/.test(binding.module)) return undefined;
    return this.byReference.get(`${names.slice(0, -1).join('/')}:${names[names.length - 1]}`);
  }

  /** Top-level `const x = customMutation(...)` declarations, by name. */
  private indexWrappers(sourceFile: ts.SourceFile): void {
    for (const statement of sourceFile.statements) {
      if (!ts.isVariableStatement(statement)) continue;
      for (const declaration of statement.declarationList.declarations) {
        const call = declaration.initializer && unwrapExpression(declaration.initializer);
        if (
          ts.isIdentifier(declaration.name) &&
          call &&
          ts.isCallExpression(call) &&
          ts.isIdentifier(call.expression) &&
          this.isCustomBuilder(call.expression)
        ) {
          this.wrappers.set(declaration.name.text, declaration);
        }
      }
    }
  }

  private isCustomBuilder(identifier: ts.Identifier): boolean {
    const binding = getImports(identifier.getSourceFile()).find((entry) => entry.localName === identifier.text);
    return binding !== undefined && binding.module.startsWith('convex-helpers') && customBuilders.has(binding.importedName);
  }

  /** What `name` builds when called in `sourceFile`: a generated builder or a custom one of the folder. */
  private builderNamed(name: ts.Identifier): Builder | undefined {
    const binding = getImports(name.getSourceFile()).find((entry) => entry.localName === name.text && !entry.typeOnly);
    if (binding && /(^|\/)_generated\/server(\.js)?$/.test(binding.module)) {
      const generated = generatedBuilders[binding.importedName];
      return generated && { ...generated, identity: noIdentity };
    }
    if (binding && !binding.module.startsWith('.')) return undefined;
    const declaration = this.wrappers.get(binding ? binding.importedName : name.text);
    return declaration && this.customBuilder(declaration);
  }

  /** `customMutation(base, customCtx(fn))` or `customMutation(base, { args, input })`: the base's kind, and the identity either checks. */
  private customBuilder(declaration: ts.VariableDeclaration): Builder | undefined {
    if (this.builderCache.has(declaration)) return this.builderCache.get(declaration);
    this.builderCache.set(declaration, undefined);
    const call = unwrapExpression(declaration.initializer!) as ts.CallExpression;
    const base = call.arguments[0] && unwrapExpression(call.arguments[0]);
    const baseBuilder = base && ts.isIdentifier(base) ? this.builderNamed(base) : undefined;
    const modifier = call.arguments[1] && customizationFunction(call.arguments[1]);
    const own = modifier ? this.identity.useOf(modifier) : noIdentity;
    const builder = baseBuilder && {
      ...baseBuilder,
      identity: { reads: baseBuilder.identity.reads || own.reads, guards: baseBuilder.identity.guards || own.guards },
    };
    this.builderCache.set(declaration, builder);
    return builder;
  }

  private readFunctions(sourceFile: ts.SourceFile): ConvexFunction[] {
    const functions: ConvexFunction[] = [];
    for (const statement of sourceFile.statements) {
      if (!ts.isVariableStatement(statement) || !statement.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword)) continue;
      for (const declaration of statement.declarationList.declarations) {
        const call = declaration.initializer && unwrapExpression(declaration.initializer);
        if (!ts.isIdentifier(declaration.name) || !call || !ts.isCallExpression(call) || !ts.isIdentifier(call.expression)) continue;
        const builder = this.builderNamed(call.expression);
        const handler = builder && handlerOf(call);
        if (!builder || !handler) continue;
        const own = this.identity.useOf(handler);
        functions.push({
          file: sourceFile.fileName,
          name: declaration.name,
          kind: builder.kind,
          isPublic: builder.isPublic,
          handler,
          args: argsOf(call),
          writes: [],
          checksIdentity: own.reads || builder.identity.reads,
          guardsIdentity: own.guards || builder.identity.guards,
        });
      }
    }
    return functions;
  }
}

/** `convex/lib/payments.ts` → `lib/payments` (the path `api.lib.payments` names). */
function modulePath(dir: string, file: string): string {
  return file.slice(dir.length + 1).replace(/\.[cm]?[jt]sx?$/, '');
}

/** `ctx.db` or a destructured `db`. */
function isNamed(expression: ts.Expression, name: string): boolean {
  const target = unwrapExpression(expression);
  return (ts.isPropertyAccessExpression(target) && target.name.text === name) || (ts.isIdentifier(target) && target.text === name);
}

/** `customCtx(fn)` → fn; `{ input: fn }` / `{ input(ctx) {} }` → that function. */
function customizationFunction(expression: ts.Expression): ts.FunctionLikeDeclaration | undefined {
  const node = unwrapExpression(expression);
  if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'customCtx') {
    const argument = node.arguments[0] && unwrapExpression(node.arguments[0]);
    return argument && (ts.isArrowFunction(argument) || ts.isFunctionExpression(argument)) ? argument : undefined;
  }
  return ts.isObjectLiteralExpression(node) ? functionProperty(node, 'input') : undefined;
}

/** `mutation({ handler })`, `mutation({ handler() {} })` or `mutation(async (ctx) => …)`. */
function handlerOf(call: ts.CallExpression): ts.FunctionLikeDeclaration | undefined {
  const argument = call.arguments[0] && unwrapExpression(call.arguments[0]);
  if (!argument) return undefined;
  if (ts.isArrowFunction(argument) || ts.isFunctionExpression(argument)) return argument;
  return ts.isObjectLiteralExpression(argument) ? functionProperty(argument, 'handler') : undefined;
}

function functionProperty(object: ts.ObjectLiteralExpression, name: string): ts.FunctionLikeDeclaration | undefined {
  const method = object.properties.find(
    (property): property is ts.MethodDeclaration => ts.isMethodDeclaration(property) && propertyNameText(property.name) === name,
  );
  if (method) return method;
  const property = getProperty(object, name);
  const value = property && ts.isPropertyAssignment(property) ? unwrapExpression(property.initializer) : undefined;
  return value && (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) ? value : undefined;
}

function argsOf(call: ts.CallExpression): ts.ObjectLiteralExpression | undefined {
  const options = call.arguments[0] && unwrapExpression(call.arguments[0]);
  const property = options && ts.isObjectLiteralExpression(options) ? getProperty(options, 'args') : undefined;
  return property && ts.isPropertyAssignment(property) ? resolveObjectLiteral(property.initializer) : undefined;
}

/** The argument names a function takes: its `args` validators and the keys its handler destructures. */
export function argumentNames(fn: ConvexFunction): ts.Node[] {
  const declared = fn.args?.properties.flatMap((property) => (property.name && propertyNameText(property.name) !== undefined ? [property.name] : [])) ?? [];
  const parameter = fn.handler.parameters[1];
  const destructured =
    parameter && ts.isObjectBindingPattern(parameter.name) ? parameter.name.elements.map((element) => element.propertyName ?? element.name) : [];
  const seen = new Set<string>();
  return [...declared, ...destructured].filter((node) => {
    const text = nameText(node);
    if (text === undefined || seen.has(text)) return false;
    seen.add(text);
    return true;
  });
}

export function nameText(node: ts.Node): string | undefined {
  return ts.isIdentifier(node) || ts.isStringLiteral(node) ? node.text : undefined;
}

/** Locals bound to `key`: from the handler's destructured parameter and `const { key } = args`. */
function destructuredLocals(handler: ts.FunctionLikeDeclaration, key: string, argsName: string | undefined): string[] {
  const patterns: ts.ObjectBindingPattern[] = [];
  const parameter = handler.parameters[1];
  if (parameter && ts.isObjectBindingPattern(parameter.name)) patterns.push(parameter.name);
  for (const node of handler.body ? descendants(handler.body) : []) {
    if (
      ts.isVariableDeclaration(node) &&
      ts.isObjectBindingPattern(node.name) &&
      node.initializer &&
      argsName !== undefined &&
      isNamed(node.initializer, argsName)
    )
      patterns.push(node.name);
  }
  return patterns.flatMap((pattern) =>
    pattern.elements.flatMap((element) => {
      const property = element.propertyName ? nameText(element.propertyName) : ts.isIdentifier(element.name) ? element.name.text : undefined;
      return property === key && ts.isIdentifier(element.name) ? [element.name.text] : [];
    }),
  );
}

/** `ctx.db.insert('users', args)` or `{ ...args }`: the whole arguments object carries every key. */
function isWholeArgs(node: ts.Node, argsName: string): boolean {
  if (!ts.isIdentifier(node) || node.text !== argsName) return false;
  const parent = node.parent;
  return (
    !(ts.isPropertyAccessExpression(parent) && parent.expression === node) &&
    !(ts.isElementAccessExpression(parent) && parent.expression === node) &&
    !isDeclarationName(node)
  );
}

/**
 * The helper's locals that receive a value: the parameter itself (`helper(ctx, args.clerkId)`), or
 * the destructured fields an object argument fills (`helper({ ctx, clerkId: args.clerkId })`).
 */
function receivingNames(argument: ts.Expression, parameter: ts.ParameterDeclaration | undefined, isUse: (node: ts.Node) => boolean): string[] {
  if (!parameter || !anyDescendant(argument, isUse)) return [];
  if (ts.isIdentifier(parameter.name)) return [parameter.name.text];
  const object = unwrapExpression(argument);
  if (!ts.isObjectBindingPattern(parameter.name) || !ts.isObjectLiteralExpression(object)) return [];
  const filled = new Set(
    object.properties.flatMap((property) => (property.name && anyDescendant(property, isUse) ? (propertyNameText(property.name) ?? []) : [])),
  );
  return parameter.name.elements.flatMap((element) => {
    const property = element.propertyName ? nameText(element.propertyName) : ts.isIdentifier(element.name) ? element.name.text : undefined;
    return property !== undefined && filled.has(property) && ts.isIdentifier(element.name) ? [element.name.text] : [];
  });
}

function isDeclarationName(node: ts.Identifier): boolean {
  const parent = node.parent;
  return (
    ((ts.isBindingElement(parent) || ts.isVariableDeclaration(parent) || ts.isParameter(parent)) && parent.name === node) ||
    (ts.isBindingElement(parent) && parent.propertyName === node) ||
    (ts.isPropertyAccessExpression(parent) && parent.name === node) ||
    (ts.isPropertyAssignment(parent) && parent.name === node)
  );
}

/** Tables named by `.query('t')` calls in a select's receiver chain. */
function tablesOf(callee: ts.PropertyAccessExpression): string[] {
  const tables: string[] = [];
  let node: ts.Expression = callee.expression;
  for (;;) {
    node = unwrapExpression(node);
    if (ts.isCallExpression(node)) {
      const inner = unwrapExpression(node.expression);
      const first = node.arguments[0];
      if (ts.isPropertyAccessExpression(inner) && inner.name.text === 'query' && first && ts.isStringLiteralLike(first)) tables.push(first.text);
      node = inner;
    } else if (ts.isPropertyAccessExpression(node)) {
      node = node.expression;
    } else {
      return tables;
    }
  }
}
