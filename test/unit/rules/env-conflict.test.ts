import { envConflictRule } from '../../../src/core/rules/env-conflict';
import { nextApp, pkDev, pkOtherDev, ruleTester, skDev, skLive } from '../ruleTester';

ruleTester.run(envConflictRule, {
  valid: [
    {
      name: 'the same instance, other keys that differ, and templates',
      files: nextApp({
        '/ws/.env': `NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=${pkDev}\nCLERK_SECRET_KEY=${skDev.replace('FAKE', 'OTHR')}\nAPI_URL=https://a\n`,
        '/ws/.env.development': 'API_URL=https://b\n',
        '/ws/.env.example': `NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=${pkOtherDev}\n`,
      }),
    },
  ],
  invalid: [
    {
      name: 'the shadowed publishable key of another instance, on the whole line, with the winner as related info',
      files: nextApp({ '/ws/.env': `NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=${pkOtherDev}\n` }),
      errors: [
        {
          ruleId: 'env-conflict',
          severity: 'warning',
          file: '.env',
          range: [0, 0, 0, 88],
          message:
            'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY here belongs to a different Clerk instance than in .env.local, which Next.js loads first, so this value is silently ignored (a classic "wrong instance" bug). Keep one instance\'s keys, or remove this line.',
          related: ['.env.local'],
        },
      ],
    },
    {
      name: 'secret keys of different instance types',
      files: nextApp({ '/ws/.env': `CLERK_SECRET_KEY=${skLive}\n` }),
      errors: [
        {
          ruleId: 'env-conflict',
          severity: 'warning',
          file: '.env',
          range: [0, 0, 0, 67],
          message:
            'CLERK_SECRET_KEY here belongs to a different Clerk instance than in .env.local, which Next.js loads first, so this value is silently ignored (a classic "wrong instance" bug). Keep one instance\'s keys, or remove this line.',
          related: ['.env.local'],
        },
      ],
    },
    {
      name: 'a template holding another instance is no conflict, a second local file is (positive twin of the template case)',
      files: nextApp({
        '/ws/.env.example': `NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=${pkOtherDev}\n`,
        '/ws/.env.development': `NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=${pkOtherDev}\n`,
      }),
      errors: [
        {
          ruleId: 'env-conflict',
          severity: 'warning',
          file: '.env.development',
          range: [0, 0, 0, 88],
          message:
            'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY here belongs to a different Clerk instance than in .env.local, which Next.js loads first, so this value is silently ignored (a classic "wrong instance" bug). Keep one instance\'s keys, or remove this line.',
          related: ['.env.local'],
        },
      ],
    },
  ],
});
