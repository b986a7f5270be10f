import * as assert from 'node:assert/strict';
import { isRealSecret } from '../../../src/core/env/secrets';
import { secretExposedRule } from '../../../src/core/rules/secret-exposed';
import { nextApp, ruleTester, skDev, skLive, whsec } from '../ruleTester';

const placeholders = [
  'sk_test_YOUR_SECRET_KEY_GOES_HERE',
  'whsec_your_signing_secret_from_dashboard',
  'sk_live_xxxxxxxxxxxxxxxxxxxxxxxxxxxx',
  'sk_test_<your-secret-key>',
  'sk_live_REPLACEwithYOURkey0123456789',
  'whsec_0000000000000000000000000000000',
  'sk_test_abcdefghijklmnopqrstuvwxyzabcd',
];

/** Random keys of the real shapes (Clerk base62 sk_live_, Svix base64 whsec_), from a fixed pseudo-random sequence (mulberry32) so tests are deterministic. */
function randomKeys(count: number): string[] {
  let seed = 42;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const base62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const pick = (alphabet: string, length: number) => Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
  return Array.from({ length: count }, () => `sk_live_${pick(base62, 42)}`).concat(
    Array.from({ length: count }, () => `whsec_${Buffer.from(Array.from({ length: 24 }, () => Math.floor(random() * 256))).toString('base64')}`),
  );
}
const [randomSk, randomWhsec] = randomKeys(1);

