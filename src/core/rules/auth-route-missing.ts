import * as l10n from '@vscode/l10n';
import * as ts from 'typescript';
import { attributeOf, attributeString, findImportedElements, openingOf } from '../analysis/jsxTree';
import { readClerkMiddlewareFile } from '../analysis/middlewareHandler';
import { getImports, getProperty, propertyNameText, resolveObjectLiteral } from '../parse/facts';
import { treeFact } from '../parse/fileFacts';
import { rangeOfNode, rangeOfStringContent } from '../parse/sourceFile';
import type { NextApp } from '../project/types';
import type { RuleContext } from '../model';
import type { Rule } from './rule';
import type { Finding, Location, Range } from '../model';

const isClerkModule = (module: string) => module.startsWith('@clerk/');

/** Where a URL sends users: to the sign-in/up page, or after signing in/up. */
type UrlKind = 'sign-in' | 'sign-up' | 'after-sign-in' | 'after-sign-up';

const urlVariables: Record<string, UrlKind> = {
  NEXT_PUBLIC_CLERK_SIGN_IN_URL: 'sign-in',
  NEXT_PUBLIC_CLERK_SIGN_UP_URL: 'sign-up',
  NEXT_PUBLIC_CLERK_SIGN_IN_FALLBACK_REDIRECT_URL: 'after-sign-in',
  NEXT_PUBLIC_CLERK_SIGN_IN_FORCE_REDIRECT_URL: 'after-sign-in',
  NEXT_PUBLIC_CLERK_SIGN_UP_FALLBACK_REDIRECT_URL: 'after-sign-up',
  NEXT_PUBLIC_CLERK_SIGN_UP_FORCE_REDIRECT_URL: 'after-sign-up',
};

/** Props of Clerk components naming such URLs; `fallback`/`forceRedirectUrl` depend on the component. */
const urlProps: Record<string, UrlKind> = {
  signInUrl: 'sign-in',
  signUpUrl: 'sign-up',
  signInFallbackRedirectUrl: 'after-sign-in',
  signInForceRedirectUrl: 'after-sign-in',
  signUpFallbackRedirectUrl: 'after-sign-up',
  signUpForceRedirectUrl: 'after-sign-up',
};
const componentRedirectProps = ['fallbackRedirectUrl', 'forceRedirectUrl'];
const clerkComponents = ['ClerkProvider', 'SignIn', 'SignUp', 'SignInButton', 'SignUpButton'];

/**
 * Clerk redirects signed-out users to the sign-in URL, and signed-in users to the after-sign-in/up
 * URLs; when no page serves one they land on a 404 (or loop). And `<SignIn/>`/`<SignUp/>` with path
 * routing render sub-paths (`/sign-in/factor-one`), which only an optional catch-all route
 * (`[[...sign-in]]`) serves.
 */
export const authRouteMissingRule: Rule = {
  id: 'auth-route-missing',
  defaultSeverity: 'warning',
  get title() {
    return l10n.t('Sign-in or sign-up route not served');
  },
  get description() {
    return l10n.t(
      'A relative sign-in/sign-up or after-sign-in/up URL, or a middleware redirect to a sign-in page, that no page serves, or a <SignIn/>/<SignUp/> page with path routing that is not an optional catch-all route.',
    );
  },
  check(ctx) {
    const app = ctx.project.nextApp;
    if (!app || (!app.appDir && !app.pagesDir)) return [];
    const config = readNextConfig(app, ctx);
    if (config.rewrites) return [];
    const routes = [...routesOf(app).values()];
    const unserved = configuredUrls(app, ctx).filter((url) => !routes.some((route) => routeServes(route, withoutBasePath(url.path, config.basePath))));
    return [...unserved.map((url) => unservedFinding(app, url)), ...catchAllFindings(app, ctx)];
  },
};

interface ConfiguredUrl {
  path: string;
  source: string;
  kind: UrlKind;
  location: Location;
}

