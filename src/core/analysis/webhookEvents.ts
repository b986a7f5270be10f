/**
 * Finds string literals compared with the `type` of a *Clerk* webhook event: the result of Clerk's
 * `verifyWebhook`, a value typed with a Clerk `*WebhookEvent` type, or the payload a svix `verify`
 * returns when the module is evidently a Clerk handler. Other providers' events are never collected.
 */
import * as ts from 'typescript';
import { findTopLevelConst, getEnvReads, getImports, unwrapExpression, type ImportBinding } from '../parse/facts';
import { memoizeBySource } from '../parse/sourceFile';
import { isEqualityOperator, verifyCallsIn, webhookConstructions } from './webhookHandlers';

export interface EventTypeComparison {
  /** The compared string literal (`'user.create'`). */
  literal: ts.StringLiteralLike;
  /** The expression holding the event type (`evt.type`, `eventType`). */
  typeExpression: ts.Expression;
}

/**
 * Text that every module with such comparisons contains: an event is typed with an imported
 * `…WebhookEvent` type or comes from a verify call (`verifyWebhook(…)`, svix's `wh.verify(…)`).
 * Other modules need not be parsed for them (most files import Clerk for other reasons).
 */
export const eventComparisonMarkers = ['WebhookEvent', 'verify'] as const;

