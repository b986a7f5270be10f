import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import * as crypto from 'node:crypto';
import { repoRoot } from '../../helpers/paths';
import { catalogByGroup, clerkWebhookCatalog, clerkWebhookEventTypes, groupLabel } from '../../../src/core/webhooks';

describe('webhook event catalog', () => {
  it('the committed module is what the generator makes from the committed spec', () => {
    const regenerated = execFileSync(process.execPath, [path.join(repoRoot, 'scripts/generate-catalog.mjs'), '--stdout'], { encoding: 'utf8' });
    assert.equal(regenerated, fs.readFileSync(path.join(repoRoot, 'src/core/webhooks/catalog.generated.ts'), 'utf8'));
  });

  it('the vendored specs are the published files (sha256 listed in specs/README.md)', () => {
    const readme = fs.readFileSync(path.join(repoRoot, 'specs/README.md'), 'utf8');
    const listed = [...readme.matchAll(/^([0-9a-f]{64})  (\S+)$/gm)];
    assert.equal(listed.length, 3);
    for (const [, sha, file] of listed) {
      assert.equal(
        crypto
          .createHash('sha256')
          .update(fs.readFileSync(path.join(repoRoot, 'specs', file)))
          .digest('hex'),
        sha,
        file,
      );
    }
  });

  it('has every event type of the spec, each with its example envelope', () => {
    const spec = parse(fs.readFileSync(path.join(repoRoot, 'specs/clerk-webhooks-2025-04-15.yml'), 'utf8')) as { 'x-webhooks': Record<string, unknown> };
    assert.deepEqual([...clerkWebhookEventTypes].sort(), Object.keys(spec['x-webhooks']).sort());
    assert.equal(clerkWebhookEventTypes.length, 45);
    for (const event of clerkWebhookCatalog) {
      assert.equal(event.example.object, 'event', event.type);
      assert.equal(event.example.type, event.type);
      assert.equal(typeof event.example.data, 'object', event.type);
    }
  });

  it('groups events as the issue lists them', () => {
    const groupOf = (type: string) => clerkWebhookCatalog.find((event) => event.type === type)?.group;
    assert.equal(groupOf('user.created'), 'user');
    assert.equal(groupOf('session.revoked'), 'session');
    assert.equal(groupOf('organizationMembership.updated'), 'membership');
    assert.equal(groupOf('organizationInvitation.accepted'), 'invitation');
    assert.equal(groupOf('organizationDomain.deleted'), 'domain');
    assert.equal(groupOf('sms.created'), 'email-sms');
    assert.equal(groupOf('waitlistEntry.created'), 'waitlist');
    assert.equal(groupOf('subscriptionItem.freeTrialEnding'), 'billing');
    assert.equal(groupOf('paymentAttempt.created'), 'billing');
    const groups = catalogByGroup();
    assert.equal(
      groups.reduce((n, g) => n + g.events.length, 0),
      45,
    );
    assert.ok(groups.every((g) => g.events.length > 0 && groupLabel(g.group).length > 0));
  });
});
