import * as assert from 'node:assert/strict';
import { applyFix, check, ruleTester, single, textAt, type Files } from '../ruleTester';
import { clerkApiDeprecatedRule as rule } from '../../../src/core/rules/clerk-api-deprecated';

const app = (clerkVersion: string | undefined, files: Files): Files => ({
  'package.json': JSON.stringify({
    name: 'app',
    dependencies: { next: '16.0.7', react: '19.2.0', ...(clerkVersion ? { '@clerk/nextjs': clerkVersion } : {}) },
  }),
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
    assert.deepEqual(
      check(rule, fixed).map((finding) => finding.severity),
      ['info'],
    );
    // 7.5.13 predates the deprecation.
    assert.deepEqual(
      check(
        rule,
        app('7.5.13', { 'middleware.ts': v5Middleware.replace('auth().protect()', 'await auth.protect()').replace('(auth, req)', 'async (auth, req)') }),
      ),
      [],
    );
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
    const files = app('7.8.0', {
      'components/Out.tsx': `import { SignOutButton } from '@clerk/nextjs';\nexport const Out = () => <SignOutButton redirectUrl="/" />;\n`,
    });
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

  it('treats the promise methods of auth() and clerkClient() as correct code on v6+', () => {
    const files = app('7.9.17', {
      'app/page.tsx': `import { auth, clerkClient } from '@clerk/nextjs/server';\nexport default function Page() {\n  auth().then(({ userId }) => console.log(userId)).catch(() => undefined).finally(() => undefined);\n  clerkClient().then((client) => client.users);\n  return null;\n}\n`,
    });
    assert.deepEqual(check(rule, files), []);
  });

  it('flags a stored auth() promise read as its value, at the read, and awaits the call', () => {
    const page = `import { auth } from '@clerk/nextjs/server';\n\nexport default function Page() {\n  const session = auth();\n  return <p>{session.userId}</p>;\n}\n`;
    const files = app('7.9.17', { 'app/page.tsx': page });
    const finding = single(check(rule, files));
    assert.equal(finding.ruleId, 'clerk-api-deprecated');
    assert.equal(finding.severity, 'error');
    assert.equal(textAt(files, finding), 'session.userId');
    assert.deepEqual(finding.location.range, { start: { line: 4, character: 13 }, end: { line: 4, character: 27 } });
    assert.match(finding.message, /session holds the promise auth\(\) returns since @clerk\/nextjs 6 \(installed: 7\.9\.17\)/);
    assert.equal(finding.related?.[0].location.range.start.line, 3);
    const fixed = applyFix(files, finding.fixes![0]);
    assert.equal(fixed['app/page.tsx'], page.replace('export default function', 'export default async function').replace('= auth()', '= await auth()'));
    assert.deepEqual(check(rule, fixed), []);
  });

  it('allows a stored auth() promise that is awaited, returned, chained or destructured after await', () => {
    const files = app('7.9.17', {
      'app/a/page.tsx': `import { auth } from '@clerk/nextjs/server';\nexport async function a() { const s = auth(); const { userId } = await s; return userId; }\nexport function b() { const s = auth(); return s; }\nexport function c() { const s = auth(); return s.then((value) => value.userId); }\nexport async function d() { let s = auth(); s = auth(); return (await s).userId; }\n`,
    });
    assert.deepEqual(check(rule, files), []);
  });

  it('flags a stored auth() promise destructured without await', () => {
    const files = app('6.0.0', {
      'app/page.tsx': `import { auth } from '@clerk/nextjs/server';\nexport async function GET() {\n  const session = auth();\n  const { userId } = session;\n  return Response.json({ userId });\n}\n`,
    });
    const finding = single(check(rule, files));
    assert.equal(textAt(files, finding), 'session');
    assert.equal(finding.location.range.start.line, 3);
  });

  it('authMiddleware: nothing on v4 (the API), info on v5 (deprecated), error on v6+ (removed)', () => {
    const v4 = `import { authMiddleware, withClerkMiddleware } from '@clerk/nextjs';\nexport default authMiddleware();\nexport const legacy = withClerkMiddleware(() => undefined);\n`;
    assert.deepEqual(check(rule, app('4.31.8', { 'middleware.ts': v4 })), []);
    const v5 = `import { authMiddleware } from '@clerk/nextjs/server';\nexport default authMiddleware({ publicRoutes: ['/'] });\n`;
    const files = app('5.7.5', { 'middleware.ts': v5 });
    const info = single(check(rule, files));
    assert.equal(info.severity, 'info');
    assert.ok(info.deprecated);
    assert.deepEqual(info.location.range, { start: { line: 0, character: 9 }, end: { line: 0, character: 23 } });
    assert.match(info.message, /deprecated since @clerk\/nextjs 5 \(installed: 5\.7\.5\) and removed in 6/);
    assert.equal(single(check(rule, app('6.0.0', { 'middleware.ts': v5 }))).severity, 'error');
    const removed = single(
      check(
        rule,
        app('5.0.0', { 'middleware.ts': `import { withClerkMiddleware } from '@clerk/nextjs';\nexport default withClerkMiddleware(() => undefined);\n` }),
      ),
    );
    assert.equal(removed.severity, 'error');
    assert.match(removed.message, /withClerkMiddleware\(\) was removed in @clerk\/nextjs 5/);
  });

  it('flags authMiddleware on v6+', () => {
    const files = app('6.0.0', { 'middleware.ts': `import { authMiddleware } from '@clerk/nextjs';\nexport default authMiddleware();\n` });
    const [finding] = check(rule, files);
    assert.equal(textAt(files, finding), 'authMiddleware');
    assert.ok(finding.deprecated);
  });
});

