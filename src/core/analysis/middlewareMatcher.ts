/**
 * Evaluates Next.js `config.matcher` entries and Clerk `createRouteMatcher` patterns against a
 * pathname, with the same path-to-regexp 6 that both Next.js and Clerk compile them with, so
 * "does the middleware run on /api/webhooks/clerk" gets the answer Next.js would give.
 */
import * as ts from 'typescript';
import { parse, pathToRegexp, tokensToRegexp } from 'path-to-regexp';
import { getProperty, resolveStringValue, unwrapExpression } from '../parse/facts';
import { safeRegexTest } from './safeRegex';

/** The Frontend API proxy path: `DEFAULT_PROXY_PATH` of `@clerk/backend/proxy`, also the auto-proxy path. */
export const defaultProxyPath = '/__clerk';

/** The matcher entry that runs the middleware under a proxy path. */
export function proxyMatcherEntry(proxyPath: string): string {
  return `${proxyPath}/(.*)`;
}

/** A file clerk-js loads through the Frontend API proxy (the recommended first entry skips `.js`). */
export function proxySamplePath(proxyPath: string): string {
  return `${proxyPath}/npm/@clerk/clerk-js@5/dist/clerk.browser.js`;
}

export const clerkProxySamplePath = proxySamplePath(defaultProxyPath);

/** Clerk's recommended matcher (research-clerk-facts A6), in the order the docs list it. */
export const recommendedMatcherEntries: readonly string[] = [
  '/((?!_next|[^?]*\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)',
  '/(api|trpc)(.*)',
  proxyMatcherEntry(defaultProxyPath),
];

/** The recommended matcher as source text for `config.matcher`, indented to sit in `export const config`. */
export function recommendedMatcherText(indent: string): string {
  const entries = recommendedMatcherEntries.map((entry) => `${indent}  ${quote(entry)},`).join('\n');
  return `[\n${entries}\n${indent}]`;
}