function unservedFinding(app: NextApp, url: ConfiguredUrl): Finding {
  const messages: Record<UrlKind, () => string> = {
    'sign-in': () =>
      l10n.t(
        '{0} is "{1}", but no page serves that path: signed-out users are sent to a 404. Create {2} with <{3} />, or point the URL at your existing page.',
        url.source,
        url.path,
        suggestedPage(app, url.path),
        'SignIn',
      ),
    'sign-up': () =>
      l10n.t(
        '{0} is "{1}", but no page serves that path: signed-out users are sent to a 404. Create {2} with <{3} />, or point the URL at your existing page.',
        url.source,
        url.path,
        suggestedPage(app, url.path),
        'SignUp',
      ),
    'after-sign-in': () =>
      l10n.t(
        '{0} is "{1}", but no page serves that path: users land on a 404 right after signing in. Create {2}, or point the URL at an existing page.',
        url.source,
        url.path,
        plainPage(app, url.path),
      ),
    'after-sign-up': () =>
      l10n.t(
        '{0} is "{1}", but no page serves that path: users land on a 404 right after signing up. Create {2}, or point the URL at an existing page.',
        url.source,
        url.path,
        plainPage(app, url.path),
      ),
  };
  return { ruleId: authRouteMissingRule.id, severity: 'warning', location: url.location, message: messages[url.kind]() };
}

/**
 * Relative sign-in/up and after-sign-in/up URLs from env files (an env template documents the
 * value when no local file sets it), Clerk component props, `clerkMiddleware` options, and
 * middleware redirects to a sign-in/up path.
 */
function configuredUrls(app: NextApp, ctx: RuleContext): ConfiguredUrl[] {
  const urls: ConfiguredUrl[] = [];
  for (const [key, kind] of Object.entries(urlVariables)) {
    const definition = ctx.env.lookup(key);
    const source = definition
      ? definition.file && definition.entry
        ? { file: definition.file, entry: definition.entry }
        : undefined
      : ctx.env.templateEntry(key);
    const value = definition ? definition.value : source?.entry.value;
    if (source && value !== undefined && isRelative(value))
      urls.push({ path: value, source: key, kind, location: { file: source.file.file, range: source.entry.valueRange } });
  }
  for (const file of app.sourceFiles) {
    urls.push(...(ctx.fact(componentUrls, file) ?? []));
    const sourceFile = app.middlewareFiles.includes(file) && ctx.fact(importsClerk, file) ? ctx.source(file) : undefined;
    if (sourceFile) {
      urls.push(...middlewareRedirects(sourceFile).flatMap(({ literal, kind }) => urlOfLiteral(l10n.t('The middleware redirect'), kind, literal)));
      const options = readClerkMiddlewareFile(sourceFile).call?.arguments[1];
      const object = options && resolveObjectLiteral(options);
      for (const name of ['signInUrl', 'signUpUrl']) {
        const property = object && getProperty(object, name);
        if (property && ts.isPropertyAssignment(property) && ts.isStringLiteralLike(property.initializer))
          urls.push(...urlOfLiteral(name, urlProps[name], property.initializer));
      }
    }
  }
  return urls.map((url) => ({ ...url, path: normalizePath(url.path) }));
}

function urlOfLiteral(name: string, kind: UrlKind, literal: ts.StringLiteralLike): ConfiguredUrl[] {
  return isRelative(literal.text)
    ? [{ path: literal.text, source: name, kind, location: { file: literal.getSourceFile().fileName, range: rangeOfStringContent(literal) } }]
    : [];
}

/** Whether a file imports a Clerk module (a text test first). */
const importsClerk = treeFact<boolean>({
  compute(text, source) {
    const sourceFile = text.includes('@clerk/') ? source() : undefined;
    return sourceFile !== undefined && getImports(sourceFile).some((binding) => isClerkModule(binding.module));
  },
});

const urlPropNames = [...Object.keys(urlProps), ...componentRedirectProps];

/**
 * URL props of the Clerk components a file renders (its own part of `configuredUrls`), kept per
 * content. Only props written out are read (not a spread `{...props}`), so a file naming none of
 * them is never parsed for it: most files that import Clerk only call `auth()`.
 */
