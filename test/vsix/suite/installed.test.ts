import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

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
    const config = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'convex', 'auth.config.ts');
    const doc = await vscode.workspace.openTextDocument(config);
    const editor = await vscode.window.showTextDocument(doc);
    const at = doc.getText().indexOf("'convex'");
    assert.ok(at > 0, "fixture auth.config.ts has no 'convex' applicationID");
    await editor.edit((edit) => edit.replace(new vscode.Range(doc.positionAt(at), doc.positionAt(at + 8)), "'Convex'"));
    const deadline = Date.now() + 20_000;
    const ours = (): vscode.Diagnostic[] => vscode.languages.getDiagnostics(config).filter((d) => d.source === 'Clerk Auth Toolkit');
    while (ours().length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    assert.ok(ours().length > 0, 'no diagnostic from the packaged extension');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });
});
