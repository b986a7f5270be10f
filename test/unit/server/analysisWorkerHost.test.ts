import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { AnalysisWorkerHost, WorkerStoppedError, type StopReport } from '../../../src/server/analysisWorkerHost';

/**
 * A stand-in for the analysis worker, speaking the same messages: `handledEventTypes` echoes the
 * state it was started with, `hover` gets stuck on /ws/stuck.ts (as a catastrophic regex would),
 * `fixClipboardText` crashes the thread.
 */
const scriptedWorker = `
const { parentPort, workerData } = require('node:worker_threads');
const marker = new Int32Array(workerData.readingMarker);
parentPort.postMessage({ kind: 'ready' });
parentPort.on('message', (message) => {
  if (message.kind !== 'request') return;
  if (message.method === 'handledEventTypes') {
    parentPort.postMessage({ kind: 'result', id: message.id, value: [...workerData.excluded, ...workerData.documents.map((d) => d.file + '@' + d.version)] });
  } else if (message.method === 'hover') {
    parentPort.postMessage({ kind: 'path', id: 7, file: '/ws/stuck.ts' });
    Atomics.store(marker, 0, 7);
    Atomics.add(marker, 1, 1);
    for (;;) {}
  } else if (message.method === 'fixClipboardText') {
    process.exit(3);
  }
});
`;

describe('AnalysisWorkerHost', function () {
  this.timeout(30_000);
  let workerFile: string;
  let host: AnalysisWorkerHost | undefined;

  before(() => {
    workerFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'worker-host-')), 'worker.js');
    fs.writeFileSync(workerFile, scriptedWorker);
  });

  afterEach(() => {
    host?.dispose();
    host = undefined;
  });

  function start(): { host: AnalysisWorkerHost; replaced: Promise<StopReport> } {
    let replaced!: (report: StopReport) => void;
    const next = new Promise<StopReport>((resolve) => (replaced = resolve));
    host = new AnalysisWorkerHost({
      state: { folders: [], trusted: true, documents: [], excluded: [] },
      timeLimitMs: 500,
      workerFile,
      onReplaced: (report) => replaced(report),
    });
    return { host, replaced: next };
  }

  it('stops a worker stuck on one file, names the file, and starts one that leaves it out, with the open documents', async () => {
    const { host, replaced } = start();
    host.changeDocument({ file: '/ws/page.tsx', text: 'x', version: 4 });
    await assert.rejects(host.request('hover', 'file:///ws/stuck.ts', { line: 0, character: 0 }), WorkerStoppedError);
    assert.deepEqual(await replaced, { reason: '/ws/stuck.ts was skipped: the analysis spent more than 0.5 s on it', skipped: '/ws/stuck.ts', retry: true });
    assert.deepEqual(await host.request('handledEventTypes'), ['/ws/stuck.ts', '/ws/page.tsx@4']);
  });

  it('replaces a crashed worker as it was, and it answers again', async () => {
    const { host, replaced } = start();
    host.changeDocument({ file: '/ws/page.tsx', text: 'x', version: 2 });
    await assert.rejects(host.request('fixClipboardText', 'id'), WorkerStoppedError);
    assert.deepEqual(await replaced, { reason: 'the analysis thread exited (code 3)', retry: true });
    assert.deepEqual(await host.request('handledEventTypes'), ['/ws/page.tsx@2']);
  });
});
