import * as l10n from '@vscode/l10n';
import * as semver from 'semver';
import * as ts from 'typescript';
import { authUsagesIn } from '../analysis/middlewareAuthUsage';
import { appendArrayElement, replaceNode } from '../analysis/middlewareEdits';
import { activeClerkMiddleware } from '../analysis/middlewareFiles';
import { frontendApiProxyPath, middlewareOptions, type ClerkMiddlewareFile } from '../analysis/middlewareHandler';
import {
  defaultProxyPath,
  matcherRunsOn,
  proxyMatcherEntry,
  proxySamplePath,
  quote,
  recommendedMatcherText,
  type MiddlewareMatcher,
} from '../analysis/middlewareMatcher';
import { routePathname } from '../analysis/webhookRoutes';
import { getProperty } from '../parse/facts';
import { rangeOfNode } from '../parse/sourceFile';
import type { RuleContext } from '../model';
import type { Rule } from './rule';
import type { Finding, Fix } from '../model';

/**
 * `auth()` in a route handler needs the middleware to have run on that path; Next ignores matcher
 * entries it cannot read statically; and the Frontend API proxy (`/__clerk`) needs its own entry.
 */
export const middlewareMatcherRule: Rule = {
  id: 'middleware-matcher',
  defaultSeverity: 'warning',
  get title() {
    return l10n.t('Middleware matcher misses Clerk routes');
  },
  get description() {
    return l10n.t(
      'config.matcher that skips route handlers calling auth(), entries Next.js cannot read statically, or misses the Frontend API proxy path (/__clerk) where Clerk proxies through the middleware.',
    );
  },
  check(ctx) {
    const app = ctx.project.nextApp;
    const active = activeClerkMiddleware(ctx);
    const matcher = active?.middleware.call ? active.middleware.matcher : undefined;
    if (!app || !active || !matcher) return [];
    const file = active.info.file;
    const findings: Finding[] = [];
    for (const entry of matcher.entries.filter((candidate) => candidate.source === undefined)) {
      findings.push({
        ruleId: middlewareMatcherRule.id,
        severity: 'warning',
        location: { file, range: rangeOfNode(entry.node) },
        message: l10n.t(
          'Next.js reads config.matcher without running the file, so it ignores entries that are not string literals (or objects with a literal source). Write this entry as a literal.',
        ),
      });
    }
    const routeHandlers = app.routeHandlers.filter((route) => app.appDir && route.startsWith(`${app.appDir}/`));
    const skipped = authUsagesIn(ctx, routeHandlers).filter(({ file: route }) => {
      const pathname = routePathname(app, route);
      return pathname !== undefined && matcherRunsOn(matcher, pathname) === false;
    });
    if (skipped.length > 0) {
      findings.push({
        ruleId: middlewareMatcherRule.id,
        severity: 'warning',
        location: { file, range: rangeOfNode(matcher.property.name) },
        message: l10n.t(
          "The matcher does not run the middleware on {0}, whose route handler calls auth(): it fails there with \"Clerk can't detect usage of clerkMiddleware()\". Add '/(api|trpc)(.*)' or use the recommended matcher.",
          routePathname(app, skipped[0].file)!,
        ),
        related: skipped.map(({ file: route, range }) => ({
          location: { file: route, range },
          message: l10n.t('auth() runs here without the middleware'),
        })),
        fixes: [recommendedFix(matcher)],
      });
    }
    const proxy = proxyNeed(ctx, active.middleware);
    if (proxy && matcherRunsOn(matcher, proxySamplePath(proxy.path)) === false) {
      const entry = proxyMatcherEntry(proxy.path);
      const fixes: Fix[] = matcher.array
        ? [{ title: l10n.t('Add {0} to the matcher', quote(entry)), edits: [appendArrayElement(matcher.array, quote(entry))], preferred: true, safe: true }]
        : proxy.path === defaultProxyPath
          ? [recommendedFix(matcher)]
          : [];
      findings.push({
        ruleId: middlewareMatcherRule.id,
        severity: 'info',
        location: { file, range: rangeOfNode(matcher.property.name) },
        message: proxy.configured
          ? l10n.t(
              "clerkMiddleware() serves Clerk's Frontend API at {0} (frontendApiProxy), but the matcher does not run the middleware there, so those requests fail and Clerk does not load. Add {1} to the matcher.",
              proxy.path,
              quote(entry),
            )
          : l10n.t(
              "The matcher has no '/__clerk/(.*)' entry. @clerk/nextjs {0} proxies Clerk's Frontend API through /__clerk on *.vercel.app production deployments with a pk_live_ key (no proxy URL or domain is set), and those requests skip the middleware and fail. Add the entry, or set CLERK_DISABLE_AUTO_PROXY=true.",
              proxy.version,
            ),
        fixes,
      });
    }
    return findings;
  },
};

