import { envServerOnlyInClientRule } from '../../../src/core/rules/env-server-only-in-client';
import { nextApp, ruleTester, type Files, type RangeTuple } from '../ruleTester';

const aliases = '{ "compilerOptions": { "paths": { "@/*": ["./*"] } } }';

/** A client page that imports `lib/<name>` and calls `use()` from it. */
function clientPageUsing(name: string, extra: Files): Files {
  return nextApp({
    '/ws/tsconfig.json': aliases,
    '/ws/app/page.tsx': `'use client';\nimport { use } from '@/lib/${name}';\nexport default function P() { return <button onClick={() => use()}>go</button>; }\n`,
    ...extra,
  });
}

const t3Env = (module: string) =>
  `import { createEnv } from '${module}';\nimport { z } from 'zod';\nconst runtimeEnv = { CLERK_SECRET_KEY: process.env.CLERK_SECRET_KEY };\n` +
  'export const env = createEnv({\n  server: { CLERK_SECRET_KEY: z.string() },\n  runtimeEnv,\n' +
  '  experimental__runtimeEnv: { WEBHOOK_URL: process.env.WEBHOOK_URL },\n});\nexport const use = () => process.env.SENTRY_DSN;\n';
const serverAction = (header: string) =>
  `${header}export async function use() { await fetch('https://api.clerk.com/v1/users', { headers: { Authorization: \`Bearer \${process.env.CLERK_SECRET_KEY}\` } }); }\n`;
const usersHelper =
  "import { z } from 'zod';\n\nexport async function use() {\n  const key = process.env.CLERK_SECRET_KEY;\n" +
  "  const response = await fetch('https://api.clerk.com/v1/users', { headers: { Authorization: `Bearer ${key}` } });\n  return z.array(z.object({ id: z.string() })).parse(await response.json());\n}\n";
/** Helpers a 'use server' fix would break (the value goes back to the caller, or a non-async export exists), with the read each reports. */
const noUseServerFix: { helper: string; range: RangeTuple }[] = [
  { helper: 'export async function use() { return process.env.CLERK_SECRET_KEY; }\n', range: [0, 37, 0, 65] },
  { helper: 'export const use = async () => ({ key: process.env.CLERK_SECRET_KEY });\n', range: [0, 39, 0, 67] },
  { helper: 'const key = process.env.CLERK_SECRET_KEY;\nexport async function use() { const copy = key; return copy; }\n', range: [0, 12, 0, 40] },
  { helper: 'export async function use() { let key = ""; key = process.env.CLERK_SECRET_KEY!; return { key }; }\n', range: [0, 50, 0, 78] },
  { helper: 'export async function use() { return fetch(String(process.env.API_URL)); }\nexport const LIMIT = 10;\n', range: [0, 50, 0, 69] },
  { helper: "'use strict';\nexport async function use() { await fetch(String(process.env.API_URL)); }\n", range: [1, 49, 1, 68] },
];

