import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as vscode from 'vscode';
import type { TestEventResponse } from '../../../src/core/webhooks/signing';
import type { DeliveryNode } from '../../../src/extension/webhooks/deliveriesView';
import { startFakeClerkSvix, type FakeClerkSvix } from '../../helpers/fakeClerkSvix';
import { logTextWhere, recordAllNotifications, recordNotifications, toolkit } from '../probes';
import { startRewritingProxy, type RewritingProxy } from '../rewritingProxy';

/**
 * Text from outside (a web server's reply, Clerk and Svix answers) carrying a `command:` link, HTML
 * and Markdown, in every place the sidebar can show it: it must arrive inert (no link VS Code would
 * render), without secrets, and response bodies only in the log.
 */

const link = '[Show details](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22echo%20pwned%5Cn%22%7D)';
const hostile = `${link} <img src=x onerror=alert(1)> <a href="command:workbench.action.reloadWindow">reload</a> **bold** \`tick\``;
const host = 'fake-instance-00.clerk.accounts.dev';
const publishableKey = `pk_test_${Buffer.from(`${host}$`).toString('base64').replace(/=+$/, '')}`;
const secretKey = 'sk_test_fakeClerkSvixSecretKey';
const signingSecret = `whsec_${Buffer.from('integration-test-signing-key-0123').toString('base64')}`;
const webhooksLog = 'Clerk Auth Toolkit: Webhooks';

/** VS Code's link syntax in notifications and dialogs (vs/base/common/linkedText.ts). */
const notificationLink = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/i;

function assertInert(text: string | undefined, where: string): void {
  if (text === undefined) return;
  assert.doesNotMatch(text, notificationLink, `${where} has a link: ${text}`);
  assert.doesNotMatch(text, /\]\(|<[a-z/!]/i, `${where} has Markdown or HTML: ${text}`);
  assert.ok(!text.includes(secretKey), `${where} shows the secret key: ${text}`);
}

