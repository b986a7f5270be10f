import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import type { ClerkToolkitApi } from '../../../src/extension/extension';
import type { CatalogNode } from '../../../src/extension/webhooks/catalogView';
import type { DeliveryNode } from '../../../src/extension/webhooks/deliveriesView';
import type { TestEventResponse } from '../../../src/core/webhooks/signing';
import { startFakeClerkSvix, type FakeClerkSvix } from '../../helpers/fakeClerkSvix';
import { toolkit } from '../probes';

const host = 'fake-instance-00.clerk.accounts.dev';
const publishableKey = `pk_test_${Buffer.from(`${host}$`).toString('base64').replace(/=+$/, '')}`;
const signingSecret = `whsec_${Buffer.from('integration-test-signing-key-0123').toString('base64')}`;

const api = (): Promise<ClerkToolkitApi> => toolkit();

async function label(provider: vscode.TreeDataProvider<unknown>, node: unknown): Promise<string> {
  const item = await provider.getTreeItem(node);
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}

describe('webhooks sidebar', function () {
  this.timeout(30_000);

  it('contributes the Clerk views and they resolve', async () => {
    const commands = await vscode.commands.getCommands(true);
    for (const id of [
      'clerkToolkit.setSecretKey',
      'clerkToolkit.signOut',
      'clerkToolkit.sendTestEvent',
      'clerkToolkit.refreshDeliveries',
      'clerkToolkit.filterDeliveries',
    ]) {
      assert.ok(commands.includes(id), `${id} is not registered`);
    }
    const { webhooks } = await api();
    // Focusing a view fails when it is not contributed or has no provider.
    for (const view of ['clerkToolkit.instance', 'clerkToolkit.catalog', 'clerkToolkit.deliveries']) {
      await vscode.commands.executeCommand(`${view}.focus`);
    }
    // Without a secret key the deliveries view is empty (its welcome text shows); the catalog works offline.
    assert.deepEqual(await webhooks.deliveries.getChildren(), []);
    assert.ok(((await webhooks.catalog.getChildren()) ?? []).length > 0, 'the catalog is empty');
  });

  it('shows the instance the publishable key in .env.local names before any secret key is set', async () => {
    const { webhooks } = await api();
    const rows = (await webhooks.instance.getChildren())!;
    const items = await Promise.all(rows.map((row) => webhooks.instance.getTreeItem(row)));
    assert.deepEqual(
      items.map((item) => [item.label, item.description]),
      [
        ['example-app-42.clerk.accounts.dev', 'Development'],
        ['Set Secret Key…', 'to see the instance online and its deliveries'],
        ['Use Key from .env.local', undefined],
      ],
    );
    assert.deepEqual(
      items.map((item) => item.command?.command),
      [undefined, 'clerkToolkit.setSecretKey', 'clerkToolkit.useWorkspaceEnvKey'],
    );
  });

  it('lists the event catalog by group, with actions and example payloads', async () => {
    const { webhooks } = await api();
    const groups = await webhooks.catalog.getChildren();
    assert.ok(groups && groups.length >= 10, 'expected the catalog groups');
    assert.equal(await label(webhooks.catalog, groups[0]), 'Users');
    const events = (await webhooks.catalog.getChildren(groups[0]))!;
    const created = events.find((node) => node.kind === 'event' && node.event.type === 'user.created') as CatalogNode;
    assert.ok(created, 'user.created is missing');
    const item = await webhooks.catalog.getTreeItem(created);
    assert.match(String(item.contextValue), /^clerkEvent/);
    assert.equal(item.command?.command, 'clerkToolkit.openEventExample');

    await vscode.commands.executeCommand(item.command.command, ...(item.command.arguments ?? []));
    const editor = vscode.window.activeTextEditor;
    assert.equal(editor?.document.uri.scheme, 'clerk-webhook');
    assert.equal(editor?.document.languageId, 'json');
    assert.equal(JSON.parse(editor!.document.getText()).type, 'user.created');

    await vscode.commands.executeCommand('clerkToolkit.copyHandlerCase', created);
    assert.match(await vscode.env.clipboard.readText(), /^case 'user\.created': \{/);
  });

  it('marks the event types the project handles (convex/http.ts switches on user.*) with a check', async () => {
    const { webhooks, diagnostics } = await api();
    // The check marks come from the server's project model: it has analysed the workspace by then.
    await diagnostics.whenAnalyzed();
    const contextOf = async (type: string): Promise<string> => {
      const groups = (await webhooks.catalog.getChildren())!;
      const events = (await Promise.all(groups.map(async (group) => (await webhooks.catalog.getChildren(group))!))).flat();
      const node = events.find((n) => n.kind === 'event' && n.event.type === type);
      assert.ok(node, `${type} is not in the catalog`);
      return String((await webhooks.catalog.getTreeItem(node)).contextValue);
    };
    assert.equal(await contextOf('user.created'), 'clerkEvent.handled');
    assert.equal(await contextOf('user.deleted'), 'clerkEvent.handled');
    assert.equal(await contextOf('session.created'), 'clerkEvent');
  });

  describe('with a faked Clerk instance', () => {
    let fake: FakeClerkSvix;
    const config = () => vscode.workspace.getConfiguration('clerkToolkit');

    before(async () => {
      fake = await startFakeClerkSvix({ messageCount: 30 });
      await config().update('clerkApiUrl', fake.clerkApiUrl, vscode.ConfigurationTarget.Global);
      await config().update('svixServerUrl', fake.svixUrl, vscode.ConfigurationTarget.Global);
    });

    after(async () => {
      await vscode.commands.executeCommand('clerkToolkit.signOut');
      await config().update('clerkApiUrl', undefined, vscode.ConfigurationTarget.Global);
      await config().update('svixServerUrl', undefined, vscode.ConfigurationTarget.Global);
      await fake.close();
    });

    it('stores the key in SecretStorage and shows the instance', async () => {
      const { webhooks } = await api();
      const stored = await vscode.commands.executeCommand<boolean>('clerkToolkit.setSecretKey', {
        publishableKey,
        secretKey: 'sk_test_fakeClerkSvixSecretKey',
      });
      assert.equal(stored, true);
      const rows = (await webhooks.instance.getChildren())!;
      const labels = await Promise.all(rows.map((row) => label(webhooks.instance, row)));
      assert.equal(labels[0], host);
      const keyRow = await webhooks.instance.getTreeItem(rows[1]);
      assert.equal(keyRow.description, 'VS Code secret storage');
      // GET /v1/instance went to the fake with the stored key.
      assert.match(labels[2], /^ins_/);
      const instanceCall = fake.requests.find((request) => request.path === '/v1/instance');
      assert.equal(instanceCall?.headers.authorization, 'Bearer sk_test_fakeClerkSvixSecretKey');
    });

    it('lists deliveries newest first with a Load more row and attempts as children', async () => {
      const { webhooks } = await api();
      await vscode.commands.executeCommand('clerkToolkit.refreshDeliveries');
      const rows = (await webhooks.deliveries.getChildren())!;
      assert.equal(rows[0].kind, 'endpoints');
      const messages = rows.filter((row): row is Extract<DeliveryNode, { kind: 'message' }> => row.kind === 'message');
      assert.equal(messages.length, 25);
      const times = messages.map((row) => row.message.timestamp.getTime());
      assert.deepEqual(
        times,
        [...times].sort((a, b) => b - a),
        'not newest first',
      );
      assert.equal(rows[rows.length - 1].kind, 'loadMore');
      const item = await webhooks.deliveries.getTreeItem(messages[0]);
      assert.equal(item.contextValue, 'clerkDelivery');
      assert.ok(String(item.description).includes('·'), 'description shows time and status');

      const attempts = (await webhooks.deliveries.getChildren(messages[0]))!;
      assert.ok(attempts.length > 0, 'expected attempts');
      const attempt = await webhooks.deliveries.getTreeItem(attempts[0]);
      assert.match(String(attempt.description), /^HTTP \d{3} · /);

      await vscode.commands.executeCommand('clerkToolkit.loadMoreDeliveries');
      const more = (await webhooks.deliveries.getChildren())!;
      assert.equal(more.filter((row) => row.kind === 'message').length, 30);
      assert.notEqual(more[more.length - 1].kind, 'loadMore');

      await vscode.commands.executeCommand('clerkToolkit.openDeliveryPayload', messages[0]);
      const editor = vscode.window.activeTextEditor;
      assert.equal(editor?.document.uri.path, `/delivery/${messages[0].message.id}.json`);
      assert.equal(JSON.parse(editor!.document.getText()).type, messages[0].message.eventType);
    });

    it('keeps the Svix session token out of settings and reuses it', async () => {
      const { webhooks } = await api();
      const exchanges = () => fake.requests.filter((request) => request.path.startsWith('/api/v1/auth/one-time-token')).length;
      const before = exchanges();
      await vscode.commands.executeCommand('clerkToolkit.refreshDeliveries');
      await webhooks.deliveries.getChildren();
      assert.equal(exchanges(), before, 'a cached session must not be minted again');
      assert.doesNotMatch(JSON.stringify(vscode.workspace.getConfiguration('clerkToolkit')), /sk_test_|token/i);
    });

    it('signing out removes the key', async () => {
      const { webhooks } = await api();
      await vscode.commands.executeCommand('clerkToolkit.signOut');
      // The instance stays (it is named by the publishable key), with the way to set a key again.
      const rows = (await webhooks.instance.getChildren())!;
      assert.deepEqual(await Promise.all(rows.map((row) => label(webhooks.instance, row))), [host, 'Set Secret Key…', 'Use Key from .env.local']);
      assert.deepEqual(await webhooks.deliveries.getChildren(), []);
    });
  });

  describe('sending a signed test event', () => {
    let server: http.Server;
    let url: string;

    before(async () => {
      // A route like the docs' handler: Clerk's own verifyWebhook decides.
      const { verifyWebhook } = await import('@clerk/backend/webhooks');
      server = http.createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (chunk: Buffer) => chunks.push(chunk));
        req.on('end', async () => {
          const headers = new Headers();
          for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
          try {
            const event = await verifyWebhook(new Request(`http://127.0.0.1${req.url}`, { method: 'POST', headers, body: Buffer.concat(chunks) }), {
              signingSecret,
            });
            res.writeHead(200).end(`ok ${event.type}`);
          } catch (error) {
            res.writeHead(400).end(`Error verifying webhook: ${(error as Error).message}`);
          }
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/webhooks/clerk`;
    });

    after(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it('gets 200 from a route that verifies with the same secret', async () => {
      const response = await vscode.commands.executeCommand<TestEventResponse>('clerkToolkit.sendTestEvent', { eventType: 'user.created', url, signingSecret });
      assert.equal(response?.status, 200);
      assert.equal(response.body, 'ok user.created');
    });

    it('gets 400, with the reason, when the secret is wrong', async () => {
      const wrong = `whsec_${Buffer.from('another-signing-key-000000000000').toString('base64')}`;
      const response = await vscode.commands.executeCommand<TestEventResponse>('clerkToolkit.sendTestEvent', {
        eventType: 'user.created',
        url,
        signingSecret: wrong,
      });
      assert.equal(response?.status, 400);
      assert.match(response.body, /signature/i);
    });
  });
});
