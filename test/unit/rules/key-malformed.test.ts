import * as assert from 'node:assert/strict';
import { keyMalformedRule } from '../../../src/core/rules/key-malformed';
import { applyFix, check, nextApp, pkDev, skDev, textAt } from '../core/harness';

describe('key-malformed', () => {
  it('errors on quotes left inside the value and the fix unquotes it', () => {
    const files = nextApp({ '/ws/.env.local': `NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY='"${pkDev}"'\nCLERK_SECRET_KEY= ${skDev} \n` });
    const findings = check(keyMalformedRule, files);
    assert.equal(findings.length, 1);
    assert.equal(textAt(files, findings[0]), `'"${pkDev}"'`);
    assert.ok(!findings[0].message.includes(pkDev));
    const fixed = applyFix(files, findings[0].fixes![0]);
    assert.equal(fixed['/ws/.env.local'].split('\n')[0], `NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=${pkDev}`);
    assert.deepEqual(check(keyMalformedRule, fixed), []);
  });

  it('errors on wrong formats: undecodable pk, secret without sk_, webhook secret without whsec_', () => {
    const files = nextApp({ '/ws/.env.local': 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=pk_test_bm90LWEta2V5\nCLERK_SECRET_KEY=test_abc\nCLERK_WEBHOOK_SIGNING_SECRET=abc\n' });
    assert.deepEqual(check(keyMalformedRule, files).map((f) => textAt(files, f)), ['pk_test_bm90LWEta2V5', 'test_abc', 'abc']);
  });

  it('is silent on ordinary quoting, empty values, and templates', () => {
    const files = nextApp({
      '/ws/.env.local': `NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY="${pkDev}"\nCLERK_SECRET_KEY=\nCLERK_WEBHOOK_SECRET=whsec_abc # comment\n`,
      '/ws/.env.example': 'CLERK_SECRET_KEY=your-secret-key\n',
    });
    assert.deepEqual(check(keyMalformedRule, files), []);
  });
});
