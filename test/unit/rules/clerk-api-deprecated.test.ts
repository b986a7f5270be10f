import * as assert from 'node:assert/strict';
import { applyFix, check, textAt, type Files } from '../analysis/routeRuleHarness';
import { clerkApiDeprecatedRule as rule } from '../../../src/core/rules/clerk-api-deprecated';

const app = (clerkVersion: string | undefined, files: Files): Files => ({
  'package.json': JSON.stringify({ name: 'app', dependencies: { next: '16.0.7', react: '19.2.0', ...(clerkVersion ? { '@clerk/nextjs': clerkVersion } : {}) } }),
  ...files,
});

const syncServerPage = `import { auth } from '@clerk/nextjs/server';

export default function Page() {
  const { userId } = auth();
  return <p>{userId}</p>;
}
`;

const v5Middleware = `import { clerkMiddleware, createRouteMatcher } from '@clerk/nextjs/server';

const isProtected = createRouteMatcher(['/dashboard(.*)']);

export default clerkMiddleware((auth, req) => {
  if (isProtected(req)) auth().protect();
});
`;

const controlComponents = `import { SignedIn, SignedOut, SignInButton, UserButton } from '@clerk/nextjs';

export function Header() {
  return (
    <header>
      <SignedOut>
        <SignInButton afterSignInUrl="/dashboard" />
      </SignedOut>
      <SignedIn>
        <UserButton />
      </SignedIn>
    </header>
  );
}
`;

describe('clerk-api-deprecated', () => {
  it('flags destructuring an un-awaited auth() on v6+ and fixes it (awaits, makes the component async)', () => {
    const files = app('6.12.0', { 'app/page.tsx': syncServerPage });
    const [finding] = check(rule, files);
    assert.equal(finding.severity, 'error');
    assert.equal(textAt(files, finding), 'auth()');
    const fixed = applyFix(files, finding.fixes![0]);
    assert.match(fixed['app/page.tsx'], /export default async function Page\(\) \{\n  const \{ userId \} = await auth\(\);/);
    assert.deepEqual(check(rule, fixed), []);
  });

  it('is silent on v5 (sync auth() was the API) and when the version is unknown', () => {
    assert.deepEqual(check(rule, app('5.7.5', { 'app/page.tsx': syncServerPage, 'middleware.ts': v5Middleware })), []);
    assert.deepEqual(check(rule, app(undefined, { 'app/page.tsx': syncServerPage })), []);
    assert.deepEqual(check(rule, app('latest', { 'app/page.tsx': syncServerPage })), []);
  });

  it('does not confuse another function named auth, and allows passing the promise on', () => {
    const files = app('7.8.0', {
      'app/page.tsx': `import { auth } from '@/lib/auth';\nexport default function Page() { const { user } = auth(); return <p>{user}</p>; }\n`,
      'app/other/page.tsx': `import { auth } from '@clerk/nextjs/server';\nexport default async function Page() { const session = auth(); const { userId } = await session; return <p>{userId}</p>; }\nexport function later() { return auth(); }\n`,
    });
    assert.deepEqual(check(rule, files), []);
  });

  it('flags auth().protect() in a clerkMiddleware callback (origin: its first parameter) and createRouteMatcher on >= 7.5.14', () => {
    const files = app('7.8.0', { 'middleware.ts': v5Middleware });
    const findings = check(rule, files);
    const protect = findings.find((finding) => finding.severity === 'error')!;
    assert.equal(textAt(files, protect), 'auth().protect');
    const matcher = findings.find((finding) => finding.severity === 'info')!;
    assert.equal(textAt(files, matcher), 'createRouteMatcher');
    assert.ok(matcher.deprecated);
    const fixed = applyFix(files, protect.fixes![0]);
    assert.match(fixed['middleware.ts'], /clerkMiddleware\(async \(auth, req\) => \{\n  if \(isProtected\(req\)\) await auth\.protect\(\);/);
    assert.deepEqual(check(rule, fixed).map((finding) => finding.severity), ['info']);
    // 7.5.13 predates the deprecation.
    assert.deepEqual(check(rule, app('7.5.13', { 'middleware.ts': v5Middleware.replace('auth().protect()', 'await auth.protect()').replace('(auth, req)', 'async (auth, req)') })), []);
  });

  it('flags <SignedIn>/<SignedOut> and afterSignInUrl on v7, and the fixes give current code', () => {
    const files = app('7.8.0', { 'components/Header.tsx': controlComponents });
    const findings = check(rule, files);
    assert.deepEqual(findings.map((finding) => textAt(files, finding)).sort(), ['SignedIn', 'SignedOut', 'afterSignInUrl']);
    assert.ok(findings.every((finding) => finding.deprecated));
    const show = findings.find((finding) => textAt(files, finding) === 'SignedIn')!;
    let fixed = applyFix(files, show.fixes![0]);
    assert.match(fixed['components/Header.tsx'], /import \{ SignInButton, UserButton, Show \} from '@clerk\/nextjs';/);
    assert.match(fixed['components/Header.tsx'], /<Show when="signed-out">\n\s*<SignInButton afterSignInUrl="\/dashboard" \/>\n\s*<\/Show>/);
    const [prop] = check(rule, fixed);
    fixed = applyFix(fixed, prop.fixes![0]);
    assert.match(fixed['components/Header.tsx'], /<SignInButton fallbackRedirectUrl="\/dashboard" \/>/);
    assert.deepEqual(check(rule, fixed), []);
    // Same code on v6 is current.
    assert.deepEqual(check(rule, app('6.30.0', { 'components/Header.tsx': controlComponents })), []);
  });

  it('leaves SignOutButton redirectUrl alone (current API)', () => {
    const files = app('7.8.0', { 'components/Out.tsx': `import { SignOutButton } from '@clerk/nextjs';\nexport const Out = () => <SignOutButton redirectUrl="/" />;\n` });
    assert.deepEqual(check(rule, files), []);
  });

  it('suggests moving ClerkProvider inside <body> on v7 (info) and the fix does it', () => {
    const files = app('7.8.0', {
      'app/layout.tsx': `import { ClerkProvider } from '@clerk/nextjs';\n\nexport default function RootLayout({ children }: { children: React.ReactNode }) {\n  return (\n    <ClerkProvider>\n      <html lang="en">\n        <body>{children}</body>\n      </html>\n    </ClerkProvider>\n  );\n}\n`,
    });
    const [finding] = check(rule, files);
    assert.equal(finding.severity, 'info');
    const fixed = applyFix(files, finding.fixes![0]);
    assert.match(fixed['app/layout.tsx'], /<html lang="en">\n\s*<body><ClerkProvider>\{children\}<\/ClerkProvider><\/body>\n\s*<\/html>\n  \);/);
    assert.deepEqual(check(rule, fixed), []);
  });

  it('flags authMiddleware on v6+', () => {
    const files = app('6.0.0', { 'middleware.ts': `import { authMiddleware } from '@clerk/nextjs';\nexport default authMiddleware();\n` });
    const [finding] = check(rule, files);
    assert.equal(textAt(files, finding), 'authMiddleware');
    assert.ok(finding.deprecated);
  });
});