/** Label, description and tooltip of a tree item; a Markdown tooltip may hold one fence of its own (the attempt's response). */
async function assertItemInert<T>(provider: vscode.TreeDataProvider<T>, node: T, where: string): Promise<vscode.TreeItem> {
  const item = await provider.getTreeItem(node);
  assertInert(typeof item.label === 'string' ? item.label : item.label?.label, `${where} label`);
  assertInert(typeof item.description === 'string' ? item.description : undefined, `${where} description`);
  const tooltip = item.tooltip instanceof vscode.MarkdownString ? item.tooltip.value : item.tooltip;
  assertInert(tooltip, `${where} tooltip`);
  assert.ok((tooltip?.match(/```/g) ?? []).length <= 2, `${where} tooltip: the text closed the code fence: ${tooltip}`);
  return item;
}

function listen(handler: http.RequestListener): Promise<{ server: http.Server; url: string }> {
  const server = http.createServer(handler);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

const close = (server: http.Server): Promise<void> =>
  new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

describe('untrusted text in the sidebar', function () {
  this.timeout(60_000);

  describe('the test-event sender', () => {
    let server: http.Server;
    let url: string;
    let status = 400;

    before(async () => {
      ({ server, url } = await listen((_req, res) => res.writeHead(status, { 'content-type': 'text/html' }).end(`${hostile} echoed ${secretKey}`)));
    });
    after(() => close(server));

    for (const answer of [400, 200]) {
      it(`keeps a reply body with a command link out of the notification (HTTP ${answer}) and logs it redacted`, async () => {
        status = answer;
        const recorder = recordAllNotifications();
        let response: TestEventResponse | undefined;
        try {
          response = await vscode.commands.executeCommand<TestEventResponse>('clerkToolkit.sendTestEvent', {
            eventType: 'user.created',
            url: `${url}/api/webhooks`,
            signingSecret,
          });
        } finally {
          recorder.restore();
        }
        assert.equal(response?.status, answer);
        assert.equal(recorder.messages.length, 1, recorder.messages.join('\n'));
        const [message] = recorder.messages;
        assertInert(message, 'the notification');
        assert.ok(!message.includes('Show details'), `the reply body reached the notification: ${message}`);
        assert.match(message, new RegExp(`answered HTTP ${answer}`));
        const log = await logTextWhere(webhooksLog, 'the reply in the log', (text) => text.includes(`HTTP ${answer} in`) && text.includes('Show details'));
        assert.ok(!log.includes(secretKey), 'the log shows the echoed secret key');
        assert.ok(!log.includes(signingSecret), 'the log shows the signing secret');
      });
    }

    it('shows a failure naming a hostile URL inert', async () => {
      const { server: closed, url: closedUrl } = await listen(() => undefined);
      await close(closed);
      const recorder = recordAllNotifications();
      try {
        const response = await vscode.commands.executeCommand('clerkToolkit.sendTestEvent', {
          eventType: 'user.created',
          url: `${closedUrl}/${link}`,
          signingSecret,
        });
        assert.equal(response, undefined);
      } finally {
        recorder.restore();
      }
      assert.equal(recorder.messages.length, 1, recorder.messages.join('\n'));
      assertInert(recorder.messages[0], 'the error notification');
      assert.match(recorder.messages[0], /Could not reach/);
    });

    it('asks before sending to *.localhost (resolved through DNS, so not necessarily local)', async () => {
      let requests = 0;
      const { server: target, url: targetUrl } = await listen((_req, res) => {
        requests++;
        res.end('ok');
      });
      const recorder = recordNotifications('showWarningMessage');
      try {
        // The recorder answers the modal question with "cancel".
        const response = await vscode.commands.executeCommand('clerkToolkit.sendTestEvent', {
          eventType: 'user.created',
          url: targetUrl.replace('127.0.0.1', 'evil.localhost'),
          signingSecret,
        });
        assert.equal(response, undefined);
      } finally {
        recorder.restore();
        await close(target);
      }
      assert.deepEqual(recorder.messages, [`Send a signed test event to ${targetUrl.replace('127.0.0.1', 'evil.localhost')}?`]);
      assert.equal(requests, 0);
    });
  });

  describe('Clerk and Svix answers', () => {
    let fake: FakeClerkSvix;
    let proxy: RewritingProxy;
    const config = () => vscode.workspace.getConfiguration('clerkToolkit');
    const messageRows = async (): Promise<Extract<DeliveryNode, { kind: 'message' }>[]> => {
      const { webhooks } = await toolkit();
      return ((await webhooks.deliveries.getChildren()) ?? []).filter((row): row is Extract<DeliveryNode, { kind: 'message' }> => row.kind === 'message');
    };

    before(async () => {
      fake = await startFakeClerkSvix({ messageCount: 3 });
      proxy = await startRewritingProxy(fake.clerkApiUrl);
      await config().update('clerkApiUrl', proxy.url, vscode.ConfigurationTarget.Global);
      await config().update('svixServerUrl', proxy.url, vscode.ConfigurationTarget.Global);
      assert.equal(await vscode.commands.executeCommand('clerkToolkit.setSecretKey', { publishableKey, secretKey }), true);
    });

    after(async () => {
      await vscode.commands.executeCommand('clerkToolkit.signOut');
      await config().update('clerkApiUrl', undefined, vscode.ConfigurationTarget.Global);
      await config().update('svixServerUrl', undefined, vscode.ConfigurationTarget.Global);
      await proxy.close();
      await fake.close();
    });

    it('shows delivered event types, endpoints and attempt responses inert', async () => {
      proxy.rewrite = ({ method, path }, answer) => {
        if (method !== 'GET' || !answer || answer.status !== 200) return undefined;
        const body = answer.body as { data: Record<string, unknown>[] };
        if (/\/msg$/.test(path)) body.data = body.data.map((msg) => ({ ...msg, eventType: `user.created ${hostile}` }));
        else if (/\/endpoint$/.test(path)) body.data = body.data.map((endpoint) => ({ ...endpoint, url: `https://example.com/${link}`, description: hostile }));
        else if (/\/attempt\/msg\//.test(path))
          body.data = body.data.map((attempt) => ({ ...attempt, url: `https://example.com/${link}`, response: `${hostile}\n\`\`\`\n${link}\n\`\`\`` }));
        else return undefined;
        return { status: 200, body };
      };
      const { webhooks } = await toolkit();
      await vscode.commands.executeCommand('clerkToolkit.refreshDeliveries');
      const rows = (await webhooks.deliveries.getChildren())!;
      const endpoints = rows.find((row) => row.kind === 'endpoints');
      assert.ok(endpoints, `expected the endpoints row, got ${rows.map((row) => row.kind).join(', ')}`);
      for (const endpoint of (await webhooks.deliveries.getChildren(endpoints))!) await assertItemInert(webhooks.deliveries, endpoint, 'an endpoint');
      const messages = await messageRows();
      assert.equal(messages.length, 3);
      for (const message of messages) {
        const item = await assertItemInert(webhooks.deliveries, message, 'a delivery');
        assert.match(String(item.label), /^user\.created /);
        const attempts = (await webhooks.deliveries.getChildren(message))!;
        assert.ok(attempts.length > 0, 'expected attempts');
        for (const attempt of attempts) await assertItemInert(webhooks.deliveries, attempt, 'an attempt');
      }
    });

    it('names payload documents inert, whatever id the API gave', async () => {
      const id = `msg_${link}/../../etc/passwd`;
      await vscode.commands.executeCommand('clerkToolkit.openDeliveryPayload', {
        kind: 'message',
        message: { id, eventType: 'user.created', timestamp: new Date(), payload: { note: hostile } },
      } satisfies DeliveryNode);
      const document = vscode.window.activeTextEditor?.document;
      assert.equal(document?.uri.scheme, 'clerk-webhook');
      const segments = document.uri.path.split('/');
      assert.equal(segments.length, 3, `the id added path segments: ${document.uri.path}`);
      assertInert(segments[2], 'the document title');
      assert.equal(JSON.parse(document.getText()).note, hostile, 'the document shows the payload as it is (plain JSON text)');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    });

    it('shows API error details inert and redacted in the views, with no notification', async () => {
      const error = { errors: [{ code: 'form_param_invalid', message: `${hostile} key ${secretKey}`, long_message: `${hostile} key ${secretKey}` }] };
      proxy.rewrite = ({ path }) => (path === '/v1/instance' || path === '/v1/webhooks/svix_url' ? { status: 422, body: error } : undefined);
      // A new key drops the cached Svix session, so the deliveries view asks svix_url again.
      await vscode.commands.executeCommand('clerkToolkit.setSecretKey', { publishableKey, secretKey });
      const { webhooks } = await toolkit();
      const recorder = recordAllNotifications();
      try {
        const rows = (await webhooks.instance.getChildren())!;
        const online = rows[rows.length - 1];
        const item = await assertItemInert(webhooks.instance, online, 'the instance error row');
        assert.match(String(item.description), /refused the request \(HTTP 422\)/);
        assert.equal(item.command?.command, 'clerkToolkit.refreshInstance');

        await vscode.commands.executeCommand('clerkToolkit.refreshDeliveries');
        const deliveries = (await webhooks.deliveries.getChildren())!;
        const failure = deliveries.find((row) => row.kind === 'failure');
        assert.ok(failure, `expected a failure row, got ${deliveries.map((row) => row.kind).join(', ')}`);
        const failureItem = await assertItemInert(webhooks.deliveries, failure, 'the deliveries failure row');
        assert.equal(failureItem.command?.command, 'clerkToolkit.refreshDeliveries');
        assert.ok(
          deliveries.some((row) => row.kind === 'openPortal'),
          'an undocumented step failing offers the Svix portal',
        );
      } finally {
        recorder.restore();
      }
      assert.deepEqual(recorder.messages, [], 'a view load must not notify');
      const log = await logTextWhere(webhooksLog, 'the failed calls in the log', (text) => /GET \/v1\/instance: failed after \d+ ms/.test(text));
      assert.ok(!log.includes(secretKey), 'the log shows the echoed secret key');
    });

    it('offline: one row with Retry in each view, no notification; Retry connects once the API answers', async () => {
      const { server: closed, url: closedUrl } = await listen(() => undefined);
      await close(closed);
      proxy.rewrite = () => undefined;
      const { webhooks } = await toolkit();
      const recorder = recordAllNotifications();
      try {
        await config().update('clerkApiUrl', closedUrl, vscode.ConfigurationTarget.Global);
        await config().update('svixServerUrl', closedUrl, vscode.ConfigurationTarget.Global);
        const rows = (await webhooks.instance.getChildren())!;
        assert.equal(await labelOf(webhooks.instance, rows[0]), host, 'the instance decoded from the key still shows');
        const online = await webhooks.instance.getTreeItem(rows[rows.length - 1]);
        assert.match(String(online.description), /Could not reach the Clerk API/);
        assert.equal(online.command?.command, 'clerkToolkit.refreshInstance');
        const deliveries = (await webhooks.deliveries.getChildren())!;
        assert.deepEqual(
          deliveries.map((row) => row.kind),
          ['failure'],
        );
      } finally {
        recorder.restore();
      }
      assert.deepEqual(recorder.messages, [], 'offline must not notify on every load');

      await config().update('clerkApiUrl', proxy.url, vscode.ConfigurationTarget.Global);
      await config().update('svixServerUrl', proxy.url, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('clerkToolkit.refreshInstance');
      const rows = (await webhooks.instance.getChildren())!;
      assert.match(await labelOf(webhooks.instance, rows[rows.length - 1]), /^ins_/);
    });
  });
});

async function labelOf<T>(provider: vscode.TreeDataProvider<T>, node: T): Promise<string> {
  const item = await provider.getTreeItem(node);
  return typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
}
