import * as assert from 'node:assert/strict';
import { getEnvReads } from '../../../src/core/parse/facts';
import { parseSource } from '../../../src/core/parse/sourceFile';
import { envMissingRule } from '../../../src/core/rules/env-missing';
import { nextApp, pkDev, ruleTester, whsec, type Files } from '../ruleTester';

const withoutLocal = (files: Files): Files => Object.fromEntries(Object.entries(files).filter(([file]) => file !== '/ws/.env.local'));
const webhookRoute = (args: string) =>
  `import { verifyWebhook } from '@clerk/nextjs/webhooks';\nexport async function POST(req: Request) {\n  await verifyWebhook(${args});\n  return new Response('ok');\n}\n`;
/** The classification fixture of getEnvReads below, read in app code. */
const readsSource = [
  "const a = process.env.A || process.env.B || 'x';",
  "const c = process.env.C ? process.env.C : 'd';",
  "const e = process.env.E === 'true';",
  "const f = process.env.F || '';",
  'function g() { if (!process.env.G) return; use(process.env.G); }',
  "if (!process.env.H) throw new Error('H');",
  'const i = process.env.I ?? process.env.J;',
].join('\n');
const keyless = { '/ws/.env.local': 'CONVEX_DEPLOYMENT=dev:x\nNEXT_PUBLIC_CONVEX_URL=https://x.convex.cloud\n' };

