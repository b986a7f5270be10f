import * as l10n from '@vscode/l10n';
import { activeClerkMiddleware } from '../analysis/middlewareFiles';
import { entriesRunningOn, matcherRunsOn, quote, routePatternMatches } from '../analysis/middlewareMatcher';
import { appendArrayElement, removeArrayElement, replaceNode } from '../analysis/middlewareEdits';
import { protectionOf, type Protection } from '../analysis/middlewareHandler';
import { isWebhookRoute, webhookRoutesOf, type RouteFile, type WebhookHandlerFacts } from '../analysis/webhookRoutes';
import { rangeOfNode } from '../parse/sourceFile';
import type { Rule } from './rule';
import type { Finding, Fix, RelatedInfo } from '../model';

/**
 * Webhooks never carry a Clerk session, so a middleware that protects the webhook route answers
 * every delivery with 401/404 and Clerk's dashboard shows only failures.
 */
export const webhookRouteProtectedRule: Rule = {
  id: 'webhook-route-protected',
  defaultSeverity: 'error',
  get title() {
    return l10n.t('Webhook route protected by the middleware');
  },
  get description() {
    return l10n.t('A webhook route that clerkMiddleware() protects: deliveries are never signed in, so every one fails with 401/404.');
  },
  check(ctx) {
    const active = activeClerkMiddleware(ctx);
    if (!active?.middleware.call) return [];
    const { middleware } = active;
    const findings: Finding[] = [];
    for (const { route, facts } of webhookRoutesOf(ctx)) {
      if (route.pathname === undefined) continue;
      if (!isWebhookRoute(route, facts)) continue;
      if (matcherRunsOn(middleware.matcher, route.pathname) !== true) continue;
      const protection = protectionOf(middleware, route.pathname);
      if (!protection) continue;
      const related: RelatedInfo[] = [{ location: routeLocation(route, facts), message: l10n.t('The webhook route {0}', route.pathname) }];
      for (const entry of middleware.matcher ? entriesRunningOn(middleware.matcher, route.pathname) : []) {
        related.push({
          location: { file: active.info.file, range: rangeOfNode(entry.node) },
          message: l10n.t('This matcher entry runs the middleware on {0}', route.pathname),
        });
      }
      findings.push(findingFor(protection, route, facts, related));
    }
    return findings;
  },
};

function findingFor(protection: Protection, route: RouteFile, facts: WebhookHandlerFacts[], related: RelatedInfo[]): Finding {
  const pathname = route.pathname!;
  const verified = facts.some((fact) => fact.trace.verified.length > 0);
  const base = { ruleId: webhookRouteProtectedRule.id, severity: 'error' as const, related };
  switch (protection.kind) {
    case 'listed': {
      const pattern = protection.patterns[0];
      const node = pattern?.node ?? protection.list.call;
      const fixes: Fix[] = [];
      // Removing an entry is only offered when it is about webhooks, not a whole area such as `/api(.*)`.
      if (pattern?.value && protection.list.array && /webhook/i.test(pattern.value) && routePatternMatches(pattern.value, '/dashboard') === false) {
        fixes.push({
          title: l10n.t('Remove {0} from the protected routes', quote(pattern.value)),
          edits: [removeArrayElement(protection.list.array, pattern.node)],
          preferred: true,
        });
      }
      return {
        ...base,
        location: { file: node.getSourceFile().fileName, range: rangeOfNode(node) },
        message: l10n.t(
          '{0} lists the webhook route {1} as protected: Clerk webhooks are never signed in, so every delivery gets 401/404 and is retried. Take the webhook route out of the protected routes; it verifies the signature instead.',
          protection.list.name,
          pathname,
        ),
        fixes,
      };
    }
    case 'not-public': {
      const list = protection.list;
      const pattern = publicPatternFor(pathname);
      const argument = list.call.arguments[0];
      const edit = list.array
        ? appendArrayElement(list.array, quote(pattern))
        : argument
          ? replaceNode(argument, `[${argument.getText()}, ${quote(pattern)}]`)
          : undefined;
      return {
        ...base,
        location: { file: list.call.getSourceFile().fileName, range: rangeOfNode(argument ?? list.call) },
        message: l10n.t(
          'The webhook route {0} is not in {1}, so the middleware protects it: Clerk webhooks are never signed in, so every delivery gets 401/404 and is retried. Add {2} to the public routes.',
          pathname,
          list.name,
          quote(pattern),
        ),
        fixes: edit ? [{ title: l10n.t('Add {0} to the public routes', quote(pattern)), edits: [edit], preferred: true, safe: verified }] : [],
      };
    }
    case 'everything':
      return {
        ...base,
        location: { file: protection.site.getSourceFile().fileName, range: rangeOfNode(protection.site) },
        message: l10n.t(
          'This call protects every route, including the webhook route {0}: Clerk webhooks are never signed in, so every delivery gets 401/404 and is retried. Skip it for public routes (createRouteMatcher([{1}])).',
          pathname,
          quote(publicPatternFor(pathname)),
        ),
      };
  }
}

/** `/api/webhooks/:path*` for routes under `/api/webhooks`, else the route's own path. */
function publicPatternFor(pathname: string): string {
  return pathname === '/api/webhooks' || pathname.startsWith('/api/webhooks/') ? '/api/webhooks/:path*' : pathname;
}

function routeLocation(route: RouteFile, facts: WebhookHandlerFacts[]) {
  const post = facts.find((fact) => fact.handler.name === 'POST') ?? facts[0];
  return { file: route.file, range: post ? rangeOfNode(post.handler.nameNode) : { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } } };
}
