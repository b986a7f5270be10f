import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { recordNotifications, waitFor } from '../../integration/probes';

const extensionId = 'clerk-auth-toolkit.clerk-auth-toolkit';
const command = 'clerkToolkit.diagnostics.copyConvexEnvSet';
const key = 'CLERK_FRONTEND_API_URL';

describe('convex env hover in Restricted Mode', function () {
  this.timeout(30_000);

  it('copies the command with a placeholder, never the value from .env.local, and says so', async () => {
    const folder = vscode.workspace.workspaceFolders![0].uri;
    const envText = Buffer.from(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(folder, '.env.local'))).toString('utf8');
    const value = new RegExp(`^${key}=(\\S+)$`, 'm').exec(envText)?.[1];
    assert.ok(value, `.env.local has no ${key}`);

    await vscode.extensions.getExtension(extensionId)!.activate();
    const document = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(folder, 'convex', 'auth.config.ts'));
    await vscode.window.showTextDocument(document);
    const position = document.positionAt(document.getText().indexOf(`process.env.${key}`) + 'process.env.'.length + 2);
    const link = await waitFor('the hover with the copy link', async () => {
      const hovers = (await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position)) ?? [];
      const text = hovers.flatMap((hover) => hover.contents).map((content) => (content instanceof vscode.MarkdownString ? content.value : String(content))).join('\n');
      return new RegExp(`\\[([^\\]]*)\\]\\(command:${command.replace(/\./g, '\\.')}\\?([^)\\s]+)\\)`).exec(text) ?? undefined;
    });
    assert.match(link[1], /untrusted workspace/);

    const recorder = recordNotifications('showInformationMessage');
    const notices = recorder.messages;
    try {
      await vscode.env.clipboard.writeText('');
      await vscode.commands.executeCommand(command, ...(JSON.parse(decodeURIComponent(link[2])) as unknown[]));
    } finally {
      recorder.restore();
    }
    assert.equal(await vscode.env.clipboard.readText(), `npx convex env set ${key} <value>`);
    assert.equal(notices.length, 1);
    assert.match(notices[0], /placeholder/);
    assert.ok(!notices[0].includes(value));
  });
});
