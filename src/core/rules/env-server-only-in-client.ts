import * as l10n from '@vscode/l10n';
import * as ts from 'typescript';
import { holdsSecret } from '../env/secrets';
import { envReadsWithNodesIn, isPlatformVariable, nextConfigEnvKeys, type EnvReadWithNode } from '../env/variables';
import { directivesOf, getImports, getProperty, hasUseClientDirective, importOf, resolveObjectLiteral, unwrapExpression } from '../parse/facts';
import { memoizeBySource } from '../parse/sourceFile';
import type { RuleContext } from '../model';
import type { Rule } from './rule';
import type { Finding, Fix } from '../model';

/**
 * Next.js inlines only `NEXT_PUBLIC_*` variables (and `next.config` `env`) into the browser bundle;
 * every other `process.env.X` is `undefined` in client code. Client code is what `findClientModules`
 * computes: `'use client'` modules and modules only client modules import.
 */
export const envServerOnlyInClientRule: Rule = {
  id: 'env-server-only-in-client',
  defaultSeverity: 'error',
  get title() {
    return l10n.t('Server-only variable read in client code');
  },
  get description() {
    return l10n.t(
      "A variable without the NEXT_PUBLIC_ prefix read in client code (a 'use client' module or a module only client modules import): Next.js does not send it to the browser, so it is always undefined there.",
    );
  },
  check(ctx) {
    const app = ctx.project.nextApp;
    if (!app) return [];
    const inlined = nextConfigEnvKeys(ctx);
    return envReadsWithNodesIn(ctx, app.clientModules)
      .filter(
        (read) =>
          !read.name.startsWith('NEXT_PUBLIC_') &&
          !isPlatformVariable(read.name, 'next') &&
          !inlined.has(read.name) &&
          !isT3RuntimeEnvRead(read) &&
          !runsOnlyOnServer(read.node),
      )
      .map((read) => finding(ctx, read));
  },
};

function finding(ctx: RuleContext, read: EnvReadWithNode): Finding {
  const secret = holdsSecret(read.name, ctx.env.lookup(read.name)?.value);
  // A fallback keeps the browser working (with the fallback value); a secret never has a usable one.
  const severity = read.hasFallback && !secret ? 'warning' : 'error';
  const source = ctx.source(read.file)!;
  const where = hasUseClientDirective(source) ? l10n.t("a 'use client' module") : l10n.t('a module that only client modules import');
  const problem =
    severity === 'error'
      ? l10n.t(
          '{0} is read in client code ({1}), but Next.js sends only NEXT_PUBLIC_* variables to the browser: there it is always undefined.',
          read.name,
          where,
        )
      : l10n.t(
          '{0} is read in client code ({1}), but Next.js sends only NEXT_PUBLIC_* variables to the browser: there it is always undefined and the fallback always wins.',
          read.name,
          where,
        );
  const advice = l10n.t(
    'Read it on the server (the Server Component that renders this code, a Route Handler or a Server Action) and pass down only what the client needs.',
  );
  const naming = secret
    ? l10n.t('It holds a secret: never rename it NEXT_PUBLIC_*.')
    : l10n.t('If the value is not secret, rename it NEXT_PUBLIC_{0} instead.', read.name);
  const fix = useServerFix(read, source);
  // Server Actions are public endpoints: code that never worked in the browser must not become an open door.
  const caution = fix
    ? ` ${l10n.t("The quick fix turns this module's functions into Server Actions, which anyone can call: check the caller (auth()) in each.")}`
    : '';
  return {
    ruleId: envServerOnlyInClientRule.id,
    severity,
    location: read.location,
    message: `${problem} ${advice} ${naming}${caution}`,
    fixes: fix ? [fix] : undefined,
  };
}

const t3EnvModules = new Set(['@t3-oss/env-nextjs', '@t3-oss/env-core']);

/**
 * A read inside `runtimeEnv` / `experimental__runtimeEnv` of t3-env's `createEnv`: t3-env only hands
 * the values to its validator, which skips server variables in the browser, and throws when client
 * code reads a server variable from the resulting object.
 */
