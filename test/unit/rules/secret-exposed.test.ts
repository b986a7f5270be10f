import * as assert from 'node:assert/strict';
import { isRealSecret } from '../../../src/core/env/secrets';
import { secretExposedRule } from '../../../src/core/rules/secret-exposed';
import { applyFix, check, nextApp, skDev, skLive, textAt, whsec } from '../core/harness';

describe('secret-exposed', () => {
  it('errors on a secret in a NEXT_PUBLIC_ variable; the rename fix moves it server-side', () => {
    const files = nextApp({ '/ws/.env.local': `NEXT_PUBLIC_CLERK_WEBHOOK_SIGNING_SECRET=${whsec}\n` });
    const findings = check(secretExposedRule, files);
    assert.equal(findings.length, 1);
    assert.equal(textAt(files, findings[0]), 'NEXT_PUBLIC_CLERK_WEBHOOK_SIGNING_SECRET');
    assert.ok(!findings[0].message.includes(whsec));
    const fixed = applyFix(files, findings[0].fixes![0]);
    assert.equal(fixed['/ws/.env.local'], `CLERK_WEBHOOK_SIGNING_SECRET=${whsec}\n`);
    assert.deepEqual(check(secretExposedRule, fixed), []);
  });

  it('errors on a hard-coded secret literal and the fix moves it to .env.local', () => {
    const files = nextApp({ '/ws/lib/clerk.ts': `import { createClerkClient } from '@clerk/backend';\nexport const clerk = createClerkClient({ secretKey: '${skLive}' });\n` });
    files['/ws/.env.local'] = 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=x\n';
    const findings = check(secretExposedRule, files);
    assert.equal(findings.length, 1);
    assert.ok(!findings[0].message.includes(skLive.slice(8)));
    assert.ok(!findings[0].fixes![0].title.includes(skLive.slice(8)));
    const fixed = applyFix(files, findings[0].fixes![0]);
    assert.match(fixed['/ws/lib/clerk.ts'], /secretKey: process\.env\.CLERK_SECRET_KEY! \}/);
    assert.equal(fixed['/ws/.env.local'], `NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=x\nCLERK_SECRET_KEY=${skLive}\n`);
    assert.deepEqual(check(secretExposedRule, fixed), []);
  });

  it('skips redacted, short, test and git-ignored literals', () => {
    const files = nextApp({
      '/ws/lib/a.ts': "export const a = 'sk_live_****';\nexport const b = 'sk_test_short';\nexport const c = 'sk_test_xxxxxxxxxxxxxxxxxxxxxxxx';\n",
      '/ws/lib/a.test.ts': `export const k = '${skDev}';\n`,
      '/ws/.gitignore': 'generated/\nlocal-secrets.ts\n',
      '/ws/lib/local-secrets.ts': `export const k = '${skDev}';\n`,
    });
    assert.deepEqual(check(secretExposedRule, files), []);
  });

  it('leaves a server-only variable read in client code to env-server-only-in-client', () => {
    const files = nextApp({
      '/ws/app/page.tsx': "'use client';\nexport default function P() { return <p>{String(process.env.CLERK_SECRET_KEY)}</p>; }\n",
    });
    assert.deepEqual(check(secretExposedRule, files), []);
  });

  it('skips placeholders: words, separators, repeated characters and <…> forms are no key body', () => {
    const placeholders = [
      'sk_test_YOUR_SECRET_KEY_GOES_HERE', 'whsec_your_signing_secret_from_dashboard', 'sk_live_xxxxxxxxxxxxxxxxxxxxxxxxxxxx',
      'sk_test_<your-secret-key>', 'sk_live_REPLACEwithYOURkey0123456789', 'whsec_0000000000000000000000000000000',
      'sk_test_abcdefghijklmnopqrstuvwxyzabcd',
    ];
    const files = nextApp({
      '/ws/lib/a.ts': placeholders.map((value, index) => `export const p${index} = '${value}';\n`).join(''),
      '/ws/.env.example': 'NEXT_PUBLIC_CLERK_SECRET_KEY=sk_test_YOUR_SECRET_KEY_GOES_HERE\n',
    });
    assert.deepEqual(check(secretExposedRule, files), []);
  });

  it('reports a key-shaped value in a NEXT_PUBLIC_ template entry, next to a placeholder that is not', () => {
    const files = nextApp({ '/ws/.env.example': `NEXT_PUBLIC_CLERK_SECRET_KEY=sk_test_YOUR_SECRET_KEY_GOES_HERE\nNEXT_PUBLIC_CLERK_WEBHOOK_SECRET=${whsec}\n` });
    const findings = check(secretExposedRule, files);
    assert.deepEqual(findings.map((f) => [f.severity, f.location.file, f.location.range.start.line, textAt(files, f)]),
      [['error', '/ws/.env.example', 1, 'NEXT_PUBLIC_CLERK_WEBHOOK_SECRET']]);
  });

  it('accepts random keys of the real shapes (Clerk base62 sk_, Svix base64 whsec_) as secrets', () => {
    // A fixed pseudo-random sequence (mulberry32), so the test is deterministic.
    let seed = 42;
    const random = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const base62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    const pick = (alphabet: string, length: number) => Array.from({ length }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    const keys = Array.from({ length: 500 }, () => `sk_live_${pick(base62, 42)}`)
      .concat(Array.from({ length: 500 }, () => `whsec_${Buffer.from(Array.from({ length: 24 }, () => Math.floor(random() * 256))).toString('base64')}`));
    const missed = keys.filter((key) => !isRealSecret(key));
    assert.ok(missed.length <= 1, `${missed.length} of 1000 random keys taken for placeholders`);
  });

  it('in a Convex function, the fix reads the env var and copies `npx convex env set` (Convex never reads .env.local)', () => {
    const files = nextApp({ '/ws/convex/http.ts': `export const secret = '${whsec}';\n` });
    const [finding] = check(secretExposedRule, files);
    const fix = finding.fixes![0];
    assert.ok(!fix.title.includes(whsec));
    assert.equal(fix.clipboardText, `npx convex env set CLERK_WEBHOOK_SIGNING_SECRET '${whsec}'`);
    const fixed = applyFix(files, fix);
    assert.equal(fixed['/ws/convex/http.ts'], 'export const secret = process.env.CLERK_WEBHOOK_SIGNING_SECRET!;\n');
    assert.equal(fixed['/ws/.env.local'], files['/ws/.env.local'], '.env.local is left alone');
    assert.deepEqual(check(secretExposedRule, fixed), []);
  });
});
