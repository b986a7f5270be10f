import * as assert from 'node:assert/strict';
import { convexEnvSetCommand } from '../../../src/core/env/envEdits';

describe('convexEnvSetCommand', () => {
  it('single-quotes the value for a POSIX shell, escaping its own quotes', () => {
    assert.equal(convexEnvSetCommand('X', 'https://a.dev'), "npx convex env set X 'https://a.dev'");
    assert.equal(convexEnvSetCommand('X', "it's $HOME"), "npx convex env set X 'it'\\''s $HOME'");
  });

  it('uses a placeholder when there is no value', () => {
    assert.equal(convexEnvSetCommand('X', undefined), 'npx convex env set X <value>');
    assert.equal(convexEnvSetCommand('X', ''), 'npx convex env set X <value>');
  });
});
