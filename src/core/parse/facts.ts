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
    } else if (ts.isCallExpression(node) && node.arguments.length === 1 && ts.isStringLiteralLike(node.arguments[0]) &&
      (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) {
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
  while (ts.isAsExpression(current) || ts.isSatisfiesExpression(current) || ts.isNonNullExpression(current) ||
    ts.isParenthesizedExpression(current) || ts.isTypeAssertionExpression(current)) {
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

/** How a variable is read from `process.env`. */
export interface EnvRead {
  name: string;
  /** `process.env.X ?? y`, `process.env.X || y`, or a destructuring default: the app survives without it. */
  hasFallback: boolean;
  /** The node to squiggle: `process.env.X`, `process.env["X"]`, or the destructured binding. */
  node: ts.Node;
}

/**
 * Every static `process.env` read: `process.env.X`, `process.env["X"]` (also through a const),
 * and `const { X, Y: y = 'd' } = process.env`. Dynamic reads (`process.env[name]`) are skipped.
 */
export const getEnvReads = memoizeBySource((sourceFile: ts.SourceFile): EnvRead[] => {
  const reads: EnvRead[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isExpression(node) && isProcessEnv(node) && ts.isVariableDeclaration(node.parent) && node.parent.initializer === node &&
      ts.isObjectBindingPattern(node.parent.name)) {
      for (const element of node.parent.name.elements) {
        const name = element.propertyName ? propertyNameText(element.propertyName) : ts.isIdentifier(element.name) ? element.name.text : undefined;
        if (name && !element.dotDotDotToken) reads.push({ name, hasFallback: element.initializer !== undefined, node: element });
      }
    } else if (ts.isPropertyAccessExpression(node) && isProcessEnv(node.expression)) {
      reads.push({ name: node.name.text, hasFallback: hasFallback(node), node });
    } else if (ts.isElementAccessExpression(node) && isProcessEnv(node.expression)) {
      const name = resolveStringValue(node.argumentExpression);
      if (name !== undefined) reads.push({ name, hasFallback: hasFallback(node), node });
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return reads;
});

function isProcessEnv(node: ts.Node): boolean {
  const expression = ts.isExpression(node) ? unwrapExpression(node) : node;
  return ts.isPropertyAccessExpression(expression) && expression.name.text === 'env' &&
    ts.isIdentifier(expression.expression) && expression.expression.text === 'process';
}

/** `read ?? x` or `read || x` (through parentheses, `!` and `as`). */
function hasFallback(read: ts.Expression): boolean {
  let node: ts.Node = read;
  while (ts.isParenthesizedExpression(node.parent) || ts.isNonNullExpression(node.parent) || ts.isAsExpression(node.parent)) node = node.parent;
  const parent = node.parent;
  return ts.isBinaryExpression(parent) && parent.left === node &&
    (parent.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken || parent.operatorToken.kind === ts.SyntaxKind.BarBarToken);
}