function isT3RuntimeEnvRead(read: EnvReadWithNode): boolean {
  return t3RuntimeEnvObjects(read.node.getSourceFile()).some((node) => read.node.pos >= node.pos && read.node.end <= node.end);
}

const t3RuntimeEnvObjects = memoizeBySource((source: ts.SourceFile): ts.Node[] => {
  const imports = getImports(source).filter((binding) => t3EnvModules.has(binding.module) && binding.importedName === 'createEnv');
  const found: ts.Node[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && importOf(imports, node.expression) && node.arguments[0]) {
      const options = resolveObjectLiteral(node.arguments[0]);
      for (const name of ['runtimeEnv', 'experimental__runtimeEnv']) {
        const property = options && getProperty(options, name);
        const value = property && (ts.isPropertyAssignment(property) ? property.initializer : property.name);
        if (value) found.push(resolveObjectLiteral(value) ?? value);
      }
    }
    ts.forEachChild(node, visit);
  };
  if (imports.length > 0) visit(source);
  return found;
});

/** `typeof window === 'undefined'` (or `document`): true on the server, false in the browser; undefined for other tests. */
function serverTest(condition: ts.Expression): boolean | undefined {
  const test = unwrapExpression(condition);
  if (ts.isPrefixUnaryExpression(test) && test.operator === ts.SyntaxKind.ExclamationToken) {
    const inner = serverTest(test.operand);
    return inner === undefined ? undefined : !inner;
  }
  if (!ts.isBinaryExpression(test)) return undefined;
  const operator = test.operatorToken.kind;
  const equal = operator === ts.SyntaxKind.EqualsEqualsEqualsToken || operator === ts.SyntaxKind.EqualsEqualsToken;
  const notEqual = operator === ts.SyntaxKind.ExclamationEqualsEqualsToken || operator === ts.SyntaxKind.ExclamationEqualsToken;
  if (!equal && !notEqual) return undefined;
  const isTypeofGlobal = (side: ts.Expression) =>
    ts.isTypeOfExpression(side) && ts.isIdentifier(side.expression) && ['window', 'document'].includes(side.expression.text);
  const isUndefined = (side: ts.Expression) => ts.isStringLiteral(side) && side.text === 'undefined';
  const matches = (isTypeofGlobal(test.left) && isUndefined(test.right)) || (isTypeofGlobal(test.right) && isUndefined(test.left));
  return matches ? equal : undefined;
}

/** Whether a statement always leaves its block (`return` / `throw`, or a block ending in one). */
function exits(statement: ts.Statement): boolean {
  if (ts.isReturnStatement(statement) || ts.isThrowStatement(statement)) return true;
  return ts.isBlock(statement) && statement.statements.length > 0 && exits(statement.statements[statement.statements.length - 1]);
}

/**
 * Code of a client module that only runs during server rendering: a branch taken when
 * `typeof window === 'undefined'`, or statements after `if (typeof window !== 'undefined') return …`.
 */
function runsOnlyOnServer(node: ts.Node): boolean {
  for (let child = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (ts.isIfStatement(parent) && child !== parent.expression) {
      if (serverTest(parent.expression) === (child === parent.thenStatement)) return true;
    } else if (ts.isConditionalExpression(parent) && child !== parent.condition) {
      if (serverTest(parent.condition) === (child === parent.whenTrue)) return true;
    } else if (ts.isBinaryExpression(parent) && child === parent.right) {
      const onServer = serverTest(parent.left);
      const operator = parent.operatorToken.kind;
      if ((operator === ts.SyntaxKind.AmpersandAmpersandToken && onServer === true) || (operator === ts.SyntaxKind.BarBarToken && onServer === false))
        return true;
    } else if (ts.isBlock(parent) || ts.isSourceFile(parent)) {
      const before = parent.statements.slice(0, parent.statements.indexOf(child as ts.Statement));
      if (
        before.some(
          (statement) =>
            ts.isIfStatement(statement) && !statement.elseStatement && serverTest(statement.expression) === false && exits(statement.thenStatement),
        )
      )
        return true;
    }
  }
  return false;
}

