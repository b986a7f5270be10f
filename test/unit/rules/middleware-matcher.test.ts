import * as assert from 'node:assert/strict';
import { middlewareMatcherRule } from '../../../src/core/rules/middleware-matcher';
import { applyFix, check, nextPackage, single, textAt, type Files } from '../ruleTester';

const recommended = `export const config = {
  matcher: [
    // Skip Next.js internals and all static files, unless found in search params
    '/((?!_next|[^?]*\\\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)',
    // Always run for API routes
    '/(api|trpc)(.*)',
    // Always run for Clerk-specific frontend API routes
    '/__clerk/(.*)',
  ],
};
`;
const proxy = (config: string): string => `import { clerkMiddleware } from '@clerk/nextjs/server';\n\nexport default clerkMiddleware();\n\n${config}`;
const apiRoute = `import { auth } from '@clerk/nextjs/server';
export async function GET() {
  const { userId } = await auth();
  return Response.json({ userId });
}
`;

function app(config: string): Files {
  return { 'package.json': nextPackage(), 'proxy.ts': proxy(config), 'app/api/me/route.ts': apiRoute };
}

const twoEntries = "export const config = {\n  matcher: ['/((?!_next|[^?]*\\\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)', '/(api|trpc)(.*)'],\n};\n";

/** An app on a given @clerk/nextjs with the two-entry matcher (no /__clerk) and a custom clerkMiddleware() call. */
function appAt(clerkVersion: string, middlewareCall = 'clerkMiddleware()', extra: Files = {}): Files {
  return {
    'package.json': nextPackage('16.0.7', { '@clerk/nextjs': clerkVersion }),
    'proxy.ts': `import { clerkMiddleware } from '@clerk/nextjs/server';\n\nexport default ${middlewareCall};\n\n${twoEntries}`,
    ...extra,
  };
}

