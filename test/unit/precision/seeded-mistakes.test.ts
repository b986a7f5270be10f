import * as assert from 'node:assert/strict';
import { rulesMetadata } from '../../../src/core/engine';
import { convexSeeds } from './seeded/convex';
import { envSeeds } from './seeded/env';
import { describeSeeds, itIsCleanUnseeded } from './seeded/harness';
import { middlewareSeeds } from './seeded/middleware';
import { webhookSeeds } from './seeded/webhooks';

/**
 * rules.md, "What the evaluation expects", extended to the whole catalog: for every rule, realistic
 * mistakes seeded alone into a correct fixture are found by the CLI at the right place and severity,
 * and the rule's first fix (when it has one) repairs them. The tables live in ./seeded/, by family.
 */
const families = {
  'env files and keys': envSeeds,
  'Convex auth': convexSeeds,
  'Next.js middleware / proxy': middlewareSeeds,
  webhooks: webhookSeeds,
};

/** The first seed of each family also runs through the built CLI end to end (the rest in-process). */
const endToEnd = (seeds: typeof envSeeds) => seeds.map((seed, index) => (index === 0 ? { ...seed, viaCli: true } : seed));

describe('seeded mistakes (as clerk-toolkit check --format json reports them)', function () {
  this.timeout(120_000);

  itIsCleanUnseeded('next16-convex');
  itIsCleanUnseeded('next15-middleware');

  it('every rule of the catalog has a seeded mistake', () => {
    const seeded = new Set(
      Object.values(families)
        .flat()
        .map((seed) => seed.ruleId),
    );
    assert.deepEqual(
      rulesMetadata()
        .map((rule) => rule.id)
        .filter((id) => !seeded.has(id)),
      [],
    );
    assert.equal(rulesMetadata().length, 23);
  });

  for (const [family, seeds] of Object.entries(families)) describeSeeds(family, endToEnd(seeds));
});
