import { describePatterns, packageJson, type Files, type PatternCase } from './harness';

/**
 * Issue 10, part A and E1: env-missing and env-convex-deployment on the patterns real projects
 * showed, each as a small project written for the test.
 */

const pk = 'pk_test_ZXhhbXBsZS1hcHAtNDIuY2xlcmsuYWNjb3VudHMuZGV2JA';
const sk = 'sk_test_FAKEfakeFAKEfakeFAKEfake0123456789abcdefgh';
const keys = `NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=${pk}\nCLERK_SECRET_KEY=${sk}\n`;
const deps = (clerk = '7.9.17') => ({ next: '16.4.6', '@clerk/nextjs': clerk, convex: '1.48.0' });
const layout = `import { ClerkProvider } from '@clerk/nextjs';

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <ClerkProvider>
      <html lang="en"><body>{children}</body></html>
    </ClerkProvider>
  );
}
`;
const route = (body: string) => `export async function GET() {\n${body}\n  return Response.json({ ok: true });\n}\n`;
const env = ['env-missing'];
const both = ['env-missing', 'env-convex-deployment'];

/** A Next.js + Clerk app with both keys in .env.local. */
function app(files: Files, clerk?: string): Files {
  return { 'package.json': packageJson(deps(clerk)), 'app/layout.tsx': layout, '.env.local': keys, ...files };
}

/** The same app as a fresh clone: no local env file. */
function clone(files: Files): Files {
  const { '.env.local': _local, ...rest } = app(files);
  return rest;
}

const apiRead = { 'app/api/data/route.ts': route('  await fetch(process.env.API_URL!);') };
const documented = (name: string, text: string): PatternCase => ({
  name: `documentation in ${name} counts`,
  files: clone({ ...apiRead, [name]: text }),
  expect: [],
  rules: env,
});