/** Every literal compared with a Clerk event's type in the module. */
export const clerkEventTypeComparisons = memoizeBySource((sourceFile: ts.SourceFile): EventTypeComparison[] => {
  const imports = getImports(sourceFile);
  const events = clerkEventNames(sourceFile, imports);
  if (events.size === 0) return [];
  const typeHolders = typeHolderNames(sourceFile, events);
  const isTypeExpression = (expression: ts.Expression): boolean => {
    const node = unwrapExpression(expression);
    if (ts.isIdentifier(node)) return typeHolders.has(node.text);
    return (
      ts.isPropertyAccessExpression(node) &&
      node.name.text === 'type' &&
      ts.isIdentifier(unwrapExpression(node.expression)) &&
      events.has((unwrapExpression(node.expression) as ts.Identifier).text)
    );
  };
  const comparisons: EventTypeComparison[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isBinaryExpression(node) && isEqualityOperator(node.operatorToken.kind)) {
      const left = unwrapExpression(node.left);
      const right = unwrapExpression(node.right);
      if (ts.isStringLiteralLike(right) && isTypeExpression(left)) comparisons.push({ literal: right, typeExpression: left });
      else if (ts.isStringLiteralLike(left) && isTypeExpression(right)) comparisons.push({ literal: left, typeExpression: right });
    } else if (ts.isSwitchStatement(node) && isTypeExpression(node.expression)) {
      for (const clause of node.caseBlock.clauses) {
        if (ts.isCaseClause(clause) && ts.isStringLiteralLike(unwrapExpression(clause.expression))) {
          comparisons.push({ literal: unwrapExpression(clause.expression) as ts.StringLiteralLike, typeExpression: node.expression });
        }
      }
    } else if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      node.expression.name.text === 'includes' &&
      node.arguments.length === 1 &&
      isTypeExpression(node.arguments[0])
    ) {
      // ['user.created', 'user.updated'].includes(evt.type)
      const list = unwrapExpression(node.expression.expression);
      if (ts.isArrayLiteralExpression(list)) {
        for (const element of list.elements) {
          if (ts.isStringLiteralLike(element)) comparisons.push({ literal: element, typeExpression: node.arguments[0] });
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return comparisons;
});

const clerkTypeModules = [
  '@clerk/nextjs/server',
  '@clerk/nextjs/webhooks',
  '@clerk/nextjs',
  '@clerk/backend',
  '@clerk/backend/webhooks',
  '@clerk/shared/types',
  '@clerk/nextjs/types',
  '@clerk/types',
];

/** Variables and parameters that hold a Clerk event. */
function clerkEventNames(sourceFile: ts.SourceFile, imports: ImportBinding[]): Set<string> {
  const eventTypes = new Set(
    imports.filter((binding) => clerkTypeModules.includes(binding.module) && binding.importedName.endsWith('WebhookEvent')).map((binding) => binding.localName),
  );
  const clerkModule =
    imports.some((binding) => binding.module.startsWith('@clerk/')) ||
    webhookConstructions(sourceFile).some((construction) => secretProvider(construction) === 'clerk');
  const verifyCalls = new Set(
    verifyCallsIn(sourceFile, imports)
      .filter((entry) => entry.kind === 'verifyWebhook' || isClerkVerify(entry.call, clerkModule))
      .map((entry) => entry.call),
  );
  const names = new Set<string>();
  const isEventValue = (expression: ts.Expression): boolean => {
    let node: ts.Expression = expression;
    // `wh.verify(...) as WebhookEvent`
    while (ts.isAsExpression(node) || ts.isParenthesizedExpression(node) || ts.isSatisfiesExpression(node) || ts.isNonNullExpression(node)) {
      if ((ts.isAsExpression(node) || ts.isSatisfiesExpression(node)) && isEventType(node.type, eventTypes)) return true;
      node = node.expression;
    }
    if (ts.isAwaitExpression(node)) node = unwrapExpression(node.expression);
    return ts.isCallExpression(node) && verifyCalls.has(node);
  };
  const visit = (node: ts.Node): void => {
    if (
      (ts.isVariableDeclaration(node) || ts.isParameter(node)) &&
      ts.isIdentifier(node.name) &&
      ((node.type && isEventType(node.type, eventTypes)) || (node.initializer && isEventValue(node.initializer)))
    ) {
      names.add(node.name.text);
    }
    if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isIdentifier(node.left) && isEventValue(node.right)) {
      names.add(node.left.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return names;
}

function isEventType(type: ts.TypeNode, eventTypes: Set<string>): boolean {
  return ts.isTypeReferenceNode(type) && ts.isIdentifier(type.typeName) && eventTypes.has(type.typeName.text);
}

/**
 * A svix `verify` result is a Clerk event when its `Webhook` is built with a `CLERK…` secret, or with
 * a generic one (`WEBHOOK_SECRET`) in a module that is evidently about Clerk — never with another
 * provider's secret (`RESEND_WEBHOOK_SECRET`), even in a module that imports Clerk for `auth()`.
 */
function isClerkVerify(call: ts.CallExpression, clerkModule: boolean): boolean {
  const construction = constructionOf(call);
  const provider = construction ? secretProvider(construction) : 'unknown';
  return provider === 'clerk' || (provider === 'unknown' && clerkModule);
}

/** The `new Webhook(secret)` a `wh.verify(...)` / `new Webhook(secret).verify(...)` call uses. */
function constructionOf(call: ts.CallExpression): ts.NewExpression | undefined {
  const callee = unwrapExpression(call.expression);
  if (!ts.isPropertyAccessExpression(callee)) return undefined;
  const target = unwrapExpression(callee.expression);
  if (ts.isNewExpression(target)) return target;
  if (!ts.isIdentifier(target)) return undefined;
  return webhookConstructions(call.getSourceFile()).find((construction) => {
    const holder = construction.parent;
    return ts.isVariableDeclaration(holder) && ts.isIdentifier(holder.name) && holder.name.text === target.text;
  });
}

/** Words of a secret's env name that say nothing about the provider. */
const genericSecretWords = new Set(['WEBHOOK', 'WEBHOOKS', 'SIGNING', 'SECRET', 'KEY', 'SVIX', 'WH']);

/** Whose secret a `new Webhook(secret)` gets, from the env names it reads (directly or through a const). */
function secretProvider(construction: ts.NewExpression): 'clerk' | 'other' | 'unknown' {
  const names = construction.arguments?.flatMap((argument) => envNamesIn(argument, 0)) ?? [];
  if (names.some((name) => name.includes('CLERK'))) return 'clerk';
  return names.some((name) => name.split('_').some((word) => word !== '' && !genericSecretWords.has(word))) ? 'other' : 'unknown';
}

/** `process.env.X` names read by an expression (and `CLERK` for a `clerkSecret`-like name), following identifiers to their consts (two levels). */
function envNamesIn(expression: ts.Node, depth: number): string[] {
  const names: string[] = [];
  const visit = (node: ts.Node): void => {
    const read = getEnvReads(node.getSourceFile()).find((entry) => entry.node === node);
    if (read) names.push(read.name);
    else if (ts.isIdentifier(node) && node.text.toUpperCase().includes('CLERK')) names.push('CLERK');
    else if (ts.isIdentifier(node) && depth < 2) {
      const declaration = findTopLevelConst(node.getSourceFile(), node.text) ?? localConst(node);
      if (declaration?.initializer) names.push(...envNamesIn(declaration.initializer, depth + 1));
    }
    ts.forEachChild(node, visit);
  };
  visit(expression);
  return names;
}

/** `const secret = …` in a function enclosing `identifier`. */
function localConst(identifier: ts.Identifier): ts.VariableDeclaration | undefined {
  for (let scope: ts.Node | undefined = identifier.parent; scope && !ts.isSourceFile(scope); scope = scope.parent) {
    if (!ts.isBlock(scope)) continue;
    for (const statement of scope.statements) {
      if (!ts.isVariableStatement(statement)) continue;
      const declaration = statement.declarationList.declarations.find((entry) => ts.isIdentifier(entry.name) && entry.name.text === identifier.text);
      if (declaration) return declaration;
    }
  }
  return undefined;
}

/** `const eventType = evt.type` and `const { type } = evt` (also `{ type: eventType }`). */
function typeHolderNames(sourceFile: ts.SourceFile, events: Set<string>): Set<string> {
  const names = new Set<string>();
  const isEvent = (expression: ts.Expression): boolean => {
    const node = unwrapExpression(expression);
    return ts.isIdentifier(node) && events.has(node.text);
  };
  const visit = (node: ts.Node): void => {
    if (ts.isVariableDeclaration(node) && node.initializer) {
      const initializer = unwrapExpression(node.initializer);
      if (ts.isIdentifier(node.name) && ts.isPropertyAccessExpression(initializer) && initializer.name.text === 'type' && isEvent(initializer.expression)) {
        names.add(node.name.text);
      } else if (ts.isObjectBindingPattern(node.name) && isEvent(initializer)) {
        for (const element of node.name.elements) {
          const key = element.propertyName ?? element.name;
          if (ts.isIdentifier(key) && key.text === 'type' && ts.isIdentifier(element.name)) names.add(element.name.text);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return names;
}

/** Levenshtein distance (small strings: event names). */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * The valid name closest to `value`, compared without case and separators first (so
 * `organization_membership.created` finds `organizationMembership.created`); undefined when nothing
 * is plausibly meant.
 */
export function nearestEventType(value: string, validTypes: readonly string[]): string | undefined {
  const normalise = (text: string): string => text.toLowerCase().replace(/[_\-\s]/g, '');
  let best: { type: string; normalised: number; raw: number } | undefined;
  for (const type of validTypes) {
    const normalised = editDistance(normalise(value), normalise(type));
    const raw = editDistance(value, type);
    if (!best || normalised < best.normalised || (normalised === best.normalised && raw < best.raw)) best = { type, normalised, raw };
  }
  const allowed = Math.max(2, Math.floor(value.length / 5));
  return best && best.normalised <= allowed ? best.type : undefined;
}
