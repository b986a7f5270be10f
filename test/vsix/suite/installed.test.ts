import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { seedApplicationIdMistake } from '../../integration/probes';

const extensionId = 'clerk-auth-toolkit.clerk-auth-toolkit';

describe('the packaged .vsix', () => {
  it('is installed (not the development copy) and activates in the fixture workspace', async () => {
    const extension = vscode.extensions.getExtension(extensionId);
    assert.ok(extension, `${extensionId} is not installed`);
    assert.ok(!extension.extensionPath.includes('/test/'), `expected the installed copy, got ${extension.extensionPath}`);
    await extension.activate();
    assert.equal(extension.isActive, true);
  });

  it('contributes its commands from the packaged manifest', async () => {
    const commands = await vscode.commands.getCommands(true);
    assert.ok(commands.includes('clerkToolkit.showFindings'), 'clerkToolkit.showFindings missing');
  });

  it('runs its analysis engine chunk from the package (a seeded mistake is diagnosed)', async () => {
    try {
      await seedApplicationIdMistake();
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
  });
});
