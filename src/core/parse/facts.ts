import * as ts from 'typescript';
import { memoizeBySource } from './sourceFile';

/** A name bound by an import declaration. */
export interface ImportBinding {
  /** The local name in this module. */
  localName: string;
  /** The module specifier, e.g. `@clerk/nextjs/server`. */
  module: string;
  /** The exported name, `default` for default imports, `*` for namespace imports. */
  importedName: string;
  typeOnly: boolean;
  node: ts.ImportSpecifier | ts.ImportClause | ts.NamespaceImport;
}

export const getImports = memoizeBySource((sourceFile: ts.SourceFile): ImportBinding[] => {
  const bindings: ImportBinding[] = [];
  for (const statement of sourceFile.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const clause = statement.importClause;
    if (!clause) continue;
    const module = statement.moduleSpecifier.text;
    if (clause.name) {
      bindings.push({ localName: clause.name.text, module, importedName: 'default', typeOnly: clause.isTypeOnly, node: clause });
    }
    const named = clause.namedBindings;
    if (named && ts.isNamespaceImport(named)) {
      bindings.push({ localName: named.name.text, module, importedName: '*', typeOnly: clause.isTypeOnly, node: named });
    } else if (named) {
      for (const element of named.elements) {
        bindings.push({
          localName: element.name.text,
          module,
          importedName: (element.propertyName ?? element.name).text,
          typeOnly: clause.isTypeOnly || element.isTypeOnly,
          node: element,
        });
      }
    }
  }
  return bindings;
});

/** The import binding an identifier refers to by name (imports are module-scoped). */
export function importOf(imports: ImportBinding[], identifier: ts.Identifier): ImportBinding | undefined {
  return imports.find((binding) => binding.localName === identifier.text);
}

