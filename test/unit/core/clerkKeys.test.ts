import * as assert from 'node:assert/strict';
import { decodePublishableKey, encodePublishableKey, hostOfIssuer, redactKey, secretKeyInstanceType } from '../../../src/core/clerkKeys';

describe('Clerk keys', () => {
  it('decodes publishable keys like @clerk/shared (examples from the facts doc)', () => {
    assert.deepEqual(decodePublishableKey('pk_test_ZW1pbmVudC1zbmlwZS0xMC5jbGVyay5hY2NvdW50cy5kZXYk'), {
      instanceType: 'development',
      frontendApi: 'eminent-snipe-10.clerk.accounts.dev',
    });
    assert.deepEqual(decodePublishableKey('pk_live_Y2xlcmsuZmluZG15ZmllbGQub25saW5lJA'), {
      instanceType: 'production',
      frontendApi: 'clerk.findmyfield.online',
    });
    assert.equal(encodePublishableKey('example-app-42.clerk.accounts.dev'), 'pk_test_ZXhhbXBsZS1hcHAtNDIuY2xlcmsuYWNjb3VudHMuZGV2JA');
  });

  it('rejects keys that do not decode to "<host>$"', () => {
    for (const key of [
      'pk_test_',
      'pk_test_bm90LWEta2V5',
      'pk_prod_Y2xlcmsuZXhhbXBsZS5jb20k',
      'pk_test_extra_Y2xlcmsuZXhhbXBsZS5jb20k',
      'sk_test_abc',
      `pk_test_${Buffer.from('a$b.c$').toString('base64')}`,
    ]) {
      assert.equal(decodePublishableKey(key), undefined, key);
    }
  });

  it('classifies secret keys, redacts to the prefix, normalises issuer hosts', () => {
    assert.equal(secretKeyInstanceType('sk_live_abc'), 'production');
    assert.equal(secretKeyInstanceType('test_abc'), undefined);
    assert.equal(redactKey('sk_live_abcdef'), 'sk_live_…');
    assert.equal(redactKey('whsec_abc'), 'whsec_…');
    assert.equal(redactKey('secret'), '…');
    assert.equal(hostOfIssuer('example.clerk.accounts.dev/'), 'example.clerk.accounts.dev');
    assert.equal(hostOfIssuer('https://Clerk.Example.com'), 'clerk.example.com');
  });
});
