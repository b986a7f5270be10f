/**
 * The route files of a project that can receive webhooks (Next.js route handlers, Pages Router API
 * routes, Convex `http.ts`), the URL path each is served at, and whether it is a webhook route.
 */
import type * as ts from 'typescript';
import { readPathAliases, resolveModule } from '../project/moduleGraph';
import type { NextApp } from '../project/types';
import type { RuleContext } from '../model';
import { clerkWebhookEvidence, findRequestHandlers, type RequestHandler, type RouteKind } from './webhookHandlers';
import { traceVerification, type ProjectModules, type VerificationTrace } from './webhookTrace';

export interface RouteFile {
  file: string;
  kind: RouteKind;
  sourceFile: ts.SourceFile;
  /** The URL path a Next.js route is served at (dynamic segments filled with a sample value). */
  pathname?: string;
  handlers: RequestHandler[];
  /** The Convex functions folder, for `ctx.runAction(internal.x.y)` and `fetchAction(api.x.y)` targets. */
  convexDir?: string;
}

export function routeFilesOf(ctx: RuleContext): RouteFile[] {
  const routes: RouteFile[] = [];
  const app = ctx.project.nextApp;
  for (const file of app?.routeHandlers ?? []) {
    const sourceFile = ctx.source(file);
    if (!sourceFile || !app) continue;
    const kind: RouteKind = app.appDir && file.startsWith(`${app.appDir}/`) ? 'app-route' : 'pages-api';
    const pathname = routePathname(app, file);
    if (pathname === undefined) continue;
    routes.push({ file, kind, sourceFile, pathname, handlers: findRequestHandlers(sourceFile, kind), convexDir: ctx.project.convexDirs[0]?.dir });
  }
  for (const convex of ctx.project.convexDirs) {
    const sourceFile = convex.httpFile ? ctx.source(convex.httpFile) : undefined;
    if (!sourceFile || !convex.httpFile) continue;
    routes.push({ file: convex.httpFile, kind: 'convex-http', sourceFile, handlers: findRequestHandlers(sourceFile, 'convex-http'), convexDir: convex.dir });
  }
  return routes;
}

/**
 * `app/api/webhooks/(clerk)/[id]/route.ts` → `/api/webhooks/sample`: route groups and parallel
 * slots vanish, dynamic segments take a sample value, optional catch-alls match nothing. Private
 * folders (`_lib`) are not routes: undefined.
 */
export function routePathname(app: NextApp, file: string): string | undefined {
  const base = app.appDir && file.startsWith(`${app.appDir}/`) ? app.appDir : app.pagesDir && file.startsWith(`${app.pagesDir}/`) ? app.pagesDir : undefined;
  if (!base) return undefined;
  const segments = file.slice(base.length + 1).split('/');
  const last = segments.pop()!.replace(/\.[^.]+$/, '');
  if (base === app.pagesDir && last !== 'index') segments.push(last);
  const parts: string[] = [];
  for (const segment of segments) {
    if (segment.startsWith('_')) return undefined;
    if ((segment.startsWith('(') && segment.endsWith(')')) || segment.startsWith('@') || segment.startsWith('[[...')) continue;
    parts.push(segment.startsWith('[') ? 'sample' : segment);
  }
  return `/${parts.join('/')}`;
}

/** Imports of the project's own modules (relative, or through tsconfig `paths`). */
export function projectModulesOf(ctx: RuleContext): ProjectModules {
  const app = ctx.project.nextApp;
  const files = new Set([...(app?.sourceFiles ?? []), ...ctx.project.convexDirs.flatMap((convex) => convex.functionFiles)]);
  const aliases = app
    ? readPathAliases({ readFile: (file) => ctx.readFile(file), readDirectory: () => [], exists: (file) => ctx.readFile(file) !== undefined }, app.root)
    : undefined;
  return {
    sourceOf: (file) => ctx.source(file),
    resolve: (specifier, fromFile) => resolveModule(specifier, fromFile, files, aliases),
  };
}

export interface WebhookHandlerFacts {
  route: RouteFile;
  handler: RequestHandler;
  trace: VerificationTrace;
  /** A `svix-*` header name or Clerk event type the handler uses, when it has one. */
  evidence?: ts.Node;
}

export function webhookFactsOf(route: RouteFile, modules: ProjectModules): WebhookHandlerFacts[] {
  return route.handlers.map((handler) => ({
    route,
    handler,
    trace: traceVerification(handler, modules, route.convexDir),
    evidence: clerkWebhookEvidence(handler.fn),
  }));
}

/** A route that receives webhooks: it verifies or reads Svix signatures, or lives under `/api/webhooks`. */
export function isWebhookRoute(route: RouteFile, facts: WebhookHandlerFacts[]): boolean {
  if (route.pathname !== undefined && (route.pathname === '/api/webhooks' || route.pathname.startsWith('/api/webhooks/'))) return true;
  return looksLikeWebhook(facts);
}

/**
 * Code, not the URL, says a route receives webhooks: a handler verifies a signature (directly or
 * through helpers), reads `svix-*` headers, or compares a Clerk event type. A health-check `GET`
 * under `/api/webhooks/` does none of these.
 */
export function looksLikeWebhook(facts: WebhookHandlerFacts[]): boolean {
  return facts.some((fact) => fact.trace.verified.length > 0 || fact.evidence !== undefined);
}
