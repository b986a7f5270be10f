import * as assert from 'node:assert/strict';
import { keyInstanceMismatchRule } from '../../../src/core/rules/key-instance-mismatch';
import { check, nextApp, pkDev, pkLive, skDev, textAt } from '../core/harness';

const authConfig = (domain: string) => `export default {\n  providers: [{ domain: ${domain}, applicationID: 'convex' }],\n};\n`;

describe('key-instance-mismatch', () => {
  it('errors on pk_live_ with sk_test_, at the publishable key, related to the secret key', () => {
    const files = nextApp({ '/ws/.env.local': `NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=${pkLive}\nCLERK_SECRET_KEY=${skDev}\n` });
    const findings = check(keyInstanceMismatchRule, files);
    assert.equal(findings.length, 1);
    assert.equal(findings[0].location.range.start.line, 0);
    assert.equal(findings[0].related![0].location.range.start.line, 1);
    assert.ok(!findings[0].message.includes(skDev.slice(8)));
  });

  it('errors when no Convex provider matches the decoded host (literal or locally held env var)', () => {
    const literal = nextApp({ '/ws/convex/auth.config.ts': authConfig("'https://other-app-1.clerk.accounts.dev'") });
    const findings = check(keyInstanceMismatchRule, literal);
    assert.equal(findings.length, 1);
    assert.equal(textAt(literal, findings[0]), "'https://other-app-1.clerk.accounts.dev'");
    const viaEnv = nextApp({ '/ws/convex/auth.config.ts': authConfig('process.env.CLERK_FRONTEND_API_URL!') });
    viaEnv['/ws/.env.local'] += 'CLERK_FRONTEND_API_URL=https://other-app-1.clerk.accounts.dev\n';
    assert.equal(check(keyInstanceMismatchRule, viaEnv).length, 1);
  });

  it('is silent for matching hosts (scheme and trailing slash normalised), unknown env values, a second matching provider, and proxies', () => {
    assert.deepEqual(check(keyInstanceMismatchRule, nextApp({ '/ws/convex/auth.config.ts': authConfig("'example-app-42.clerk.accounts.dev/'") })), []);
    assert.deepEqual(check(keyInstanceMismatchRule, nextApp({ '/ws/convex/auth.config.ts': authConfig('process.env.CLERK_FRONTEND_API_URL!') })), []);
    const two = nextApp({ '/ws/convex/auth.config.ts': "export default { providers: [\n  { domain: 'https://clerk.example.com', applicationID: 'convex' },\n  { domain: 'https://example-app-42.clerk.accounts.dev', applicationID: 'convex' },\n] };\n" });
    assert.deepEqual(check(keyInstanceMismatchRule, two), []);
    const proxied = nextApp({ '/ws/convex/auth.config.ts': authConfig("'https://other-app-1.clerk.accounts.dev'") });
    proxied['/ws/.env.local'] += 'NEXT_PUBLIC_CLERK_PROXY_URL=https://app.example.com/__clerk\n';
    assert.deepEqual(check(keyInstanceMismatchRule, proxied), []);
    assert.equal(pkDev.startsWith('pk_test_'), true);
  });
  it('reads a customJwt provider\'s issuer (and module.exports configs) like a domain', () => {
    const customJwt = (issuer: string) => `export default {\n  providers: [{ type: 'customJwt', issuer: ${issuer}, jwks: 'https://x/.well-known/jwks.json', algorithm: 'RS256', applicationID: 'convex' }],\n};\n`;
    const files = nextApp({ '/ws/convex/auth.config.ts': customJwt("'https://other-app-1.clerk.accounts.dev'") });
    const finding = check(keyInstanceMismatchRule, files);
    assert.equal(finding.length, 1);
    assert.equal(finding[0].severity, 'error');
    assert.equal(textAt(files, finding[0]), "'https://other-app-1.clerk.accounts.dev'");
    assert.deepEqual(check(keyInstanceMismatchRule, nextApp({ '/ws/convex/auth.config.ts': customJwt("'https://example-app-42.clerk.accounts.dev'") })), []);
    const commonJs = nextApp({ '/ws/convex/auth.config.js': authConfig("'https://other-app-1.clerk.accounts.dev'").replace('export default', 'module.exports =') });
    assert.equal(check(keyInstanceMismatchRule, commonJs).length, 1);
  });
});