/** Module specifiers of every import, re-export, `import()` and `require()` (for the module graph). */
export function getModuleSpecifiers(sourceFile: ts.SourceFile): string[] {
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      if (!(ts.isImportDeclaration(node) && node.importClause?.isTypeOnly) && !(ts.isExportDeclaration(node) && node.isTypeOnly)) {
        found.push(node.moduleSpecifier.text);
      }
    } else if (
      ts.isCallExpression(node) &&
      node.arguments.length === 1 &&
      ts.isStringLiteralLike(node.arguments[0]) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))
    ) {
      found.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

/** True when the module starts with the `'use client'` directive. */
export function hasUseClientDirective(sourceFile: ts.SourceFile): boolean {
  return directivesOf(sourceFile).includes('use client');
}

/** The directive prologue: leading string-literal expression statements. */
export function directivesOf(sourceFile: ts.SourceFile): string[] {
  const directives: string[] = [];
  for (const statement of sourceFile.statements) {
    if (!ts.isExpressionStatement(statement) || !ts.isStringLiteral(statement.expression)) break;
    directives.push(statement.expression.text);
  }
  return directives;
}

/** A top-level `const name = <initializer>` in the module. */
export function findTopLevelConst(sourceFile: ts.SourceFile, name: string): ts.VariableDeclaration | undefined {
  for (const statement of sourceFile.statements) {
    if (!ts.isVariableStatement(statement) || !(statement.declarationList.flags & ts.NodeFlags.Const)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (ts.isIdentifier(declaration.name) && declaration.name.text === name) return declaration;
    }
  }
  return undefined;
}

/** Strips `as`, `satisfies`, `!`, parentheses and `<T>` casts. */
export function unwrapExpression(expression: ts.Expression): ts.Expression {
  let current = expression;
  while (
    ts.isAsExpression(current) ||
    ts.isSatisfiesExpression(current) ||
    ts.isNonNullExpression(current) ||
    ts.isParenthesizedExpression(current) ||
    ts.isTypeAssertionExpression(current)
  ) {
    current = current.expression;
  }
  return current;
}

/**
 * The string value of an expression: literals, no-substitution templates, and identifiers bound
 * to a top-level `const` holding one (followed a few steps, not through function scopes).
 */
export function resolveStringValue(expression: ts.Expression, depth = 0): string | undefined {
  const node = unwrapExpression(expression);
  if (ts.isStringLiteralLike(node)) return node.text;
  if (ts.isIdentifier(node) && depth < 5) {
    const declaration = findTopLevelConst(node.getSourceFile(), node.text);
    if (declaration?.initializer) return resolveStringValue(declaration.initializer, depth + 1);
  }
  return undefined;
}

/** An object literal behind an expression (through `as`/`satisfies` and a top-level const). */
export function resolveObjectLiteral(expression: ts.Expression, depth = 0): ts.ObjectLiteralExpression | undefined {
  const node = unwrapExpression(expression);
  if (ts.isObjectLiteralExpression(node)) return node;
  if (ts.isIdentifier(node) && depth < 5) {
    const declaration = findTopLevelConst(node.getSourceFile(), node.text);
    if (declaration?.initializer) return resolveObjectLiteral(declaration.initializer, depth + 1);
  }
  return undefined;
}

/** A property of an object literal by its static name (`a`, `'a'`, `["a"]`). */
export function getProperty(object: ts.ObjectLiteralExpression, name: string): ts.PropertyAssignment | ts.ShorthandPropertyAssignment | undefined {
  for (const property of object.properties) {
    if ((ts.isPropertyAssignment(property) || ts.isShorthandPropertyAssignment(property)) && propertyNameText(property.name) === name) {
      return property;
    }
  }
  return undefined;
}

export function propertyNameText(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteralLike(name) || ts.isNumericLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
  if (ts.isComputedPropertyName(name)) return resolveStringValue(name.expression);
  return undefined;
}

/** The object literal of `export const config = {…}` (Next.js route/middleware config). */
export function getExportedConfig(sourceFile: ts.SourceFile): ts.ObjectLiteralExpression | undefined {
  for (const statement of sourceFile.statements) {
    if (!ts.isVariableStatement(statement) || !statement.modifiers?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) continue;
    for (const declaration of statement.declarationList.declarations) {
      if (ts.isIdentifier(declaration.name) && declaration.name.text === 'config' && declaration.initializer) {
        return resolveObjectLiteral(declaration.initializer);
      }
    }
  }
  return undefined;
}

/** How a variable is read from `process.env` (or Convex's typed `env` from `_generated/server`). */
export interface EnvRead {
  name: string;
  /** `process.env.X ?? y`, `process.env.X || y`, or a destructuring default: the app survives without it. */
  hasFallback: boolean;
  /**
   * Why the app survives without the variable, or undefined when it needs it: `default` (a default
   * anywhere in its `||`/`??` chain, a ternary or destructuring default), `empty-default` (the only
   * default is `''`: no real value for a secret), `test` (a presence or equality test, or a read
   * guarded by one).
   */
  optional?: 'default' | 'empty-default' | 'test';
  /** The other variables of its `||`/`??` chain: the read is satisfied when any of them is set. */
  alternatives: string[];
  /** The node to squiggle: `process.env.X`, `process.env["X"]`, `env.X`, or the destructured binding. */
  node: ts.Node;
}

/**
 * Every static `process.env` read: `process.env.X`, `process.env["X"]` (also through a const),
 * `const { X, Y: y = 'd' } = process.env`, and `env.X` where `env` is imported from Convex's
 * `_generated/server` (typed env, convex ≥ 1.39). Dynamic reads (`process.env[name]`) are skipped.
 */
export const getEnvReads = memoizeBySource((sourceFile: ts.SourceFile): EnvRead[] => {
  const convexEnv = new Set(
    getImports(sourceFile)
      .filter((binding) => binding.importedName === 'env' && !binding.typeOnly && /(^|\/)_generated\/server(\.[cm]?[jt]s)?$/.test(binding.module))
      .map((binding) => binding.localName),
  );
  const isEnvObject = (node: ts.Node) => isProcessEnv(node) || (ts.isIdentifier(node) && convexEnv.has(node.text));
  const found: { name: string; node: ts.Expression | ts.BindingElement; destructuringDefault?: boolean }[] = [];
  /** Each operand of a `||`/`??` chain → the chain's operands (flattened once per chain, so long chains stay linear). */
  const chainOf = new Map<ts.Node, ts.Expression[]>();
  // Iterative walk: deeply nested code must not overflow the stack.
  const stack: ts.Node[] = [sourceFile];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (
      ts.isExpression(node) &&
      isEnvObject(node) &&
      ts.isVariableDeclaration(node.parent) &&
      node.parent.initializer === node &&
      ts.isObjectBindingPattern(node.parent.name)
    ) {
      for (const element of node.parent.name.elements) {
        const name = element.propertyName ? propertyNameText(element.propertyName) : ts.isIdentifier(element.name) ? element.name.text : undefined;
        if (name && !element.dotDotDotToken) found.push({ name, node: element, destructuringDefault: element.initializer !== undefined });
      }
    } else if (ts.isPropertyAccessExpression(node) && isEnvObject(node.expression)) {
      found.push({ name: node.name.text, node });
    } else if (ts.isElementAccessExpression(node) && isEnvObject(node.expression)) {
      const name = resolveStringValue(node.argumentExpression);
      if (name !== undefined) found.push({ name, node });
    } else if (isFallbackExpression(node) && !isFallbackExpression(outermost(node).parent)) {
      const operands = flattenChain(node);
      for (const operand of operands) chainOf.set(operand, operands);
    }
    const children: ts.Node[] = [];
    ts.forEachChild(node, (child) => {
      children.push(child);
    });
    for (let index = children.length - 1; index >= 0; index--) stack.push(children[index]);
  }
  const readNodes = new Map<ts.Node, string>(found.map((read) => [read.node, read.name]));
  const chainInfo = memoizeChains(readNodes);
  return found.map((read): EnvRead => {
    if (read.destructuringDefault !== undefined) {
      const defaultValue = (read.node as ts.BindingElement).initializer;
      return {
        name: read.name,
        hasFallback: read.destructuringDefault,
        optional: defaultValue ? defaultKind([defaultValue]) : undefined,
        alternatives: [],
        node: read.node,
      };
    }
    const expression = read.node as ts.Expression;
    const chain = chainInfo(chainOf.get(outermost(expression)));
    const optional = chain.defaults ?? (isTested(expression, read.name, readNodes) ? 'test' : undefined);
    const alternatives = chain.names.filter((name) => name !== read.name);
    return { name: read.name, hasFallback: hasFallback(expression), optional, alternatives, node: read.node };
  });
});

