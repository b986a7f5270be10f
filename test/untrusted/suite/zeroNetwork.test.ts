import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import type { DeliveryNode } from '../../../src/extension/webhooks/deliveriesView';
import { toolkit } from '../../integration/probes';

const host = 'fake-instance-00.clerk.accounts.dev';
const publishableKey = `pk_test_${Buffer.from(`${host}$`).toString('base64').replace(/=+$/, '')}`;

/**
 * Restricted Mode makes no network call at all: with the Clerk and Svix API URLs pointed at a
 * recording server, with a stored secret key and the online check on, every view and command that
 * would call an API runs to its end, and the recorder has seen nothing.
 */
describe('in Restricted Mode, no network call', function () {
  this.timeout(60_000);
  const requests: string[] = [];
  let server: http.Server;
  let url: string;
  const config = () => vscode.workspace.getConfiguration('clerkToolkit');

  before(async () => {
    server = http.createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      res.writeHead(500).end();
    });
    server.on('connect', (req, socket) => {
      requests.push(`CONNECT ${req.url}`);
      socket.destroy();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // The recorder records: a request from this extension host reaches it.
    await fetch(`${url}/control`).catch(() => undefined);
    assert.deepEqual(requests.splice(0), ['GET /control']);
    for (const name of ['clerkApiUrl', 'svixServerUrl']) await config().update(name, url, vscode.ConfigurationTarget.Global);
    await config().update('onlineCheck.enable', true, vscode.ConfigurationTarget.Global);
  });

  after(async () => {
    await vscode.commands.executeCommand('clerkToolkit.signOut');
    for (const name of ['clerkApiUrl', 'svixServerUrl', 'onlineCheck.enable']) await config().update(name, undefined, vscode.ConfigurationTarget.Global);
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('with a stored key and the online check on, the views, the online check and every API command call nothing', async () => {
    assert.equal(vscode.workspace.isTrusted, false);
    const { webhooks, diagnostics } = await toolkit();
    // A key in SecretStorage is not used here: Workspace Trust decides, not where the key lives.
    assert.equal(await vscode.commands.executeCommand('clerkToolkit.setSecretKey', { publishableKey, secretKey: 'sk_test_storedButUntrusted' }), true);

    const instanceRows = (await webhooks.instance.getChildren())!;
    const labels = await Promise.all(instanceRows.map(async (row) => (await webhooks.instance.getTreeItem(row)).label));
    assert.deepEqual(labels, [host, 'Set Secret Key…'], 'the instance shows from the key alone, with no online row');
    assert.deepEqual(await webhooks.deliveries.getChildren(), []);
    await vscode.commands.executeCommand('clerkToolkit.refreshInstance');
    await vscode.commands.executeCommand('clerkToolkit.refreshDeliveries');
    await vscode.commands.executeCommand('clerkToolkit.loadMoreDeliveries');
    await vscode.commands.executeCommand('clerkToolkit.createSvixApp');
    const message: DeliveryNode = { kind: 'message', message: { id: 'msg_1', eventType: 'user.created', timestamp: new Date(), payload: {} } };
    await vscode.commands.executeCommand('clerkToolkit.resendDelivery', message);
    assert.equal(
      await vscode.commands.executeCommand('clerkToolkit.sendTestEvent', {
        eventType: 'user.created',
        url: `${url}/api/webhooks`,
        signingSecret: 'whsec_dGVzdA==',
      }),
      undefined,
    );
    assert.equal((await webhooks.instance.getChildren())!.length, 2, 'still no online row after a refresh');
    assert.deepEqual(await webhooks.deliveries.getChildren(), []);
    // Re-analysis asks the online check again; it resolves after the server's new analysis.
    await diagnostics.whenAnalyzed();
    await vscode.commands.executeCommand('clerkToolkit.reanalyze');

    assert.deepEqual(requests, []);
  });
});
