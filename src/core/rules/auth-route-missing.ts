import * as l10n from '@vscode/l10n';
import * as ts from 'typescript';
import { attributeOf, attributeString, findImportedElements, openingOf } from '../analysis/jsxTree';
import { readClerkMiddlewareFile } from '../analysis/middlewareHandler';
import { getImports, getProperty, propertyNameText, resolveObjectLiteral } from '../parse/facts';
import { rangeOfNode, rangeOfStringContent } from '../parse/sourceFile';
import type { NextApp } from '../project/types';
import type { Rule, RuleContext } from './rule';
import type { Finding, Location } from './types';

const isClerkModule = (module: string) => module.startsWith('@clerk/');
const urlVariables = { NEXT_PUBLIC_CLERK_SIGN_IN_URL: 'sign-in', NEXT_PUBLIC_CLERK_SIGN_UP_URL: 'sign-up' } as const;

/**
 * Clerk redirects signed-out users to the sign-in URL; when no page serves it they land on a 404
 * (or loop). And `<SignIn/>`/`<SignUp/>` with path routing render sub-paths (`/sign-in/factor-one`),
 * which only an optional catch-all route (`[[...sign-in]]`) serves.
 */
export const authRouteMissingRule: Rule = {
  id: 'auth-route-missing',
  defaultSeverity: 'warning',
  get title() {
    return l10n.t('Sign-in or sign-up route not served');
  },
  get description() {
    return l10n.t('A relative sign-in/sign-up URL that no page serves, or a <SignIn/>/<SignUp/> page with path routing that is not an optional catch-all route.');
  },
  check(ctx) {
    const app = ctx.project.nextApp;
    if (!app || (!app.appDir && !app.pagesDir) || hasConfigRewrites(app, ctx)) return [];
    const routes = routePatterns(app);
    const unserved = configuredUrls(app, ctx).filter((url) => !routes.some((route) => routeServes(route, url.path)));
    return [
      ...unserved.map((url): Finding => ({
        ruleId: authRouteMissingRule.id,
        severity: 'warning',
        location: url.location,
        message: l10n.t('{0} is "{1}", but no page serves that path: signed-out users are sent to a 404. Create {2} with <{3} />, or point the URL at your existing page.', url.source, url.path, suggestedPage(app, url.path), url.component),
      })),
      ...catchAllFindings(app, ctx),
    ];
  },
};

interface ConfiguredUrl {
  path: string;
  source: string;
  component: 'SignIn' | 'SignUp';
  location: Location;
}

/** Relative sign-in/up URLs from env files, `signInUrl`/`signUpUrl` props and `clerkMiddleware` options. */
function configuredUrls(app: NextApp, ctx: RuleContext): ConfiguredUrl[] {
  const urls: ConfiguredUrl[] = [];
  for (const [key, kind] of Object.entries(urlVariables)) {
    const definition = ctx.env.lookup(key);
    if (definition?.file && definition.entry && isRelative(definition.value)) {
      urls.push({ path: definition.value, source: key, component: kind === 'sign-in' ? 'SignIn' : 'SignUp', location: { file: definition.file.file, range: definition.entry.valueRange } });
    }
  }
  const fromLiteral = (name: string, literal: ts.StringLiteralLike): ConfiguredUrl[] => isRelative(literal.text)
    ? [{ path: literal.text, source: name, component: name === 'signInUrl' ? 'SignIn' : 'SignUp', location: { file: literal.getSourceFile().fileName, range: rangeOfStringContent(literal) } }]
    : [];
  for (const file of app.sourceFiles) {
    const sourceFile = ctx.source(file);
    if (!sourceFile) continue;
    const imports = getImports(sourceFile);
    if (!imports.some((binding) => isClerkModule(binding.module))) continue;
    for (const { element } of findImportedElements(sourceFile, imports, ['ClerkProvider', 'SignIn', 'SignUp', 'SignInButton', 'SignUpButton'], isClerkModule)) {
      for (const name of ['signInUrl', 'signUpUrl']) {
        const attribute = attributeOf(element, name);
        const literal = attribute && attributeString(attribute);
        if (literal) urls.push(...fromLiteral(name, literal));
      }
    }
    if (app.middlewareFiles.includes(file)) {
      const options = readClerkMiddlewareFile(sourceFile).call?.arguments[1];
      const object = options && resolveObjectLiteral(options);
      for (const name of ['signInUrl', 'signUpUrl']) {
        const property = object && getProperty(object, name);
        if (property && ts.isPropertyAssignment(property) && ts.isStringLiteralLike(property.initializer)) urls.push(...fromLiteral(name, property.initializer));
      }
    }
  }
  return urls.map((url) => ({ ...url, path: normalizePath(url.path) }));
}

/** Absolute URLs (the Account Portal) are Clerk's to serve. */
function isRelative(value: string): boolean {
  return value.startsWith('/') && !value.startsWith('//');
}

