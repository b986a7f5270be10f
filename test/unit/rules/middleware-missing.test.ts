import * as assert from 'node:assert/strict';
import { middlewareMissingRule } from '../../../src/core/rules/middleware-missing';
import { applyFix, check, nextPackage, single, textAt, type Files } from '../ruleTester';

const dashboard = `import { auth } from '@clerk/nextjs/server';

export default async function Dashboard() {
  const { userId } = await auth();
  return <p>{userId}</p>;
}
`;
const clerkFile = "import { clerkMiddleware } from '@clerk/nextjs/server';\n\nexport default clerkMiddleware();\n";

function app(files: Files, nextVersion = '16.0.7'): Files {
  return { 'package.json': nextPackage(nextVersion), 'tsconfig.json': '{}', 'app/dashboard/page.tsx': dashboard, ...files };
}

describe('middleware-missing', () => {
  it('flags auth() without any middleware/proxy file and creates proxy.ts on Next 16', () => {
    const files = app({});
    const finding = single(check(middlewareMissingRule, files));
    assert.equal(finding.severity, 'error');
    assert.equal(textAt(files, finding), 'auth()');
    const fix = finding.fixes![0];
    assert.equal(fix.createFiles?.[0].file, '/ws/proxy.ts');
    const fixed = applyFix(files, fix);
    assert.match(fixed['proxy.ts'], /export default clerkMiddleware\(\);/);
    assert.match(fixed['proxy.ts'], /'\/__clerk\/\(\.\*\)'/);
    assert.deepEqual(check(middlewareMissingRule, fixed), []);
  });

  it('creates middleware.ts under src/ for a Next 15 app in src/', () => {
    const files: Files = { 'package.json': nextPackage('15.5.4'), 'src/app/dashboard/page.tsx': dashboard.replace('await auth()', 'await auth.protect()') };
    const finding = single(check(middlewareMissingRule, files));
    assert.equal(textAt(files, finding), 'auth.protect()');
    assert.equal(finding.fixes![0].createFiles?.[0].file, '/ws/src/middleware.ts');
    assert.deepEqual(check(middlewareMissingRule, applyFix(files, finding.fixes![0])), []);
  });

  it('flags a file at the root when the app lives in src/, and moves it', () => {
    const files: Files = { 'package.json': nextPackage(), 'src/app/dashboard/page.tsx': dashboard, 'proxy.ts': clerkFile };
    const finding = single(check(middlewareMissingRule, files));
    assert.equal(finding.location.file, '/ws/proxy.ts');
    assert.equal(finding.related?.[0].location.file, '/ws/src/app/dashboard/page.tsx');
    const fixed = applyFix(files, finding.fixes![0]);
    assert.equal(fixed['src/proxy.ts'], clerkFile);
    assert.deepEqual(check(middlewareMissingRule, fixed), []);
  });

  it('flags a middleware file under app/', () => {
    const files = app({ 'app/middleware.ts': clerkFile });
    assert.equal(single(check(middlewareMissingRule, files)).location.file, '/ws/app/middleware.ts');
  });

  it('flags a well-placed file that does not run clerkMiddleware()', () => {
    const files = app({ 'proxy.ts': "import { NextResponse } from 'next/server';\n\nexport default function proxy() {\n  return NextResponse.next();\n}\n" });
    const finding = single(check(middlewareMissingRule, files));
    assert.equal(textAt(files, finding), 'export default function proxy() {');
  });

  it('stays silent with clerkMiddleware() in place, a re-exported middleware, or no auth() use', () => {
    assert.deepEqual(check(middlewareMissingRule, app({ 'proxy.ts': clerkFile })), []);
    assert.deepEqual(check(middlewareMissingRule, app({ 'proxy.ts': "export { default, config } from './lib/proxy';\n" })), []);
    // A local function named auth is not Clerk's.
    assert.deepEqual(check(middlewareMissingRule, { 'package.json': nextPackage(), 'app/page.tsx': 'function auth() { return 1; }\nexport default function P() { return <p>{auth()}</p>; }\n' }), []);
  });
  it('accepts authMiddleware() below @clerk/nextjs 6 (v4 from @clerk/nextjs, v5 from /server) and withClerkMiddleware() on v4', () => {
    const withClerk = (clerkVersion: string, middleware: string): Files => ({
      'package.json': JSON.stringify({ name: 'app', dependencies: { next: '14.2.3', '@clerk/nextjs': clerkVersion } }),
      'app/dashboard/page.tsx': dashboard,
      'middleware.ts': middleware,
    });
    const v4 = "import { authMiddleware } from '@clerk/nextjs';\n\nexport default authMiddleware({ publicRoutes: ['/'] });\n";
    const v5 = "import { authMiddleware } from '@clerk/nextjs/server';\n\nexport default authMiddleware();\n";
    const v4With = "import { withClerkMiddleware } from '@clerk/nextjs/server';\n\nexport default withClerkMiddleware(() => undefined);\n";
    assert.deepEqual(check(middlewareMissingRule, withClerk('4.31.8', v4)), []);
    assert.deepEqual(check(middlewareMissingRule, withClerk('4.31.8', v4With)), []);
    assert.deepEqual(check(middlewareMissingRule, withClerk('5.7.5', v5)), []);
    // Removed in 6 (and withClerkMiddleware in 5): the file no longer runs Clerk.
    const files = withClerk('6.0.0', v5);
    const finding = single(check(middlewareMissingRule, files));
    assert.equal(finding.severity, 'error');
    assert.equal(textAt(files, finding), 'export default authMiddleware();');
    assert.match(finding.message, /^middleware\.ts does not run clerkMiddleware\(\)/);
    assert.equal(single(check(middlewareMissingRule, withClerk('5.0.0', v4With))).severity, 'error');
  });

  it('on @clerk/nextjs 4 names authMiddleware() and creates a v4 middleware file', () => {
    const files: Files = { 'package.json': JSON.stringify({ name: 'app', dependencies: { next: '13.5.6', '@clerk/nextjs': '4.31.8' } }), 'app/dashboard/page.tsx': dashboard };
    const finding = single(check(middlewareMissingRule, files));
    assert.match(finding.message, /need authMiddleware\(\)/);
    const fixed = applyFix(files, finding.fixes![0]);
    assert.equal(fixed['middleware.ts'], "import { authMiddleware } from '@clerk/nextjs';\n\nexport default authMiddleware();\n\nexport const config = {\n  matcher: ['/((?!.+\\\\.[\\\\w]+$|_next).*)', '/', '/(api|trpc)(.*)'],\n};\n");
    assert.deepEqual(check(middlewareMissingRule, fixed), []);
  });
});
