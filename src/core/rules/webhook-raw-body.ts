import * as l10n from '@vscode/l10n';
import * as ts from 'typescript';
import { bodyReadsIn, forEachOwnNode, jsonBodyRead, verifyCallsIn, type RequestHandler, type VerifyCall } from '../analysis/webhookHandlers';
import { exportsOf } from '../analysis/middlewareHandler';
import { statementExits } from '../analysis/webhookResponses';
import { webhookRoutesOf, type RouteFile } from '../analysis/webhookRoutes';
import { getExportedConfig, getImports, getProperty, unwrapExpression } from '../parse/facts';
import { rangeOfNode, rangeOfSpan } from '../parse/sourceFile';
import type { Rule } from './rule';
import type { Finding, Fix, TextEdit } from '../model';

/**
 * A Svix signature covers the exact bytes Clerk sent. Re-serialised JSON differs in escaping,
 * spacing and number format, and a body read before `verifyWebhook(req)` leaves nothing to read.
 */
export const webhookRawBodyRule: Rule = {
  id: 'webhook-raw-body',
  defaultSeverity: 'error',
  get title() {
    return l10n.t('Webhook verified against something other than the raw body');
  },
  get description() {
    return l10n.t(
      'The signed bytes must be the raw request body: not JSON.stringify of the parsed body, not a body already consumed before verifyWebhook(req), not a Pages Router body the default parser already parsed.',
    );
  },
  check(ctx) {
    const findings: Finding[] = [];
    for (const { route } of webhookRoutesOf(ctx)) {
      const imports = getImports(route.sourceFile);
      for (const handler of route.handlers) {
        const calls = verifyCallsIn(handler.fn.body, imports);
        for (const call of calls) findings.push(...checkVerifyCall(route, handler, call));
      }
    }
    return findings;
  },
};

function checkVerifyCall(route: RouteFile, handler: RequestHandler, verify: VerifyCall): Finding[] {
  if (verify.kind === 'verifyWebhook') return bodyConsumedBefore(route, handler, verify.call);
  const payload = verify.call.arguments[0];
  const stringify = payload && stringifiedBody(payload, handler);
  if (stringify) return [reserialized(route, handler, stringify)];
  if (route.kind === 'pages-api' && keepsDefaultBodyParser(route.sourceFile)) {
    return [
      {
        ruleId: webhookRawBodyRule.id,
        severity: 'error',
        location: { file: route.file, range: rangeOfNode(verify.call) },
        message: l10n.t(
          'This Pages Router route keeps the default body parser, so the raw body Svix signed is gone before this manual verify. Use verifyWebhook(req) from @clerk/nextjs/webhooks, or export config = { api: { bodyParser: false } } and verify the raw bytes.',
        ),
      },
    ];
  }
  return [];
}

/** `JSON.stringify(<parsed body>)` passed directly, or through a local `const body = JSON.stringify(...)`. */
function stringifiedBody(argument: ts.Expression, handler: RequestHandler): ts.CallExpression | undefined {
  let node = unwrapExpression(argument);
  if (ts.isIdentifier(node)) {
    const initializer = localInitializer(handler, node.text);
    if (!initializer) return undefined;
    node = unwrapExpression(initializer);
  }
  if (!ts.isCallExpression(node) || !isJsonStringify(node.expression) || !node.arguments[0]) return undefined;
  return parsedBodySource(node.arguments[0], handler) ? node : undefined;
}

function isJsonStringify(callee: ts.Expression): boolean {
  const node = unwrapExpression(callee);
  return ts.isPropertyAccessExpression(node) && node.name.text === 'stringify' && ts.isIdentifier(node.expression) && node.expression.text === 'JSON';
}

