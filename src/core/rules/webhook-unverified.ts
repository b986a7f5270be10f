import * as l10n from '@vscode/l10n';
import * as ts from 'typescript';
import { forEachOwnNode, jsonBodyRead, type RequestHandler } from '../analysis/webhookHandlers';
import { webhookRoutesOf, type RouteFile, type WebhookHandlerFacts } from '../analysis/webhookRoutes';
import { maxFollowDepth } from '../analysis/webhookTrace';
import { getImports, unwrapExpression } from '../parse/facts';
import { rangeOfNode } from '../parse/sourceFile';
import type { Rule } from './rule';
import type { Finding, Fix, TextEdit } from '../model';

/** Without a signature check anyone who knows the URL can post fake `user.created` events. */
export const webhookUnverifiedRule: Rule = {
  id: 'webhook-unverified',
  defaultSeverity: 'error',
  get title() {
    return l10n.t('Clerk webhook handled without signature verification');
  },
  get description() {
    return l10n.t('A route that handles Clerk events or reads svix-* headers but never verifies the signature: anyone can forge user events.');
  },
  check(ctx) {
    const findings: Finding[] = [];
    for (const { route, facts: handlers } of webhookRoutesOf(ctx)) {
      for (const facts of handlers) {
        if (!facts.evidence || facts.trace.verified.length > 0) continue;
        findings.push(facts.trace.unfollowed.length > 0 ? unfollowedFinding(route, facts) : unverifiedFinding(route, facts));
      }
    }
    return findings;
  },
};

function unverifiedFinding(route: RouteFile, facts: WebhookHandlerFacts): Finding {
  const parsedRead = route.kind === 'app-route' ? jsonBodyDeclaration(facts.handler) : undefined;
  return {
    ruleId: webhookUnverifiedRule.id,
    severity: 'error',
    location: { file: route.file, range: rangeOfNode(parsedRead ?? facts.handler.nameNode) },
    message: l10n.t(
      '{0} handles Clerk webhooks but never verifies the Svix signature, so anyone who finds the URL can post forged events. Verify first: const evt = await verifyWebhook(req).',
      facts.handler.name,
    ),
    related: facts.evidence
      ? [{ location: { file: route.file, range: rangeOfNode(facts.evidence) }, message: l10n.t('Clerk webhook data is used here') }]
      : undefined,
    fixes: parsedRead ? insertVerifyWebhook(route, facts.handler, parsedRead) : [],
  };
}

function unfollowedFinding(route: RouteFile, facts: WebhookHandlerFacts): Finding {
  const { call, reason } = facts.trace.unfollowed[0];
  const callee = unwrapExpression(call.expression).getText();
  return {
    ruleId: webhookUnverifiedRule.id,
    severity: 'warning',
    location: { file: route.file, range: rangeOfNode(facts.handler.nameNode) },
    message:
      reason === 'depth'
        ? l10n.t(
            '{0} handles Clerk webhooks, and no code the analysis follows ({1} calls deep) verifies the signature; it hands the raw body on to {2}, deeper than that. Make sure that code verifies it (verifyWebhook, or new Webhook(secret).verify) before the event is trusted.',
            facts.handler.name,
            String(maxFollowDepth),
            callee,
          )
        : l10n.t(
            '{0} handles Clerk webhooks, and no code the analysis follows verifies the signature; it hands the raw body to {1}, code the analysis cannot follow (a package or a dynamic call). Make sure that code verifies it (verifyWebhook, or new Webhook(secret).verify) before the event is trusted.',
            facts.handler.name,
            callee,
          ),
    related: [{ location: { file: call.getSourceFile().fileName, range: rangeOfNode(call) }, message: l10n.t('The raw body is handed over here') }],
  };
}

/** `await req.json()` as the initializer of a declaration: where `await verifyWebhook(req)` goes instead. */
function jsonBodyDeclaration(handler: RequestHandler): ts.Expression | undefined {
  const requestName = handler.requestName;
  if (!requestName) return undefined;
  let found: ts.Expression | undefined;
  forEachOwnNode(handler.fn, (node) => {
    if (found || !ts.isVariableDeclaration(node) || !node.initializer) return;
    const initializer = unwrapExpression(node.initializer);
    if (ts.isAwaitExpression(initializer) && jsonBodyRead(initializer, requestName)) found = initializer;
  });
  return found;
}

/** Replaces `await req.json()` with `await verifyWebhook(req)` (same shape, now verified) and imports it. */
function insertVerifyWebhook(route: RouteFile, handler: RequestHandler, read: ts.Expression): Fix[] {
  const sourceFile = route.sourceFile;
  const binding = getImports(sourceFile).find((entry) => entry.module === '@clerk/nextjs/webhooks' && entry.importedName === 'verifyWebhook');
  const name = binding?.localName ?? 'verifyWebhook';
  const edits: TextEdit[] = [{ file: route.file, range: rangeOfNode(read), newText: `await ${name}(${handler.requestName})` }];
  if (!binding) {
    const imports = sourceFile.statements.filter(ts.isImportDeclaration);
    const after = imports[imports.length - 1];
    const position = after ? sourceFile.getLineAndCharacterOfPosition(after.getEnd()) : { line: 0, character: 0 };
    const text = "import { verifyWebhook } from '@clerk/nextjs/webhooks';";
    edits.push({ file: route.file, range: { start: position, end: position }, newText: after ? `\n${text}` : `${text}\n` });
  }
  return [{ title: l10n.t('Verify the webhook with verifyWebhook({0})', handler.requestName ?? 'req'), edits, preferred: true }];
}
