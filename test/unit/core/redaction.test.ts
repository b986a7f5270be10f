import * as assert from 'node:assert/strict';
import { redactSecrets } from '../../../src/core/redaction';

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
});