/** Where a parsed body comes from: `await req.json()` (inline or via a local), or Pages Router `req.body`. */
function parsedBodySource(
  expression: ts.Expression,
  handler: RequestHandler,
): { read: ts.CallExpression; declaration?: ts.VariableDeclaration } | { pagesBody: ts.Expression } | undefined {
  const node = unwrapExpression(expression);
  const requestName = handler.requestName;
  if (!requestName) return undefined;
  const read = jsonBodyRead(node, requestName);
  if (read) return { read };
  if (ts.isPropertyAccessExpression(node) && node.name.text === 'body' && ts.isIdentifier(node.expression) && node.expression.text === requestName)
    return { pagesBody: node };
  if (ts.isIdentifier(node)) {
    const declaration = localDeclaration(handler, node.text);
    const declared = declaration?.initializer && jsonBodyRead(unwrapExpression(declaration.initializer), requestName);
    if (declaration && declared) return { read: declared, declaration };
  }
  return undefined;
}

function localDeclaration(handler: RequestHandler, name: string): ts.VariableDeclaration | undefined {
  let found: ts.VariableDeclaration | undefined;
  forEachOwnNode(handler.fn, (node) => {
    if (!found && ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.name.text === name) found = node;
  });
  return found;
}

function localInitializer(handler: RequestHandler, name: string): ts.Expression | undefined {
  return localDeclaration(handler, name)?.initializer;
}

function reserialized(route: RouteFile, handler: RequestHandler, stringify: ts.CallExpression): Finding {
  return {
    ruleId: webhookRawBodyRule.id,
    severity: 'error',
    location: { file: route.file, range: rangeOfNode(stringify) },
    message:
      route.kind === 'pages-api'
        ? l10n.t(
            'The signature is checked against JSON.stringify of the parsed body, not the bytes Clerk signed: any difference in spacing, escaping or number format fails with "No matching signature found". Use verifyWebhook(req) from @clerk/nextjs/webhooks.',
          )
        : l10n.t(
            'The signature is checked against JSON.stringify of the parsed body, not the bytes Clerk signed: any difference in spacing, escaping or number format fails with "No matching signature found". Verify the raw body from await req.text().',
          ),
    fixes: rawBodyFix(handler, stringify),
  };
}

/** Reads the raw text once, verifies it, and keeps the parsed value for the code that used it. */
function rawBodyFix(handler: RequestHandler, stringify: ts.CallExpression): Fix[] {
  const source = parsedBodySource(stringify.arguments[0], handler);
  if (!source || !('read' in source) || !handler.requestName) return [];
  const sourceFile = stringify.getSourceFile();
  const title = l10n.t('Verify the raw body (await {0}.text())', handler.requestName);
  const replace = (node: ts.Node, newText: string): TextEdit => ({ file: sourceFile.fileName, range: rangeOfNode(node), newText });
  if (!source.declaration) {
    return [{ title, edits: [replace(stringify, `await ${handler.requestName}.text()`)], preferred: true, safe: true }];
  }
  const statement = source.declaration.parent.parent;
  if (!ts.isVariableStatement(statement)) return [];
  const rawName = freshName(sourceFile, 'rawBody');
  const statementStart = statement.getStart(sourceFile);
  const line = sourceFile.getLineAndCharacterOfPosition(statementStart);
  const indent = /^[ \t]*/.exec(sourceFile.text.slice(sourceFile.getPositionOfLineAndCharacter(line.line, 0)))![0];
  return [
    {
      title,
      edits: [
        {
          file: sourceFile.fileName,
          range: rangeOfSpan(sourceFile, statementStart, statementStart),
          newText: `const ${rawName} = await ${handler.requestName}.text();\n${indent}`,
        },
        replace(source.declaration.initializer!, `JSON.parse(${rawName})`),
        replace(stringify, rawName),
      ],
      preferred: true,
      safe: true,
    },
  ];
}

function freshName(sourceFile: ts.SourceFile, base: string): string {
  const used = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node)) used.add(node.text);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  let name = base;
  for (let index = 2; used.has(name); index++) name = `${base}${index}`;
  return name;
}