function normalizePath(path: string): string {
  const bare = path.replace(/[?#].*$/, '');
  return bare.length > 1 ? bare.replace(/\/+$/, '') : bare;
}

/** Rewrites and redirects in next.config can serve any path: the rule cannot judge then. */
function hasConfigRewrites(app: NextApp, ctx: RuleContext): boolean {
  const sourceFile = app.nextConfigFile ? ctx.source(app.nextConfigFile) : undefined;
  let found = false;
  const visit = (node: ts.Node): void => {
    if ((ts.isPropertyAssignment(node) || ts.isMethodDeclaration(node) || ts.isShorthandPropertyAssignment(node)) &&
      ['rewrites', 'redirects'].includes(propertyNameText(node.name) ?? '')) found = true;
    else ts.forEachChild(node, visit);
  };
  if (sourceFile) visit(sourceFile);
  return found;
}

/** A route as URL segments: literal names, or `[x]` (one), `[...x]` (one or more), `[[...x]]` (any). */
type RouteSegment = { kind: 'static'; name: string } | { kind: 'dynamic' | 'catchAll' | 'optionalCatchAll' };

function parseSegment(name: string): RouteSegment {
  if (/^\[\[\.\.\..+\]\]$/.test(name)) return { kind: 'optionalCatchAll' };
  if (/^\[\.\.\..+\]$/.test(name)) return { kind: 'catchAll' };
  if (/^\[.+\]$/.test(name)) return { kind: 'dynamic' };
  return { kind: 'static', name };
}

/** The URL segments of a page under the app or pages dir; undefined for files that serve no URL. */
function routeOf(app: NextApp, file: string): RouteSegment[] | undefined {
  const stem = (name: string) => name.replace(/\.[^.]+$/, '');
  if (app.appDir && file.startsWith(`${app.appDir}/`)) {
    const parts = file.slice(app.appDir.length + 1).split('/');
    const leaf = stem(parts.pop()!);
    if (leaf !== 'page' && leaf !== 'route') return undefined;
    // Private folders (`_x`) serve nothing; groups `(x)` and slots `@x` add no URL segment.
    if (parts.some((part) => part.startsWith('_'))) return undefined;
    return parts.filter((part) => !/^\(.*\)$/.test(part) && !part.startsWith('@')).map(parseSegment);
  }
  if (app.pagesDir && file.startsWith(`${app.pagesDir}/`)) {
    const parts = file.slice(app.pagesDir.length + 1).split('/');
    const leaf = stem(parts.pop()!);
    if (leaf.startsWith('_')) return undefined;
    return [...parts, ...(leaf === 'index' ? [] : [leaf])].map(parseSegment);
  }
  return undefined;
}

function routePatterns(app: NextApp): RouteSegment[][] {
  return app.sourceFiles.flatMap((file) => {
    const route = routeOf(app, file);
    return route ? [route] : [];
  });
}

/** Whether a route serves a path; leading dynamic segments (`[locale]`) may be absent (i18n prefixes). */
function routeServes(route: RouteSegment[], path: string): boolean {
  const segments = path.split('/').filter(Boolean);
  const matches = (r: number, s: number): boolean => {
    if (r === route.length) return s === segments.length;
    const segment = route[r];
    switch (segment.kind) {
      case 'static':
        return s < segments.length && segments[s] === segment.name && matches(r + 1, s + 1);
      case 'dynamic':
        return s < segments.length && matches(r + 1, s + 1);
      case 'catchAll':
        return s < segments.length;
      case 'optionalCatchAll':
        return true;
    }
  };
  let start = 0;
  while (true) {
    if (matches(start, 0)) return true;
    if (route[start]?.kind !== 'dynamic') return false;
    start++;
  }
}

function suggestedPage(app: NextApp, path: string): string {
  const relativeDir = (dir: string) => dir.slice(app.root.length + 1);
  const last = path.split('/').filter(Boolean).pop() ?? 'sign-in';
  return app.appDir ? `${relativeDir(app.appDir)}${path}/[[...${last}]]/page.tsx` : `${relativeDir(app.pagesDir!)}${path}/[[...index]].tsx`;
}

/** `<SignIn/>`/`<SignUp/>` pages with path routing whose route does not end in an optional catch-all. */
function catchAllFindings(app: NextApp, ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  for (const file of app.sourceFiles) {
    const route = routeOf(app, file);
    if (!route || route[route.length - 1]?.kind === 'optionalCatchAll' || /\/route\.[^/]+$/.test(file)) continue;
    const sourceFile = ctx.source(file);
    if (!sourceFile) continue;
    for (const { element, binding } of findImportedElements(sourceFile, getImports(sourceFile), ['SignIn', 'SignUp'], isClerkModule)) {
      const routing = attributeOf(element, 'routing');
      const routingValue = routing && attributeString(routing)?.text;
      if (routing && routingValue !== 'path') continue;
      findings.push({
        ruleId: authRouteMissingRule.id,
        severity: 'warning',
        location: { file, range: rangeOfNode(openingOf(element).tagName) },
        message: l10n.t('<{0}/> uses path routing and renders sub-paths (such as /factor-one), but this page is not an optional catch-all route: those steps 404. Move the page into a [[...{1}]] folder, or set routing="hash".', binding.importedName, binding.importedName === 'SignIn' ? 'sign-in' : 'sign-up'),
      });
    }
  }
  return findings;
}
