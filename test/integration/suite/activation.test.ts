import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { commandIds } from '../../../src/protocol';
import { analysisAfter, seedApplicationIdMistake, toolkit } from '../probes';

describe('activation', () => {
  it('activates in the fixture workspace and reports its activation time', async () => {
    const api = await toolkit();
    assert.equal(typeof api.activationMs, 'number');
    // Printed for the closing note; the budget itself lives in `npm run bench`.
    console.log(`activation: activate() took ${api.activationMs.toFixed(1)} ms in the extension host`);
  });

  it('starts the language server for the Clerk workspace without a command or an opened file', async () => {
    const { diagnostics } = await toolkit();
    const first = await diagnostics.whenAnalyzed();
    assert.equal(diagnostics.state, 'running');
    assert.ok(first.generation >= 1 && first.durationMs >= 0, JSON.stringify(first));
  });

  it('registers its commands, and Re-analyze runs a new analysis', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of [commandIds.showFindings, commandIds.reanalyze]) {
      assert.ok(commands.includes(id), `${id} is not registered`);
    }
    const previous = await (await toolkit()).diagnostics.whenAnalyzed();
    const next = await analysisAfter(() => vscode.commands.executeCommand(commandIds.reanalyze));
    assert.ok(next.generation > previous.generation, `generation ${next.generation} after ${previous.generation}`);
  });

  it('sets a diagnostic that shows up in vscode.languages.getDiagnostics', async () => {
    try {
      const { document, diagnostic } = await seedApplicationIdMistake();
      assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
      assert.match(document.getText(diagnostic.range), /Convex/);
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });
});