ruleTester.run(envMissingRule, {
  valid: [
    {
      name: 'the getEnvReads fixture with the reported variables (H, I) defined',
      files: nextApp({ '/ws/lib/reads.ts': readsSource, '/ws/.env.local': `NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=${pkDev}\nCLERK_SECRET_KEY=x\nH=1\nI=1\n` }),
    },
    {
      name: 'fallbacks, platform variables, and variables defined in any loaded file',
      files: nextApp({
        '/ws/.env': 'FROM_DOT_ENV=1\n',
        '/ws/lib/env.ts':
          "export const a = process.env.X ?? 'x';\nexport const b = process.env.Y || 'y';\nexport const c = process.env.NODE_ENV;\nexport const d = process.env.VERCEL_URL;\nexport const e = process.env.FROM_DOT_ENV;\n",
      }),
    },
    {
      name: 'convex/ reads are left to env-convex-deployment',
      files: nextApp({
        '/ws/convex/auth.config.ts': 'export default { providers: [{ domain: process.env.CLERK_FRONTEND_API_URL!, applicationID: "convex" }] };\n',
      }),
    },
    {
      name: 'without local env files, keys a README documents',
      files: { ...withoutLocal(nextApp()), '/ws/README.md': 'Set NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY and CLERK_SECRET_KEY.\n' },
    },
    {
      name: 'verifyWebhook with its own signingSecret',
      files: nextApp({
        '/ws/app/api/webhooks/route.ts': webhookRoute('req, { signingSecret: process.env.MY_SECRET! }'),
        '/ws/.env.local': `NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=${pkDev}\nCLERK_SECRET_KEY=x\nMY_SECRET=${whsec}\n`,
      }),
    },
    {
      name: 'a variable the CLI process environment holds (--process-env)',
      files: nextApp({ '/ws/lib/a.ts': 'export const a = process.env.FROM_CI;\n' }),
      settings: { processEnv: { FROM_CI: 'y' } },
    },
  ],
  invalid: [
    {
      name: 'a process.env read no local env file defines, at the reference',
      files: nextApp({ '/ws/app/api/x/route.ts': 'export async function GET() {\n  return Response.json({ u: process.env.API_URL });\n}\n' }),
      errors: [
        {
          ruleId: 'env-missing',
          severity: 'error',
          file: 'app/api/x/route.ts',
          range: [1, 28, 1, 47],
          message:
            'process.env.API_URL is read without a fallback but no env file Next.js loads defines it, so it is undefined at runtime. Add it to .env.local.',
          fixes: [
            {
              title: 'Add API_URL= to .env.local',
              output: {
                '.env.local':
                  'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=pk_test_ZXhhbXBsZS1hcHAtNDIuY2xlcmsuYWNjb3VudHMuZGV2JA\nCLERK_SECRET_KEY=sk_test_FAKEfakeFAKEfakeFAKEfake0123456789abcdefgh\nAPI_URL=\n',
              },
            },
          ],
        },
      ],
    },
    {
      name: 'every read form: element access, a const key, destructuring (not with a default)',
      files: nextApp({
        '/ws/lib/env.ts':
          "const K = 'B_KEY';\nexport const a = process.env['A_KEY'];\nexport const b = process.env[K];\nconst { C_KEY, D_KEY = 'd' } = process.env;\nexport const c = [C_KEY, D_KEY];\n",
      }),
      errors: [
        {
          ruleId: 'env-missing',
          severity: 'error',
          file: 'lib/env.ts',
          range: [1, 17, 1, 37],
          message:
            'process.env.A_KEY is read without a fallback but no env file Next.js loads defines it, so it is undefined at runtime. Add it to .env.local.',
          fixes: [
            {
              title: 'Add A_KEY= to .env.local',
              output: {
                '.env.local':
                  'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=pk_test_ZXhhbXBsZS1hcHAtNDIuY2xlcmsuYWNjb3VudHMuZGV2JA\nCLERK_SECRET_KEY=sk_test_FAKEfakeFAKEfakeFAKEfake0123456789abcdefgh\nA_KEY=\n',
              },
            },
          ],
        },
        {
          ruleId: 'env-missing',
          severity: 'error',
          file: 'lib/env.ts',
          range: [2, 17, 2, 31],
          message:
            'process.env.B_KEY is read without a fallback but no env file Next.js loads defines it, so it is undefined at runtime. Add it to .env.local.',
          fixes: [
            {
              title: 'Add B_KEY= to .env.local',
              output: {
                '.env.local':
                  'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=pk_test_ZXhhbXBsZS1hcHAtNDIuY2xlcmsuYWNjb3VudHMuZGV2JA\nCLERK_SECRET_KEY=sk_test_FAKEfakeFAKEfakeFAKEfake0123456789abcdefgh\nB_KEY=\n',
              },
            },
          ],
        },
        {
          ruleId: 'env-missing',
          severity: 'error',
          file: 'lib/env.ts',
          range: [3, 8, 3, 13],
          message:
            'process.env.C_KEY is read without a fallback but no env file Next.js loads defines it, so it is undefined at runtime. Add it to .env.local.',
          fixes: [
            {
              title: 'Add C_KEY= to .env.local',
              output: {
                '.env.local':
                  'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=pk_test_ZXhhbXBsZS1hcHAtNDIuY2xlcmsuYWNjb3VudHMuZGV2JA\nCLERK_SECRET_KEY=sk_test_FAKEfakeFAKEfakeFAKEfake0123456789abcdefgh\nC_KEY=\n',
              },
            },
          ],
        },
      ],
    },
    {
      name: 'a deleted CLERK_SECRET_KEY, at .env.local: the fix adds it empty to .env.local and the template (then only a warning remains)',
      files: nextApp({ '/ws/.env.local': `NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=${pkDev}\n`, '/ws/.env.example': 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=\n' }),
      errors: [
        {
          ruleId: 'env-missing',
          severity: 'error',
          file: '.env.local',
          range: [0, 0, 0, 88],
          message:
            'CLERK_SECRET_KEY is not defined in any env file Next.js loads, so Clerk throws "Missing secretKey" on the first server call. Add it to .env.local from the Clerk dashboard (API keys).',
          fixes: [
            {
              title: 'Add CLERK_SECRET_KEY= to .env.local and .env.example',
              output: {
                '.env.local': 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=pk_test_ZXhhbXBsZS1hcHAtNDIuY2xlcmsuYWNjb3VudHMuZGV2JA\nCLERK_SECRET_KEY=\n',
                '.env.example': 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=\nCLERK_SECRET_KEY=\n',
              },
            },
          ],
        },
      ],
    },
    {
      name: 'keyless mode when no env file holds any Clerk key (an empty key written by the fix is still keyless)',
      files: nextApp(keyless),
      errors: [
        {
          ruleId: 'env-missing',
          severity: 'warning',
          file: '.env.local',
          range: [0, 0, 0, 23],
          message:
            'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY is not set: Clerk runs in keyless mode in development only; in CI and production it throws "Clerk keys are missing from your environment". Run `npx clerk@latest init` or add the keys from the Clerk dashboard (API keys) to .env.local.',
          fixes: [
            {
              title: 'Add NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY= to .env.local',
              output: { '.env.local': 'CONVEX_DEPLOYMENT=dev:x\nNEXT_PUBLIC_CONVEX_URL=https://x.convex.cloud\nNEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=\n' },
            },
            { title: 'Copy `npx clerk@latest init` to the clipboard', output: {}, clipboardText: 'npx clerk@latest init' },
          ],
        },
        {
          ruleId: 'env-missing',
          severity: 'warning',
          file: '.env.local',
          range: [0, 0, 0, 23],
          message:
            'CLERK_SECRET_KEY is not set: Clerk runs in keyless mode in development only; in CI and production it throws "Clerk keys are missing from your environment". Run `npx clerk@latest init` or add the keys from the Clerk dashboard (API keys) to .env.local.',
          fixes: [
            {
              title: 'Add CLERK_SECRET_KEY= to .env.local',
              output: { '.env.local': 'CONVEX_DEPLOYMENT=dev:x\nNEXT_PUBLIC_CONVEX_URL=https://x.convex.cloud\nCLERK_SECRET_KEY=\n' },
            },
            { title: 'Copy `npx clerk@latest init` to the clipboard', output: {}, clipboardText: 'npx clerk@latest init' },
          ],
        },
      ],
    },
    {
      name: 'CONVEX_SITE_URL read in Next.js code: only the Convex runtime sets it',
      files: nextApp({ '/ws/app/api/x/route.ts': 'export async function GET() {\n  return Response.json({ u: process.env.CONVEX_SITE_URL });\n}\n' }),
      errors: [
        {
          ruleId: 'env-missing',
          severity: 'error',
          file: 'app/api/x/route.ts',
          range: [1, 28, 1, 55],
          message:
            'process.env.CONVEX_SITE_URL is read without a fallback but no env file Next.js loads defines it, so it is undefined at runtime. Add it to .env.local.',
          fixes: [
            {
              title: 'Add CONVEX_SITE_URL= to .env.local',
              output: {
                '.env.local':
                  'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=pk_test_ZXhhbXBsZS1hcHAtNDIuY2xlcmsuYWNjb3VudHMuZGV2JA\nCLERK_SECRET_KEY=sk_test_FAKEfakeFAKEfakeFAKEfake0123456789abcdefgh\nCONVEX_SITE_URL=\n',
              },
            },
          ],
        },
      ],
    },
    {
      name: 'without local env files or template: one warning at the ClerkProvider listing both keys; its fix creates .env.example',
      files: withoutLocal(nextApp()),
      errors: [
        {
          ruleId: 'env-missing',
          severity: 'warning',
          file: 'app/layout.tsx',
          range: [2, 22, 2, 35],
          message:
            'This app needs NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY, CLERK_SECRET_KEY, but no local env file (.env.local) sets them and no env template (.env.example) or README documents them: a fresh clone cannot know what to set. Create .env.example listing them.',
          related: ['app/layout.tsx'],
          fixes: [
            {
              title: 'Create .env.example listing NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY, CLERK_SECRET_KEY',
              output: { '.env.example': 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=\nCLERK_SECRET_KEY=\n' },
            },
          ],
        },
      ],
    },
    {
      name: 'without local env files but with a template: a warning per undocumented variable at its first read',
      files: withoutLocal(
        nextApp({ '/ws/.env.example': 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=\nCLERK_SECRET_KEY=\n', '/ws/lib/a.ts': 'export const a = process.env.API_URL;\n' }),
      ),
      errors: [
        {
          ruleId: 'env-missing',
          severity: 'warning',
          file: 'lib/a.ts',
          range: [0, 17, 0, 36],
          message: 'API_URL is needed but no env file defines or documents it: a fresh clone cannot know to set it. Document it in an example env file.',
          fixes: [{ title: 'Add API_URL= to .env.example', output: { '.env.example': 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=\nCLERK_SECRET_KEY=\nAPI_URL=\n' } }],
        },
      ],
    },
    {
      name: 'CLERK_WEBHOOK_SIGNING_SECRET when verifyWebhook gets no signingSecret',
      files: nextApp({ '/ws/app/api/webhooks/route.ts': webhookRoute('req') }),
      errors: [
        {
          ruleId: 'env-missing',
          severity: 'error',
          file: 'app/api/webhooks/route.ts',
          range: [2, 8, 2, 26],
          message:
            "CLERK_WEBHOOK_SIGNING_SECRET is not defined, and verifyWebhook() reads it when no signingSecret is passed: every delivery fails verification. Add the endpoint's signing secret (whsec_…) to .env.local.",
          fixes: [
            {
              title: 'Add CLERK_WEBHOOK_SIGNING_SECRET= to .env.local',
              output: {
                '.env.local':
                  'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=pk_test_ZXhhbXBsZS1hcHAtNDIuY2xlcmsuYWNjb3VudHMuZGV2JA\nCLERK_SECRET_KEY=sk_test_FAKEfakeFAKEfakeFAKEfake0123456789abcdefgh\nCLERK_WEBHOOK_SIGNING_SECRET=\n',
              },
            },
          ],
        },
      ],
    },
    {
      name: 'next.config env counts as a definition, an unset CI variable does not',
      files: nextApp({
        '/ws/lib/a.ts': 'export const a = process.env.FROM_CONFIG + process.env.FROM_CI;\n',
        '/ws/next.config.ts': "const config = { env: { FROM_CONFIG: 'x' } };\nexport default config;\n",
      }),
      errors: [
        {
          ruleId: 'env-missing',
          severity: 'error',
          file: 'lib/a.ts',
          range: [0, 43, 0, 62],
          message:
            'process.env.FROM_CI is read without a fallback but no env file Next.js loads defines it, so it is undefined at runtime. Add it to .env.local.',
          fixes: [
            {
              title: 'Add FROM_CI= to .env.local',
              output: {
                '.env.local':
                  'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=pk_test_ZXhhbXBsZS1hcHAtNDIuY2xlcmsuYWNjb3VudHMuZGV2JA\nCLERK_SECRET_KEY=sk_test_FAKEfakeFAKEfakeFAKEfake0123456789abcdefgh\nFROM_CI=\n',
              },
            },
          ],
        },
      ],
    },
    {
      name: 'a variable once, at its first read in path order, the other reads related',
      files: nextApp({ '/ws/lib/b.ts': 'export const b = process.env.API_URL!;\n', '/ws/lib/a.ts': 'export const a = process.env.API_URL!;\n' }),
      errors: [
        {
          ruleId: 'env-missing',
          severity: 'error',
          file: 'lib/a.ts',
          range: [0, 17, 0, 36],
          message:
            'process.env.API_URL is read without a fallback but no env file Next.js loads defines it, so it is undefined at runtime. Add it to .env.local.',
          related: ['lib/b.ts'],
          fixes: [
            {
              title: 'Add API_URL= to .env.local',
              output: {
                '.env.local':
                  'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=pk_test_ZXhhbXBsZS1hcHAtNDIuY2xlcmsuYWNjb3VudHMuZGV2JA\nCLERK_SECRET_KEY=sk_test_FAKEfakeFAKEfakeFAKEfake0123456789abcdefgh\nAPI_URL=\n',
              },
            },
          ],
        },
      ],
    },
    {
      name: '@clerk/nextjs >= 7.8.0 without any key: keyless warning quoting the thrown error, with `npx clerk@latest init` to copy',
      files: nextApp({ '/ws/.env.local': 'NEXT_PUBLIC_CONVEX_URL=https://x.convex.cloud\n' }),
      errors: [
        {
          ruleId: 'env-missing',
          severity: 'warning',
          file: '.env.local',
          range: [0, 0, 0, 45],
          message:
            'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY is not set: Clerk runs in keyless mode in development only; in CI and production it throws "Clerk keys are missing from your environment". Run `npx clerk@latest init` or add the keys from the Clerk dashboard (API keys) to .env.local.',
          fixes: [
            {
              title: 'Add NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY= to .env.local',
              output: { '.env.local': 'NEXT_PUBLIC_CONVEX_URL=https://x.convex.cloud\nNEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=\n' },
            },
            { title: 'Copy `npx clerk@latest init` to the clipboard', output: {}, clipboardText: 'npx clerk@latest init' },
          ],
        },
        {
          ruleId: 'env-missing',
          severity: 'warning',
          file: '.env.local',
          range: [0, 0, 0, 45],
          message:
            'CLERK_SECRET_KEY is not set: Clerk runs in keyless mode in development only; in CI and production it throws "Clerk keys are missing from your environment". Run `npx clerk@latest init` or add the keys from the Clerk dashboard (API keys) to .env.local.',
          fixes: [
            { title: 'Add CLERK_SECRET_KEY= to .env.local', output: { '.env.local': 'NEXT_PUBLIC_CONVEX_URL=https://x.convex.cloud\nCLERK_SECRET_KEY=\n' } },
            { title: 'Copy `npx clerk@latest init` to the clipboard', output: {}, clipboardText: 'npx clerk@latest init' },
          ],
        },
      ],
    },
    {
      name: '@clerk/nextjs 6 without any key: no `npx clerk` command',
      files: nextApp({ '/ws/.env.local': 'OTHER=1\n' }, '6.12.6'),
      errors: [
        {
          ruleId: 'env-missing',
          severity: 'warning',
          file: '.env.local',
          range: [0, 0, 0, 7],
          message:
            'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY is not set: Clerk runs in keyless mode in development, but production needs both keys. Add it to .env.local from the Clerk dashboard (API keys).',
          fixes: [{ title: 'Add NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY= to .env.local', output: { '.env.local': 'OTHER=1\nNEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=\n' } }],
        },
        {
          ruleId: 'env-missing',
          severity: 'warning',
          file: '.env.local',
          range: [0, 0, 0, 7],
          message:
            'CLERK_SECRET_KEY is not set: Clerk runs in keyless mode in development, but production needs both keys. Add it to .env.local from the Clerk dashboard (API keys).',
          fixes: [{ title: 'Add CLERK_SECRET_KEY= to .env.local', output: { '.env.local': 'OTHER=1\nCLERK_SECRET_KEY=\n' } }],
        },
      ],
    },
    {
      name: "in a monorepo, the app's missing NEXT_PUBLIC_CONVEX_URL points at the Convex package's CONVEX_URL",
      files: {
        '/ws/package.json': '{ "workspaces": ["apps/*", "packages/*"] }',
        '/ws/apps/web/package.json': JSON.stringify({ dependencies: { next: '16.4.6', convex: '1.48.0' } }),
        '/ws/apps/web/.env.local': 'OTHER=1\n',
        '/ws/apps/web/app/providers.tsx':
          "'use client';\nimport { ConvexReactClient } from 'convex/react';\nexport const c = new ConvexReactClient(process.env.NEXT_PUBLIC_CONVEX_URL!);\n",
        '/ws/packages/backend/package.json': JSON.stringify({ dependencies: { convex: '1.48.0' } }),
        '/ws/packages/backend/.env.local': 'CONVEX_DEPLOYMENT=dev:x\nCONVEX_URL=https://x.convex.cloud\n',
        '/ws/packages/backend/convex/messages.ts': 'export const x = 1;\n',
      },
      errors: [
        {
          ruleId: 'env-missing',
          severity: 'error',
          file: 'apps/web/app/providers.tsx',
          range: [2, 39, 2, 73],
          message:
            'process.env.NEXT_PUBLIC_CONVEX_URL is read without a fallback but no env file Next.js loads defines it, so it is undefined at runtime. Add it to .env.local.',
          related: ['packages/backend/.env.local'],
          fixes: [{ title: 'Add NEXT_PUBLIC_CONVEX_URL= to .env.local', output: { 'apps/web/.env.local': 'OTHER=1\nNEXT_PUBLIC_CONVEX_URL=\n' } }],
        },
      ],
    },
    {
      name: "the getEnvReads fixture: default chains, ternaries, tests, guarded reads and `|| ''` are silent; the throw-asserted read and a `??` between two reads (once, at the first) are reported",
      files: nextApp({ '/ws/lib/reads.ts': readsSource }),
      errors: [
        {
          ruleId: 'env-missing',
          severity: 'error',
          file: 'lib/reads.ts',
          range: [5, 5, 5, 18],
          message: 'process.env.H is read without a fallback but no env file Next.js loads defines it, so it is undefined at runtime. Add it to .env.local.',
          fixes: [
            {
              title: 'Add H= to .env.local',
              output: {
                '.env.local':
                  'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=pk_test_ZXhhbXBsZS1hcHAtNDIuY2xlcmsuYWNjb3VudHMuZGV2JA\nCLERK_SECRET_KEY=sk_test_FAKEfakeFAKEfakeFAKEfake0123456789abcdefgh\nH=\n',
              },
            },
          ],
        },
        {
          ruleId: 'env-missing',
          severity: 'error',
          file: 'lib/reads.ts',
          range: [6, 10, 6, 23],
          message: 'process.env.I is read without a fallback but no env file Next.js loads defines it, so it is undefined at runtime. Add it to .env.local.',
          fixes: [
            {
              title: 'Add I= to .env.local',
              output: {
                '.env.local':
                  'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=pk_test_ZXhhbXBsZS1hcHAtNDIuY2xlcmsuYWNjb3VudHMuZGV2JA\nCLERK_SECRET_KEY=sk_test_FAKEfakeFAKEfakeFAKEfake0123456789abcdefgh\nI=\n',
              },
            },
          ],
        },
      ],
    },
  ],
});

describe('env-missing: reading env variables', () => {
  it("classifies optional reads: chain defaults, ternaries, tests, guarded reads; throw-asserted and `|| ''` stay apart", () => {
    const source = parseSource(
      '/a.ts',
      [
        "const a = process.env.A || process.env.B || 'x';",
        "const c = process.env.C ? process.env.C : 'd';",
        "const e = process.env.E === 'true';",
        "const f = process.env.F || '';",
        'function g() { if (!process.env.G) return; use(process.env.G); }',
        "if (!process.env.H) throw new Error('H');",
        'const i = process.env.I ?? process.env.J;',
      ].join('\n'),
    );
    assert.deepEqual(
      getEnvReads(source).map((r) => [r.name, r.optional ?? '-', r.alternatives.join()]),
      [
        ['A', 'default', 'B'],
        ['B', 'default', 'A'],
        ['C', 'test', ''],
        ['C', 'test', ''],
        ['E', 'test', ''],
        ['F', 'empty-default', ''],
        ['G', 'test', ''],
        ['G', 'test', ''],
        ['H', '-', ''],
        ['I', '-', 'J'],
        ['J', '-', 'I'],
      ],
    );
  });

  it('stays linear on huge expressions: a 5,000-operand `||` chain is classified in one pass', () => {
    const source = parseSource('/big.ts', `export const x = ${Array.from({ length: 5000 }, (_, i) => `process.env.A${i % 50}`).join(' || ')} || 'd';\n`);
    const started = Date.now();
    const reads = getEnvReads(source);
    assert.equal(reads.length, 5000);
    assert.ok(reads.every((read) => read.optional === 'default' && read.alternatives.length <= 20));
    assert.ok(Date.now() - started < 10_000);
  });
});