/** Env variables that make Clerk skip the auto-proxy (research-clerk-facts A6; `clerkMiddleware` 7.2.8+). */
const explicitProxyVariables = ['NEXT_PUBLIC_CLERK_PROXY_URL', 'NEXT_PUBLIC_CLERK_DOMAIN'];
const explicitProxyOptions = ['proxyUrl', 'domain'];

/**
 * The path the middleware must run on for Clerk's Frontend API proxy: `frontendApiProxy` in the
 * options (≥ 7.0.0, its `path`), else the auto-proxy of ≥ 7.2.8 (`/__clerk` on `*.vercel.app`) unless
 * a proxy URL or domain is set or (from 7.5.19) CLERK_DISABLE_AUTO_PROXY is truthy. Undefined when none applies
 * or the options cannot be read.
 */
function proxyNeed(ctx: RuleContext, middleware: ClerkMiddlewareFile): { path: string; configured: boolean; version: string } | undefined {
  const version = ctx.project.nextApp?.versions['@clerk/nextjs'];
  const options = middlewareOptions(middleware);
  if (!version || semver.lt(version, '7.0.0') || options === 'unknown') return undefined;
  const configured = options ? frontendApiProxyPath(options) : 'absent';
  if (configured === 'unknown' || configured === 'disabled') return undefined;
  if (configured !== 'absent') return { path: configured, configured: true, version };
  if (semver.lt(version, '7.2.8')) return undefined;
  if (options && explicitProxyOptions.some((name) => getProperty(options, name))) return undefined;
  if (explicitProxyVariables.some((name) => isSet(ctx, name))) return undefined;
  // clerkMiddleware() honours the opt-out from 7.5.19 (isAutoProxyDisabledFromEnvironment).
  const disabled = ctx.env.lookup('CLERK_DISABLE_AUTO_PROXY')?.value ?? ctx.env.templateEntry('CLERK_DISABLE_AUTO_PROXY')?.entry.value;
  if (semver.gte(version, '7.5.19') && isTruthy(disabled)) return undefined;
  return { path: defaultProxyPath, configured: false, version };
}

/** Defined with a value locally, or listed in a template (the app documents using it). */
function isSet(ctx: RuleContext, name: string): boolean {
  return Boolean(ctx.env.lookup(name)?.value) || ctx.env.templateEntry(name) !== undefined;
}

/** `isTruthy` of `@clerk/shared/underscore`: "true" in any case, or an integer above 0. */
function isTruthy(value: string | undefined): boolean {
  if (value === undefined) return false;
  if (value.toLowerCase() === 'true') return true;
  const number = parseInt(value, 10);
  return !Number.isNaN(number) && number > 0;
}

function recommendedFix(matcher: MiddlewareMatcher): Fix {
  const value = ts.isPropertyAssignment(matcher.property) ? matcher.property.initializer : matcher.property;
  const sourceFile = value.getSourceFile();
  const line = sourceFile.getLineAndCharacterOfPosition(matcher.property.getStart(sourceFile)).line;
  const indent = /^[ \t]*/.exec(sourceFile.text.slice(sourceFile.getPositionOfLineAndCharacter(line, 0)))![0];
  const edit = ts.isPropertyAssignment(matcher.property)
    ? replaceNode(value, recommendedMatcherText(indent))
    : replaceNode(matcher.property, `matcher: ${recommendedMatcherText(indent)}`);
  return { title: l10n.t("Use Clerk's recommended matcher"), edits: [edit] };
}
