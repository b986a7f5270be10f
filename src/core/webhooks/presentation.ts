/**
 * Pure helpers behind the webhooks views and the trigger command: key decoding, default target
 * URLs, handler snippets. No `vscode`, no network, no catalog import (the main bundle uses this
 * module, so it must stay small).
 */

export type { InstanceType as ClerkEnvironment } from '../clerkKeys';

/**
 * True for `localhost`, 127.0.0.0/8 and `::1`: sending test events there needs no confirmation.
 * Not `*.localhost`: Node resolves it through DNS, which may answer with any address.
 */
export function isLoopbackUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  return host === 'localhost' || /^127(\.\d{1,3}){3}$/.test(host) || host === '[::1]';
}

/**
 * The URL path a Next.js App Router route file serves, or undefined when the file is not a route
 * handler under `app/`. Route groups `(x)` and parallel slots `@x` do not appear in the URL.
 */
export function nextRoutePath(relativeFile: string): string | undefined {
  const segments = relativeFile.replace(/\\/g, '/').split('/');
  const appIndex = segments.lastIndexOf('app');
  if (appIndex < 0 || !/^route\.(ts|js|mts|mjs|tsx|jsx)$/.test(segments[segments.length - 1])) return undefined;
  const urlSegments = segments.slice(appIndex + 1, -1).filter((segment) => !/^\(.*\)$/.test(segment) && !segment.startsWith('@'));
  return `/${urlSegments.join('/')}`;
}

/** The folder of the Next.js app a route file belongs to (the part before `app/` or `src/app/`). */
export function nextAppRoot(relativeFile: string): string {
  const segments = relativeFile.replace(/\\/g, '/').split('/');
  const appIndex = segments.lastIndexOf('app');
  const root = segments.slice(0, appIndex > 0 && segments[appIndex - 1] === 'src' ? appIndex - 1 : Math.max(appIndex, 0));
  return root.join('/');
}

/**
 * The HTTP actions base URL of a Convex deployment, from the app's env: the explicit site URL, else
 * the cloud URL with `.convex.cloud` → `.convex.site`, else the local backend's port + 1.
 */
export function convexSiteUrl(env: (name: string) => string | undefined): string | undefined {
  const explicit = env('NEXT_PUBLIC_CONVEX_SITE_URL') ?? env('CONVEX_SITE_URL');
  if (explicit) return explicit.replace(/\/+$/, '');
  const cloud = env('NEXT_PUBLIC_CONVEX_URL') ?? env('CONVEX_URL');
  if (!cloud) return undefined;
  if (/\.convex\.cloud\/?$/.test(cloud)) return cloud.replace(/\.convex\.cloud\/?$/, '.convex.site');
  const local = /^(https?:\/\/(?:127\.0\.0\.1|localhost)):(\d+)\/?$/.exec(cloud);
  return local ? `${local[1]}:${Number(local[2]) + 1}` : undefined;
}

/** The paths of Convex `http.route({ path: '…' })` registrations whose handler mentions webhooks. */
export function convexWebhookRoutePaths(httpSource: string): string[] {
  // Scanned in one pass (issue 8): a lazy regex from each `http.route({` to the next `})` re-read the
  // rest of the file for every call left unclosed, quadratic in the file's size. Same matches as
  // /http\.route\(\s*\{([\s\S]*?)\}\s*\)/g and /\bpath\s*:\s*['"`]([^'"`]+)['"`]/ on each body.
  const text = httpSource;
  const isSpace = (index: number) => index < text.length && /\s/.test(text[index]);
  const skipSpaces = (from: number) => {
    let index = from;
    while (isSpace(index)) index++;
    return index;
  };
  const isQuote = (char: string | undefined) => char === "'" || char === '"' || char === '`';
  // Where the body of a call ends: the first `}` followed by optional spaces and `)`. Call starts only
  // grow, so the search resumes where it stopped and reads each character once.
  let scanned = 0;
  let nextClose = -1;
  const closeAtOrAfter = (from: number): number => {
    if (nextClose >= from) return nextClose;
    for (let index = text.indexOf('}', Math.max(from, scanned)); index !== -1; index = text.indexOf('}', index + 1)) {
      if (text[skipSpaces(index + 1)] === ')') {
        scanned = index + 1;
        nextClose = index;
        return index;
      }
    }
    scanned = text.length;
    nextClose = -1;
    return -1;
  };
  /** The `path: '…'` value of a body; undefined when none. */
  const pathOf = (start: number, end: number): string | undefined => {
    for (let at = text.indexOf('path', start); at !== -1 && at + 4 <= end; at = text.indexOf('path', at + 1)) {
      if (at > start && /\w/.test(text[at - 1])) continue;
      const colon = skipSpaces(at + 4);
      if (colon >= end || text[colon] !== ':') continue;
      const quote = skipSpaces(colon + 1);
      if (quote >= end || !isQuote(text[quote])) continue;
      let close = quote + 1;
      while (close < end && !isQuote(text[close])) close++;
      // No quote left in the body: no later `path` can have a value either.
      if (close >= end) return undefined;
      if (close > quote + 1) return text.slice(quote + 1, close);
    }
    return undefined;
  };
  const paths: string[] = [];
  for (let call = text.indexOf('http.route('); call !== -1;) {
    const brace = skipSpaces(call + 'http.route('.length);
    if (text[brace] !== '{') {
      call = text.indexOf('http.route(', call + 1);
      continue;
    }
    const close = closeAtOrAfter(brace + 1);
    if (close === -1) break;
    const path = pathOf(brace + 1, close);
    if (path && /webhook|clerk|svix/i.test(text.slice(brace + 1, close))) paths.push(path);
    call = text.indexOf('http.route(', skipSpaces(close + 1) + 1);
  }
  return paths;
}

/** A `case` for a `switch (evt.type)` in a handler built on `verifyWebhook`. */
export function handlerCase(eventType: string): string {
  return `case '${eventType}': {\n  // evt.data is typed for '${eventType}' here.\n  break;\n}\n`;
}

/** The Clerk dashboard's Webhooks page of the last instance the user had open. */
export const clerkDashboardWebhooksUrl = 'https://dashboard.clerk.com/last-active?path=webhooks';