describePatterns('env-missing: where projects document variables (A1)', [
  documented('.example.env', 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=\nCLERK_SECRET_KEY=\nAPI_URL=\n'),
  documented('env.example', 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=\nCLERK_SECRET_KEY=\nAPI_URL=\n'),
  documented('.env.local.template', 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=\nCLERK_SECRET_KEY=\nAPI_URL=\n'),
  documented('docs/setup.md', '# Setup\n\nSet `NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY`, `CLERK_SECRET_KEY` and `API_URL`.\n'),
  documented('CONTRIBUTING.md', 'You need NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY, CLERK_SECRET_KEY, API_URL.\n'),
  {
    name: 'a backup file is no template: the fresh clone gets one warning listing what is undocumented',
    files: clone({ ...apiRead, '.env.backup': 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=\nCLERK_SECRET_KEY=\nAPI_URL=\n' }),
    expect: [
      {
        rule: 'env-missing',
        severity: 'warning',
        file: 'app/api/data/route.ts',
        line: 'process.env.API_URL',
        message: /API_URL, NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY, CLERK_SECRET_KEY.*\.env\.example/,
      },
    ],
    rules: env,
  },
  {
    name: 'a Markdown mention of a longer name does not document the variable',
    files: clone({ ...apiRead, '.env.example': 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=\nCLERK_SECRET_KEY=\n', 'README.md': 'Set API_URL_V2 to the API.\n' }),
    expect: [{ rule: 'env-missing', severity: 'warning', file: 'app/api/data/route.ts', line: 'process.env.API_URL' }],
    rules: env,
  },
  {
    name: 't3-env createEnv schema keys document the variables',
    files: clone({
      'env.ts': `import { createEnv } from '@t3-oss/env-nextjs';
import { z } from 'zod';

export const env = createEnv({
  server: { CLERK_SECRET_KEY: z.string(), API_URL: z.string().url() },
  client: { NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: z.string() },
  runtimeEnv: {
    CLERK_SECRET_KEY: process.env.CLERK_SECRET_KEY,
    API_URL: process.env.API_URL,
    NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY: process.env.NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY,
  },
});
`,
    }),
    expect: [],
    rules: env,
  },
  {
    name: 'a t3-env key with .optional() is not required even where .env.local lacks it',
    files: app({
      'env.ts': `import { createEnv } from '@t3-oss/env-nextjs';
import { z } from 'zod';

export const env = createEnv({
  server: { SENTRY_DSN: z.string().optional() },
  runtimeEnv: { SENTRY_DSN: process.env.SENTRY_DSN },
});
`,
    }),
    expect: [],
    rules: env,
  },
  {
    name: 'turbo.json globalEnv documents the variables',
    files: clone({
      ...apiRead,
      'turbo.json':
        '{\n  // shared by every task\n  "globalEnv": ["NEXT_PUBLIC_CLERK_*", "CLERK_SECRET_KEY"],\n  "tasks": { "build": { "env": ["API_URL"] } }\n}\n',
    }),
    expect: [],
    rules: env,
  },
  {
    name: "a monorepo app is documented by the workspace root's README",
    files: {
      'package.json': packageJson({}, { workspaces: ['apps/*'] }),
      'README.md': '## Environment\n\nNEXT_PUBLIC_CLERK_PUBLISHABLE_KEY, CLERK_SECRET_KEY and API_URL go in apps/web/.env.local.\n',
      'apps/web/package.json': packageJson(deps()),
      'apps/web/app/layout.tsx': layout,
      'apps/web/app/api/data/route.ts': route('  await fetch(process.env.API_URL!);'),
    },
    expect: [],
    rules: env,
  },
]);

const convexProvider = `'use client';
import { ConvexReactClient, ConvexProvider } from 'convex/react';

const convex = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);

export function Providers({ children }: { children: React.ReactNode }) {
  return <ConvexProvider client={convex}>{children}</ConvexProvider>;
}
`;
const convexFunctions = {
  'convex/messages.ts':
    "import { query } from './_generated/server';\n\nexport const list = query({ args: {}, handler: async (ctx) => ctx.db.query('messages').collect() });\n",
};

describePatterns('env-missing: variables `npx convex dev` writes (A2)', [
  {
    name: 'single Next app with a `convex dev` script: NEXT_PUBLIC_CONVEX_URL is never undocumented',
    files: clone({
      'package.json': packageJson(deps(), { scripts: { dev: 'npm-run-all --parallel dev:*', 'dev:backend': 'convex dev' } }),
      'app/providers.tsx': convexProvider,
      '.env.example': 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=\nCLERK_SECRET_KEY=\n',
      ...convexFunctions,
    }),
    expect: [],
    rules: env,
  },
  {
    name: 'without a script running `convex dev`: only an info, at the read',
    files: app({ 'app/providers.tsx': convexProvider, ...convexFunctions }),
    expect: [{ rule: 'env-missing', severity: 'info', file: 'app/providers.tsx', line: 'process.env.NEXT_PUBLIC_CONVEX_URL', message: /npx convex dev/ }],
    levels: ['error', 'warning', 'info'],
    rules: env,
  },
  {
    name: "in a monorepo the app's NEXT_PUBLIC_CONVEX_URL is a normal required variable",
    files: {
      'package.json': packageJson({}, { workspaces: ['apps/*', 'packages/*'] }),
      'apps/web/package.json': packageJson({ next: '16.4.6', '@clerk/nextjs': '7.9.17', convex: '1.48.0' }),
      'apps/web/app/layout.tsx': layout,
      'apps/web/app/providers.tsx': convexProvider,
      'apps/web/.env.local': keys,
      'packages/backend/package.json': packageJson({ convex: '1.48.0' }, { scripts: { dev: 'convex dev' } }),
      'packages/backend/.env.local': 'CONVEX_DEPLOYMENT=dev:example-otter-123\nCONVEX_URL=https://example-otter-123.convex.cloud\n',
      'packages/backend/convex/messages.ts': convexFunctions['convex/messages.ts'],
    },
    expect: [{ rule: 'env-missing', severity: 'error', file: 'apps/web/app/providers.tsx', line: 'process.env.NEXT_PUBLIC_CONVEX_URL' }],
    rules: env,
  },
]);

describePatterns('env-missing: optional is not required (A3)', [
  {
    name: 'defaults anywhere in a chain, ternaries, equality and presence tests, guarded reads',
    files: app({
      'lib/config.ts': `export const apiUrl = process.env.API_URL || process.env.API_HOST || 'http://localhost:3000';
export const region = process.env.REGION ? process.env.REGION : 'eu';
export const beta = process.env.BETA === 'true';
export const debug = Boolean(process.env.DEBUG);
export const prefix = process.env.PREFIX || '';

export function initSentry(init: (dsn: string) => void) {
  if (!process.env.SENTRY_DSN) return;
  init(process.env.SENTRY_DSN);
}
`,
    }),
    expect: [],
    rules: env,
  },
  {
    name: "`|| ''` on a secret is no real default",
    files: app({ 'lib/stripe.ts': "export const stripeKey = process.env.STRIPE_SECRET_KEY || '';\n" }),
    expect: [{ rule: 'env-missing', severity: 'error', file: 'lib/stripe.ts', line: 'process.env.STRIPE_SECRET_KEY' }],
    rules: env,
  },
  {
    name: '`if (!X) throw` asserts the variable: it stays required',
    files: app({ 'lib/api.ts': "if (!process.env.API_URL) {\n  throw new Error('Missing API_URL');\n}\nexport const api = new URL(process.env.API_URL);\n" }),
    expect: [{ rule: 'env-missing', severity: 'error', file: 'lib/api.ts', line: 'if (!process.env.API_URL)' }],
    rules: env,
  },
  {
    name: 'a chain is satisfied when any operand is defined',
    files: app({
      'lib/db.ts': 'export const url = process.env.DATABASE_URL ?? process.env.POSTGRES_URL;\n',
      '.env.local': `${keys}POSTGRES_URL=postgres://localhost/app\n`,
    }),
    expect: [],
    rules: env,
  },
  {
    name: 'a chain with no operand defined is reported once, at its first read',
    files: app({ 'lib/db.ts': 'export const url = process.env.DATABASE_URL ?? process.env.POSTGRES_URL;\n' }),
    expect: [{ rule: 'env-missing', severity: 'error', file: 'lib/db.ts', line: 'process.env.DATABASE_URL' }],
    rules: env,
  },
]);

describePatterns('env-missing: required by use, not by package.json (A4)', [
  {
    name: '@clerk/nextjs listed but unused, Convex used: no Clerk key is required',
    files: {
      'package.json': packageJson(deps()),
      'app/providers.tsx': convexProvider,
      '.env.local': 'NEXT_PUBLIC_CONVEX_URL=https://example-otter-123.convex.cloud\n',
    },
    expect: [],
    rules: env,
  },
  {
    name: 'verifyWebhook alone needs only CLERK_WEBHOOK_SIGNING_SECRET',
    files: {
      'package.json': packageJson(deps()),
      '.env.local': 'NEXT_PUBLIC_CONVEX_URL=https://example-otter-123.convex.cloud\n',
      'app/api/webhooks/route.ts':
        "import { verifyWebhook } from '@clerk/nextjs/webhooks';\n\nexport async function POST(req: Request) {\n  const event = await verifyWebhook(req);\n  return Response.json({ type: event.type });\n}\n",
    },
    expect: [
      { rule: 'env-missing', severity: 'error', file: 'app/api/webhooks/route.ts', line: 'await verifyWebhook(req)', message: /CLERK_WEBHOOK_SIGNING_SECRET/ },
    ],
    rules: env,
  },
  {
    name: 'an app using neither Clerk nor Convex gets nothing',
    files: { 'package.json': packageJson({ next: '16.4.6' }), '.env.local': 'OTHER=1\n', ...apiRead },
    expect: [],
    rules: env,
  },
]);

describePatterns('env-missing: one finding per variable per project (A5)', [
  {
    name: 'a variable read in three files: one error at the first read in path order',
    files: app({
      'lib/b.ts': 'export const b = process.env.API_URL!;\n',
      'app/api/data/route.ts': route('  await fetch(process.env.API_URL!);'),
      'lib/a.ts': 'export const a = process.env.API_URL!;\n',
    }),
    expect: [{ rule: 'env-missing', severity: 'error', file: 'app/api/data/route.ts', line: 'process.env.API_URL' }],
    rules: env,
  },
  {
    name: 'a deleted CLERK_SECRET_KEY points at .env.local, never at package.json',
    files: app({ '.env.local': `NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=${pk}\n` }),
    expect: [{ rule: 'env-missing', severity: 'error', file: '.env.local', line: 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=', message: /Missing secretKey/ }],
    rules: env,
  },
]);

const convexVars = 'CONVEX_DEPLOYMENT=dev:example-otter-123\nNEXT_PUBLIC_CONVEX_URL=https://example-otter-123.convex.cloud\n';

describePatterns('env-missing: keyless mode by version (A7)', [
  {
    name: '@clerk/nextjs 6.12: no keys at all is keyless mode, a warning',
    files: app({ '.env.local': convexVars }, '6.12.6'),
    expect: [
      { rule: 'env-missing', severity: 'warning', file: '.env.local', line: 'CONVEX_DEPLOYMENT=', message: /keyless/ },
      { rule: 'env-missing', severity: 'warning', file: '.env.local', line: 'CONVEX_DEPLOYMENT=', message: /keyless/ },
    ],
    rules: env,
  },
  {
    name: '@clerk/nextjs 6.5 has no keyless mode: missing keys are errors',
    files: app({ '.env.local': convexVars }, '6.5.0'),
    expect: [
      { rule: 'env-missing', severity: 'error', file: '.env.local', line: 'CONVEX_DEPLOYMENT=' },
      { rule: 'env-missing', severity: 'error', file: '.env.local', line: 'CONVEX_DEPLOYMENT=' },
    ],
    rules: env,
  },
  {
    name: '@clerk/nextjs ≥ 7.8: the message quotes the thrown error and offers `npx clerk@latest init`',
    files: app({ '.env.local': `CLERK_SECRET_KEY=${sk}\n` }),
    expect: [
      {
        rule: 'env-missing',
        severity: 'error',
        file: '.env.local',
        line: 'CLERK_SECRET_KEY=',
        message: /Clerk keys are missing from your environment.*npx clerk@latest init/,
      },
    ],
    rules: env,
  },
]);

const authConfig = 'export default {\n  providers: [{ domain: process.env.CLERK_FRONTEND_API_URL!, applicationID: "convex" }],\n};\n';

describePatterns('env-convex-deployment: what really happens, typed env (A6, E1)', [
  {
    name: 'a variable read by auth.config: the push fails',
    files: app({ 'convex/auth.config.ts': authConfig }),
    expect: [
      {
        rule: 'env-convex-deployment',
        severity: 'warning',
        file: 'convex/auth.config.ts',
        line: 'process.env.CLERK_FRONTEND_API_URL',
        message: /pushing to a deployment without it fails/,
      },
    ],
    rules: both,
  },
  {
    name: 'a variable read by a function: undefined at run time (not "a deploy fails")',
    files: app({
      'convex/ai.ts':
        "import { action } from './_generated/server';\n\nexport const ask = action({ args: {}, handler: async () => fetch('https://api.example.com', { headers: { key: process.env.AI_API_KEY! } }) });\n",
    }),
    expect: [{ rule: 'env-convex-deployment', severity: 'warning', file: 'convex/ai.ts', line: 'process.env.AI_API_KEY', message: /undefined at run time/ }],
    rules: both,
  },
  {
    name: 'a read with a default is optional: info at most',
    files: app({ 'convex/ai.ts': "export const model = process.env.AI_MODEL ?? 'small';\n" }),
    expect: [],
    rules: both,
  },
  {
    name: 'typed env: env.X from _generated/server is a read, and a defineApp declaration documents it',
    files: app({
      'convex/convex.config.ts':
        "import { defineApp } from 'convex/server';\nimport { v } from 'convex/values';\n\nconst app = defineApp({ env: { AI_API_KEY: v.string(), AI_MODEL: v.optional(v.string()) } });\nexport default app;\n",
      'convex/ai.ts':
        "import { action, env } from './_generated/server';\n\nexport const ask = action({ args: {}, handler: async () => fetch(env.CONVEX_SITE_URL + '/x', { headers: { key: env.AI_API_KEY } }) });\n",
    }),
    expect: [],
    rules: both,
  },
  {
    name: 'typed env without a declaration: env.X undocumented is flagged at the read',
    files: app({
      'convex/ai.ts':
        "import { action, env } from './_generated/server';\n\nexport const ask = action({ args: {}, handler: async () => fetch(env.CONVEX_CLOUD_URL, { headers: { key: env.AI_API_KEY } }) });\n",
    }),
    expect: [{ rule: 'env-convex-deployment', severity: 'warning', file: 'convex/ai.ts', line: 'env.AI_API_KEY' }],
    rules: both,
  },
  {
    name: "a standalone Convex package is documented by the workspace root's docs",
    files: {
      'package.json': packageJson({}, { workspaces: ['packages/*'] }),
      'docs/deploy.md': 'Set CLERK_WEBHOOK_SECRET on the Convex deployment.\n',
      'packages/backend/package.json': packageJson({ convex: '1.48.0' }),
      'packages/backend/convex/http.ts': 'export const secret = process.env.CLERK_WEBHOOK_SECRET!;\n',
    },
    expect: [],
    rules: both,
  },
  {
    name: 'a variable set only in .env.production is info (undefined under next dev by choice), not an error',
    files: app({ ...apiRead, '.env.production': 'API_URL=https://api.example.com\n' }),
    expect: [{ rule: 'env-missing', severity: 'info', file: 'app/api/data/route.ts', line: 'process.env.API_URL', message: /only in \.env\.production/ }],
    levels: ['error', 'warning', 'info'],
    rules: env,
  },
  {
    name: 'near miss of the above: nothing sets it anywhere, an error',
    files: app(apiRead),
    expect: [{ rule: 'env-missing', severity: 'error', file: 'app/api/data/route.ts', line: 'process.env.API_URL' }],
    rules: env,
  },
  {
    name: "other tools' configs and stand-alone scripts are not app code",
    files: app({
      'drizzle.config.ts': 'export default { dbCredentials: { url: process.env.DATABASE_URL! } };\n',
      'scripts/seed.ts': 'console.log(process.env.SEED_TOKEN!);\n',
    }),
    expect: [],
    rules: env,
  },
  {
    name: 'near miss: a read in the app itself is still needed',
    files: app({ 'lib/db.ts': 'export const url = process.env.DATABASE_URL!;\n' }),
    expect: [{ rule: 'env-missing', severity: 'error', file: 'lib/db.ts', line: 'process.env.DATABASE_URL' }],
    rules: env,
  },
  {
    name: 'a committed .env (not git-ignored) is no developer env: a variable it lacks but a comment names is silent',
    files: clone({ ...apiRead, '.env': `NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=${pk}\n# CLERK_SECRET_KEY=\n# API_URL=\n` }),
    expect: [],
    rules: env,
  },
  {
    name: "near miss: the same .env, git-ignored, is the developer's own: the variable is missing (error)",
    files: clone({ ...apiRead, '.gitignore': '.env\n', '.env': `NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=${pk}\nCLERK_SECRET_KEY=${sk}\n# API_URL=\n` }),
    expect: [{ rule: 'env-missing', severity: 'error', file: 'app/api/data/route.ts', line: 'process.env.API_URL' }],
    rules: env,
  },
  {
    name: 'reads after `if (X === undefined || Y === undefined) { …; return; }` are optional',
    files: app({
      'app/api/data/route.ts': route(
        "  if (process.env.MAIL_KEY === undefined || process.env.SITE_URL === undefined) {\n    console.error('mail is not set up');\n    return Response.json({ ok: false });\n  }\n  await fetch(`${process.env.SITE_URL}/mail?key=${process.env.MAIL_KEY}`);",
      ),
    }),
    expect: [],
    rules: env,
  },
  {
    name: 'reads inside a block behind an env feature flag are optional',
    files: app({
      'lib/telemetry.ts':
        'export const options = {};\nif (!process.env.NEXT_PUBLIC_TELEMETRY_DISABLED) {\n  Object.assign(options, { org: process.env.TELEMETRY_ORG });\n}\n',
    }),
    expect: [],
    rules: env,
  },
  {
    name: 'near miss: the same read outside the flag block is required',
    files: app({ 'lib/telemetry.ts': 'export const options = { org: process.env.TELEMETRY_ORG };\n' }),
    expect: [{ rule: 'env-missing', severity: 'error', file: 'lib/telemetry.ts', line: 'process.env.TELEMETRY_ORG' }],
    rules: env,
  },
]);
