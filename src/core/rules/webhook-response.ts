import * as l10n from '@vscode/l10n';
import * as ts from 'typescript';
import { exportsOf } from '../analysis/middlewareHandler';
import { blockExits, responsesIn, responseStatus, type StatusSite } from '../analysis/webhookResponses';
import { looksLikeWebhook, webhookRoutesOf, type RouteFile, type WebhookHandlerFacts } from '../analysis/webhookRoutes';
import { rangeOfNode } from '../parse/sourceFile';
import type { Rule } from './rule';
import type { Finding } from '../model';

/**
 * Svix treats any non-2xx answer as a failed delivery and retries on its schedule for days; a 2xx
 * to a forged request tells the sender it was accepted.
 */
export const webhookResponseRule: Rule = {
  id: 'webhook-response',
  defaultSeverity: 'warning',
  get title() {
    return l10n.t('Webhook route answers with the wrong status');
  },
  get description() {
    return l10n.t(
      'A webhook route without a POST export, a non-2xx answer on the success path (Svix retries for days), or a 2xx answer when verification fails.',
    );
  },
  check(ctx) {
    const findings: Finding[] = [];
    for (const { route, facts } of webhookRoutesOf(ctx)) {
      if (!looksLikeWebhook(facts)) continue;
      if (route.kind === 'app-route' && facts.length > 0 && !exportsOf(route.sourceFile).named.has('POST')) {
        findings.push(
          finding(
            route,
            facts[0].handler.nameNode,
            l10n.t(
              'The webhook route {0} exports no POST handler, and Clerk delivers webhooks with POST: every delivery gets 405 and is retried. Export async function POST(req).',
              route.pathname ?? route.file,
            ),
          ),
        );
        continue;
      }
      for (const fact of facts) {
        if (!receivesWebhooks(route, fact)) continue;
        findings.push(...successPath(route, fact), ...failedVerification(route, fact));
      }
    }
    return findings;
  },
};

function receivesWebhooks(route: RouteFile, fact: WebhookHandlerFacts): boolean {
  if (route.kind === 'app-route') return fact.handler.name === 'POST';
  if (route.kind === 'pages-api') return true;
  return fact.trace.verified.length > 0 || fact.evidence !== undefined;
}

function finding(route: RouteFile, node: ts.Node, message: string): Finding {
  return { ruleId: webhookResponseRule.id, severity: 'warning', location: { file: route.file, range: rangeOfNode(node) }, message };
}

const isSuccess = (site: StatusSite): boolean => site.status >= 200 && site.status < 300;

/** The last answer of the handler (also the last one inside a closing try block), and falling off the end. */
function successPath(route: RouteFile, fact: WebhookHandlerFacts): Finding[] {
  const body = fact.handler.fn.body;
  if (!ts.isBlock(body)) {
    const site = responseStatus(body);
    return site && !isSuccess(site) ? [nonSuccess(route, site)] : [];
  }
  const last = body.statements[body.statements.length - 1];
  const finalStatement = last && ts.isTryStatement(last) ? last.tryBlock.statements[last.tryBlock.statements.length - 1] : last;
  if (finalStatement && ts.isReturnStatement(finalStatement) && finalStatement.expression) {
    const site = responseStatus(finalStatement.expression);
    if (site && !isSuccess(site)) return [nonSuccess(route, site)];
  }
  // Next.js answers 500 when a route handler returns nothing; Pages routes answer through `res`.
  if (route.kind === 'app-route' && blockExits(body.statements) === 'no') {
    return [
      finding(
        route,
        fact.handler.nameNode,
        l10n.t(
          '{0} can finish without returning a Response: Next.js then answers 500 and Svix retries the delivery for days. Return a 200 Response once the event is handled.',
          fact.handler.name,
        ),
      ),
    ];
  }
  return [];
}

function nonSuccess(route: RouteFile, site: StatusSite): Finding {
  return finding(
    route,
    site.node,
    l10n.t(
      'The webhook handler answers {0} after handling the event: Svix counts every non-2xx answer as a failed delivery and retries it for days. Answer 200 (or another 2xx) on success.',
      String(site.status),
    ),
  );
}

/** A 2xx answer in the `catch` of a try that verifies the signature. */
function failedVerification(route: RouteFile, fact: WebhookHandlerFacts): Finding[] {
  const verifyCalls = fact.trace.verified.map((entry) => entry.call).filter((call) => call.getSourceFile() === route.sourceFile);
  const findings: Finding[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node)) return;
    if (ts.isTryStatement(node) && node.catchClause && verifyCalls.some((call) => call.pos >= node.tryBlock.pos && call.end <= node.tryBlock.end)) {
      for (const site of responsesIn(node.catchClause.block).filter(isSuccess)) {
        findings.push(
          finding(
            route,
            site.node,
            l10n.t(
              'This answers {0} when the signature check fails: a forged or corrupted request is reported as accepted. Answer 400 when verification fails.',
              String(site.status),
            ),
          ),
        );
      }
    }
    ts.forEachChild(node, visit);
  };
  ts.forEachChild(fact.handler.fn.body, visit);
  return findings;
}
