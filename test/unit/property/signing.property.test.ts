import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { Webhook } from 'svix';
import { isWebhooksError } from '../../../src/core/webhooks/errors';
import { signingKeyOf, signWebhook } from '../../../src/core/webhooks/signing';
import { trickyString } from './generators';
import { runs } from './runs';

/** Valid `whsec_` secrets: base64 of 1 to 64 random bytes. */
const validSecret = fc.uint8Array({ minLength: 1, maxLength: 64 }).map((bytes) => `whsec_${Buffer.from(bytes).toString('base64')}`);
/** Anything a user may paste: truncated or padded secrets, other keys, noise. */
const anySecret = fc.oneof(
  validSecret,
  validSecret.map((secret) => secret.slice(0, -3)),
  validSecret.map((secret) => ` ${secret}\n`),
  trickyString.map((text) => `whsec_${text}`),
  fc.constantFrom('whsec_', 'sk_test_aB3dE5fG7hJ9kL1mN2pQ4rS6tU8vW0xY', ''),
  fc.string({ unit: 'binary', maxLength: 60 }),
);

describe('property: webhook signer (issue 8 item 7)', () => {
  it(`signs any JSON body with any valid secret so that Svix's own verifier accepts it (${runs.signing} inputs)`, () => {
    // Svix's verifier returns the parsed payload: the body is JSON (any characters inside its strings).
    const body = fc.json({ maxDepth: 3, stringUnit: 'binary' });
    fc.assert(
      fc.property(validSecret, body, fc.integer({ min: 1, max: 4_000_000_000 }), (secret, body, seconds) => {
        const timestamp = new Date(seconds * 1000);
        const headers = signWebhook({ secret, body, timestamp });
        assert.match(headers['svix-id'], /^msg_[0-9a-f]{32}$/);
        assert.equal(headers['svix-timestamp'], String(seconds));
        assert.match(headers['svix-signature'], /^v1,[A-Za-z0-9+/]{43}=$/);
        // Svix checks the timestamp against its own clock: verify "at" the signing time.
        const verifier = new Webhook(secret);
        const realNow = Date.now;
        Date.now = () => timestamp.getTime();
        try {
          assert.doesNotThrow(() => verifier.verify(body, { ...headers }));
        } finally {
          Date.now = realNow;
        }
      }),
      { numRuns: runs.signing },
    );
  });

  it(`rejects a malformed secret with its own error, whose message never holds the secret (${runs.signingSecrets} inputs)`, () => {
    fc.assert(
      fc.property(anySecret, (secret) => {
        try {
          const key = signingKeyOf(secret);
          assert.ok(key.length > 0);
        } catch (error) {
          assert.ok(isWebhooksError(error), String(error));
          const body = secret.trim().replace(/^whsec_/, '');
          if (body.length >= 4) assert.ok(!error.message.includes(body), error.message);
          assert.equal(error.kind, 'rejected');
        }
      }),
      { numRuns: runs.signingSecrets },
    );
  });
});
