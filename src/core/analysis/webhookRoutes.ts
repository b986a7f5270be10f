/**
 * The route files of a project that can receive webhooks (Next.js route handlers, Pages Router API
 * routes, Convex `http.ts`), the URL path each is served at, and whether it is a webhook route.
 */
import type * as ts from 'typescript';
import { readPathAliases, resolveModule } from '../project/moduleGraph';
import type { NextApp, Project } from '../project/types';
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

/** Where a route file is served and from which Convex folder, known from the project model alone. */
interface RouteCandidate {
  file: string;
  kind: RouteKind;
  pathname?: string;
  convexDir?: string;
}

/** Candidates depend on the project model alone: kept with it. */
const routeCandidates = new WeakMap<Project, RouteCandidate[]>();

function routeCandidatesOf(ctx: RuleContext): RouteCandidate[] {
  let candidates = routeCandidates.get(ctx.project);
  if (!candidates) routeCandidates.set(ctx.project, (candidates = findRouteCandidates(ctx)));
  return candidates;
}

function findRouteCandidates(ctx: RuleContext): RouteCandidate[] {
  const candidates: RouteCandidate[] = [];
  const app = ctx.project.nextApp;
  for (const file of app?.routeHandlers ?? []) {
    const kind: RouteKind = app!.appDir && file.startsWith(`${app!.appDir}/`) ? 'app-route' : 'pages-api';
    const pathname = routePathname(app!, file);
    if (pathname !== undefined) candidates.push({ file, kind, pathname, convexDir: ctx.project.convexDirs[0]?.dir });
  }
  for (const convex of ctx.project.convexDirs) {
    if (convex.httpFile) candidates.push({ file: convex.httpFile, kind: 'convex-http', convexDir: convex.dir });
  }
  return candidates;
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

/** Imports of the project's own modules (relative, or through tsconfig `paths`), read through `source` (the caller records what it reads). */
function projectModulesOf(ctx: RuleContext, source: (file: string) => ts.SourceFile | undefined): ProjectModules {
  const app = ctx.project.nextApp;
  const files = new Set([...(app?.sourceFiles ?? []), ...ctx.project.convexDirs.flatMap((convex) => convex.functionFiles)]);
  const aliases = app
    ? readPathAliases({ readFile: (file) => ctx.readFile(file), readDirectory: () => [], exists: (file) => ctx.readFile(file) !== undefined }, app.root)
    : undefined;
  return { sourceOf: source, resolve: (specifier, fromFile) => resolveModule(specifier, fromFile, files, aliases) };
}

export interface WebhookHandlerFacts {
  route: RouteFile;
  handler: RequestHandler;
  trace: VerificationTrace;
  /** A `svix-*` header name or Clerk event type the handler uses, when it has one. */
  evidence?: ts.Node;
}

function webhookFactsOf(route: RouteFile, modules: ProjectModules): WebhookHandlerFacts[] {
  return route.handlers.map((handler) => ({
    route,
    handler,
    trace: traceVerification(handler, modules, route.convexDir),
    evidence: clerkWebhookEvidence(handler.fn),
  }));
}

/** A route file with what its handlers do: whether they verify (following helper calls), and their webhook evidence. */
export interface WebhookRoute {
  route: RouteFile;
  facts: WebhookHandlerFacts[];
}

/** What one route's analysis read: each file's text, and whether it parsed (a rule may have skipped a hostile file). */
type RouteReads = Map<string, { text: string | undefined; parsed: boolean }>;

/**
 * Route analyses by project and route file, kept while everything they read is unchanged. Four
 * rules read them and every edit re-ran them all: the project's routes and every helper their
 * verification calls lead to. A new project model (files added or removed) starts afresh.
 */
const routeAnalyses = new WeakMap<Project, Map<string, { reads: RouteReads; result: WebhookRoute | undefined }>>();

function stillHolds(ctx: RuleContext, reads: RouteReads): boolean {
  for (const [file, read] of reads) if (ctx.readFile(file) !== read.text || (!read.parsed && ctx.source(file) !== undefined)) return false;
  return true;
}

/** The project's route files (Next.js route handlers, Pages Router API routes, Convex `http.ts`) and their handlers' facts. */
export function webhookRoutesOf(ctx: RuleContext): WebhookRoute[] {
  let cache = routeAnalyses.get(ctx.project);
  if (!cache) routeAnalyses.set(ctx.project, (cache = new Map()));
  const results: WebhookRoute[] = [];
  let resolver: ProjectModules['resolve'] | undefined;
  for (const candidate of routeCandidatesOf(ctx)) {
    const cached = cache.get(candidate.file);
    // Texts only: asking for trees would parse what the source cache let go. A file that gave no
    // tree (unparseable, or skipped by a rule it failed) is asked again.
    if (cached && stillHolds(ctx, cached.reads)) {
      if (cached.result) results.push(cached.result);
      continue;
    }
    const reads: RouteReads = new Map();
    const source = (file: string) => {
      const tree = ctx.source(file);
      reads.set(file, { text: ctx.readFile(file), parsed: tree !== undefined });
      return tree;
    };
    resolver ??= projectModulesOf(ctx, source).resolve;
    const sourceFile = source(candidate.file);
    let result: WebhookRoute | undefined;
    if (sourceFile) {
      const route: RouteFile = { ...candidate, sourceFile, handlers: findRequestHandlers(sourceFile, candidate.kind) };
      result = { route, facts: webhookFactsOf(route, { sourceOf: source, resolve: resolver }) };
      results.push(result);
    }
    cache.set(candidate.file, { reads, result });
  }
  return results;
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