const componentUrls = treeFact<ConfiguredUrl[]>({
  compute(text, source) {
    const sourceFile = text.includes('@clerk/') && urlPropNames.some((name) => text.includes(name)) ? source() : undefined;
    if (!sourceFile) return [];
    const urls: ConfiguredUrl[] = [];
    for (const { element, binding } of findImportedElements(sourceFile, getImports(sourceFile), clerkComponents, isClerkModule)) {
      for (const [name, kind] of Object.entries(propsOf(binding.importedName))) {
        const attribute = attributeOf(element, name);
        const literal = attribute && attributeString(attribute);
        if (literal) urls.push(...urlOfLiteral(name, kind, literal));
      }
    }
    return urls;
  },
});

/** `<SignIn/>`/`<SignUp/>` elements with path routing in a file: the component and where its tag is. */
const pathRoutedAuthComponents = treeFact<{ component: string; range: Range }[]>({
  compute(text, source) {
    // The import names the component even when it is renamed (`SignIn as Login`).
    const sourceFile = text.includes('@clerk/') && (text.includes('SignIn') || text.includes('SignUp')) ? source() : undefined;
    if (!sourceFile) return [];
    return findImportedElements(sourceFile, getImports(sourceFile), ['SignIn', 'SignUp'], isClerkModule).flatMap(({ element, binding }) => {
      const routing = attributeOf(element, 'routing');
      const routingValue = routing && attributeString(routing)?.text;
      return routing && routingValue !== 'path' ? [] : [{ component: binding.importedName, range: rangeOfNode(openingOf(element).tagName) }];
    });
  },
});

/** The URL props a Clerk component takes; `fallbackRedirectUrl` on `<SignUp>` is after sign-up. */
function propsOf(component: string): Record<string, UrlKind> {
  const own =
    component === 'SignIn' || component === 'SignInButton'
      ? 'after-sign-in'
      : component === 'SignUp' || component === 'SignUpButton'
        ? 'after-sign-up'
        : undefined;
  return own ? { ...urlProps, ...Object.fromEntries(componentRedirectProps.map((name) => [name, own])) } : urlProps;
}

