import * as l10n from '@vscode/l10n';
import * as ts from 'typescript';
import { authUsagesIn } from '../analysis/middlewareAuthUsage';
import { appendArrayElement, replaceNode } from '../analysis/middlewareEdits';
import { activeClerkMiddleware } from '../analysis/middlewareFiles';
import { clerkFrontendApiEntry, clerkProxySamplePath, matcherRunsOn, quote, recommendedMatcherText, type MiddlewareMatcher } from '../analysis/middlewareMatcher';
import { routePathname } from '../analysis/webhookRoutes';
import { rangeOfNode } from '../parse/sourceFile';
import type { Rule } from './rule';
import type { Finding, Fix } from './types';

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
    return l10n.t('config.matcher that skips route handlers calling auth(), entries Next.js cannot read statically, or no /__clerk/(.*) entry for the Frontend API proxy.');
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
        message: l10n.t('Next.js reads config.matcher without running the file, so it ignores entries that are not string literals (or objects with a literal source). Write this entry as a literal.'),
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
        message: l10n.t('The matcher does not run the middleware on {0}, whose route handler calls auth(): it fails there with "Clerk can\'t detect usage of clerkMiddleware()". Add \'/(api|trpc)(.*)\' or use the recommended matcher.', routePathname(app, skipped[0].file)!),
        related: skipped.map(({ file: route, call }) => ({ location: { file: route, range: rangeOfNode(call) }, message: l10n.t('auth() runs here without the middleware') })),
        fixes: [recommendedFix(matcher)],
      });
    }
    if (matcherRunsOn(matcher, clerkProxySamplePath) === false) {
      const fix: Fix = matcher.array
        ? { title: l10n.t('Add {0} to the matcher', quote(clerkFrontendApiEntry)), edits: [appendArrayElement(matcher.array, quote(clerkFrontendApiEntry))], preferred: true, safe: true }
        : recommendedFix(matcher);
      findings.push({
        ruleId: middlewareMatcherRule.id,
        severity: 'info',
        location: { file, range: rangeOfNode(matcher.property.name) },
        message: l10n.t("The matcher has no '/__clerk/(.*)' entry. Clerk's Frontend API proxy serves /__clerk (automatically for pk_live_ keys on *.vercel.app), and without the entry those requests skip the middleware and fail. Add the entry."),
        fixes: [fix],
      });
    }
    return findings;
  },
};

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
