/**
 * The public Convex functions of a folder and what their handlers do with the database and the
 * identity: enough to tell a public write that never asks who the caller is. Identity checks are
 * followed into the project's own helpers (by name, within the Convex folder, two levels deep).
 */
import * as ts from 'typescript';
import { getImports, getProperty, unwrapExpression } from '../parse/facts';

export type ConvexFunctionKind = 'query' | 'mutation' | 'action' | 'httpAction';

export interface ConvexFunction {
  file: string;
  /** The exported name (`export const send = mutation(...)`). */
  name: ts.Identifier;
  kind: ConvexFunctionKind;
  handler: ts.FunctionLikeDeclaration;
  /** `ctx.db.insert/patch/replace/delete` and `ctx.runMutation` calls in the handler. */
  writes: ts.CallExpression[];
  /** The handler reads the identity, directly or through a project helper. */
  checksIdentity: boolean;
  /** The handler gates on the identity (`if (!identity) throw …`), not just shows it. */
  guardsIdentity: boolean;
}

const publicBuilders: Record<string, ConvexFunctionKind> = { query: 'query', mutation: 'mutation', action: 'action', httpAction: 'httpAction' };
const writeMethods = new Set(['insert', 'patch', 'replace', 'delete']);

/** Functions (declarations or const arrows) by name across the folder: the helpers a handler may call. */
export type HelperIndex = Map<string, ts.FunctionLikeDeclaration[]>;

export function indexHelpers(sourceFiles: ts.SourceFile[]): HelperIndex {
  const index: HelperIndex = new Map();
  const add = (name: string, fn: ts.FunctionLikeDeclaration) => index.set(name, [...(index.get(name) ?? []), fn]);
  for (const sourceFile of sourceFiles) {
    for (const statement of sourceFile.statements) {
      if (ts.isFunctionDeclaration(statement) && statement.name && statement.body) add(statement.name.text, statement);
      if (ts.isVariableStatement(statement)) {
        for (const declaration of statement.declarationList.declarations) {
          const initializer = declaration.initializer && unwrapExpression(declaration.initializer);
          if (ts.isIdentifier(declaration.name) && initializer && (ts.isArrowFunction(initializer) || ts.isFunctionExpression(initializer))) {
            add(declaration.name.text, initializer);
          }
        }
      }
    }
  }
  return index;
}

/** Exported functions built with `query`/`mutation`/`action`/`httpAction` from `_generated/server`. */
export function readConvexFunctions(sourceFile: ts.SourceFile, helpers: HelperIndex): ConvexFunction[] {
  const builders = new Map<string, ConvexFunctionKind>();
  for (const binding of getImports(sourceFile)) {
    const kind = publicBuilders[binding.importedName];
    if (kind && /(^|\/)_generated\/server(\.js)?$/.test(binding.module)) builders.set(binding.localName, kind);
  }
  const functions: ConvexFunction[] = [];
  for (const statement of sourceFile.statements) {
    if (!ts.isVariableStatement(statement) || !statement.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword)) continue;
    for (const declaration of statement.declarationList.declarations) {
      const call = declaration.initializer && unwrapExpression(declaration.initializer);
      if (!ts.isIdentifier(declaration.name) || !call || !ts.isCallExpression(call) || !ts.isIdentifier(call.expression)) continue;
      const kind = builders.get(call.expression.text);
      const handler = kind && handlerOf(call);
      if (!kind || !handler) continue;
      functions.push({
        file: sourceFile.fileName,
        name: declaration.name,
        kind,
        handler,
        writes: findWrites(handler),
        ...identityFields(identityUseIn(handler, helpers, 0)),
      });
    }
  }
  return functions;
}

function identityFields(use: IdentityUse): Pick<ConvexFunction, 'checksIdentity' | 'guardsIdentity'> {
  return { checksIdentity: use.reads, guardsIdentity: use.guards };
}

/** `mutation({ handler })`, `mutation({ handler() {} })` or `mutation(async (ctx) => …)`. */
function handlerOf(call: ts.CallExpression): ts.FunctionLikeDeclaration | undefined {
  const argument = call.arguments[0] && unwrapExpression(call.arguments[0]);
  if (!argument) return undefined;
  if (ts.isArrowFunction(argument) || ts.isFunctionExpression(argument)) return argument;
  if (!ts.isObjectLiteralExpression(argument)) return undefined;
  const method = argument.properties.find((property): property is ts.MethodDeclaration => ts.isMethodDeclaration(property) && ts.isIdentifier(property.name) && property.name.text === 'handler');
  if (method) return method;
  const property = getProperty(argument, 'handler');
  const value = property && ts.isPropertyAssignment(property) ? unwrapExpression(property.initializer) : undefined;
  return value && (ts.isArrowFunction(value) || ts.isFunctionExpression(value)) ? value : undefined;
}

/** Writes through the handler's context: `ctx.db.insert(...)`, `db.patch(...)` (destructured), `ctx.runMutation(...)`. */
function findWrites(handler: ts.FunctionLikeDeclaration): ts.CallExpression[] {
  const writes: ts.CallExpression[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const { name, expression } = node.expression;
      const target = unwrapExpression(expression);
      const isDb = (ts.isPropertyAccessExpression(target) && target.name.text === 'db') || (ts.isIdentifier(target) && target.text === 'db');
      if ((writeMethods.has(name.text) && isDb) || name.text === 'runMutation') writes.push(node);
    }
    ts.forEachChild(node, visit);
  };
  if (handler.body) visit(handler.body);
  return writes;
}

/** What a function does with the identity: reads it at all, and gates on it (`if (!identity)`, `throw`). */
interface IdentityUse {
  reads: boolean;
  guards: boolean;
}

/** `getUserIdentity()` in the body, or in a project helper it calls (by name, bounded depth). */
function identityUseIn(fn: ts.FunctionLikeDeclaration, helpers: HelperIndex, depth: number): IdentityUse {
  const use: IdentityUse = { reads: false, guards: false };
  const identityNames = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAccessExpression(node) && node.name.text === 'getUserIdentity') {
      use.reads = true;
      const declaration = ts.findAncestor(node, ts.isVariableDeclaration);
      if (declaration && ts.isIdentifier(declaration.name)) identityNames.add(declaration.name.text);
    }
    if (ts.isCallExpression(node) && depth < 2) {
      const callee = unwrapExpression(node.expression);
      const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : undefined;
      const targets = name === undefined ? [] : helpers.get(name) ?? [];
      for (const target of targets) {
        if (target === fn) continue;
        const inner = identityUseIn(target, helpers, depth + 1);
        use.reads ||= inner.reads;
        use.guards ||= inner.guards;
      }
      // A package helper that receives ctx and is named for auth (`getAuthUserId(ctx)`) is trusted.
      if (name && targets.length === 0 && /auth|user|identity|viewer|session/i.test(name) && node.arguments.length > 0) {
        use.reads = true;
        use.guards = true;
      }
    }
    const condition = ts.isIfStatement(node) ? node.expression : ts.isConditionalExpression(node) ? node.condition : undefined;
    if (condition && mentionsAny(condition, identityNames)) use.guards = true;
    ts.forEachChild(node, visit);
  };
  if (fn.body) visit(fn.body);
  return use;
}

function mentionsAny(node: ts.Node, names: Set<string>): boolean {
  if (ts.isIdentifier(node)) return names.has(node.text);
  return ts.forEachChild(node, (child) => mentionsAny(child, names) || undefined) ?? false;
}
