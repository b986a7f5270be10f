import * as assert from 'node:assert/strict';
import { middlewareMatcherRule } from '../../../src/core/rules/middleware-matcher';
import { applyFix, check, nextPackage, single, textAt, type Files } from '../analysis/routeRuleHarness';

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
    assert.equal(warning.related?.[0].location.file, '/proj/app/api/me/route.ts');
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
});