/** `req.json()`/`req.text()` on the request that `verifyWebhook(req)` reads again. */
function bodyConsumedBefore(route: RouteFile, handler: RequestHandler, verify: ts.CallExpression): Finding[] {
  const argument = verify.arguments[0] && unwrapExpression(verify.arguments[0]);
  if (!argument || !ts.isIdentifier(argument) || route.kind === 'pages-api') return [];
  return bodyReadsIn(handler.fn, argument.text)
    .filter((read) => read.getStart() < verify.getStart() && !inExitingBranch(read, verify, handler))
    .map((read) => ({
      ruleId: webhookRawBodyRule.id,
      severity: 'error' as const,
      location: { file: route.file, range: rangeOfNode(read) },
      message: l10n.t(
        '{0} consumes the request body before verifyWebhook({1}) reads it, which then fails with "TypeError: Body is unusable". Remove this read and use the event verifyWebhook returns.',
        read.getText(),
        argument.text,
      ),
      related: [{ location: { file: route.file, range: rangeOfNode(verify) }, message: l10n.t('verifyWebhook reads the body here') }],
      fixes: removeReadFix(handler, read),
    }));
}

/** A read in an `if` branch that returns or throws, so `verify` never runs after it (`if (!ok) return new Response(await req.text())`). */
function inExitingBranch(read: ts.Node, verify: ts.Node, handler: RequestHandler): boolean {
  for (let node: ts.Node = read; node !== handler.fn.body && node.parent; node = node.parent) {
    const parent = node.parent;
    const isBranch = ts.isIfStatement(parent) && (parent.thenStatement === node || parent.elseStatement === node);
    if (isBranch && !(verify.pos >= node.pos && verify.end <= node.end) && statementExits(node as ts.Statement) === 'yes') return true;
  }
  return false;
}

/** Deletes the early read when nothing uses its value. */
function removeReadFix(handler: RequestHandler, read: ts.CallExpression): Fix[] {
  let statement: ts.Node = read;
  while (!ts.isStatement(statement) && statement.parent) statement = statement.parent;
  if (ts.isVariableStatement(statement)) {
    const declarations = statement.declarationList.declarations;
    if (declarations.length !== 1 || !ts.isIdentifier(declarations[0].name) || isUsed(handler, declarations[0].name)) return [];
  } else if (!ts.isExpressionStatement(statement)) {
    return [];
  }
  const sourceFile = read.getSourceFile();
  const line = sourceFile.getLineAndCharacterOfPosition(statement.getStart(sourceFile)).line;
  const end = sourceFile.getLineAndCharacterOfPosition(statement.getEnd()).line;
  return [
    {
      title: l10n.t('Remove the early body read'),
      edits: [{ file: sourceFile.fileName, range: { start: { line, character: 0 }, end: { line: end + 1, character: 0 } }, newText: '' }],
      preferred: true,
      safe: true,
    },
  ];
}

function isUsed(handler: RequestHandler, name: ts.Identifier): boolean {
  let used = false;
  const visit = (node: ts.Node): void => {
    const isPropertyName = ts.isPropertyAccessExpression(node.parent) && node.parent.name === node;
    if (ts.isIdentifier(node) && node !== name && node.text === name.text && !isPropertyName) used = true;
    ts.forEachChild(node, visit);
  };
  visit(handler.fn.body);
  return used;
}

/**
 * No `config` export, or one that visibly leaves `api.bodyParser` on. A config the analysis cannot
 * read (`export { config } from './webhookConfig'`, a call) may disable it: no finding then.
 */
function keepsDefaultBodyParser(sourceFile: ts.SourceFile): boolean {
  const config = getExportedConfig(sourceFile);
  if (!config) return !exportsOf(sourceFile).named.has('config');
  const api = getProperty(config, 'api');
  if (!api) return true;
  const apiValue = ts.isPropertyAssignment(api) ? unwrapExpression(api.initializer) : undefined;
  if (!apiValue || !ts.isObjectLiteralExpression(apiValue)) return false;
  const bodyParser = getProperty(apiValue, 'bodyParser');
  return !(bodyParser && ts.isPropertyAssignment(bodyParser) && bodyParser.initializer.kind === ts.SyntaxKind.FalseKeyword);
}
