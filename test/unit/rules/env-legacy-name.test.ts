import { envLegacyNameRule } from '../../../src/core/rules/env-legacy-name';
import { nextApp, ruleTester, whsec, type Files } from '../ruleTester';

const webhookRoute =
  "import { verifyWebhook } from '@clerk/nextjs/webhooks';\nexport async function POST(req: Request) {\n  await verifyWebhook(req);\n  return new Response('ok');\n}\n";
const withLocal = (files: Files, extra: string): Files => ({ ...files, '/ws/.env.local': files['/ws/.env.local'] + extra });
const signInEnv =
  'NEXT_PUBLIC_CLERK_AFTER_SIGN_IN_URL=/dashboard\nNEXT_PUBLIC_CLERK_AFTER_SIGN_IN_URL_EXTRA=1\nCLERK_FRONTEND_API_URL=https://x.clerk.accounts.dev\n';
const signInCode = { '/ws/lib/a.ts': 'export const a = process.env.NEXT_PUBLIC_CLERK_AFTER_SIGN_IN_URL;\n' };
const core1Env = { '/ws/.env': 'CLERK_API_KEY=sk_test_x\nNEXT_PUBLIC_CLERK_FRONTEND_API=clerk.x.lcl.dev\n' };

ruleTester.run(envLegacyNameRule, {
  valid: [
    {
      name: 'CLERK_WEBHOOK_SECRET read by name in code (Convex http.ts)',
      files: withLocal(
        nextApp({ '/ws/app/api/webhooks/route.ts': webhookRoute, '/ws/convex/http.ts': 'export const s = process.env.CLERK_WEBHOOK_SECRET!;\n' }),
        `CLERK_WEBHOOK_SECRET=${whsec}\n`,
      ),
    },
    { name: 'CLERK_WEBHOOK_SECRET without any verifyWebhook call', files: withLocal(nextApp(), `CLERK_WEBHOOK_SECRET=${whsec}\n`) },
    { name: 'AFTER_SIGN_IN_URL before @clerk/nextjs 7', files: nextApp({ '/ws/.env': signInEnv, ...signInCode }, '6.30.0') },
    {
      name: 'a legacy name the app reads itself (its own variable)',
      files: nextApp({ '/ws/.env': 'CLERK_API_KEY=internal-token\n', '/ws/lib/api.ts': 'export const key = process.env.CLERK_API_KEY;\n' }),
    },
  ],
  invalid: [
    {
      name: 'CLERK_WEBHOOK_SECRET while verifyWebhook reads only CLERK_WEBHOOK_SIGNING_SECRET; the rename covers .env.local and the template',
      files: withLocal(
        nextApp({ '/ws/app/api/webhooks/route.ts': webhookRoute, '/ws/.env.example': 'CLERK_WEBHOOK_SECRET=\n' }),
        `CLERK_WEBHOOK_SECRET=${whsec}\n`,
      ),
      errors: [
        {
          ruleId: 'env-legacy-name',
          severity: 'warning',
          file: '.env.example',
          range: [0, 0, 0, 20],
          message:
            'CLERK_WEBHOOK_SECRET is never read: verifyWebhook() without a signingSecret option reads only CLERK_WEBHOOK_SIGNING_SECRET, so every webhook fails verification. Rename it.',
          fixes: [
            {
              title: 'Rename CLERK_WEBHOOK_SECRET to CLERK_WEBHOOK_SIGNING_SECRET',
              output: {
                '.env.local':
                  'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=pk_test_ZXhhbXBsZS1hcHAtNDIuY2xlcmsuYWNjb3VudHMuZGV2JA\nCLERK_SECRET_KEY=sk_test_FAKEfakeFAKEfakeFAKEfake0123456789abcdefgh\nCLERK_WEBHOOK_SIGNING_SECRET=whsec_RkFLRWZha2VGQUtFZmFrZUZBS0VmYWtlMDEyMzQ1Njc=\n',
                '.env.example': 'CLERK_WEBHOOK_SIGNING_SECRET=\n',
              },
            },
          ],
        },
        {
          ruleId: 'env-legacy-name',
          severity: 'warning',
          file: '.env.local',
          range: [2, 0, 2, 20],
          message:
            'CLERK_WEBHOOK_SECRET is never read: verifyWebhook() without a signingSecret option reads only CLERK_WEBHOOK_SIGNING_SECRET, so every webhook fails verification. Rename it.',
          fixes: [
            {
              title: 'Rename CLERK_WEBHOOK_SECRET to CLERK_WEBHOOK_SIGNING_SECRET',
              output: {
                '.env.local':
                  'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=pk_test_ZXhhbXBsZS1hcHAtNDIuY2xlcmsuYWNjb3VudHMuZGV2JA\nCLERK_SECRET_KEY=sk_test_FAKEfakeFAKEfakeFAKEfake0123456789abcdefgh\nCLERK_WEBHOOK_SIGNING_SECRET=whsec_RkFLRWZha2VGQUtFZmFrZUZBS0VmYWtlMDEyMzQ1Njc=\n',
                '.env.example': 'CLERK_WEBHOOK_SIGNING_SECRET=\n',
              },
            },
          ],
        },
      ],
    },
    {
      name: 'AFTER_SIGN_IN_URL on @clerk/nextjs 7+, matched exactly; the fix renames code references too',
      files: nextApp({ '/ws/.env': signInEnv, ...signInCode }),
      errors: [
        {
          ruleId: 'env-legacy-name',
          severity: 'warning',
          file: '.env',
          range: [0, 0, 0, 35],
          message:
            'NEXT_PUBLIC_CLERK_AFTER_SIGN_IN_URL is ignored by @clerk/nextjs 7 (Core 3), so users land on the default page after signing in or up. Use NEXT_PUBLIC_CLERK_SIGN_IN_FALLBACK_REDIRECT_URL (or the *_FORCE_REDIRECT_URL variant).',
          fixes: [
            {
              title: 'Rename NEXT_PUBLIC_CLERK_AFTER_SIGN_IN_URL to NEXT_PUBLIC_CLERK_SIGN_IN_FALLBACK_REDIRECT_URL',
              output: {
                '.env':
                  'NEXT_PUBLIC_CLERK_SIGN_IN_FALLBACK_REDIRECT_URL=/dashboard\nNEXT_PUBLIC_CLERK_AFTER_SIGN_IN_URL_EXTRA=1\nCLERK_FRONTEND_API_URL=https://x.clerk.accounts.dev\n',
                'lib/a.ts': 'export const a = process.env.NEXT_PUBLIC_CLERK_SIGN_IN_FALLBACK_REDIRECT_URL;\n',
              },
            },
          ],
        },
      ],
    },
    {
      name: 'CLERK_API_KEY and CLERK_FRONTEND_API: no rename while CLERK_SECRET_KEY exists, no mechanical fix for the latter',
      files: nextApp({ '/ws/.env': 'CLERK_API_KEY=sk_test_x\nCLERK_FRONTEND_API=clerk.x.lcl.dev\n' }),
      errors: [
        {
          ruleId: 'env-legacy-name',
          severity: 'warning',
          file: '.env',
          range: [0, 0, 0, 13],
          message:
            'CLERK_API_KEY is the pre-2022 name; current Clerk SDKs read only CLERK_SECRET_KEY, so the server has no secret key. Rename it to CLERK_SECRET_KEY.',
        },
        {
          ruleId: 'env-legacy-name',
          severity: 'warning',
          file: '.env',
          range: [1, 0, 1, 18],
          message:
            'CLERK_FRONTEND_API is no longer read: current Clerk SDKs derive the Frontend API from NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY. Set the publishable key from the Clerk dashboard and remove this variable.',
        },
      ],
    },
    {
      name: 'Core 1 names on @clerk/nextjs 4, which still reads them: info',
      files: nextApp(core1Env, '4.31.8'),
      errors: [
        {
          ruleId: 'env-legacy-name',
          severity: 'info',
          file: '.env',
          range: [0, 0, 0, 13],
          message:
            'CLERK_API_KEY is still read by @clerk/nextjs 4.31.8 but deprecated: from the next major only CLERK_SECRET_KEY is read. Rename it to CLERK_SECRET_KEY when you upgrade.',
        },
        {
          ruleId: 'env-legacy-name',
          severity: 'info',
          file: '.env',
          range: [1, 0, 1, 30],
          message:
            'NEXT_PUBLIC_CLERK_FRONTEND_API is still read by @clerk/nextjs 4.31.8 but deprecated: from the next major the Frontend API comes from NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY. Set the publishable key before you upgrade.',
        },
      ],
    },
    {
      name: 'Core 1 names on @clerk/nextjs 5.0.0, which reads neither: warning',
      files: nextApp(core1Env, '5.0.0'),
      errors: [
        {
          ruleId: 'env-legacy-name',
          severity: 'warning',
          file: '.env',
          range: [0, 0, 0, 13],
          message:
            'CLERK_API_KEY is the pre-2022 name; current Clerk SDKs read only CLERK_SECRET_KEY, so the server has no secret key. Rename it to CLERK_SECRET_KEY.',
        },
        {
          ruleId: 'env-legacy-name',
          severity: 'warning',
          file: '.env',
          range: [1, 0, 1, 30],
          message:
            'NEXT_PUBLIC_CLERK_FRONTEND_API is no longer read: current Clerk SDKs derive the Frontend API from NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY. Set the publishable key from the Clerk dashboard and remove this variable.',
        },
      ],
    },
    {
      name: 'a standalone package on the Core 1 Node SDK (no Next app): info',
      files: {
        '/ws/package.json': JSON.stringify({ dependencies: { '@clerk/clerk-sdk-node': '^4.13.0', convex: '1.48.0' } }),
        '/ws/convex/users.ts': 'export const x = 1;\n',
        '/ws/.env': 'CLERK_API_KEY=sk_test_x\n',
      },
      errors: [
        {
          ruleId: 'env-legacy-name',
          severity: 'info',
          file: '.env',
          range: [0, 0, 0, 13],
          message:
            'CLERK_API_KEY is still read by @clerk/clerk-sdk-node 4.13.0 but deprecated: from the next major only CLERK_SECRET_KEY is read. Rename it to CLERK_SECRET_KEY when you upgrade.',
          fixes: [{ title: 'Rename CLERK_API_KEY to CLERK_SECRET_KEY', output: { '.env': 'CLERK_SECRET_KEY=sk_test_x\n' } }],
        },
      ],
    },
  ],
});
