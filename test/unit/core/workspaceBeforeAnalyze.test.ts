import * as assert from 'node:assert/strict';
import { AnalysisSession } from '../../../src/core/engine';
import { createMemoryHost } from '../../../src/core/project/fileHost';
import { envMissingRule } from '../../../src/core/rules/env-missing';
import { nextApp } from '../ruleTester';

/** Editor hovers read the model between a change and the (debounced) analysis. */
describe('getWorkspace() between a change and analyze()', () => {
  const newRead = (session: AnalysisSession) =>
    session
      .analyze()
      .get('/ws/lib/x.ts')
      ?.map((finding) => finding.ruleId);

  it('still re-runs the rules of the changed project', () => {
    const session = new AnalysisSession({ roots: ['/ws'], host: createMemoryHost(nextApp()), rules: [envMissingRule] });
    session.analyze();
    session.setOverlay('/ws/lib/x.ts', 'export const x = process.env.NEW_ONE;\n');
    session.getWorkspace();
    assert.deepEqual(newRead(session), ['env-missing']);
    session.setOverlay('/ws/lib/x.ts', 'export const x = 1;\n');
    session.getWorkspace();
    assert.equal(newRead(session), undefined, 'the stale finding goes');
  });

  it('keeps every finding after a structural change', () => {
    const host = createMemoryHost({ ...nextApp(), '/ws/lib/x.ts': 'export const x = process.env.NEW_ONE;\n' });
    const session = new AnalysisSession({ roots: ['/ws'], host, rules: [envMissingRule] });
    assert.deepEqual(newRead(session), ['env-missing']);
    session.fileChanged('/ws/package.json');
    session.getWorkspace();
    assert.deepEqual(newRead(session), ['env-missing']);
  });
});