/** A TypeScript single-quoted string literal for a value (backslashes and quotes escaped). */
export function quote(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * Whether one Next.js matcher source runs on `pathname`. Next wraps each source (for `_next/data`
 * and `.json` variants) before compiling it, see `getMiddlewareMatchers` in next/build/analysis;
 * undefined when path-to-regexp rejects the source (Next refuses to build then) or its regex is not
 * safe to run (`safeRegexTest`).
 */
export function nextMatcherRunsOn(source: string, pathname: string): boolean | undefined {
  const regex = nextMatcherRegex(source);
  // Next keeps only `.source`, so the match is case-sensitive. The source is workspace text: run safely.
  return regex === undefined ? undefined : safeRegexTest(regex, pathname);
}

/** Compiled sources (every analysis asks again for each webhook route): undefined for one path-to-regexp rejects. */
const nextMatcherRegexes = new Map<string, string | undefined>();

function nextMatcherRegex(source: string): string | undefined {
  if (nextMatcherRegexes.has(source)) return nextMatcherRegexes.get(source);
  const wrapped = `/:nextData(_next/data/[^/]{1,})?${source}${source === '/' ? '(/?index|/?index\\.json)?' : '(.json)?'}`;
  let regex: string | undefined;
  try {
    regex = tokensToRegexp(parse(wrapped)).source;
  } catch {
    regex = undefined;
  }
  if (nextMatcherRegexes.size >= 1000) nextMatcherRegexes.clear();
  nextMatcherRegexes.set(source, regex);
  return regex;
}

/** Whether a `createRouteMatcher` string pattern matches `pathname` (Clerk calls `pathToRegexp(pattern)`); undefined when invalid or unsafe to run. */
export function routePatternMatches(pattern: string, pathname: string): boolean | undefined {
  try {
    const regex = pathToRegexp(pattern);
    return safeRegexTest(regex.source, pathname, regex.flags.includes('i'));
  } catch {
    return undefined;
  }
}

/** One element of `config.matcher`. */
export interface MatcherEntry {
  node: ts.Expression;
  /** The source string; undefined when Next cannot read it statically (it then ignores the entry). */
  source?: string;
  /** An object entry with `has`/`missing`: it runs only on some requests, so never "definitely runs". */
  conditional: boolean;
}

export interface MiddlewareMatcher {
  /** The `matcher` property of `export const config`. */
  property: ts.PropertyAssignment | ts.ShorthandPropertyAssignment;
  /** The array literal, when the matcher is one (a single string is also allowed by Next). */
  array?: ts.ArrayLiteralExpression;
  entries: MatcherEntry[];
}

/**
 * Reads `config.matcher` the way Next's static analysis does: only literals count, because Next
 * extracts the exported config without running the module.
 */
export function readMatcher(config: ts.ObjectLiteralExpression): MiddlewareMatcher | undefined {
  const property = getProperty(config, 'matcher');
  if (!property) return undefined;
  const value = ts.isPropertyAssignment(property) ? unwrapExpression(property.initializer) : property.name;
  if (ts.isArrayLiteralExpression(value)) {
    return { property, array: value, entries: value.elements.map(readEntry) };
  }
  return { property, entries: [readEntry(value)] };
}

function readEntry(node: ts.Expression): MatcherEntry {
  const value = unwrapExpression(node);
  if (ts.isStringLiteralLike(value)) return { node, source: value.text, conditional: false };
  if (ts.isObjectLiteralExpression(value)) {
    const source = getProperty(value, 'source');
    const sourceValue = source && ts.isPropertyAssignment(source) ? unwrapExpression(source.initializer) : undefined;
    const conditional = getProperty(value, 'has') !== undefined || getProperty(value, 'missing') !== undefined;
    return { node, source: sourceValue && ts.isStringLiteralLike(sourceValue) ? sourceValue.text : undefined, conditional };
  }
  return { node, conditional: false };
}

/**
 * Whether the middleware runs on `pathname`: true, false, or undefined when an entry cannot be
 * read or only runs on some requests and no other entry settles it.
 */
export function matcherRunsOn(matcher: MiddlewareMatcher | undefined, pathname: string): boolean | undefined {
  if (!matcher) return true;
  let unknown = false;
  for (const entry of matcher.entries) {
    const runs = entry.source === undefined ? undefined : nextMatcherRunsOn(entry.source, pathname);
    if (runs === true && !entry.conditional) return true;
    if (runs === undefined || (runs && entry.conditional)) unknown = true;
  }
  return unknown ? undefined : false;
}

/** The entries that run on `pathname` unconditionally (to point at them). */
export function entriesRunningOn(matcher: MiddlewareMatcher, pathname: string): MatcherEntry[] {
  return matcher.entries.filter((entry) => !entry.conditional && entry.source !== undefined && nextMatcherRunsOn(entry.source, pathname) === true);
}

/** A string pattern of a `createRouteMatcher([...])` list. */
export interface RoutePattern {
  node: ts.Expression;
  value?: string;
}

/** `const isPublicRoute = createRouteMatcher([...])`: the patterns and where to add one. */
export interface RouteMatcherList {
  name: string;
  call: ts.CallExpression;
  array?: ts.ArrayLiteralExpression;
  patterns: RoutePattern[];
  /** A RegExp, function or spread we cannot evaluate: matches are then only "maybe". */
  hasDynamicPattern: boolean;
}

/** Reads the argument of a `createRouteMatcher(...)` call. */
export function readRouteMatcherList(name: string, call: ts.CallExpression): RouteMatcherList {
  const argument = call.arguments[0] ? unwrapExpression(call.arguments[0]) : undefined;
  const elements = argument === undefined ? [] : ts.isArrayLiteralExpression(argument) ? [...argument.elements] : [argument];
  const patterns: RoutePattern[] = elements.map((node) => ({ node, value: resolveStringValue(node) }));
  return {
    name,
    call,
    array: argument && ts.isArrayLiteralExpression(argument) ? argument : undefined,
    patterns,
    hasDynamicPattern: patterns.some((pattern) => pattern.value === undefined),
  };
}

/** The patterns of a list that match `pathname`; `maybe` when a dynamic pattern could also match. */
export function routeListMatches(list: RouteMatcherList, pathname: string): { matches: RoutePattern[]; maybe: boolean } {
  const matches = list.patterns.filter((pattern) => pattern.value !== undefined && routePatternMatches(pattern.value, pathname) === true);
  const invalid = list.patterns.some((pattern) => pattern.value !== undefined && routePatternMatches(pattern.value, pathname) === undefined);
  return { matches, maybe: list.hasDynamicPattern || invalid };
}
