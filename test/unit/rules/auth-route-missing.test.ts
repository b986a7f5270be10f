import * as assert from 'node:assert/strict';
import { check, nextPackage, single, textAt, type Files } from '../ruleTester';
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
    assert.equal(finding.location.file, '/ws/.env.local');
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
    assert.equal(finding.location.file, '/ws/app/layout.tsx');
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
  it('reads an env template when no local env file sets the URL, and anchors on the template value', () => {
    const files = app({ '.env.example': 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=\nNEXT_PUBLIC_CLERK_SIGN_IN_URL=/login\n', 'app/sign-in/[[...sign-in]]/page.tsx': signInPage });
    const finding = single(check(rule, files));
    assert.equal(finding.severity, 'warning');
    assert.equal(finding.location.file, '/ws/.env.example');
    assert.deepEqual(finding.location.range, { start: { line: 1, character: 30 }, end: { line: 1, character: 36 } });
    assert.equal(textAt(files, finding), '/login');
    // A local file wins over the template; a served template path is silent.
    assert.deepEqual(check(rule, { ...files, '.env.local': 'NEXT_PUBLIC_CLERK_SIGN_IN_URL=/sign-in\n' }), []);
    assert.deepEqual(check(rule, app({ '.env.example': 'NEXT_PUBLIC_CLERK_SIGN_IN_URL=/sign-in\n', 'app/(auth)/sign-in/[[...sign-in]]/page.tsx': signInPage })), []);
  });

  it('flags an after-sign-in URL no page serves, with a plain page as the suggestion', () => {
    const files = app({ '.env.local': 'NEXT_PUBLIC_CLERK_SIGN_IN_FALLBACK_REDIRECT_URL=/dashboard\n', 'app/page.tsx': 'export default function Home() { return null; }\n' });
    const finding = single(check(rule, files));
    assert.equal(textAt(files, finding), '/dashboard');
    assert.equal(finding.message, 'NEXT_PUBLIC_CLERK_SIGN_IN_FALLBACK_REDIRECT_URL is "/dashboard", but no page serves that path: users land on a 404 right after signing in. Create app/dashboard/page.tsx, or point the URL at an existing page.');
    assert.deepEqual(check(rule, { ...files, 'app/[locale]/(app)/dashboard/page.tsx': 'export default function D() { return null; }\n' }), []);
    assert.deepEqual(check(rule, app({ '.env.local': 'NEXT_PUBLIC_CLERK_SIGN_UP_FORCE_REDIRECT_URL=/\n', 'app/(marketing)/page.tsx': 'export default function Home() { return null; }\n' })), []);
  });

  it('reads fallbackRedirectUrl by component: after sign-up on <SignUp>', () => {
    const page = `import { SignUp } from '@clerk/nextjs';\n\nexport default function Page() {\n  return <SignUp fallbackRedirectUrl="/welcome" />;\n}\n`;
    const files = app({ 'app/sign-up/[[...sign-up]]/page.tsx': page });
    const finding = single(check(rule, files));
    assert.equal(textAt(files, finding), '/welcome');
    assert.match(finding.message, /^fallbackRedirectUrl is "\/welcome".*right after signing up/);
  });

  const middleware = (body: string) => `import { clerkMiddleware } from '@clerk/nextjs/server';\nimport { NextResponse } from 'next/server';\n\nexport default clerkMiddleware(async (auth, req) => {\n  const { userId } = await auth();\n${body}\n});\n`;

  it('flags a middleware redirect to a sign-in path no page serves, directly, through a local, or via pathname', () => {
    const direct = app({ 'middleware.ts': middleware("  if (!userId) return NextResponse.redirect(new URL('/sign-in', req.url));") });
    const finding = single(check(rule, direct));
    assert.equal(finding.location.file, '/ws/middleware.ts');
    assert.deepEqual(finding.location.range, { start: { line: 5, character: 53 }, end: { line: 5, character: 61 } });
    assert.match(finding.message, /^The middleware redirect is "\/sign-in".*Create app\/sign-in\/\[\[\.\.\.sign-in\]\]\/page\.tsx with <SignIn \/>/);
    const local = app({ 'proxy.ts': middleware("  const signIn = new URL('/login', req.url);\n  if (!userId) return NextResponse.redirect(signIn);") });
    assert.equal(textAt(local, single(check(rule, local))), '/login');
    const pathname = app({ 'src/middleware.ts': middleware("  const url = req.nextUrl.clone();\n  url.pathname = '/sign-up';\n  if (!userId) return NextResponse.redirect(url);"), 'src/app/page.tsx': 'export default function H() { return null; }\n' });
    delete pathname['app/layout.tsx'];
    assert.match(single(check(rule, pathname)).message, /<SignUp \/>/);
  });

  it('stays silent on middleware redirects a page serves, to non-auth paths, and without Clerk', () => {
    const redirect = "  if (!userId) return NextResponse.redirect(new URL('/sign-in', req.url));";
    assert.deepEqual(check(rule, app({ 'middleware.ts': middleware(redirect), 'app/[lang]/(auth)/sign-in/[[...sign-in]]/page.tsx': signInPage })), []);
    assert.deepEqual(check(rule, { 'package.json': nextPackage(), 'middleware.ts': middleware(redirect), 'pages/sign-in/[[...index]].tsx': signInPage }), []);
    assert.deepEqual(check(rule, app({ 'middleware.ts': middleware("  if (!userId) return NextResponse.redirect(new URL('/pricing', req.url));") })), []);
    const plain = `import { NextResponse, type NextRequest } from 'next/server';\nexport function middleware(req: NextRequest) {\n  return NextResponse.redirect(new URL('/login', req.url));\n}\n`;
    assert.deepEqual(check(rule, app({ 'middleware.ts': plain })), []);
  });

  it('strips next.config basePath before matching', () => {
    const files = app({ '.env.local': 'NEXT_PUBLIC_CLERK_SIGN_IN_URL=/docs/sign-in\n', 'next.config.ts': "export default { basePath: '/docs' };\n", 'app/sign-in/[[...sign-in]]/page.tsx': signInPage });
    assert.deepEqual(check(rule, files), []);
  });
});
