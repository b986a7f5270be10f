import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import type { ClerkToolkitApi } from '../../../src/extension/extension';
import { seedApplicationIdMistake } from '../../integration/probes';

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
    try {
      await seedApplicationIdMistake();
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
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