describe('middleware-matcher', () => {
  it("stays silent on Clerk's recommended matcher, and without a matcher", () => {
    assert.deepEqual(check(middlewareMatcherRule, app(recommended)), []);
    assert.deepEqual(check(middlewareMatcherRule, app('')), []);
  });

  it('informs when /__clerk is missing (Convex docs two-entry matcher) and adds it', () => {
    const twoEntries = recommended.replace(/ {4}\/\/ Always run for Clerk-specific[^\n]*\n {4}'\/__clerk\/\(\.\*\)',\n/, '');
    const files = app(twoEntries);
    const finding = single(check(middlewareMatcherRule, files));
    assert.equal(finding.severity, 'info');
    assert.equal(textAt(files, finding), 'matcher');
    const fixed = applyFix(files, finding.fixes![0]);
    assert.match(fixed['proxy.ts'], /'\/\(api\|trpc\)\(\.\*\)',\n {4}'\/__clerk\/\(\.\*\)',\n {2}\],/);
    assert.deepEqual(check(middlewareMatcherRule, fixed), []);
  });

  it('warns when the matcher skips a route handler that calls auth(); the recommended matcher fixes it', () => {
    const files = app("export const config = { matcher: ['/dashboard/:path*'] };\n");
    const findings = check(middlewareMatcherRule, files);
    const warning = findings.find((finding) => finding.severity === 'warning');
    assert.ok(warning);
    assert.match(warning.message, /\/api\/me/);
    assert.equal(warning.related?.[0].location.file, '/ws/app/api/me/route.ts');
    const fixed = applyFix(files, warning.fixes![0]);
    assert.match(fixed['proxy.ts'], /'\/\(api\|trpc\)\(\.\*\)'/);
    assert.deepEqual(check(middlewareMatcherRule, fixed), []);
  });

  it('warns on entries that are not literals', () => {
    const files = app("const apiRoutes = '/(api|trpc)(.*)';\nexport const config = {\n  matcher: ['/((?!_next).*)', apiRoutes, '/__clerk/(.*)'],\n};\n");
    assert.equal(textAt(files, single(check(middlewareMatcherRule, files))), 'apiRoutes');
  });

  it('stays silent when the auth() route is covered by the legacy matcher', () => {
    const legacy = "export const config = { matcher: ['/((?!.+\\\\.[\\\\w]+$|_next).*)', '/', '/(api|trpc)(.*)', '/__clerk/(.*)'] };\n";
    assert.deepEqual(check(middlewareMatcherRule, app(legacy)), []);
  });
  it('informs about /__clerk only from 7.2.8, where Clerk auto-proxies on *.vercel.app', () => {
    assert.deepEqual(check(middlewareMatcherRule, appAt('6.39.0')), []);
    assert.deepEqual(check(middlewareMatcherRule, appAt('7.2.7')), []);
    const files = appAt('7.2.8');
    const finding = single(check(middlewareMatcherRule, files));
    assert.equal(finding.ruleId, 'middleware-matcher');
    assert.equal(finding.severity, 'info');
    assert.deepEqual(finding.location.range, { start: { line: 5, character: 2 }, end: { line: 5, character: 9 } });
    assert.match(finding.message, /@clerk\/nextjs 7\.2\.8 proxies Clerk's Frontend API through \/__clerk/);
    const fixed = applyFix(files, finding.fixes![0]);
    assert.match(fixed['proxy.ts'], /'\/\(api\|trpc\)\(\.\*\)', '\/__clerk\/\(\.\*\)'\],/);
    assert.deepEqual(check(middlewareMatcherRule, fixed), []);
  });

  it('stays silent when a proxy URL or domain is set, auto-proxy is disabled, or the options cannot be read', () => {
    assert.deepEqual(check(middlewareMatcherRule, appAt('7.9.17', 'clerkMiddleware()', { '.env.local': 'NEXT_PUBLIC_CLERK_PROXY_URL=https://example.com/clerk\n' })), []);
    assert.deepEqual(check(middlewareMatcherRule, appAt('7.9.17', 'clerkMiddleware()', { '.env.example': 'NEXT_PUBLIC_CLERK_DOMAIN=\n' })), []);
    assert.deepEqual(check(middlewareMatcherRule, appAt('7.9.17', 'clerkMiddleware()', { '.env': 'CLERK_DISABLE_AUTO_PROXY=TRUE\n' })), []);
    assert.deepEqual(check(middlewareMatcherRule, appAt('7.9.17', 'clerkMiddleware()', { '.env': 'CLERK_DISABLE_AUTO_PROXY=1\n' })), []);
    assert.deepEqual(check(middlewareMatcherRule, appAt('7.9.17', "clerkMiddleware(async () => undefined, { domain: 'example.com' })")), []);
    assert.deepEqual(check(middlewareMatcherRule, appAt('7.9.17', "clerkMiddleware({ proxyUrl: process.env.PROXY_URL })")), []);
    assert.deepEqual(check(middlewareMatcherRule, appAt('7.9.17', 'clerkMiddleware(async () => undefined, () => options())')), []);
    // Before 7.5.19 the middleware ignores the opt-out; a falsy value does not disable it.
    assert.equal(single(check(middlewareMatcherRule, appAt('7.5.18', 'clerkMiddleware()', { '.env': 'CLERK_DISABLE_AUTO_PROXY=true\n' }))).severity, 'info');
    assert.deepEqual(check(middlewareMatcherRule, appAt('7.5.19', 'clerkMiddleware()', { '.env': 'CLERK_DISABLE_AUTO_PROXY=true\n' })), []);
    assert.equal(single(check(middlewareMatcherRule, appAt('7.9.17', 'clerkMiddleware()', { '.env': 'CLERK_DISABLE_AUTO_PROXY=false\n' }))).severity, 'info');
  });

  it('checks the path of a configured frontendApiProxy (>= 7.0.0) and adds its entry', () => {
    const configured = "clerkMiddleware({ frontendApiProxy: { enabled: true, path: '/clerk-proxy' } })";
    const files = appAt('7.0.0', configured);
    const finding = single(check(middlewareMatcherRule, files));
    assert.equal(finding.severity, 'info');
    assert.equal(textAt(files, finding), 'matcher');
    assert.match(finding.message, /serves Clerk's Frontend API at \/clerk-proxy \(frontendApiProxy\)/);
    assert.equal(finding.fixes![0].title, "Add '/clerk-proxy/(.*)' to the matcher");
    const fixed = applyFix(files, finding.fixes![0]);
    assert.match(fixed['proxy.ts'], /'\/\(api\|trpc\)\(\.\*\)', '\/clerk-proxy\/\(\.\*\)'\],/);
    assert.deepEqual(check(middlewareMatcherRule, fixed), []);
    // The default path is /__clerk; a path under /api is covered by the API entry.
    assert.match(single(check(middlewareMatcherRule, appAt('7.1.0', 'clerkMiddleware({ frontendApiProxy: { enabled: (url) => url.hostname.endsWith(".app") } })'))).message, /at \/__clerk/);
    assert.deepEqual(check(middlewareMatcherRule, appAt('7.9.17', "clerkMiddleware({ frontendApiProxy: { enabled: true, path: '/api/__clerk' } })")), []);
    // Disabled, or before the option existed (and before auto-proxy): nothing to check.
    assert.deepEqual(check(middlewareMatcherRule, appAt('7.9.17', 'clerkMiddleware({ frontendApiProxy: { enabled: false } })')), []);
    assert.deepEqual(check(middlewareMatcherRule, appAt('6.39.0', configured)), []);
  });
});