/** At most this many variables of one chain are kept as alternatives. */
const maxAlternatives = 20;

/** Per chain, computed once: the kind of its defaults (if any) and the variables it reads. */
function memoizeChains(readNodes: Map<ts.Node, string>) {
  const cache = new Map<ts.Expression[], { defaults?: 'default' | 'empty-default'; names: string[] }>();
  return (operands: ts.Expression[] | undefined) => {
    if (!operands) return { names: [] };
    let info = cache.get(operands);
    if (!info) {
      const defaults = operands.filter((operand) => !readNodes.has(unwrapExpression(operand)));
      const names = new Set<string>();
      for (const operand of operands) {
        const name = readNodes.get(unwrapExpression(operand));
        if (name !== undefined && names.size < maxAlternatives) names.add(name);
      }
      info = { defaults: defaults.length > 0 ? defaultKind(defaults) : undefined, names: [...names] };
      cache.set(operands, info);
    }
    return info;
  };
}

function isProcessEnv(node: ts.Node): boolean {
  const expression = ts.isExpression(node) ? unwrapExpression(node) : node;
  return (
    ts.isPropertyAccessExpression(expression) &&
    expression.name.text === 'env' &&
    ts.isIdentifier(expression.expression) &&
    expression.expression.text === 'process'
  );
}

/** The expression a read stands for once `(…)`, `!`, `as` and `satisfies` around it are peeled off. */
function outermost(node: ts.Expression): ts.Expression {
  let current = node;
  while (
    ts.isParenthesizedExpression(current.parent) ||
    ts.isNonNullExpression(current.parent) ||
    ts.isAsExpression(current.parent) ||
    ts.isSatisfiesExpression(current.parent)
  ) {
    current = current.parent;
  }
  return current;
}

/** `read ?? x` or `read || x` (through parentheses, `!` and `as`). */
function hasFallback(read: ts.Expression): boolean {
  const node = outermost(read);
  const parent = node.parent;
  return ts.isBinaryExpression(parent) && parent.left === node && isFallbackOperator(parent.operatorToken.kind);
}

function isFallbackOperator(kind: ts.SyntaxKind): boolean {
  return kind === ts.SyntaxKind.QuestionQuestionToken || kind === ts.SyntaxKind.BarBarToken;
}

