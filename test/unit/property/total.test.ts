import * as assert from 'node:assert/strict';
import { propertyRunTotal, runs } from './runs';

describe('property tests: the generated inputs add up (issue 8 item 7)', () => {
  it(`run at least 100,000 inputs in all (${propertyRunTotal} over ${Object.keys(runs).length} properties)`, () => {
    assert.ok(propertyRunTotal >= 100_000, String(propertyRunTotal));
  });
});