/** What a path segment names, when it is a sign-in or sign-up page. */
function authKindOf(path: string): UrlKind | undefined {
  for (const segment of path.split(/[/?#]/)) {
    if (/^(sign-?in|log-?in)$/i.test(segment)) return 'sign-in';
    if (/^(sign-?up|register)$/i.test(segment)) return 'sign-up';
  }
  return undefined;
}

/**
 * Sign-in/up paths a middleware redirects to: `NextResponse.redirect(new URL('/sign-in', req.url))`,
 * through a local (`const url = new URL('/sign-in', …)`), or `url.pathname = '/sign-in'` on a URL
 * it redirects to.
 */
function middlewareRedirects(sourceFile: ts.SourceFile): { literal: ts.StringLiteralLike; kind: UrlKind }[] {
  const redirected = new Set<string>();
  const candidates: { literal: ts.StringLiteralLike; target: ts.Node }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression) && node.expression.name.text === 'redirect') {
      for (const argument of node.arguments) if (ts.isIdentifier(argument)) redirected.add(argument.text);
    }
    if (
      ts.isNewExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === 'URL' &&
      node.arguments?.[0] &&
      ts.isStringLiteralLike(node.arguments[0])
    ) {
      candidates.push({ literal: node.arguments[0], target: node });
    }
    if (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isPropertyAccessExpression(node.left) &&
      node.left.name.text === 'pathname' &&
      ts.isStringLiteralLike(node.right)
    ) {
      candidates.push({ literal: node.right, target: node.left.expression });
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return candidates.flatMap(({ literal, target }) => {
    const kind = authKindOf(literal.text);
    return kind && redirects(target, redirected) ? [{ literal, kind }] : [];
  });
}

/** The URL is passed to a `.redirect(…)` call directly, or as the variable it is stored in. */
function redirects(target: ts.Node, redirected: Set<string>): boolean {
  if (ts.isIdentifier(target)) return redirected.has(target.text);
  const parent = target.parent;
  if (ts.isCallExpression(parent) && ts.isPropertyAccessExpression(parent.expression) && parent.expression.name.text === 'redirect')
    return parent.arguments.some((argument) => argument === target);
  return ts.isVariableDeclaration(parent) && parent.initializer === target && ts.isIdentifier(parent.name) && redirected.has(parent.name.text);
}

/** Absolute URLs (the Account Portal) are Clerk's to serve. */
function isRelative(value: string): boolean {
  return value.startsWith('/') && !value.startsWith('//');
}

function normalizePath(path: string): string {
  const bare = path.replace(/[?#].*$/, '');
  return bare.length > 1 ? bare.replace(/\/+$/, '') : bare;
}

/**
 * What next.config says about paths: rewrites and redirects can serve any path (the rule cannot
 * judge then); `basePath` prefixes every route.
 */
function readNextConfig(app: NextApp, ctx: RuleContext): { rewrites: boolean; basePath?: string } {
  const sourceFile = app.nextConfigFile ? ctx.source(app.nextConfigFile) : undefined;
  const config: { rewrites: boolean; basePath?: string } = { rewrites: false };
  const visit = (node: ts.Node): void => {
    const name =
      ts.isPropertyAssignment(node) || ts.isMethodDeclaration(node) || ts.isShorthandPropertyAssignment(node) ? propertyNameText(node.name) : undefined;
    if (name === 'rewrites' || name === 'redirects') config.rewrites = true;
    else if (name === 'basePath' && ts.isPropertyAssignment(node) && ts.isStringLiteralLike(node.initializer))
      config.basePath = normalizePath(node.initializer.text);
    else ts.forEachChild(node, visit);
  };
  if (sourceFile) visit(sourceFile);
  return config;
}

function withoutBasePath(path: string, basePath: string | undefined): string {
  if (!basePath || basePath === '/') return path;
  if (path === basePath) return '/';
  return path.startsWith(`${basePath}/`) ? path.slice(basePath.length) : path;
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

/** The routes of an app's pages and route handlers by file; the engine keeps an app's model while its file list is unchanged. */
const routesByApp = new WeakMap<NextApp, Map<string, RouteSegment[]>>();

function routesOf(app: NextApp): Map<string, RouteSegment[]> {
  let routes = routesByApp.get(app);
  if (!routes) {
    routes = new Map();
    for (const file of app.sourceFiles) {
      const route = routeOf(app, file);
      if (route) routes.set(file, route);
    }
    routesByApp.set(app, routes);
  }
  return routes;
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

/** A plain page for a path (after-sign-in targets need no catch-all). */
function plainPage(app: NextApp, path: string): string {
  const relativeDir = (dir: string) => relativeTo(app, dir);
  return app.appDir ? `${relativeDir(app.appDir)}${path === '/' ? '' : path}/page.tsx` : `${relativeDir(app.pagesDir!)}${path === '/' ? '/index' : path}.tsx`;
}

function relativeTo(app: NextApp, dir: string): string {
  return dir.slice(app.root.length + 1);
}

function suggestedPage(app: NextApp, path: string): string {
  const relativeDir = (dir: string) => relativeTo(app, dir);
  const last = path.split('/').filter(Boolean).pop() ?? 'sign-in';
  return app.appDir ? `${relativeDir(app.appDir)}${path}/[[...${last}]]/page.tsx` : `${relativeDir(app.pagesDir!)}${path}/[[...index]].tsx`;
}

/** `<SignIn/>`/`<SignUp/>` pages with path routing whose route does not end in an optional catch-all. */
function catchAllFindings(app: NextApp, ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  const routes = routesOf(app);
  // The pages rendering such a component, from a kept join over the app's files (an edit looks at the edited file alone).
  for (const file of ctx.filesWith(pathRoutedAuthComponents, app.sourceFiles)) {
    const route = routes.get(file);
    if (!route || route[route.length - 1]?.kind === 'optionalCatchAll' || /\/route\.[^/]+$/.test(file)) continue;
    for (const { component, range } of ctx.fact(pathRoutedAuthComponents, file) ?? []) {
      findings.push({
        ruleId: authRouteMissingRule.id,
        severity: 'warning',
        location: { file, range },
        message: l10n.t(
          '<{0}/> uses path routing and renders sub-paths (such as /factor-one), but this page is not an optional catch-all route: those steps 404. Move the page into a [[...{1}]] folder, or set routing="hash".',
          component,
          component === 'SignIn' ? 'sign-in' : 'sign-up',
        ),
      });
    }
  }
  return findings;
}
