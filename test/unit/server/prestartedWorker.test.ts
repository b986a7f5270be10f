import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AnalysisWorkerHost, prestartAnalysisWorker } from '../../../src/server/analysisWorkerHost';
import type { WorkerAnalysis } from '../../../src/server/workerProtocol';
import { pathToUri } from '../../../src/core/uris';
import { fixture } from '../../helpers/paths';

/**
 * The analysis thread started at process start (before `initialize` names the workspace) and
 * adopted by the first host: the real worker (out/src/server/analysisWorker.js), given its state
 * by message.
 */
describe('analysis worker started before the workspace is known', function () {
  this.timeout(60_000);
  const saved = process.env.XDG_CACHE_HOME;
  let dir: string;
  let hosts: AnalysisWorkerHost[] = [];

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'prestarted-worker-'));
    process.env.XDG_CACHE_HOME = path.join(dir, 'cache');
  });

  afterEach(() => {
    for (const host of hosts) host.dispose();
    hosts = [];
    if (saved === undefined) delete process.env.XDG_CACHE_HOME;
    else process.env.XDG_CACHE_HOME = saved;
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const hostFor = (root: string, documents: { file: string; text: string; version: number }[] = []) => {
    const host = new AnalysisWorkerHost({
      state: { folders: [{ root, values: {} }], trusted: true, documents, excluded: [] },
      timeLimitMs: 30_000,
      onReplaced: (report) => assert.fail(`the worker was replaced: ${report.reason}`),
    });
    hosts.push(host);
    return host;
  };

  it('analyses the workspace and unsaved documents it is given once adopted; the next host starts its own', async () => {
    const app = path.join(dir, 'app');
    fs.cpSync(fixture('cli-broken'), app, { recursive: true });
    const route = path.join(app, 'app', 'api', 'webhooks', 'clerk', 'route.ts');
    prestartAnalysisWorker();
    // Unsaved text without the event-type mistake the file on disk has: only the state sent to the
    // waiting thread can say so.
    const unsaved = "export async function POST() {\n  return new Response('ok');\n}\n";
    const adopted = (await hostFor(app, [{ file: route, text: unsaved, version: 3 }]).request('analyze')) as WorkerAnalysis;
    const rulesIn = (analysis: WorkerAnalysis, file: string) =>
      (analysis.diagnostics.find(([uri]) => uri === pathToUri(file))?.[1] ?? []).map((diagnostic) => diagnostic.code);
    assert.ok(adopted.complete);
    assert.deepEqual(rulesIn(adopted, path.join(app, '.env.local')), ['key-instance-mismatch']);
    assert.deepEqual(rulesIn(adopted, route), []);
    const fresh = (await hostFor(app).request('analyze')) as WorkerAnalysis;
    assert.deepEqual(rulesIn(fresh, route), ['webhook-event-type']);
  });

  it('does not keep a process alive that never adopts it', () => {
    const script = `require(${JSON.stringify(require.resolve('../../../src/server/analysisWorkerHost'))}).prestartAnalysisWorker();`;
    const result = spawnSync(process.execPath, ['-e', script], {
      encoding: 'utf8',
      timeout: 30_000,
      env: { ...process.env, XDG_CACHE_HOME: path.join(dir, 'cache') },
    });
    assert.equal(result.error, undefined, 'the process ended on its own');
    assert.equal(result.status, 0, result.stderr);
  });
});