function isFallbackExpression(node: ts.Node): node is ts.BinaryExpression {
  return ts.isBinaryExpression(node) && isFallbackOperator(node.operatorToken.kind);
}

/** The operands of a `||`/`??` chain (`A || B ?? 'x'` → A, B, 'x'), each as it appears in the chain. */
function flattenChain(top: ts.BinaryExpression): ts.Expression[] {
  const operands: ts.Expression[] = [];
  const pending: ts.Expression[] = [top];
  while (pending.length > 0) {
    const node = pending.pop()!;
    const inner = unwrapExpression(node);
    if (isFallbackExpression(inner)) pending.push(inner.right, inner.left);
    else operands.push(node);
  }
  return operands;
}

/** `''` alone is no real default (the app runs on with an empty string); anything else is. */
function defaultKind(defaults: ts.Expression[]): 'default' | 'empty-default' {
  return defaults.every((value) => {
    const node = unwrapExpression(value);
    return ts.isStringLiteralLike(node) && node.text === '';
  })
    ? 'empty-default'
    : 'default';
}

/**
 * A presence or equality test of the read (`if (X)`, `X ? a : b`, `X && …`, `!X`, `Boolean(X)`,
 * `X === 'true'`), or a read guarded by a test of the same variable (the branch of such a test, or
 * code after `if (!X) return`). `if (!X) throw …` is an assertion: the variable stays required.
 */
function isTested(read: ts.Expression, name: string, readNodes: Map<ts.Node, string>): boolean {
  const node = outermost(read);
  if (isTestPosition(node)) return !isAssertion(node);
  // Guards sit close to what they guard: a capped walk keeps deeply nested expressions linear.
  let steps = 0;
  for (
    let child: ts.Node = node, parent: ts.Node | undefined = node.parent;
    parent && steps < maxGuardDistance;
    child = parent, parent = parent.parent, steps++
  ) {
    // A block behind an env test is an optional feature (`if (!process.env.SENTRY_DISABLED) { org: process.env.SENTRY_ORG }`).
    if (ts.isIfStatement(parent) && parent.thenStatement === child && testsVariable(parent.expression, undefined, readNodes)) return true;
    if (ts.isConditionalExpression(parent) && parent.whenTrue === child && testsVariable(parent.condition, name, readNodes)) return true;
    if (
      ts.isBinaryExpression(parent) &&
      parent.right === child &&
      parent.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken &&
      testsVariable(parent.left, name, readNodes)
    )
      return true;
    if (
      (ts.isBlock(parent) || ts.isSourceFile(parent)) &&
      earlyExitsIn(parent).some((exit) => exit.end <= child.pos && isEarlyReturnWithout(exit, name, readNodes))
    )
      return true;
    if (ts.isFunctionLike(parent)) break;
  }
  return false;
}

/** How many ancestors up a guard of a read is looked for, and how many nodes of a condition are scanned. */
const maxGuardDistance = 64;
const maxConditionNodes = 256;

/** Where a value is only tested: a condition, `&&`/`!`/`Boolean()` operand, or an equality comparison. */
function isTestPosition(node: ts.Expression): boolean {
  const parent = node.parent;
  if ((ts.isIfStatement(parent) || ts.isWhileStatement(parent)) && parent.expression === node) return true;
  if (ts.isConditionalExpression(parent) && parent.condition === node) return true;
  if (ts.isPrefixUnaryExpression(parent) && parent.operator === ts.SyntaxKind.ExclamationToken) return true;
  if (ts.isCallExpression(parent) && ts.isIdentifier(parent.expression) && parent.expression.text === 'Boolean') return true;
  if (!ts.isBinaryExpression(parent)) return false;
  const kind = parent.operatorToken.kind;
  if (kind === ts.SyntaxKind.AmpersandAmpersandToken) return parent.left === node;
  return (
    kind === ts.SyntaxKind.EqualsEqualsEqualsToken ||
    kind === ts.SyntaxKind.ExclamationEqualsEqualsToken ||
    kind === ts.SyntaxKind.EqualsEqualsToken ||
    kind === ts.SyntaxKind.ExclamationEqualsToken
  );
}

