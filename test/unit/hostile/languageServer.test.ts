import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { analysisFailuresNotification, didAnalyzeNotification, type AnalysisFailuresParams } from '../../../src/protocol';
import { removeProjects, ScriptedClient, writeProject } from '../server/lspClient';
import { app, outsideSecret } from './hostileApp';

describe('hostile workspace through the language server (issue 8 item 4)', function () {
  this.timeout(90_000);
  let client: ScriptedClient | undefined;

  after(() => {
    client?.kill();
    removeProjects();
  });

  it('analyses a workspace with link loops, a link out, a backtracking matcher and a hostile .gitignore, and names what it left out', async () => {
    const elsewhere = writeProject({ 'keys.ts': `export const key = '${outsideSecret}';\n` });
    const root = writeProject({
      ...app,
      'middleware.ts': `${app['proxy.ts']}\nexport const config = { matcher: ['/((?:[^z]*)*z)'] };\n`,
      '.gitignore': 'a*a*a*a*a*a*a*a*a*a*a*b\n',
      [`${'a'.repeat(200)}/page.tsx`]: 'export default function Page() {\n  return null;\n}\n',
    });
    fs.rmSync(path.join(root, 'proxy.ts'));
    fs.symlinkSync('.', path.join(root, 'app', 'a'));
    fs.symlinkSync('.', path.join(root, 'app', 'b'));
    fs.symlinkSync(elsewhere, path.join(root, 'app', 'lib'));
    client = new ScriptedClient([root]);
    // No time limit to hide behind: the defaults of the editor.
    await client.initialize({ trusted: true });
    const failures = await client.next<AnalysisFailuresParams>(analysisFailuresNotification, () => true, 0, 60_000);
    assert.deepEqual(failures.failures, [
      `${path.join(root, 'app', 'lib')}: not read: it is a link to a path outside the workspace folder`,
      `${path.join(root, '.gitignore')}: lines not applied (not valid patterns, more than 3 wildcards, or beyond line 1000): 1`,
    ]);
    await client.next(didAnalyzeNotification, () => true, 0, 60_000);
    // middleware.ts (the deprecated name in Next 16) still gets its finding: the rest was analysed.
    const middleware = await client.diagnosticsOf('middleware.ts', (list) => list.length > 0, 0);
    assert.deepEqual(
      middleware.map((d) => d.code),
      ['middleware-file-convention'],
    );
    assert.ok(![...client.diagnostics.keys()].some((uri) => uri.includes('/app/lib/') || uri.includes('/app/a/')));
    assert.equal(await client.shutdown(), 0);
    client = undefined;
  });
});