/**
 * A module that is client code only because client modules import it, and whose runtime exports are
 * all async functions, becomes server code with a `'use server'` directive: its functions turn into
 * Server Actions the client calls over the network, and the read runs on the server. Server Actions
 * are public endpoints, so the fix is not offered when the value itself would be returned to the caller.
 */
function useServerFix(read: EnvReadWithNode, source: ts.SourceFile): Fix | undefined {
  if (directivesOf(source).length > 0 || !exportsOnlyAsyncFunctions(source) || reachesCaller(read.node, 0)) return undefined;
  return {
    title: l10n.t("Run this module on the server ('use server'): its exported functions become Server Actions"),
    edits: [{ file: read.file, range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, newText: "'use server';\n\n" }],
  };
}

function isAsyncFunction(node: ts.Node | undefined): boolean {
  const fn = node && ts.isExpression(node) ? unwrapExpression(node) : node;
  return (
    fn !== undefined &&
    (ts.isArrowFunction(fn) || ts.isFunctionExpression(fn) || ts.isFunctionDeclaration(fn)) &&
    fn.body !== undefined &&
    ts.getModifiers(fn)?.some((modifier) => modifier.kind === ts.SyntaxKind.AsyncKeyword) === true
  );
}

/** A `'use server'` module may export only async functions (types are erased). */
function exportsOnlyAsyncFunctions(source: ts.SourceFile): boolean {
  let functions = 0;
  for (const statement of source.statements) {
    if (ts.isExportDeclaration(statement)) {
      if (!statement.isTypeOnly) return false;
    } else if (ts.isExportAssignment(statement)) {
      if (!isAsyncFunction(statement.expression)) return false;
      functions++;
    } else if (ts.canHaveModifiers(statement) && ts.getModifiers(statement)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword)) {
      if (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) continue;
      const declarations = ts.isVariableStatement(statement) ? statement.declarationList.declarations.map((d) => d.initializer) : [statement];
      if (!declarations.every(isAsyncFunction)) return false;
      functions += declarations.length;
    }
  }
  return functions > 0;
}

/**
 * Whether a value would be returned to the caller: the expression it sits in is returned, or it is
 * stored in a variable that is (followed a few steps). A value passed to a call counts as consumed
 * there (a `fetch` header, a client constructor): a best-effort guard against the obvious leak.
 */
function reachesCaller(node: ts.Node, depth: number): boolean {
  if (depth > 3) return true;
  if (ts.isBindingElement(node) && ts.isIdentifier(node.name)) return referencesReachCaller(node.name, depth);
  for (let child = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (ts.isReturnStatement(parent) || (ts.isArrowFunction(parent) && parent.body === child)) return true;
    if (ts.isVariableDeclaration(parent) && ts.isIdentifier(parent.name)) return referencesReachCaller(parent.name, depth);
    if (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.right === child && ts.isIdentifier(parent.left)) {
      return referencesReachCaller(parent.left, depth);
    }
    if (ts.isCallExpression(parent) || ts.isNewExpression(parent) || ts.isStatement(parent) || ts.isFunctionLike(parent)) return false;
  }
  return false;
}

function referencesReachCaller(name: ts.Identifier, depth: number): boolean {
  let found = false;
  const visit = (node: ts.Node): void => {
    if (found) return;
    if (ts.isIdentifier(node) && node !== name && node.text === name.text && !isPropertyName(node)) {
      found = reachesCaller(node, depth + 1);
    }
    ts.forEachChild(node, visit);
  };
  visit(name.getSourceFile());
  return found;
}

function isPropertyName(identifier: ts.Identifier): boolean {
  const parent = identifier.parent;
  return (ts.isPropertyAccessExpression(parent) || ts.isPropertyAssignment(parent)) && parent.name === identifier;
}