/** Every fixture above that reports something, with exact ranges, severities and every fix's output. */
const storedPromise = `import { auth } from '@clerk/nextjs/server';\n\nexport default function Page() {\n  const session = auth();\n  return <p>{session.userId}</p>;\n}\n`;
const rootLayoutOutsideBody = `import { ClerkProvider } from '@clerk/nextjs';\n\nexport default function RootLayout({ children }: { children: React.ReactNode }) {\n  return (\n    <ClerkProvider>\n      <html lang="en">\n        <body>{children}</body>\n      </html>\n    </ClerkProvider>\n  );\n}\n`;
const v5AuthMiddleware = `import { authMiddleware } from '@clerk/nextjs/server';\nexport default authMiddleware({ publicRoutes: ['/'] });\n`;

ruleTester.run(rule, {
  valid: [
    {
      name: 'v4 authMiddleware and withClerkMiddleware (the API then)',
      files: app('4.31.8', {
        'middleware.ts': `import { authMiddleware, withClerkMiddleware } from '@clerk/nextjs';\nexport default authMiddleware();\nexport const legacy = withClerkMiddleware(() => undefined);\n`,
      }),
    },
    {
      name: 'createRouteMatcher on 7.5.13, before its deprecation',
      files: app('7.5.13', { 'middleware.ts': v5Middleware.replace('auth().protect()', 'await auth.protect()').replace('(auth, req)', 'async (auth, req)') }),
    },
  ],
  invalid: [
    {
      name: 'an un-awaited auth() destructured on v6+: the fix awaits it and makes the component async',
      files: app('6.12.0', { 'app/page.tsx': syncServerPage }),
      errors: [
        {
          ruleId: 'clerk-api-deprecated',
          severity: 'error',
          file: 'app/page.tsx',
          range: [3, 21, 3, 27],
          message: 'auth() returns a promise since @clerk/nextjs 6 (installed: 6.12.0), so every destructured value is undefined. Await it: await auth().',
          fixes: [
            {
              title: 'Await auth()',
              output: {
                'app/page.tsx':
                  "import { auth } from '@clerk/nextjs/server';\n\nexport default async function Page() {\n  const { userId } = await auth();\n  return <p>{userId}</p>;\n}\n",
              },
            },
          ],
        },
      ],
    },
    {
      name: 'auth().protect() in a clerkMiddleware callback, and createRouteMatcher on >= 7.5.14',
      files: app('7.8.0', { 'middleware.ts': v5Middleware }),
      errors: [
        {
          ruleId: 'clerk-api-deprecated',
          severity: 'info',
          file: 'middleware.ts',
          range: [0, 26, 0, 44],
          message:
            'createRouteMatcher() is deprecated since @clerk/nextjs 7.5.14 (installed: 7.8.0) and will be removed in the next major. Keep clerkMiddleware() and check access where the data is: await auth.protect() in each page, layout, route handler and server action.',
          deprecated: true,
        },
        {
          ruleId: 'clerk-api-deprecated',
          severity: 'error',
          file: 'middleware.ts',
          range: [5, 24, 5, 38],
          message:
            'auth().protect() is the API of @clerk/nextjs 5: since version 6 auth() returns a promise, so this throws "auth(...).protect is not a function" (installed: 7.8.0). Use await auth.protect().',
          fixes: [
            {
              title: 'Use await auth.protect()',
              output: {
                'middleware.ts':
                  "import { clerkMiddleware, createRouteMatcher } from '@clerk/nextjs/server';\n\nconst isProtected = createRouteMatcher(['/dashboard(.*)']);\n\nexport default clerkMiddleware(async (auth, req) => {\n  if (isProtected(req)) await auth.protect();\n});\n",
              },
            },
          ],
        },
      ],
    },
    {
      name: '<SignedIn>/<SignedOut> and afterSignInUrl on v7',
      files: app('7.8.0', { 'components/Header.tsx': controlComponents }),
      errors: [
        {
          ruleId: 'clerk-api-deprecated',
          severity: 'error',
          file: 'components/Header.tsx',
          range: [5, 7, 5, 16],
          message:
            '<SignedOut> was removed in @clerk/nextjs 7 (installed: 7.8.0): rendering it throws "Clerk: <SignedOut> is not available in @clerk/nextjs Core 3". Use <Show when=…> instead.',
          deprecated: true,
          fixes: [
            {
              title: 'Replace <SignedIn>/<SignedOut> with <Show> in this file',
              output: {
                'components/Header.tsx':
                  'import { SignInButton, UserButton, Show } from \'@clerk/nextjs\';\n\nexport function Header() {\n  return (\n    <header>\n      <Show when="signed-out">\n        <SignInButton afterSignInUrl="/dashboard" />\n      </Show>\n      <Show when="signed-in">\n        <UserButton />\n      </Show>\n    </header>\n  );\n}\n',
              },
            },
          ],
        },
        {
          ruleId: 'clerk-api-deprecated',
          severity: 'error',
          file: 'components/Header.tsx',
          range: [6, 22, 6, 36],
          message:
            'The afterSignInUrl prop of <SignInButton> was removed in @clerk/nextjs 7 (installed: 7.8.0): it is ignored and the redirect falls back to "/". Use fallbackRedirectUrl.',
          deprecated: true,
          fixes: [
            {
              title: 'Rename to fallbackRedirectUrl',
              output: {
                'components/Header.tsx':
                  'import { SignedIn, SignedOut, SignInButton, UserButton } from \'@clerk/nextjs\';\n\nexport function Header() {\n  return (\n    <header>\n      <SignedOut>\n        <SignInButton fallbackRedirectUrl="/dashboard" />\n      </SignedOut>\n      <SignedIn>\n        <UserButton />\n      </SignedIn>\n    </header>\n  );\n}\n',
              },
            },
          ],
        },
        {
          ruleId: 'clerk-api-deprecated',
          severity: 'error',
          file: 'components/Header.tsx',
          range: [8, 7, 8, 15],
          message:
            '<SignedIn> was removed in @clerk/nextjs 7 (installed: 7.8.0): rendering it throws "Clerk: <SignedIn> is not available in @clerk/nextjs Core 3". Use <Show when=…> instead.',
          deprecated: true,
          fixes: [
            {
              title: 'Replace <SignedIn>/<SignedOut> with <Show> in this file',
              output: {
                'components/Header.tsx':
                  'import { SignInButton, UserButton, Show } from \'@clerk/nextjs\';\n\nexport function Header() {\n  return (\n    <header>\n      <Show when="signed-out">\n        <SignInButton afterSignInUrl="/dashboard" />\n      </Show>\n      <Show when="signed-in">\n        <UserButton />\n      </Show>\n    </header>\n  );\n}\n',
              },
            },
          ],
        },
      ],
    },
    {
      name: 'ClerkProvider outside <body> on v7 (info): the fix moves it inside',
      files: app('7.8.0', { 'app/layout.tsx': rootLayoutOutsideBody }),
      errors: [
        {
          ruleId: 'clerk-api-deprecated',
          severity: 'info',
          file: 'app/layout.tsx',
          range: [4, 5, 4, 18],
          message:
            'ClerkProvider wraps <html>: since @clerk/nextjs 7 (installed: 7.8.0) it belongs inside <body>, which Next.js 16 cache components require ("Uncached data was accessed outside of <Suspense>"). Move it inside <body>.',
          fixes: [
            {
              title: 'Move ClerkProvider inside <body>',
              output: {
                'app/layout.tsx':
                  'import { ClerkProvider } from \'@clerk/nextjs\';\n\nexport default function RootLayout({ children }: { children: React.ReactNode }) {\n  return (\n    <html lang="en">\n        <body><ClerkProvider>{children}</ClerkProvider></body>\n      </html>\n  );\n}\n',
              },
            },
          ],
        },
      ],
    },
    {
      name: 'a stored auth() promise read as its value, at the read: the fix awaits the call',
      files: app('7.9.17', { 'app/page.tsx': storedPromise }),
      errors: [
        {
          ruleId: 'clerk-api-deprecated',
          severity: 'error',
          file: 'app/page.tsx',
          range: [4, 13, 4, 27],
          message:
            'session holds the promise auth() returns since @clerk/nextjs 6 (installed: 7.9.17), so reading a value from it gives undefined. Await the call: const session = await auth().',
          related: ['app/page.tsx'],
          fixes: [
            {
              title: 'Await auth()',
              output: {
                'app/page.tsx':
                  "import { auth } from '@clerk/nextjs/server';\n\nexport default async function Page() {\n  const session = await auth();\n  return <p>{session.userId}</p>;\n}\n",
              },
            },
          ],
        },
      ],
    },
    {
      name: 'a stored auth() promise destructured without await',
      files: app('6.0.0', {
        'app/page.tsx': `import { auth } from '@clerk/nextjs/server';\nexport async function GET() {\n  const session = auth();\n  const { userId } = session;\n  return Response.json({ userId });\n}\n`,
      }),
      errors: [
        {
          ruleId: 'clerk-api-deprecated',
          severity: 'error',
          file: 'app/page.tsx',
          range: [3, 21, 3, 28],
          message:
            'session holds the promise auth() returns since @clerk/nextjs 6 (installed: 6.0.0), so reading a value from it gives undefined. Await the call: const session = await auth().',
          related: ['app/page.tsx'],
          fixes: [
            {
              title: 'Await auth()',
              output: {
                'app/page.tsx':
                  "import { auth } from '@clerk/nextjs/server';\nexport async function GET() {\n  const session = await auth();\n  const { userId } = session;\n  return Response.json({ userId });\n}\n",
              },
            },
          ],
        },
      ],
    },
    {
      name: 'authMiddleware on v5: deprecated info',
      files: app('5.7.5', { 'middleware.ts': v5AuthMiddleware }),
      errors: [
        {
          ruleId: 'clerk-api-deprecated',
          severity: 'info',
          file: 'middleware.ts',
          range: [0, 9, 0, 23],
          message:
            'authMiddleware() is deprecated since @clerk/nextjs 5 (installed: 5.7.5) and removed in 6. It still works here; before upgrading, switch to clerkMiddleware() and protect routes with auth().protect().',
          deprecated: true,
        },
      ],
    },
    {
      name: 'authMiddleware on v6: removed, error',
      files: app('6.0.0', { 'middleware.ts': v5AuthMiddleware }),
      errors: [
        {
          ruleId: 'clerk-api-deprecated',
          severity: 'error',
          file: 'middleware.ts',
          range: [0, 9, 0, 23],
          message:
            'authMiddleware() was removed in @clerk/nextjs 6 (installed: 6.0.0): the import is undefined and the middleware crashes. Use clerkMiddleware() from @clerk/nextjs/server and protect routes with await auth.protect().',
          deprecated: true,
        },
      ],
    },
    {
      name: 'withClerkMiddleware on v5: removed, error',
      files: app('5.0.0', { 'middleware.ts': `import { withClerkMiddleware } from '@clerk/nextjs';\nexport default withClerkMiddleware(() => undefined);\n` }),
      errors: [
        {
          ruleId: 'clerk-api-deprecated',
          severity: 'error',
          file: 'middleware.ts',
          range: [0, 9, 0, 28],
          message:
            'withClerkMiddleware() was removed in @clerk/nextjs 5 (installed: 5.0.0): the import is undefined and the middleware crashes. Use clerkMiddleware() from @clerk/nextjs/server.',
          deprecated: true,
        },
      ],
    },
  ],
});
