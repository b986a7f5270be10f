import * as assert from 'node:assert/strict';
import { envConflictRule } from '../../../src/core/rules/env-conflict';
import { check, nextApp, pkDev, pkOtherDev, skDev, skLive, textAt } from '../core/harness';

describe('env-conflict', () => {
  it('warns on the shadowed publishable key of another instance, with the winner as related info', () => {
    const files = nextApp({ '/ws/.env': `NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=${pkOtherDev}\n` });
    const findings = check(envConflictRule, files);
    assert.equal(findings.length, 1);
    assert.equal(findings[0].location.file, '/ws/.env');
    assert.match(textAt(files, findings[0]), /^NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=/);
    assert.equal(findings[0].related![0].location.file, '/ws/.env.local');
    assert.ok(!findings[0].message.includes(pkOtherDev.slice(8)));
  });

  it('warns on secret keys of different instance types', () => {
    const files = nextApp({ '/ws/.env': `CLERK_SECRET_KEY=${skLive}\n` });
    assert.equal(check(envConflictRule, files).length, 1);
  });

  it('is silent for the same instance, other keys, and templates', () => {
    const files = nextApp({
      '/ws/.env': `NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=${pkDev}\nCLERK_SECRET_KEY=${skDev.replace('FAKE', 'OTHR')}\nAPI_URL=https://a\n`,
      '/ws/.env.development': 'API_URL=https://b\n',
      '/ws/.env.example': `NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=${pkOtherDev}\n`,
    });
    assert.deepEqual(check(envConflictRule, files), []);
  });
});
