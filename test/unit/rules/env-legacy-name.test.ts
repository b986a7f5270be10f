import * as assert from 'node:assert/strict';
import { envLegacyNameRule } from '../../../src/core/rules/env-legacy-name';
import { applyFix, check, nextApp, textAt, whsec } from '../core/harness';

const webhookRoute = "import { verifyWebhook } from '@clerk/nextjs/webhooks';\nexport async function POST(req: Request) {\n  await verifyWebhook(req);\n  return new Response('ok');\n}\n";

describe('env-legacy-name', () => {
  it('flags CLERK_WEBHOOK_SECRET when verifyWebhook reads only CLERK_WEBHOOK_SIGNING_SECRET; the rename fixes it', () => {
    const files = nextApp({ '/ws/app/api/webhooks/route.ts': webhookRoute, '/ws/.env.example': 'CLERK_WEBHOOK_SECRET=\n' });
    files['/ws/.env.local'] += `CLERK_WEBHOOK_SECRET=${whsec}\n`;
    const findings = check(envLegacyNameRule, files);
    assert.equal(findings.length, 2);
    assert.equal(textAt(files, findings[0]), 'CLERK_WEBHOOK_SECRET');
    const fixed = applyFix(files, findings[0].fixes![0]);
    assert.match(fixed['/ws/.env.local'], /^CLERK_WEBHOOK_SIGNING_SECRET=whsec_/m);
    assert.equal(fixed['/ws/.env.example'], 'CLERK_WEBHOOK_SIGNING_SECRET=\n');
    assert.deepEqual(check(envLegacyNameRule, fixed), []);
  });

  it('leaves CLERK_WEBHOOK_SECRET alone when code reads it by name (Convex http.ts) or verifyWebhook gets a secret', () => {
    const files = nextApp({ '/ws/app/api/webhooks/route.ts': webhookRoute, '/ws/convex/http.ts': 'export const s = process.env.CLERK_WEBHOOK_SECRET!;\n' });
    files['/ws/.env.local'] += `CLERK_WEBHOOK_SECRET=${whsec}\n`;
    assert.deepEqual(check(envLegacyNameRule, files), []);
    const noCall = nextApp();
    noCall['/ws/.env.local'] += `CLERK_WEBHOOK_SECRET=${whsec}\n`;
    assert.deepEqual(check(envLegacyNameRule, noCall), []);
  });

  it('flags AFTER_SIGN_IN_URL only on @clerk/nextjs 7+, matches names exactly, and renames code references', () => {
    const env = 'NEXT_PUBLIC_CLERK_AFTER_SIGN_IN_URL=/dashboard\nNEXT_PUBLIC_CLERK_AFTER_SIGN_IN_URL_EXTRA=1\nCLERK_FRONTEND_API_URL=https://x.clerk.accounts.dev\n';
    const code = { '/ws/lib/a.ts': 'export const a = process.env.NEXT_PUBLIC_CLERK_AFTER_SIGN_IN_URL;\n' };
    assert.deepEqual(check(envLegacyNameRule, nextApp({ '/ws/.env': env, ...code }, '6.30.0')), []);
    const files = nextApp({ '/ws/.env': env, ...code });
    const findings = check(envLegacyNameRule, files);
    assert.equal(findings.length, 1);
    const fixed = applyFix(files, findings[0].fixes![0]);
    assert.equal(fixed['/ws/lib/a.ts'], 'export const a = process.env.NEXT_PUBLIC_CLERK_SIGN_IN_FALLBACK_REDIRECT_URL;\n');
    assert.deepEqual(check(envLegacyNameRule, fixed), []);
  });

  it('flags CLERK_API_KEY and CLERK_FRONTEND_API (no mechanical fix for the latter)', () => {
    const files = nextApp({ '/ws/.env': 'CLERK_API_KEY=sk_test_x\nCLERK_FRONTEND_API=clerk.x.lcl.dev\n' });
    const findings = check(envLegacyNameRule, files);
    assert.deepEqual(findings.map((f) => textAt(files, f)), ['CLERK_API_KEY', 'CLERK_FRONTEND_API']);
    assert.equal(findings[0].fixes, undefined); // CLERK_SECRET_KEY exists already in .env.local: no rename
    assert.equal(findings[1].fixes, undefined);
  });
  it('only informs on @clerk/nextjs 4 and other Core 1 SDKs, which still read the old names', () => {
    const env = { '/ws/.env': 'CLERK_API_KEY=sk_test_x\nNEXT_PUBLIC_CLERK_FRONTEND_API=clerk.x.lcl.dev\n' };
    const files = nextApp(env, '4.31.8');
    const findings = check(envLegacyNameRule, files);
    assert.deepEqual(findings.map((f) => [f.ruleId, f.severity, textAt(files, f)]), [
      ['env-legacy-name', 'info', 'CLERK_API_KEY'],
      ['env-legacy-name', 'info', 'NEXT_PUBLIC_CLERK_FRONTEND_API'],
    ]);
    assert.deepEqual(findings[0].location.range, { start: { line: 0, character: 0 }, end: { line: 0, character: 13 } });
    assert.match(findings[0].message, /still read by @clerk\/nextjs 4\.31\.8 but deprecated/);
    // 5.0.0 reads neither name.
    assert.deepEqual(check(envLegacyNameRule, nextApp(env, '5.0.0')).map((f) => f.severity), ['warning', 'warning']);
    // A standalone package on the Core 1 Node SDK (no Next app).
    const node = check(envLegacyNameRule, {
      '/ws/package.json': JSON.stringify({ dependencies: { '@clerk/clerk-sdk-node': '^4.13.0', convex: '1.48.0' } }),
      '/ws/convex/users.ts': 'export const x = 1;\n',
      '/ws/.env': 'CLERK_API_KEY=sk_test_x\n',
    });
    assert.deepEqual(node.map((f) => f.severity), ['info']);
    assert.match(node[0].message, /@clerk\/clerk-sdk-node 4\.13\.0/);
  });

  it('is silent where the app reads the legacy name itself (its own variable)', () => {
    const files = nextApp({ '/ws/.env': 'CLERK_API_KEY=internal-token\n', '/ws/lib/api.ts': 'export const key = process.env.CLERK_API_KEY;\n' });
    assert.deepEqual(check(envLegacyNameRule, files), []);
  });
});
