import { envConvexDeploymentRule } from '../../../src/core/rules/env-convex-deployment';
import { nextApp, ruleTester, type Files } from '../ruleTester';

const authConfig = 'export default {\n  providers: [{ domain: process.env.CLERK_FRONTEND_API_URL!, applicationID: "convex" }],\n};\n';
const withLocal = (files: Files, extra: string): Files => ({ ...files, '/ws/.env.local': files['/ws/.env.local'] + extra });

ruleTester.run(envConvexDeploymentRule, {
  valid: [
    {
      name: 'a convex/ read a local env file holds',
      files: withLocal(nextApp({ '/ws/convex/auth.config.ts': authConfig }), 'CLERK_FRONTEND_API_URL=https://example-app-42.clerk.accounts.dev\n'),
    },
    { name: 'Convex built-ins', files: nextApp({ '/ws/convex/site.ts': 'export const site = process.env.CONVEX_SITE_URL;\n' }) },
  ],
  invalid: [
    {
      name: 'a convex/ read documented nowhere: copy `npx convex env set` without a value, or document it in .env.local',
      files: nextApp({ '/ws/convex/auth.config.ts': authConfig }),
      errors: [
        {
          ruleId: 'env-convex-deployment',
          severity: 'warning',
          file: 'convex/auth.config.ts',
          range: [1, 24, 1, 58],
          message:
            'CLERK_FRONTEND_API_URL is read by convex/auth.config but documented nowhere: Convex reads it from the deployment (not .env.local), and pushing to a deployment without it fails. Set it with `npx convex env set CLERK_FRONTEND_API_URL` and document it in an example env file.',
          fixes: [
            {
              title: 'Copy `npx convex env set CLERK_FRONTEND_API_URL …` to the clipboard',
              output: {},
              clipboardText: 'npx convex env set CLERK_FRONTEND_API_URL <value>',
            },
            {
              title: 'Add CLERK_FRONTEND_API_URL= to .env.local',
              output: {
                '.env.local':
                  'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=pk_test_ZXhhbXBsZS1hcHAtNDIuY2xlcmsuYWNjb3VudHMuZGV2JA\nCLERK_SECRET_KEY=sk_test_FAKEfakeFAKEfakeFAKEfake0123456789abcdefgh\nCLERK_FRONTEND_API_URL=\n',
              },
            },
          ],
        },
      ],
    },
    {
      name: 'NEXT_PUBLIC_* read under convex/ even when defined (the copied command holds the local value, the message does not)',
      files: withLocal(
        nextApp({
          '/ws/convex/auth.config.ts':
            'export default { providers: [{ domain: process.env.NEXT_PUBLIC_CLERK_TENANT_DOMAIN!, applicationID: "convex" }] };\nexport const site = process.env.CONVEX_SITE_URL;\n',
        }),
        'NEXT_PUBLIC_CLERK_TENANT_DOMAIN=https://example-app-42.clerk.accounts.dev\n',
      ),
      errors: [
        {
          ruleId: 'env-convex-deployment',
          severity: 'warning',
          file: 'convex/auth.config.ts',
          range: [0, 39, 0, 82],
          message:
            'NEXT_PUBLIC_CLERK_TENANT_DOMAIN is read in Convex code, but NEXT_PUBLIC_* variables belong to the Next.js client and are not set on the Convex deployment. Use a server-side name and set it with `npx convex env set`.',
          fixes: [
            {
              title: 'Copy `npx convex env set NEXT_PUBLIC_CLERK_TENANT_DOMAIN …` to the clipboard',
              output: {},
              clipboardText: "npx convex env set NEXT_PUBLIC_CLERK_TENANT_DOMAIN 'https://example-app-42.clerk.accounts.dev'",
            },
          ],
        },
      ],
    },
    {
      name: 'one finding per variable across Convex files, other reads related; optional reads are info',
      files: nextApp({
        '/ws/convex/a.ts': 'export const a = process.env.AI_KEY!;\n',
        '/ws/convex/b.ts': "export const b = process.env.AI_KEY!;\nexport const m = process.env.AI_MODEL ?? 'small';\n",
      }),
      errors: [
        {
          ruleId: 'env-convex-deployment',
          severity: 'warning',
          file: 'convex/a.ts',
          range: [0, 17, 0, 35],
          message:
            'AI_KEY is read by Convex functions but documented nowhere: Convex reads it from the deployment (not .env.local), and on a deployment without it the read is undefined at run time. Set it with `npx convex env set AI_KEY` and document it in an example env file.',
          related: ['convex/b.ts'],
          fixes: [
            { title: 'Copy `npx convex env set AI_KEY …` to the clipboard', output: {}, clipboardText: 'npx convex env set AI_KEY <value>' },
            {
              title: 'Add AI_KEY= to .env.local',
              output: {
                '.env.local':
                  'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=pk_test_ZXhhbXBsZS1hcHAtNDIuY2xlcmsuYWNjb3VudHMuZGV2JA\nCLERK_SECRET_KEY=sk_test_FAKEfakeFAKEfakeFAKEfake0123456789abcdefgh\nAI_KEY=\n',
              },
            },
          ],
        },
        {
          ruleId: 'env-convex-deployment',
          severity: 'info',
          file: 'convex/b.ts',
          range: [1, 17, 1, 37],
          message:
            'AI_MODEL is read by Convex functions but documented nowhere: Convex reads it from the deployment (not .env.local), and on a deployment without it the read is undefined at run time. Set it with `npx convex env set AI_MODEL` and document it in an example env file.',
          fixes: [
            { title: 'Copy `npx convex env set AI_MODEL …` to the clipboard', output: {}, clipboardText: 'npx convex env set AI_MODEL <value>' },
            {
              title: 'Add AI_MODEL= to .env.local',
              output: {
                '.env.local':
                  'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=pk_test_ZXhhbXBsZS1hcHAtNDIuY2xlcmsuYWNjb3VudHMuZGV2JA\nCLERK_SECRET_KEY=sk_test_FAKEfakeFAKEfakeFAKEfake0123456789abcdefgh\nAI_MODEL=\n',
              },
            },
          ],
        },
      ],
    },
  ],
});