ruleTester.run(envServerOnlyInClientRule, {
  valid: [
    {
      name: 'NEXT_PUBLIC_*, platform variables, next.config env and server modules',
      files: nextApp({
        '/ws/next.config.ts': 'export default { env: { APP_VERSION: process.env.APP_VERSION } };\n',
        '/ws/app/page.tsx':
          "'use client';\nexport default function P() {\n  return <p>{process.env.NEXT_PUBLIC_CONVEX_URL}{process.env.NODE_ENV}{process.env.VERCEL_URL}{process.env.APP_VERSION}</p>;\n}\n",
        '/ws/app/server/page.tsx': 'export default function S() { return <p>{process.env.CLERK_SECRET_KEY ? 1 : 0}</p>; }\n',
      }),
    },
    { name: "a 'use server' module, whoever imports it", files: clientPageUsing('actions', { '/ws/lib/actions.ts': serverAction("'use server';\n") }) },
    {
      name: 'a module importing server-only, whoever imports it',
      files: clientPageUsing('actions', { '/ws/lib/actions.ts': serverAction("import 'server-only';\n") }),
    },
  ],
  invalid: [
    {
      name: "a secret read in a 'use client' module, at the read, never suggesting NEXT_PUBLIC_ (no mechanical fix for a component)",
      files: nextApp({
        '/ws/app/page.tsx': "'use client';\nexport default function P() {\n  return <p>{process.env.CLERK_SECRET_KEY ? 'ready' : 'missing'}</p>;\n}\n",
      }),
      errors: [
        {
          ruleId: 'env-server-only-in-client',
          severity: 'error',
          file: 'app/page.tsx',
          range: [2, 13, 2, 41],
          message:
            "CLERK_SECRET_KEY is read in client code (a 'use client' module), but Next.js sends only NEXT_PUBLIC_* variables to the browser: there it is always undefined. Read it on the server (the Server Component that renders this code, a Route Handler or a Server Action) and pass down only what the client needs. It holds a secret: never rename it NEXT_PUBLIC_*.",
        },
      ],
    },
    {
      name: 'a module only client modules import, not one a server module imports too',
      files: clientPageUsing('helper', {
        '/ws/lib/helper.ts': 'export const use = () => fetch(String(process.env.API_URL));\n',
        '/ws/lib/shared.ts': 'export const shared = () => process.env.API_URL;\n',
        '/ws/app/layout.tsx':
          "import { shared } from '@/lib/shared';\nexport default function L({ children }: { children: React.ReactNode }) { return <html><body data-x={shared()}>{children}</body></html>; }\n",
        '/ws/components/c.tsx': "'use client';\nimport { shared } from '@/lib/shared';\nexport const C = () => <p>{shared()}</p>;\n",
      }),
      errors: [
        {
          ruleId: 'env-server-only-in-client',
          severity: 'error',
          file: 'lib/helper.ts',
          range: [0, 38, 0, 57],
          message:
            'API_URL is read in client code (a module that only client modules import), but Next.js sends only NEXT_PUBLIC_* variables to the browser: there it is always undefined. Read it on the server (the Server Component that renders this code, a Route Handler or a Server Action) and pass down only what the client needs. If the value is not secret, rename it NEXT_PUBLIC_API_URL instead.',
        },
      ],
    },
    {
      name: 'a fallback keeps the browser working: warning, except for a secret',
      files: nextApp({
        '/ws/app/page.tsx':
          "'use client';\nconst api = process.env.API_URL ?? 'http://localhost:3000';\nconst key = process.env.CLERK_SECRET_KEY || '';\nexport default function P() { return <p>{api}{key}</p>; }\n",
      }),
      errors: [
        {
          ruleId: 'env-server-only-in-client',
          severity: 'warning',
          file: 'app/page.tsx',
          range: [1, 12, 1, 31],
          message:
            "API_URL is read in client code (a 'use client' module), but Next.js sends only NEXT_PUBLIC_* variables to the browser: there it is always undefined and the fallback always wins. Read it on the server (the Server Component that renders this code, a Route Handler or a Server Action) and pass down only what the client needs. If the value is not secret, rename it NEXT_PUBLIC_API_URL instead.",
        },
        {
          ruleId: 'env-server-only-in-client',
          severity: 'error',
          file: 'app/page.tsx',
          range: [2, 12, 2, 40],
          message:
            "CLERK_SECRET_KEY is read in client code (a 'use client' module), but Next.js sends only NEXT_PUBLIC_* variables to the browser: there it is always undefined. Read it on the server (the Server Component that renders this code, a Route Handler or a Server Action) and pass down only what the client needs. It holds a secret: never rename it NEXT_PUBLIC_*.",
        },
      ],
    },
    {
      name: 'the destructured binding',
      files: nextApp({
        '/ws/app/page.tsx': "'use client';\nconst { CLERK_SECRET_KEY } = process.env;\nexport default function P() { return <p>{CLERK_SECRET_KEY}</p>; }\n",
      }),
      errors: [
        {
          ruleId: 'env-server-only-in-client',
          severity: 'error',
          file: 'app/page.tsx',
          range: [1, 8, 1, 24],
          message:
            "CLERK_SECRET_KEY is read in client code (a 'use client' module), but Next.js sends only NEXT_PUBLIC_* variables to the browser: there it is always undefined. Read it on the server (the Server Component that renders this code, a Route Handler or a Server Action) and pass down only what the client needs. It holds a secret: never rename it NEXT_PUBLIC_*.",
        },
      ],
    },
    {
      name: 'the runtimeEnv of t3-env createEnv is skipped, other reads in that module are not',
      files: clientPageUsing('env', { '/ws/lib/env.ts': t3Env('@t3-oss/env-nextjs') }),
      errors: [
        {
          ruleId: 'env-server-only-in-client',
          severity: 'error',
          file: 'lib/env.ts',
          range: [8, 25, 8, 47],
          message:
            'SENTRY_DSN is read in client code (a module that only client modules import), but Next.js sends only NEXT_PUBLIC_* variables to the browser: there it is always undefined. Read it on the server (the Server Component that renders this code, a Route Handler or a Server Action) and pass down only what the client needs. If the value is not secret, rename it NEXT_PUBLIC_SENTRY_DSN instead.',
        },
      ],
    },
    {
      name: "another module's createEnv is no t3-env",
      files: clientPageUsing('env', { '/ws/lib/env.ts': t3Env('./my-env') }),
      errors: [
        {
          ruleId: 'env-server-only-in-client',
          severity: 'error',
          file: 'lib/env.ts',
          range: [2, 39, 2, 67],
          message:
            'CLERK_SECRET_KEY is read in client code (a module that only client modules import), but Next.js sends only NEXT_PUBLIC_* variables to the browser: there it is always undefined. Read it on the server (the Server Component that renders this code, a Route Handler or a Server Action) and pass down only what the client needs. It holds a secret: never rename it NEXT_PUBLIC_*.',
        },
        {
          ruleId: 'env-server-only-in-client',
          severity: 'error',
          file: 'lib/env.ts',
          range: [6, 43, 6, 66],
          message:
            'WEBHOOK_URL is read in client code (a module that only client modules import), but Next.js sends only NEXT_PUBLIC_* variables to the browser: there it is always undefined. Read it on the server (the Server Component that renders this code, a Route Handler or a Server Action) and pass down only what the client needs. If the value is not secret, rename it NEXT_PUBLIC_WEBHOOK_URL instead.',
        },
        {
          ruleId: 'env-server-only-in-client',
          severity: 'error',
          file: 'lib/env.ts',
          range: [8, 25, 8, 47],
          message:
            'SENTRY_DSN is read in client code (a module that only client modules import), but Next.js sends only NEXT_PUBLIC_* variables to the browser: there it is always undefined. Read it on the server (the Server Component that renders this code, a Route Handler or a Server Action) and pass down only what the client needs. If the value is not secret, rename it NEXT_PUBLIC_SENTRY_DSN instead.',
        },
      ],
    },
    {
      name: "code that runs only on the server (typeof window === 'undefined') is skipped, the browser branch is not",
      files: nextApp({
        '/ws/app/page.tsx':
          "'use client';\n" +
          "function base() {\n  if (typeof window !== 'undefined') return '';\n  return process.env.INTERNAL_URL;\n}\n" +
          "const a = typeof window === 'undefined' ? process.env.A_URL : '/a';\n" +
          "const b = typeof window !== 'undefined' && process.env.B_URL;\n" +
          'export default function P() { return <p>{base()}{a}{b}</p>; }\n',
      }),
      errors: [
        {
          ruleId: 'env-server-only-in-client',
          severity: 'error',
          file: 'app/page.tsx',
          range: [6, 43, 6, 60],
          message:
            "B_URL is read in client code (a 'use client' module), but Next.js sends only NEXT_PUBLIC_* variables to the browser: there it is always undefined. Read it on the server (the Server Component that renders this code, a Route Handler or a Server Action) and pass down only what the client needs. If the value is not secret, rename it NEXT_PUBLIC_B_URL instead.",
        },
      ],
    },
    {
      name: "a client-only helper module of async functions: 'use server' offered (neither preferred nor safe); the fixed project is clean",
      files: clientPageUsing('users', { '/ws/lib/users.ts': usersHelper }),
      errors: [
        {
          ruleId: 'env-server-only-in-client',
          severity: 'error',
          file: 'lib/users.ts',
          range: [3, 14, 3, 42],
          message:
            "CLERK_SECRET_KEY is read in client code (a module that only client modules import), but Next.js sends only NEXT_PUBLIC_* variables to the browser: there it is always undefined. Read it on the server (the Server Component that renders this code, a Route Handler or a Server Action) and pass down only what the client needs. It holds a secret: never rename it NEXT_PUBLIC_*. The quick fix turns this module's functions into Server Actions, which anyone can call: check the caller (auth()) in each.",
          fixes: [
            {
              title: "Run this module on the server ('use server'): its exported functions become Server Actions",
              output: {
                'lib/users.ts':
                  "'use server';\n\nimport { z } from 'zod';\n\nexport async function use() {\n  const key = process.env.CLERK_SECRET_KEY;\n  const response = await fetch('https://api.clerk.com/v1/users', { headers: { Authorization: `Bearer ${key}` } });\n  return z.array(z.object({ id: z.string() })).parse(await response.json());\n}\n",
              },
              safe: false,
              preferred: false,
              after: [],
            },
          ],
        },
      ],
    },
    ...noUseServerFix.map(({ helper, range }, index) => ({
      name: `no 'use server' fix #${index}: ${helper.split('\n')[0]}`,
      files: clientPageUsing('helper', { '/ws/lib/helper.ts': helper }),
      errors: [{ severity: 'error' as const, file: 'lib/helper.ts', range, message: /is read in client code \(a module that only client modules import\)/ }],
    })),
  ],
});
