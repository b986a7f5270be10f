import * as assert from 'node:assert/strict';
import { check, nextPackage, single, textAt, type Files } from '../analysis/routeRuleHarness';
import { authRouteMissingRule as rule } from '../../../src/core/rules/auth-route-missing';

const signInPage = `import { SignIn } from '@clerk/nextjs';\n\nexport default function Page() {\n  return <SignIn />;\n}\n`;
const env = 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=\nNEXT_PUBLIC_CLERK_SIGN_IN_URL=/sign-in\n';

const app = (files: Files): Files => ({ 'package.json': nextPackage(), 'app/layout.tsx': 'export default function L({ children }: { children: React.ReactNode }) { return children; }\n', ...files });

describe('auth-route-missing', () => {
  it('accepts the documented optional catch-all sign-in page, also inside a route group and a [locale] segment', () => {
    assert.deepEqual(check(rule, app({ '.env.local': env, 'app/sign-in/[[...sign-in]]/page.tsx': signInPage })), []);
    assert.deepEqual(check(rule, app({ '.env.local': env, 'app/(auth)/sign-in/[[...sign-in]]/page.tsx': signInPage })), []);
    assert.deepEqual(check(rule, app({ '.env.local': env, 'app/[locale]/sign-in/[[...sign-in]]/page.tsx': signInPage })), []);
  });

  it('flags a relative sign-in URL no page serves, on the env value', () => {
    const files = app({ '.env.local': env, 'app/login/[[...login]]/page.tsx': signInPage });
    const finding = single(check(rule, files));
    assert.equal(finding.location.file, '/proj/.env.local');
    assert.equal(textAt(files, finding), '/sign-in');
    assert.match(finding.message, /app\/sign-in\/\[\[\.\.\.sign-in\]\]\/page\.tsx/);
  });

  it('skips absolute URLs (Account Portal) and a project without the variable', () => {
    assert.deepEqual(check(rule, app({ '.env.local': 'NEXT_PUBLIC_CLERK_SIGN_IN_URL=https://accounts.example.com/sign-in\n' })), []);
    assert.deepEqual(check(rule, app({ 'app/page.tsx': 'export default function P() { return null; }\n' })), []);
  });

  it('flags a signInUrl prop pointing nowhere, and serves Pages Router pages', () => {
    const provider = `import { ClerkProvider } from '@clerk/nextjs';\nexport default function L({ children }: { children: React.ReactNode }) { return <ClerkProvider signInUrl="/login">{children}</ClerkProvider>; }\n`;
    const finding = single(check(rule, app({ 'app/layout.tsx': provider })));
    assert.equal(finding.location.file, '/proj/app/layout.tsx');
    assert.deepEqual(check(rule, { 'package.json': nextPackage(), 'pages/_app.tsx': provider.replace('export default function L', 'export default function App'), 'pages/login/[[...index]].tsx': signInPage }), []);
  });

  it('flags a <SignIn/> page with path routing that is not an optional catch-all; hash routing is fine', () => {
    const files = app({ 'app/sign-in/page.tsx': signInPage });
    const finding = single(check(rule, files));
    assert.equal(textAt(files, finding), 'SignIn');
    assert.deepEqual(check(rule, app({ 'app/sign-in/page.tsx': signInPage.replace('<SignIn />', '<SignIn routing="hash" />') })), []);
    // Moving the page as the message says makes it clean.
    assert.deepEqual(check(rule, app({ 'app/sign-in/[[...sign-in]]/page.tsx': signInPage })), []);
  });
});
