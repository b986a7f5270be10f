import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import type { DiagnosticsApi } from '../../../src/extension/diagnostics';
import type { DidAnalyzeParams } from '../../../src/protocol';
import { recordNotifications, toolkit, waitFor } from '../probes';

/** PIDs of the language servers this extension host started (dist/server.js, told our process id). */
function serverProcesses(): number[] {
  // -ww: full command lines, however long.
  const lines = execFileSync('ps', ['-eww', '-o', 'pid=,args='], { encoding: 'utf8' }).split('\n');
  return lines
    .filter((line) => /dist[\\/]server\.js/.test(line) && line.includes(`--clientProcessId=${process.pid}`))
    .map((line) => Number.parseInt(line.trim(), 10));
}

function firstAnalysisOfANewServer(diagnostics: DiagnosticsApi): Promise<DidAnalyzeParams> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error('no analysis from a restarted server'));
    }, 45_000);
    const subscription = diagnostics.onDidAnalyze((params) => {
      if (params.generation !== 1) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(params);
    });
  });
}

describe('a crashed language server', function () {
  this.timeout(60_000);

  it('restarts every time, analyses again, and says so once per session', async () => {
    const { diagnostics } = await toolkit();
    await diagnostics.whenAnalyzed();
    const recorded = recordNotifications('showWarningMessage');
    try {
      for (let crash = 1; crash <= 2; crash++) {
        const pid = await waitFor('a language server process', () => serverProcesses()[0]);
        // A new server numbers its analyses from 1; an analysis still in flight from the killed one does not count.
        const fresh = firstAnalysisOfANewServer(diagnostics);
        process.kill(pid, 'SIGKILL');
        const analysis = await fresh;
        assert.equal(analysis.generation, 1);
        assert.equal(diagnostics.state, 'running');
        const successor = serverProcesses();
        assert.ok(successor.length === 1 && successor[0] !== pid, `crash ${crash}: servers ${successor.join(', ')} after killing ${pid}`);
        console.log(`crash ${crash}: server ${pid} killed; server ${successor[0]} analysed in ${analysis.durationMs} ms`);
      }
    } finally {
      recorded.restore();
    }
    const notices = recorded.messages.filter((message) => /language server stopped unexpectedly/.test(message));
    assert.equal(notices.length, 1, `one notice for two crashes, got: ${recorded.messages.join(' | ')}`);
    // The library's own "stopped after 5 crashes" style message never appears.
    assert.ok(!recorded.messages.some((message) => /will not be restarted|crashed \d+ times/.test(message)), recorded.messages.join(' | '));
  });
});