ruleTester.run(secretExposedRule, {
  valid: [
    {
      name: 'redacted, short, test-file and git-ignored literals',
      files: nextApp({
        '/ws/lib/a.ts': "export const a = 'sk_live_****';\nexport const b = 'sk_test_short';\nexport const c = 'sk_test_xxxxxxxxxxxxxxxxxxxxxxxx';\n",
        '/ws/lib/a.test.ts': `export const k = '${skDev}';\n`,
        '/ws/.gitignore': 'generated/\nlocal-secrets.ts\n',
        '/ws/lib/local-secrets.ts': `export const k = '${skDev}';\n`,
      }),
    },
    {
      name: 'a server-only variable read in client code (left to env-server-only-in-client)',
      files: nextApp({ '/ws/app/page.tsx': "'use client';\nexport default function P() { return <p>{String(process.env.CLERK_SECRET_KEY)}</p>; }\n" }),
    },
    {
      name: 'placeholders: words, separators, repeated characters and <…> forms are no key body',
      files: nextApp({
        '/ws/lib/a.ts': placeholders.map((value, index) => `export const p${index} = '${value}';\n`).join(''),
        '/ws/.env.example': 'NEXT_PUBLIC_CLERK_SECRET_KEY=sk_test_YOUR_SECRET_KEY_GOES_HERE\n',
      }),
    },
  ],
  invalid: [
    {
      name: 'a secret in a NEXT_PUBLIC_ variable (not in the message); the rename fix moves it server-side',
      files: nextApp({ '/ws/.env.local': `NEXT_PUBLIC_CLERK_WEBHOOK_SIGNING_SECRET=${whsec}\n` }),
      errors: [
        {
          ruleId: 'secret-exposed',
          severity: 'error',
          file: '.env.local',
          range: [0, 0, 0, 40],
          message:
            'NEXT_PUBLIC_CLERK_WEBHOOK_SIGNING_SECRET holds a secret, and Next.js inlines every NEXT_PUBLIC_* value into the browser bundle: anyone can read it. Use a server-only name (without NEXT_PUBLIC_) and rotate the secret in the Clerk dashboard.',
          fixes: [
            {
              title: 'Rename NEXT_PUBLIC_CLERK_WEBHOOK_SIGNING_SECRET to the server-only CLERK_WEBHOOK_SIGNING_SECRET',
              output: { '.env.local': 'CLERK_WEBHOOK_SIGNING_SECRET=whsec_RkFLRWZha2VGQUtFZmFrZUZBS0VmYWtlMDEyMzQ1Njc=\n' },
            },
          ],
        },
      ],
    },
    {
      name: 'a hard-coded secret literal; the fix reads the env var and moves the value to .env.local',
      files: nextApp({
        '/ws/lib/clerk.ts': `import { createClerkClient } from '@clerk/backend';\nexport const clerk = createClerkClient({ secretKey: '${skLive}' });\n`,
        '/ws/.env.local': 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=x\n',
      }),
      errors: [
        {
          ruleId: 'secret-exposed',
          severity: 'error',
          file: 'lib/clerk.ts',
          range: [1, 52, 1, 104],
          message:
            'A secret (sk_live_…) is hard-coded here: it ends up in version control and every copy of the code. Read it from CLERK_SECRET_KEY in a server-only env file instead, and rotate it in the Clerk dashboard.',
          fixes: [
            {
              title: 'Move the secret to CLERK_SECRET_KEY in .env.local',
              output: {
                '.env.local': 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=x\nCLERK_SECRET_KEY=sk_live_FAKEfakeFAKEfakeFAKEfake0123456789abcdefgh\n',
                'lib/clerk.ts':
                  "import { createClerkClient } from '@clerk/backend';\nexport const clerk = createClerkClient({ secretKey: process.env.CLERK_SECRET_KEY! });\n",
              },
            },
          ],
        },
      ],
    },
    {
      name: 'a git-tracked copy of an ignored file name elsewhere is reported (positive twin of the git-ignored case)',
      files: nextApp({ '/ws/.gitignore': 'generated/\nlocal-secrets.ts\n', '/ws/lib/secrets.ts': `export const k = '${skDev}';\n` }),
      errors: [
        {
          ruleId: 'secret-exposed',
          severity: 'error',
          file: 'lib/secrets.ts',
          range: [0, 17, 0, 69],
          message:
            'A secret (sk_test_…) is hard-coded here: it ends up in version control and every copy of the code. Read it from CLERK_SECRET_KEY in a server-only env file instead, and rotate it in the Clerk dashboard.',
          fixes: [
            { title: 'Move the secret to CLERK_SECRET_KEY in .env.local', output: { 'lib/secrets.ts': 'export const k = process.env.CLERK_SECRET_KEY!;\n' } },
          ],
        },
      ],
    },
    {
      name: 'a key-shaped value in a NEXT_PUBLIC_ template entry, next to a placeholder that is not',
      files: nextApp({ '/ws/.env.example': `NEXT_PUBLIC_CLERK_SECRET_KEY=sk_test_YOUR_SECRET_KEY_GOES_HERE\nNEXT_PUBLIC_CLERK_WEBHOOK_SECRET=${whsec}\n` }),
      errors: [
        {
          ruleId: 'secret-exposed',
          severity: 'error',
          file: '.env.example',
          range: [1, 0, 1, 32],
          message:
            'NEXT_PUBLIC_CLERK_WEBHOOK_SECRET holds a secret, and Next.js inlines every NEXT_PUBLIC_* value into the browser bundle: anyone can read it. Use a server-only name (without NEXT_PUBLIC_) and rotate the secret in the Clerk dashboard.',
          fixes: [
            {
              title: 'Rename NEXT_PUBLIC_CLERK_WEBHOOK_SECRET to the server-only CLERK_WEBHOOK_SECRET',
              output: {
                '.env.example':
                  'NEXT_PUBLIC_CLERK_SECRET_KEY=sk_test_YOUR_SECRET_KEY_GOES_HERE\nCLERK_WEBHOOK_SECRET=whsec_RkFLRWZha2VGQUtFZmFrZUZBS0VmYWtlMDEyMzQ1Njc=\n',
              },
            },
          ],
        },
      ],
    },
    {
      name: 'in a Convex function: the fix reads the env var and copies `npx convex env set` (Convex never reads .env.local, which stays as it is)',
      files: nextApp({ '/ws/convex/http.ts': `export const secret = '${whsec}';\n` }),
      errors: [
        {
          ruleId: 'secret-exposed',
          severity: 'error',
          file: 'convex/http.ts',
          range: [0, 22, 0, 74],
          message:
            'A secret (whsec_…) is hard-coded here: it ends up in version control and every copy of the code. Read it from CLERK_WEBHOOK_SIGNING_SECRET in a server-only env file instead, and rotate it in the Clerk dashboard.',
          fixes: [
            {
              title: 'Read CLERK_WEBHOOK_SIGNING_SECRET from the Convex deployment (copies `npx convex env set CLERK_WEBHOOK_SIGNING_SECRET …`)',
              output: { 'convex/http.ts': 'export const secret = process.env.CLERK_WEBHOOK_SIGNING_SECRET!;\n' },
              clipboardText: "npx convex env set CLERK_WEBHOOK_SIGNING_SECRET 'whsec_RkFLRWZha2VGQUtFZmFrZUZBS0VmYWtlMDEyMzQ1Njc='",
            },
          ],
        },
      ],
    },
    {
      name: 'random keys of the real shapes (the key-shape test below, through the rule; placeholders above are the near miss)',
      files: nextApp({ '/ws/lib/keys.ts': `export const a = '${randomSk}';\nexport const b = '${randomWhsec}';\n` }),
      errors: [
        {
          ruleId: 'secret-exposed',
          severity: 'error',
          file: 'lib/keys.ts',
          range: [0, 17, 0, 69],
          message:
            'A secret (sk_live_…) is hard-coded here: it ends up in version control and every copy of the code. Read it from CLERK_SECRET_KEY in a server-only env file instead, and rotate it in the Clerk dashboard.',
          fixes: [
            {
              title: 'Move the secret to CLERK_SECRET_KEY in .env.local',
              output: { 'lib/keys.ts': "export const a = process.env.CLERK_SECRET_KEY!;\nexport const b = 'whsec_NU2924I0SEsTqK6x7RbxbvEjHARce5zm';\n" },
            },
          ],
        },
        {
          ruleId: 'secret-exposed',
          severity: 'error',
          file: 'lib/keys.ts',
          range: [1, 17, 1, 57],
          message:
            'A secret (whsec_…) is hard-coded here: it ends up in version control and every copy of the code. Read it from CLERK_WEBHOOK_SIGNING_SECRET in a server-only env file instead, and rotate it in the Clerk dashboard.',
          fixes: [
            {
              title: 'Move the secret to CLERK_WEBHOOK_SIGNING_SECRET in .env.local',
              output: {
                '.env.local':
                  'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=pk_test_ZXhhbXBsZS1hcHAtNDIuY2xlcmsuYWNjb3VudHMuZGV2JA\nCLERK_SECRET_KEY=sk_test_FAKEfakeFAKEfakeFAKEfake0123456789abcdefgh\nCLERK_WEBHOOK_SIGNING_SECRET=whsec_NU2924I0SEsTqK6x7RbxbvEjHARce5zm\n',
                'lib/keys.ts':
                  "export const a = 'sk_live_lb0pKgQm1dP2uTMfqlAdzDkBQDLwgBK0eyTbCDikPo';\nexport const b = process.env.CLERK_WEBHOOK_SIGNING_SECRET!;\n",
              },
            },
          ],
        },
      ],
    },
  ],
});

describe('secret-exposed: key shapes', () => {
  it('accepts random keys of the real shapes (Clerk base62 sk_, Svix base64 whsec_) as secrets', () => {
    const missed = randomKeys(500).filter((key) => !isRealSecret(key));
    assert.ok(missed.length <= 1, `${missed.length} of 1000 random keys taken for placeholders`);
  });
});
