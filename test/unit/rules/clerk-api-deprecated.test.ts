import { ruleTester, type Files } from '../ruleTester';
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

/** Every fixture above that reports something, with exact ranges, severities and every fix's output. */
const storedPromise = `import { auth } from '@clerk/nextjs/server';\n\nexport default function Page() {\n  const session = auth();\n  return <p>{session.userId}</p>;\n}\n`;
const rootLayoutOutsideBody = `import { ClerkProvider } from '@clerk/nextjs';\n\nexport default function RootLayout({ children }: { children: React.ReactNode }) {\n  return (\n    <ClerkProvider>\n      <html lang="en">\n        <body>{children}</body>\n      </html>\n    </ClerkProvider>\n  );\n}\n`;
const v5AuthMiddleware = `import { authMiddleware } from '@clerk/nextjs/server';\nexport default authMiddleware({ publicRoutes: ['/'] });\n`;

ruleTester.run(rule, {
  valid: [
    {
      name: 'sync auth() on v5 (it was the API then), with the v5 middleware',
      files: app('5.7.5', { 'app/page.tsx': syncServerPage, 'middleware.ts': v5Middleware }),
    },
    { name: 'sync auth() when the @clerk/nextjs version is unknown (not a dependency)', files: app(undefined, { 'app/page.tsx': syncServerPage }) },
    { name: 'sync auth() when the version is not a semver ("latest")', files: app('latest', { 'app/page.tsx': syncServerPage }) },
    {
      name: 'another function named auth, and an auth() promise awaited later or returned',
      files: app('7.8.0', {
        'app/page.tsx': `import { auth } from '@/lib/auth';\nexport default function Page() { const { user } = auth(); return <p>{user}</p>; }\n`,
        'app/other/page.tsx': `import { auth } from '@clerk/nextjs/server';\nexport default async function Page() { const session = auth(); const { userId } = await session; return <p>{userId}</p>; }\nexport function later() { return auth(); }\n`,
      }),
    },
    { name: '<SignedIn>/<SignedOut> and afterSignInUrl on v6 (current there)', files: app('6.30.0', { 'components/Header.tsx': controlComponents }) },
    {
      name: 'SignOutButton redirectUrl (current API)',
      files: app('7.8.0', {
        'components/Out.tsx': `import { SignOutButton } from '@clerk/nextjs';\nexport const Out = () => <SignOutButton redirectUrl="/" />;\n`,
      }),
    },
    {
      name: 'the promise methods of auth() and clerkClient() on v6+',
      files: app('7.9.17', {
        'app/page.tsx': `import { auth, clerkClient } from '@clerk/nextjs/server';\nexport default function Page() {\n  auth().then(({ userId }) => console.log(userId)).catch(() => undefined).finally(() => undefined);\n  clerkClient().then((client) => client.users);\n  return null;\n}\n`,
      }),
    },
    {
      name: 'a stored auth() promise that is awaited, returned, chained or destructured after await',
      files: app('7.9.17', {
        'app/a/page.tsx': `import { auth } from '@clerk/nextjs/server';\nexport async function a() { const s = auth(); const { userId } = await s; return userId; }\nexport function b() { const s = auth(); return s; }\nexport function c() { const s = auth(); return s.then((value) => value.userId); }\nexport async function d() { let s = auth(); s = auth(); return (await s).userId; }\n`,
      }),
    },
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
      name: 'authMiddleware imported from @clerk/nextjs on v6',
      files: app('6.0.0', { 'middleware.ts': `import { authMiddleware } from '@clerk/nextjs';\nexport default authMiddleware();\n` }),
      errors: [
        {
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
              after: [],
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
              after: [
                {
                  severity: 'info',
                  file: 'middleware.ts',
                  range: [0, 26, 0, 44],
                  message: /^createRouteMatcher\(\) is deprecated since @clerk\/nextjs 7\.5\.14/,
                  deprecated: true,
                },
              ],
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
              after: [
                {
                  severity: 'error',
                  file: 'components/Header.tsx',
                  range: [6, 22, 6, 36],
                  message: /^The afterSignInUrl prop of <SignInButton> was removed/,
                  deprecated: true,
                  fixes: [
                    {
                      title: 'Rename to fallbackRedirectUrl',
                      output: {
                        'components/Header.tsx':
                          'import { SignInButton, UserButton, Show } from \'@clerk/nextjs\';\n\nexport function Header() {\n  return (\n    <header>\n      <Show when="signed-out">\n        <SignInButton fallbackRedirectUrl="/dashboard" />\n      </Show>\n      <Show when="signed-in">\n        <UserButton />\n      </Show>\n    </header>\n  );\n}\n',
                      },
                      after: [],
                    },
                  ],
                },
              ],
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
              after: [],
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
              after: [],
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