/** `if (!X) throw …`: the test asserts the variable is set. */
function isAssertion(node: ts.Expression): boolean {
  let condition: ts.Node = node;
  for (
    let steps = 0;
    steps < maxGuardDistance &&
    (ts.isPrefixUnaryExpression(condition.parent) ||
      ts.isParenthesizedExpression(condition.parent) ||
      (ts.isBinaryExpression(condition.parent) && condition.parent.operatorToken.kind === ts.SyntaxKind.BarBarToken));
    steps++
  ) {
    condition = condition.parent;
  }
  const statement = condition.parent;
  return ts.isIfStatement(statement) && statement.expression === condition && endsInThrow(statement.thenStatement);
}

function endsInThrow(statement: ts.Statement): boolean {
  if (ts.isThrowStatement(statement)) return true;
  return ts.isBlock(statement) && statement.statements.length > 0 && ts.isThrowStatement(statement.statements[statement.statements.length - 1]);
}

/**
 * Whether a condition tests the variable (holds a read of it in a test position; any env variable
 * when `name` is undefined); a capped scan of the condition.
 */
function testsVariable(condition: ts.Expression, name: string | undefined, readNodes: Map<ts.Node, string>): boolean {
  const pending: ts.Node[] = [condition];
  for (let seen = 0; pending.length > 0 && seen < maxConditionNodes; seen++) {
    const node = pending.pop()!;
    const read = readNodes.get(node);
    if (read !== undefined && (name === undefined || read === name) && ts.isExpression(node) && isTestPosition(outermost(node))) return true;
    ts.forEachChild(node, (child) => {
      pending.push(child);
    });
  }
  return false;
}

const earlyExitCache = new WeakMap<ts.Node, ts.IfStatement[]>();

/** The `if (…) return/continue/break` statements of a block, found once per block. */
function earlyExitsIn(block: ts.Block | ts.SourceFile): ts.IfStatement[] {
  let exits = earlyExitCache.get(block);
  if (!exits) {
    exits = block.statements.filter((statement): statement is ts.IfStatement => ts.isIfStatement(statement) && exitsEarly(statement.thenStatement));
    earlyExitCache.set(block, exits);
  }
  return exits;
}

function exitsEarly(statement: ts.Statement): boolean {
  const exit = ts.isBlock(statement) ? statement.statements[statement.statements.length - 1] : statement;
  return exit !== undefined && (ts.isReturnStatement(exit) || ts.isContinueStatement(exit) || ts.isBreakStatement(exit));
}

/**
 * `if (!X) return …`, `if (X === undefined || …) return` (also `continue`/`break`), which leaves the
 * rest of the block to runs where X is set.
 */
function isEarlyReturnWithout(statement: ts.IfStatement, name: string, readNodes: Map<ts.Node, string>): boolean {
  const operands: ts.Expression[] = [statement.expression];
  for (let seen = 0; operands.length > 0 && seen < maxConditionNodes; seen++) {
    const operand = unwrapExpression(operands.pop()!);
    if (ts.isBinaryExpression(operand) && operand.operatorToken.kind === ts.SyntaxKind.BarBarToken) operands.push(operand.left, operand.right);
    else if (testsAbsence(operand, name, readNodes)) return true;
  }
  return false;
}

/** `!X`, `X === undefined`, `X == null`, `X === ''` (either side): true when X is unset. */
function testsAbsence(operand: ts.Expression, name: string, readNodes: Map<ts.Node, string>): boolean {
  if (ts.isPrefixUnaryExpression(operand) && operand.operator === ts.SyntaxKind.ExclamationToken) return testsVariable(operand, name, readNodes);
  if (!ts.isBinaryExpression(operand)) return false;
  const kind = operand.operatorToken.kind;
  if (kind !== ts.SyntaxKind.EqualsEqualsEqualsToken && kind !== ts.SyntaxKind.EqualsEqualsToken) return false;
  const isEmpty = (side: ts.Expression) => {
    const value = unwrapExpression(side);
    return (
      (ts.isIdentifier(value) && value.text === 'undefined') || value.kind === ts.SyntaxKind.NullKeyword || (ts.isStringLiteralLike(value) && value.text === '')
    );
  };
  const isRead = (side: ts.Expression) => readNodes.get(unwrapExpression(side)) === name;
  return (isRead(operand.left) && isEmpty(operand.right)) || (isRead(operand.right) && isEmpty(operand.left));
}
