import * as assert from 'node:assert/strict';
import { middlewareMissingRule } from '../../../src/core/rules/middleware-missing';
import { applyFix, check, nextPackage, single, textAt, type Files } from '../analysis/routeRuleHarness';

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
    assert.equal(fix.createFiles?.[0].file, '/proj/proxy.ts');
    const fixed = applyFix(files, fix);
    assert.match(fixed['proxy.ts'], /export default clerkMiddleware\(\);/);
    assert.match(fixed['proxy.ts'], /'\/__clerk\/\(\.\*\)'/);
    assert.deepEqual(check(middlewareMissingRule, fixed), []);
  });

  it('creates middleware.ts under src/ for a Next 15 app in src/', () => {
    const files: Files = { 'package.json': nextPackage('15.5.4'), 'src/app/dashboard/page.tsx': dashboard.replace('await auth()', 'await auth.protect()') };
    const finding = single(check(middlewareMissingRule, files));
    assert.equal(textAt(files, finding), 'auth.protect()');
    assert.equal(finding.fixes![0].createFiles?.[0].file, '/proj/src/middleware.ts');
    assert.deepEqual(check(middlewareMissingRule, applyFix(files, finding.fixes![0])), []);
  });

  it('flags a file at the root when the app lives in src/, and moves it', () => {
    const files: Files = { 'package.json': nextPackage(), 'src/app/dashboard/page.tsx': dashboard, 'proxy.ts': clerkFile };
    const finding = single(check(middlewareMissingRule, files));
    assert.equal(finding.location.file, '/proj/proxy.ts');
    assert.equal(finding.related?.[0].location.file, '/proj/src/app/dashboard/page.tsx');
    const fixed = applyFix(files, finding.fixes![0]);
    assert.equal(fixed['src/proxy.ts'], clerkFile);
    assert.deepEqual(check(middlewareMissingRule, fixed), []);
  });

  it('flags a middleware file under app/', () => {
    const files = app({ 'app/middleware.ts': clerkFile });
    assert.equal(single(check(middlewareMissingRule, files)).location.file, '/proj/app/middleware.ts');
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
});
