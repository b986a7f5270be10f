import * as assert from 'node:assert/strict';
import { redactSecrets } from '../../../src/core/redaction';
import { apiText } from '../../../src/core/webhooks/errors';

describe('redactSecrets', () => {
  it('removes a known value in any case, and keeps the rest of the text', () => {
    const token = 'svix-one-time-Token-abcdef';
    assert.equal(redactSecrets(`token ${token.toUpperCase()} and ${token} end`, [token]), 'token [redacted] and [redacted] end');
  });

  it('removes sk_/whsec_/bearer-shaped values it was not told about', () => {
    const text = 'key sk_test_AbC123xyz, secret whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw, auth: Bearer eyJhbGciOi.J9abc';
    assert.equal(redactSecrets(text), 'key [redacted], secret [redacted], auth: Bearer [redacted]');
  });

  it('ignores short or missing known values, which would mangle ordinary words', () => {
    assert.equal(redactSecrets('the test failed', ['test', undefined, '']), 'the test failed');
  });

  it('removes the longer of two overlapping known values whole', () => {
    assert.equal(redactSecrets('x abcdefgh12345678 y', ['abcdefgh', 'abcdefgh12345678']), 'x [redacted] y');
  });

  it('removes a known value echoed URL-encoded', () => {
    const token = 'svix+Token/with=Padding==';
    assert.equal(redactSecrets(`?token=${encodeURIComponent(token)}&x=1`, [token]), '?token=[redacted]&x=1');
  });
});

describe('apiText (API text in error messages)', () => {
  it('redacts before shortening, so a secret cut by the limit does not leave a readable prefix', () => {
    const token = 'oneTimeToken-0123456789abcdefghij';
    const text = `${'x'.repeat(290)} ${token}`;
    const shown = apiText(text, [token]);
    assert.ok(!shown.includes('oneTime'), shown);
    assert.ok(shown.length <= 301, `${shown.length} characters`);
  });

  it('puts the text on one line', () => {
    assert.equal(apiText('first\n  second\r\nthird', []), 'first second third');
  });
});
