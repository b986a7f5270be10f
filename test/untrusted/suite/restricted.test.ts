import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import type { ClerkToolkitApi } from '../../../src/extension/extension';

const extensionId = 'clerk-auth-toolkit.clerk-auth-toolkit';

async function api(): Promise<ClerkToolkitApi> {
  const extension = vscode.extensions.getExtension<ClerkToolkitApi>(extensionId);
  assert.ok(extension, `${extensionId} not found`);
  return extension.activate();
}

describe('in an untrusted folder (Restricted Mode)', function () {
  this.timeout(30_000);

  it('the folder really is untrusted', () => {
    assert.equal(vscode.workspace.isTrusted, false);
  });

  it('still activates and shows offline diagnostics', async () => {
    await api();
    const config = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0].uri, 'convex', 'auth.config.ts');
    const doc = await vscode.workspace.openTextDocument(config);
    const editor = await vscode.window.showTextDocument(doc);
    const at = doc.getText().indexOf("'convex'");
    await editor.edit((edit) => edit.replace(new vscode.Range(doc.positionAt(at), doc.positionAt(at + 8)), "'Convex'"));
    const deadline = Date.now() + 15_000;
    const ours = (): vscode.Diagnostic[] => vscode.languages.getDiagnostics(config).filter((d) => d.source === 'Clerk Auth Toolkit');
    while (ours().length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    assert.ok(ours().length > 0, 'no offline diagnostic in Restricted Mode');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('does not read the secret key from workspace env files', async () => {
    assert.equal(await vscode.commands.executeCommand('clerkToolkit.useWorkspaceEnvKey'), false);
  });

  it('does not load deliveries', async () => {
    const { webhooks } = await api();
    assert.deepEqual(await webhooks.deliveries.getChildren(), []);
  });

  it('does not send test events, not even to loopback', async () => {
    let requests = 0;
    const server = http.createServer((_req, res) => {
      requests += 1;
      res.end('ok');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/webhooks`;
      const result = await vscode.commands.executeCommand('clerkToolkit.sendTestEvent', { eventType: 'user.created', url });
      assert.equal(result, undefined);
      assert.equal(requests, 0);
    } finally {
      server.close();
    }
  });
});
