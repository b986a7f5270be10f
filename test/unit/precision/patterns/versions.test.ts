import { pkDev, skDev } from '../../ruleTester';
import { describePatterns, packageJson, type Files, type PatternCase } from './harness';

/**
 * Version-dependent Clerk facts (issue 10, part C): each API or setting is judged by the
 * @clerk/nextjs the project pins, checked in the published packages (docs/verified-against.md).
 */

const allLevels: PatternCase['levels'] = ['error', 'warning', 'info'];

function nextApp(clerk: string, files: Files, next = '16.0.7'): Files {
  return { 'package.json': packageJson({ next, react: '19.2.0', '@clerk/nextjs': clerk }), ...files };
}

const dashboard = `import { auth } from '@clerk/nextjs/server';

export default async function Dashboard() {
  const { userId } = await auth();
  return <p>{userId}</p>;
}
`;

const v4Middleware = `import { authMiddleware } from '@clerk/nextjs';

export default authMiddleware({ publicRoutes: ['/'] });

export const config = { matcher: ['/((?!.+\\\\.[\\\\w]+$|_next).*)', '/', '/(api|trpc)(.*)'] };
`;

const v5Middleware = v4Middleware.replace("from '@clerk/nextjs'", "from '@clerk/nextjs/server'");

/** Convex's two-entry matcher: no /__clerk entry. */
const twoEntryProxy = (call = 'clerkMiddleware()'): string => `import { clerkMiddleware } from '@clerk/nextjs/server';

export default ${call};

export const config = {
  matcher: ['/((?!_next|[^?]*\\\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)', '/(api|trpc)(.*)'],
};
`;

const middlewareRules = ['middleware-missing', 'clerk-api-deprecated'];

/** Clerk's quickstart proxy.ts, so that route handlers calling auth() are otherwise correct. */
const quickstartProxy = `import { clerkMiddleware } from '@clerk/nextjs/server';

export default clerkMiddleware();

export const config = {
  matcher: ['/((?!_next|[^?]*\\\\.(?:html?|css|js(?!on)|jpe?g|webp|png|gif|svg|ttf|woff2?|ico|csv|docx?|xlsx?|zip|webmanifest)).*)', '/(api|trpc)(.*)', '/__clerk/(.*)'],
};
`;

/** Both keys, so the legacy names are the only thing to judge. */
const keys = `NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=${pkDev}\nCLERK_SECRET_KEY=${skDev}\n`;

describePatterns('versions: authMiddleware by @clerk/nextjs major', [
  {
    name: 'v4: authMiddleware from @clerk/nextjs is the API (no error, no deprecation)',
    files: nextApp('4.31.8', { 'middleware.ts': v4Middleware, 'app/dashboard/page.tsx': dashboard }, '14.2.3'),
    levels: allLevels,
    rules: middlewareRules,
    expect: [],
  },
  {
    name: 'v5: authMiddleware from @clerk/nextjs/server runs Clerk; deprecated is info',
    files: nextApp('5.7.5', { 'middleware.ts': v5Middleware, 'app/dashboard/page.tsx': dashboard }, '14.2.3'),
    levels: allLevels,
    rules: middlewareRules,
    expect: [
      {
        rule: 'clerk-api-deprecated',
        severity: 'info',
        file: 'middleware.ts',
        line: 'import { authMiddleware }',
        message: /deprecated since @clerk\/nextjs 5/,
      },
    ],
  },
  {
    name: 'v6: authMiddleware was removed (import undefined, middleware does not run Clerk)',
    files: nextApp('6.0.0', { 'middleware.ts': v5Middleware, 'app/dashboard/page.tsx': dashboard }, '15.0.0'),
    rules: middlewareRules,
    expect: [
      { rule: 'clerk-api-deprecated', severity: 'error', file: 'middleware.ts', line: 'import { authMiddleware }', message: /removed in @clerk\/nextjs 6/ },
      { rule: 'middleware-missing', severity: 'error', file: 'middleware.ts', line: 'export default authMiddleware' },
    ],
  },
]);

describePatterns('versions: auth() promise on v6+', [
  {
    name: 'auth().then/catch/finally are promise methods',
    files: nextApp('7.9.17', {
      'proxy.ts': quickstartProxy,
      'app/api/me/route.ts': `import { auth } from '@clerk/nextjs/server';

export function GET() {
  return auth()
    .then(({ userId }) => Response.json({ userId }))
    .catch(() => new Response('error', { status: 500 }))
    .finally(() => console.log('done'));
}
`,
    }),
    rules: ['clerk-api-deprecated'],
    expect: [],
  },
  {
    name: 'a stored auth() promise read as its value is an error at the read',
    files: nextApp('7.9.17', {
      'proxy.ts': quickstartProxy,
      'app/api/me/route.ts': `import { auth } from '@clerk/nextjs/server';

export async function GET() {
  const session = auth();
  return Response.json({ id: session.userId });
}
`,
    }),
    rules: ['clerk-api-deprecated'],
    expect: [
      {
        rule: 'clerk-api-deprecated',
        severity: 'error',
        file: 'app/api/me/route.ts',
        line: 'session.userId',
        message: /session holds the promise auth\(\) returns/,
      },
    ],
  },
  {
    name: 'a stored auth() promise that is awaited or returned is fine',
    files: nextApp('7.9.17', {
      'proxy.ts': quickstartProxy,
      'app/api/me/route.ts': `import { auth } from '@clerk/nextjs/server';

export async function GET() {
  const pending = auth();
  const { userId } = await pending;
  return Response.json({ userId });
}

export function session() {
  const pending = auth();
  return pending;
}
`,
    }),
    rules: ['clerk-api-deprecated'],
    expect: [],
  },
]);

