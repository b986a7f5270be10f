/**
 * The HTTP status a route handler answers with: `new Response(body, { status })`,
 * `Response.json`/`NextResponse.json`, and Pages Router `res.status(n)`; and whether a handler body
 * can end without returning.
 */
import * as ts from 'typescript';
import { getProperty, unwrapExpression } from '../parse/facts';

export interface StatusSite {
  /** The status literal, or the response expression when the status is the implicit 200. */
  node: ts.Node;
  status: number;
}

/** The status of a returned response expression, when it is statically known. */
export function responseStatus(expression: ts.Expression): StatusSite | undefined {
  const node = unwrapExpression(expression);
  if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && (node.expression.text === 'Response' || node.expression.text === 'NextResponse')) {
    return statusFromInit(node, node.arguments?.[1]);
  }
  if (
    ts.isCallExpression(node) &&
    ts.isPropertyAccessExpression(node.expression) &&
    node.expression.name.text === 'json' &&
    ts.isIdentifier(node.expression.expression) &&
    (node.expression.expression.text === 'Response' || node.expression.expression.text === 'NextResponse')
  ) {
    return statusFromInit(node, node.arguments[1]);
  }
  return pagesStatus(node);
}

function statusFromInit(response: ts.Expression, init: ts.Expression | undefined): StatusSite | undefined {
  if (!init) return { node: response, status: 200 };
  const object = unwrapExpression(init);
  if (!ts.isObjectLiteralExpression(object)) return undefined;
  if (object.properties.some((property) => ts.isSpreadAssignment(property))) return undefined;
  const status = getProperty(object, 'status');
  if (!status) return { node: response, status: 200 };
  const value = ts.isPropertyAssignment(status) ? unwrapExpression(status.initializer) : undefined;
  return value && ts.isNumericLiteral(value) ? { node: value, status: Number(value.text) } : undefined;
}

/** `res.status(400).json(...)` / `res.status(400).send(...)` / `res.status(400).end()`. */
function pagesStatus(node: ts.Expression): StatusSite | undefined {
  let current: ts.Expression = node;
  while (ts.isCallExpression(current) && ts.isPropertyAccessExpression(current.expression)) {
    if (current.expression.name.text === 'status' && current.arguments.length === 1) {
      const value = unwrapExpression(current.arguments[0]);
      return ts.isNumericLiteral(value) ? { node: value, status: Number(value.text) } : undefined;
    }
    current = unwrapExpression(current.expression.expression);
  }
  return undefined;
}

/** Return values and Pages Router `res.status(...)` statements directly in a block (not nested functions). */
export function responsesIn(block: ts.Node): StatusSite[] {
  const sites: StatusSite[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node)) return;
    if (ts.isReturnStatement(node) && node.expression) {
      const site = responseStatus(node.expression);
      if (site) sites.push(site);
    } else if (ts.isExpressionStatement(node)) {
      const site = pagesStatus(unwrapExpression(node.expression));
      if (site) sites.push(site);
    }
    ts.forEachChild(node, visit);
  };
  visit(block);
  return sites;
}

/** 'yes' when a statement always returns or throws, 'no' when it can complete normally, 'unknown' for loops and the like. */
export type Exits = 'yes' | 'no' | 'unknown';

export function statementExits(statement: ts.Statement): Exits {
  if (ts.isReturnStatement(statement) || ts.isThrowStatement(statement)) return 'yes';
  if (ts.isBlock(statement)) return blockExits(statement.statements);
  if (ts.isIfStatement(statement)) {
    if (!statement.elseStatement) return 'no';
    return both(statementExits(statement.thenStatement), statementExits(statement.elseStatement));
  }
  if (ts.isTryStatement(statement)) {
    if (statement.finallyBlock && blockExits(statement.finallyBlock.statements) === 'yes') return 'yes';
    const tried = blockExits(statement.tryBlock.statements);
    return statement.catchClause ? both(tried, blockExits(statement.catchClause.block.statements)) : tried;
  }
  if (ts.isSwitchStatement(statement)) {
    const clauses = statement.caseBlock.clauses;
    if (!clauses.some(ts.isDefaultClause)) return 'no';
    const bodies = clauses.filter((clause) => clause.statements.length > 0).map((clause) => blockExits(clause.statements));
    // A `break` leaves the switch: the handler goes on after it.
    const breaks = clauses.some((clause) => containsBreak(clause));
    return breaks ? 'no' : bodies.reduce<Exits>((result, exits) => both(result, exits), 'yes');
  }
  if (ts.isExpressionStatement(statement) || ts.isVariableStatement(statement) || ts.isEmptyStatement(statement)) return 'no';
  return 'unknown';
}

export function blockExits(statements: readonly ts.Statement[]): Exits {
  let result: Exits = 'no';
  for (const statement of statements) {
    const exits = statementExits(statement);
    if (exits === 'yes') return 'yes';
    if (exits === 'unknown') result = 'unknown';
  }
  return result;
}

function both(a: Exits, b: Exits): Exits {
  if (a === 'yes' && b === 'yes') return 'yes';
  return a === 'no' || b === 'no' ? 'no' : 'unknown';
}

function containsBreak(node: ts.Node): boolean {
  if (ts.isBreakStatement(node) && !node.label) return true;
  if (ts.isIterationStatement(node, false) || ts.isSwitchStatement(node) || ts.isFunctionLike(node)) return false;
  return ts.forEachChild(node, (child) => containsBreak(child) || undefined) ?? false;
}
