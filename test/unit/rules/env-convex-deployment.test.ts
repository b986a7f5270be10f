import * as assert from 'node:assert/strict';
import { envConvexDeploymentRule } from '../../../src/core/rules/env-convex-deployment';
import { applyFix, check, nextApp, textAt } from '../core/harness';

const authConfig = 'export default {\n  providers: [{ domain: process.env.CLERK_FRONTEND_API_URL!, applicationID: "convex" }],\n};\n';

describe('env-convex-deployment', () => {
  it('warns on a convex/ read documented nowhere; the copy command never shows a value; documenting clears it', () => {
    const files = nextApp({ '/ws/convex/auth.config.ts': authConfig });
    const findings = check(envConvexDeploymentRule, files);
    assert.equal(findings.length, 1);
    assert.equal(findings[0].severity, 'warning');
    assert.equal(textAt(files, findings[0]), 'process.env.CLERK_FRONTEND_API_URL');
    assert.equal(findings[0].fixes![0].clipboardText, 'npx convex env set CLERK_FRONTEND_API_URL <value>');
    const fixed = applyFix(files, findings[0].fixes![1]);
    assert.match(fixed['/ws/.env.local'], /^CLERK_FRONTEND_API_URL=$/m);
    assert.deepEqual(check(envConvexDeploymentRule, fixed), []);
  });

  it('is silent when a local env file holds it, and fills the clipboard value from there', () => {
    const files = nextApp({ '/ws/convex/auth.config.ts': authConfig });
    files['/ws/.env.local'] += 'CLERK_FRONTEND_API_URL=https://example-app-42.clerk.accounts.dev\n';
    assert.deepEqual(check(envConvexDeploymentRule, files), []);
  });

  it('warns on NEXT_PUBLIC_* read under convex/ even when defined, and skips Convex built-ins', () => {
    const files = nextApp({ '/ws/convex/auth.config.ts': 'export default { providers: [{ domain: process.env.NEXT_PUBLIC_CLERK_TENANT_DOMAIN!, applicationID: "convex" }] };\nexport const site = process.env.CONVEX_SITE_URL;\n' });
    files['/ws/.env.local'] += 'NEXT_PUBLIC_CLERK_TENANT_DOMAIN=https://example-app-42.clerk.accounts.dev\n';
    const findings = check(envConvexDeploymentRule, files);
    assert.equal(findings.length, 1);
    assert.match(findings[0].message, /NEXT_PUBLIC_/);
    assert.equal(findings[0].fixes![0].clipboardText, "npx convex env set NEXT_PUBLIC_CLERK_TENANT_DOMAIN 'https://example-app-42.clerk.accounts.dev'");
    assert.ok(!findings[0].message.includes('example-app-42'));
  });

  it('one finding per variable across Convex files, other reads related; optional reads are info', () => {
    const files = nextApp({
      '/ws/convex/a.ts': 'export const a = process.env.AI_KEY!;\n',
      '/ws/convex/b.ts': "export const b = process.env.AI_KEY!;\nexport const m = process.env.AI_MODEL ?? 'small';\n",
    });
    const findings = check(envConvexDeploymentRule, files);
    assert.deepEqual(findings.map((f) => [f.severity, textAt(files, f), f.related?.length ?? 0]), [['warning', 'process.env.AI_KEY', 1], ['info', 'process.env.AI_MODEL', 0]]);
    assert.match(findings[0].message, /undefined at run time/);
  });
});
