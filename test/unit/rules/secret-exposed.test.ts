import * as assert from 'node:assert/strict';
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

  it('errors on a server-only variable read in client code, including modules only client code imports', () => {
    const files = nextApp({
      '/ws/app/page.tsx': "'use client';\nimport { helper } from '@/lib/helper';\nexport default function P() { return <p>{process.env.NEXT_PUBLIC_CONVEX_URL}{helper()}</p>; }\n",
      '/ws/lib/helper.ts': 'export const helper = () => process.env.CLERK_SECRET_KEY;\n',
      '/ws/lib/server.ts': 'export const s = process.env.CLERK_SECRET_KEY;\n',
      '/ws/tsconfig.json': '{ "compilerOptions": { "paths": { "@/*": ["./*"] } } }',
    });
    const findings = check(secretExposedRule, files);
    assert.equal(findings.length, 1);
    assert.equal(findings[0].location.file, '/ws/lib/helper.ts');
    assert.equal(textAt(files, findings[0]), 'process.env.CLERK_SECRET_KEY');
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
