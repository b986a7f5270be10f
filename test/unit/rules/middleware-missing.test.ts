import { middlewareMissingRule } from '../../../src/core/rules/middleware-missing';
import { nextPackage, ruleTester, type Files } from '../ruleTester';

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

const withClerk = (clerkVersion: string, middleware: string): Files => ({
  'package.json': JSON.stringify({ name: 'app', dependencies: { next: '14.2.3', '@clerk/nextjs': clerkVersion } }),
  'app/dashboard/page.tsx': dashboard,
  'middleware.ts': middleware,
});
const v4 = "import { authMiddleware } from '@clerk/nextjs';\n\nexport default authMiddleware({ publicRoutes: ['/'] });\n";
const v5 = "import { authMiddleware } from '@clerk/nextjs/server';\n\nexport default authMiddleware();\n";
const v4With = "import { withClerkMiddleware } from '@clerk/nextjs/server';\n\nexport default withClerkMiddleware(() => undefined);\n";

ruleTester.run(middlewareMissingRule, {
  valid: [
    { name: 'clerkMiddleware() in place', files: app({ 'proxy.ts': clerkFile }) },
    { name: 'a re-exported middleware', files: app({ 'proxy.ts': "export { default, config } from './lib/proxy';\n" }) },
    {
      name: "a local function named auth is not Clerk's",
      files: { 'package.json': nextPackage(), 'app/page.tsx': 'function auth() { return 1; }\nexport default function P() { return <p>{auth()}</p>; }\n' },
    },
    { name: 'authMiddleware() from @clerk/nextjs on v4', files: withClerk('4.31.8', v4) },
    { name: 'withClerkMiddleware() on v4', files: withClerk('4.31.8', v4With) },
    { name: 'authMiddleware() from /server on v5', files: withClerk('5.7.5', v5) },
  ],
  invalid: [
    {
      name: 'auth() without any middleware/proxy file: the fix creates proxy.ts on Next 16',
      files: app({}),
      errors: [
        {
          ruleId: 'middleware-missing',
          severity: 'error',
          file: 'app/dashboard/page.tsx',
          range: [3, 27, 3, 33],
          message:
            'auth() and currentUser() need clerkMiddleware(), but the app has no middleware or proxy file: this call fails with "Clerk can\'t detect usage of clerkMiddleware()". Create proxy.ts with export default clerkMiddleware().',
          fixes: [
            {
              title: 'Create proxy.ts with clerkMiddleware()',
              output: {
                'proxy.ts':
                  "import { clerkMiddleware } from '@clerk/nextjs/server';\n\nexport default clerkMiddleware();\n\nexport const config = {\n  matcher: [\n    '/((?!_next|[^?]*\\\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)',\n    '/(api|trpc)(.*)',\n    '/__clerk/(.*)',\n  ],\n};\n",
              },
              after: [],
            },
          ],
        },
      ],
    },
    {
      name: 'auth.protect() in a Next 15 app under src/: the fix creates src/middleware.ts',
      files: { 'package.json': nextPackage('15.5.4'), 'src/app/dashboard/page.tsx': dashboard.replace('await auth()', 'await auth.protect()') },
      errors: [
        {
          ruleId: 'middleware-missing',
          severity: 'error',
          file: 'src/app/dashboard/page.tsx',
          range: [3, 27, 3, 41],
          message:
            'auth() and currentUser() need clerkMiddleware(), but the app has no middleware or proxy file: this call fails with "Clerk can\'t detect usage of clerkMiddleware()". Create src/middleware.ts with export default clerkMiddleware().',
          fixes: [
            {
              title: 'Create src/middleware.ts with clerkMiddleware()',
              output: {
                'src/middleware.ts':
                  "import { clerkMiddleware } from '@clerk/nextjs/server';\n\nexport default clerkMiddleware();\n\nexport const config = {\n  matcher: [\n    '/((?!_next|[^?]*\\\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)',\n    '/(api|trpc)(.*)',\n    '/__clerk/(.*)',\n  ],\n};\n",
              },
              after: [],
            },
          ],
        },
      ],
    },
    {
      name: 'a file at the root while the app lives in src/: the fix moves it',
      files: { 'package.json': nextPackage(), 'src/app/dashboard/page.tsx': dashboard, 'proxy.ts': clerkFile },
      errors: [
        {
          ruleId: 'middleware-missing',
          severity: 'error',
          file: 'proxy.ts',
          range: [2, 0, 2, 33],
          message:
            'Next.js never loads proxy.ts from this folder, so auth() fails with "Clerk can\'t detect usage of clerkMiddleware()". Move it to src/proxy.ts.',
          related: ['src/app/dashboard/page.tsx'],
          fixes: [
            {
              title: 'Move proxy.ts to src/proxy.ts',
              output: { 'src/proxy.ts': "import { clerkMiddleware } from '@clerk/nextjs/server';\n\nexport default clerkMiddleware();\n", 'proxy.ts': null },
              after: [],
            },
          ],
        },
      ],
    },
    {
      name: 'a middleware file under app/',
      files: app({ 'app/middleware.ts': clerkFile }),
      errors: [
        {
          ruleId: 'middleware-missing',
          severity: 'error',
          file: 'app/middleware.ts',
          range: [2, 0, 2, 33],
          message:
            'Next.js never loads middleware.ts from this folder, so auth() fails with "Clerk can\'t detect usage of clerkMiddleware()". Move it to middleware.ts.',
          related: ['app/dashboard/page.tsx'],
          fixes: [
            {
              title: 'Move app/middleware.ts to middleware.ts',
              output: {
                'middleware.ts': "import { clerkMiddleware } from '@clerk/nextjs/server';\n\nexport default clerkMiddleware();\n",
                'app/middleware.ts': null,
              },
              after: [],
            },
          ],
        },
      ],
    },
    {
      name: 'a well-placed file that does not run clerkMiddleware()',
      files: app({ 'proxy.ts': "import { NextResponse } from 'next/server';\n\nexport default function proxy() {\n  return NextResponse.next();\n}\n" }),
      errors: [
        {
          ruleId: 'middleware-missing',
          severity: 'error',
          file: 'proxy.ts',
          range: [2, 0, 2, 33],
          message:
            'proxy.ts does not run clerkMiddleware(), so auth() fails with "Clerk can\'t detect usage of clerkMiddleware()". Export default clerkMiddleware() (it can wrap your own logic).',
          related: ['app/dashboard/page.tsx'],
        },
      ],
    },
    {
      name: 'authMiddleware() on @clerk/nextjs 6, which removed it',
      files: withClerk('6.0.0', v5),
      errors: [
        {
          ruleId: 'middleware-missing',
          severity: 'error',
          file: 'middleware.ts',
          range: [2, 0, 2, 32],
          message:
            'middleware.ts does not run clerkMiddleware(), so auth() fails with "Clerk can\'t detect usage of clerkMiddleware()". Export default clerkMiddleware() (it can wrap your own logic).',
          related: ['app/dashboard/page.tsx'],
        },
      ],
    },
    {
      name: 'withClerkMiddleware() on @clerk/nextjs 5, which removed it',
      files: withClerk('5.0.0', v4With),
      errors: [
        {
          ruleId: 'middleware-missing',
          severity: 'error',
          file: 'middleware.ts',
          range: [2, 0, 2, 52],
          message:
            'middleware.ts does not run clerkMiddleware(), so auth() fails with "Clerk can\'t detect usage of clerkMiddleware()". Export default clerkMiddleware() (it can wrap your own logic).',
          related: ['app/dashboard/page.tsx'],
        },
      ],
    },
    {
      name: 'on @clerk/nextjs 4: names authMiddleware() and creates a v4 middleware file',
      files: {
        'package.json': JSON.stringify({ name: 'app', dependencies: { next: '13.5.6', '@clerk/nextjs': '4.31.8' } }),
        'app/dashboard/page.tsx': dashboard,
      },
      errors: [
        {
          ruleId: 'middleware-missing',
          severity: 'error',
          file: 'app/dashboard/page.tsx',
          range: [3, 27, 3, 33],
          message:
            'auth() and currentUser() need authMiddleware(), but the app has no middleware or proxy file: this call fails with "Clerk can\'t detect usage of authMiddleware()". Create middleware.ts with export default authMiddleware().',
          fixes: [
            {
              title: 'Create middleware.ts with authMiddleware()',
              output: {
                'middleware.ts':
                  "import { authMiddleware } from '@clerk/nextjs';\n\nexport default authMiddleware();\n\nexport const config = {\n  matcher: ['/((?!.+\\\\.[\\\\w]+$|_next).*)', '/', '/(api|trpc)(.*)'],\n};\n",
              },
              after: [],
            },
          ],
        },
      ],
    },
  ],
});