describePatterns('versions: /__clerk matcher entry only where Clerk proxies', [
  {
    name: 'v6 app without /__clerk: no auto-proxy before 7.2.8',
    files: nextApp('6.39.0', { 'middleware.ts': twoEntryProxy() }, '15.5.4'),
    levels: allLevels,
    rules: ['middleware-matcher'],
    expect: [],
  },
  {
    name: '7.2.7: still no auto-proxy',
    files: nextApp('7.2.7', { 'proxy.ts': twoEntryProxy() }),
    levels: allLevels,
    rules: ['middleware-matcher'],
    expect: [],
  },
  {
    name: '7.2.8 without proxy URL or domain: auto-proxy on *.vercel.app needs /__clerk (info)',
    files: nextApp('7.2.8', { 'proxy.ts': twoEntryProxy() }),
    levels: allLevels,
    rules: ['middleware-matcher'],
    expect: [{ rule: 'middleware-matcher', severity: 'info', file: 'proxy.ts', line: 'matcher:', message: /@clerk\/nextjs 7\.2\.8 proxies/ }],
  },
  {
    name: 'NEXT_PUBLIC_CLERK_PROXY_URL set: no auto-proxy',
    files: nextApp('7.9.17', { 'proxy.ts': twoEntryProxy(), '.env.local': 'NEXT_PUBLIC_CLERK_PROXY_URL=https://proxy.example.com/clerk\n' }),
    levels: allLevels,
    rules: ['middleware-matcher'],
    expect: [],
  },
  {
    name: 'domain passed to clerkMiddleware: no auto-proxy',
    files: nextApp('7.9.17', { 'proxy.ts': twoEntryProxy("clerkMiddleware({ domain: 'example.com' })") }),
    levels: allLevels,
    rules: ['middleware-matcher'],
    expect: [],
  },
  {
    name: 'CLERK_DISABLE_AUTO_PROXY=true: auto-proxy off',
    files: nextApp('7.9.17', { 'proxy.ts': twoEntryProxy(), '.env.example': 'CLERK_DISABLE_AUTO_PROXY=true\n' }),
    levels: allLevels,
    rules: ['middleware-matcher'],
    expect: [],
  },
  {
    name: 'frontendApiProxy with its own path that the matcher skips (info)',
    files: nextApp('7.0.0', { 'proxy.ts': twoEntryProxy("clerkMiddleware({ frontendApiProxy: { enabled: true, path: '/clerk-fapi' } })") }),
    levels: allLevels,
    rules: ['middleware-matcher'],
    expect: [{ rule: 'middleware-matcher', severity: 'info', file: 'proxy.ts', line: 'matcher:', message: /at \/clerk-fapi \(frontendApiProxy\)/ }],
  },
  {
    name: 'frontendApiProxy path covered by the matcher',
    files: nextApp('7.9.17', {
      'proxy.ts': twoEntryProxy("clerkMiddleware({ frontendApiProxy: { enabled: true, path: '/clerk-fapi' } })").replace(
        "'/(api|trpc)(.*)']",
        "'/(api|trpc)(.*)', '/clerk-fapi/(.*)']",
      ),
    }),
    levels: allLevels,
    rules: ['middleware-matcher'],
    expect: [],
  },
]);

describePatterns('versions: legacy env names', [
  {
    name: '@clerk/nextjs 4 still reads CLERK_API_KEY and NEXT_PUBLIC_CLERK_FRONTEND_API (info only)',
    files: nextApp('4.31.8', { '.env.local': `CLERK_API_KEY=sk_test_legacy\nNEXT_PUBLIC_CLERK_FRONTEND_API=clerk.example.lcl.dev\n${keys}` }, '13.5.6'),
    levels: allLevels,
    rules: ['env-legacy-name'],
    expect: [
      { rule: 'env-legacy-name', severity: 'info', file: '.env.local', line: 'CLERK_API_KEY=' },
      { rule: 'env-legacy-name', severity: 'info', file: '.env.local', line: 'NEXT_PUBLIC_CLERK_FRONTEND_API=' },
    ],
  },
  {
    name: '@clerk/nextjs 5 no longer reads CLERK_API_KEY (warning)',
    files: nextApp('5.0.0', { '.env.local': `CLERK_API_KEY=sk_test_legacy\n${keys}` }, '14.2.3'),
    rules: ['env-legacy-name'],
    expect: [{ rule: 'env-legacy-name', severity: 'warning', file: '.env.local', line: 'CLERK_API_KEY=', message: /read only CLERK_SECRET_KEY/ }],
  },
  {
    name: 'the app reads CLERK_API_KEY itself: its own variable',
    files: nextApp('7.9.17', {
      '.env.local': `CLERK_API_KEY=internal-service-token\n${keys}`,
      'lib/internal.ts': 'export const internalToken = process.env.CLERK_API_KEY;\n',
    }),
    levels: allLevels,
    rules: ['env-legacy-name'],
    expect: [],
  },
]);
