import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { DeliveryNode } from '../../../src/extension/webhooks/deliveriesView';
import { faultKinds, startFaultServer, type FaultServer } from '../../helpers/faultServer';
import { startFakeClerkSvix, type FakeClerkSvix } from '../../helpers/fakeClerkSvix';
import { recordAllNotifications, toolkit } from '../probes';

const host = 'fake-instance-00.clerk.accounts.dev';
const publishableKey = `pk_test_${Buffer.from(`${host}$`).toString('base64').replace(/=+$/, '')}`;
const secretKey = 'sk_test_fakeClerkSvixSecretKey';
const signingSecret = `whsec_${Buffer.from('integration-test-signing-key-0123').toString('base64')}`;

/** One clear line: something said, no stack trace, no secret in any case, nothing VS Code would render as a link. */
function assertClearMessage(text: string | undefined, where: string): void {
  assert.ok(text && text.trim().length > 10, `${where}: no clear message: ${text}`);
  assert.doesNotMatch(text, /\n|\bat .+:\d+:\d+|Error: /, `${where}: not one clear line: ${text}`);
  for (const secret of [secretKey, signingSecret, 'ott_', 'sess_']) {
    assert.ok(!text.toLowerCase().includes(secret.toLowerCase()), `${where} shows a secret (${secret}): ${text}`);
  }
  assert.doesNotMatch(text, /\]\(|<[a-z/!]/i, `${where}: markup: ${text}`);
}

/**
 * The sidebar against every fault of test/helpers/faultServer.ts: the Clerk API failing
 * `GET /v1/instance` (Instance view), the Svix API failing the token exchange (Deliveries view, after
 * Clerk's svix_url succeeded), and the test-event target failing. Each view ends in an error row
 * with Retry and no notification, the sender shows one notification, nothing leaks a secret, and
 * every socket is closed afterwards (nothing left pending).
 */
describe('the sidebar against API faults', function () {
  // A hanging or dripping server is given up on only at each deadline (20 s for the views, 15 s for
  // the sender), then each of the three servers must go idle, a load VS Code started itself included:
  // about 100 s on a loaded machine, where one slow-drip run took over 120 s.
  this.timeout(240_000);
  let fake: FakeClerkSvix;
  const config = () => vscode.workspace.getConfiguration('clerkToolkit');

  before(async () => {
    fake = await startFakeClerkSvix();
    assert.equal(await vscode.commands.executeCommand('clerkToolkit.setSecretKey', { publishableKey, secretKey }), true);
  });

  after(async () => {
    await vscode.commands.executeCommand('clerkToolkit.signOut');
    await config().update('clerkApiUrl', undefined, vscode.ConfigurationTarget.Global);
    await config().update('svixServerUrl', undefined, vscode.ConfigurationTarget.Global);
    await fake.close();
  });

  for (const kind of faultKinds) {
    it(`${kind}: one clear message per place, no secret, nothing pending`, async () => {
      const options = { echoSecrets: [secretKey, signingSecret], dripIntervalMs: 100 };
      const clerk = await startFaultServer(kind, { ...options, faultPath: (path) => path.startsWith('/v1/instance'), upstream: fake.clerkApiUrl });
      const svix = await startFaultServer(kind, options);
      const target = await startFaultServer(kind, options);
      const servers: [string, FaultServer][] = [
        ['Clerk', clerk],
        ['Svix', svix],
        ['test-event target', target],
      ];
      try {
        await config().update('clerkApiUrl', clerk.url, vscode.ConfigurationTarget.Global);
        await config().update('svixServerUrl', svix.url, vscode.ConfigurationTarget.Global);
        const { webhooks } = await toolkit();
        const recorder = recordAllNotifications();
        let instanceRows: unknown[];
        let deliveryRows: DeliveryNode[];
        let response: unknown;
        try {
          await vscode.commands.executeCommand('clerkToolkit.refreshDeliveries');
          // Each place answers within its deadline (20 s for the views, 15 s for the sender, plus the
          // token exchange before a Svix call): a place that does not is named, with what each server saw.
          const seen = () => servers.map(([name, server]) => `${name}: ${server.requests.map((request) => request.path).join(', ') || 'nothing'}`).join('; ');
          const within = <T>(place: string, answer: Thenable<T>): Promise<T> =>
            new Promise<T>((resolve, reject) => {
              const timer = setTimeout(() => reject(new Error(`${kind}: ${place} did not answer within 100 s (${seen()})`)), 100_000);
              Promise.resolve(answer).then(
                (value) => (clearTimeout(timer), resolve(value)),
                (error: unknown) => (clearTimeout(timer), reject(error)),
              );
            });
          [instanceRows, deliveryRows, response] = await Promise.all([
            within(
              'the Instance view',
              Promise.resolve(webhooks.instance.getChildren()).then((rows) => rows ?? []),
            ),
            within(
              'the Deliveries view',
              Promise.resolve(webhooks.deliveries.getChildren()).then((rows) => rows ?? []),
            ),
            within(
              'the test-event sender',
              vscode.commands.executeCommand('clerkToolkit.sendTestEvent', { eventType: 'user.created', url: `${target.url}/api/webhooks`, signingSecret }),
            ),
          ]);
        } finally {
          recorder.restore();
        }

        const online = await webhooks.instance.getTreeItem(instanceRows[instanceRows.length - 1]);
        assert.equal(online.label, 'Not connected: Retry', `${kind}: the Instance view shows no error row`);
        assert.equal(online.command?.command, 'clerkToolkit.refreshInstance');
        assertClearMessage(String(online.description), `${kind}: the Instance view`);

        const failure = deliveryRows.find((row) => row.kind === 'failure');
        assert.ok(failure, `${kind}: the Deliveries view shows no error row (${deliveryRows.map((row) => row.kind).join(', ')})`);
        const failureItem = await webhooks.deliveries.getTreeItem(failure);
        assert.equal(failureItem.command?.command, 'clerkToolkit.refreshDeliveries');
        assertClearMessage(String(failureItem.label), `${kind}: the Deliveries view`);

        // The views said nothing in notifications; the sender said one thing.
        assert.equal(recorder.messages.length, 1, `${kind}: ${recorder.messages.join(' / ')}`);
        assertClearMessage(recorder.messages[0], `${kind}: the test-event notification`);
        if (kind.startsWith('status') || kind.startsWith('redirect')) {
          assert.equal((response as { status?: number } | undefined)?.status, Number(/\d+$/.exec(kind)![0]), `${kind}: the app's status`);
        }

        for (const [name, server] of servers) {
          assert.ok(
            server.redirectedRequests.every((request) => request.headers.authorization === undefined),
            `${kind}: the Authorization header followed a redirect to the ${name} server`,
          );
          // A load VS Code itself started for a visible view may still run: it ends by its own deadline (20 s).
          await server
            .waitForIdle(25_000)
            .catch((error: unknown) =>
              assert.fail(`${kind}: the ${name} server: ${String(error)} (requests: ${server.requests.map((request) => request.path).join(', ')})`),
            );
        }
      } finally {
        await Promise.all(servers.map(([, server]) => server.close()));
      }
    });
  }
});
