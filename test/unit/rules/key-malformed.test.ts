import { keyMalformedRule } from '../../../src/core/rules/key-malformed';
import { nextApp, pkDev, ruleTester, skDev } from '../ruleTester';

ruleTester.run(keyMalformedRule, {
  valid: [
    {
      name: 'ordinary quoting, empty values, a trailing comment, and templates',
      files: nextApp({
        '/ws/.env.local': `NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY="${pkDev}"\nCLERK_SECRET_KEY=\nCLERK_WEBHOOK_SECRET=whsec_abc # comment\n`,
        '/ws/.env.example': 'CLERK_SECRET_KEY=your-secret-key\n',
      }),
    },
  ],
  invalid: [
    {
      name: 'quotes left inside the value (never shown in the message); the fix unquotes it; spaces around a value are fine',
      files: nextApp({ '/ws/.env.local': `NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY='"${pkDev}"'\nCLERK_SECRET_KEY= ${skDev} \n` }),
      errors: [
        {
          ruleId: 'key-malformed',
          severity: 'error',
          file: '.env.local',
          range: [0, 34, 0, 92],
          message: 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY still contains quotes or spaces after dotenv parsing, so Clerk receives an invalid key. Remove them.',
          fixes: [
            {
              title: 'Remove quotes and spaces from NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY',
              output: {
                '.env.local':
                  'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=pk_test_ZXhhbXBsZS1hcHAtNDIuY2xlcmsuYWNjb3VudHMuZGV2JA\nCLERK_SECRET_KEY= sk_test_FAKEfakeFAKEfakeFAKEfake0123456789abcdefgh \n',
              },
            },
          ],
        },
      ],
    },
    {
      name: 'wrong formats: undecodable pk, secret without sk_, webhook secret without whsec_',
      files: nextApp({
        '/ws/.env.local': 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=pk_test_bm90LWEta2V5\nCLERK_SECRET_KEY=test_abc\nCLERK_WEBHOOK_SIGNING_SECRET=abc\n',
      }),
      errors: [
        {
          ruleId: 'key-malformed',
          severity: 'error',
          file: '.env.local',
          range: [0, 34, 0, 54],
          message:
            'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY is not a valid key (expected pk_test_… / pk_live_… (base64 of the Frontend API host)), so Clerk fails with "key not valid". Copy it again from the Clerk dashboard (API keys or the webhook endpoint).',
        },
        {
          ruleId: 'key-malformed',
          severity: 'error',
          file: '.env.local',
          range: [1, 17, 1, 25],
          message:
            'CLERK_SECRET_KEY is not a valid key (expected sk_test_… / sk_live_…), so Clerk fails with "key not valid". Copy it again from the Clerk dashboard (API keys or the webhook endpoint).',
        },
        {
          ruleId: 'key-malformed',
          severity: 'error',
          file: '.env.local',
          range: [2, 29, 2, 32],
          message:
            'CLERK_WEBHOOK_SIGNING_SECRET is not a valid key (expected whsec_…), so Clerk fails with "key not valid". Copy it again from the Clerk dashboard (API keys or the webhook endpoint).',
        },
      ],
    },
    {
      name: "a template's placeholder value in a local env file (positive twin of the template case)",
      files: nextApp({ '/ws/.env.local': `NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=${pkDev}\nCLERK_SECRET_KEY=your-secret-key\n` }),
      errors: [
        {
          ruleId: 'key-malformed',
          severity: 'info',
          file: '.env.local',
          range: [1, 17, 1, 32],
          message:
            'CLERK_SECRET_KEY holds a placeholder, not a key: Clerk fails with "key not valid" until the real one is set. Put it in .env.local (kept out of git) from the Clerk dashboard.',
        },
      ],
    },
  ],
});
