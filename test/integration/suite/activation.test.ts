import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { seedApplicationIdMistake } from '../probes';

const extensionId = 'clerk-auth-toolkit.clerk-auth-toolkit';

describe('activation', () => {
  it('activates in the fixture workspace and reports its activation time', async () => {
    const extension = vscode.extensions.getExtension<{ activationMs: number }>(extensionId);
    assert.ok(extension, `${extensionId} not found`);
    const api = await extension.activate();
    assert.equal(extension.isActive, true);
    assert.equal(typeof api.activationMs, 'number');
    // Printed for the closing note; the budget itself lives in `npm run bench`.
    console.log(`activation: activate() took ${api.activationMs.toFixed(1)} ms in the extension host`);
  });

  it('registers its commands, and a command runs', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of ['clerkToolkit.showFindings', 'clerkToolkit.reanalyze']) {
      assert.ok(commands.includes(id), `${id} is not registered`);
    }
    await vscode.commands.executeCommand('clerkToolkit.reanalyze');
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
