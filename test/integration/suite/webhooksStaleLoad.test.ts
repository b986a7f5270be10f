import * as assert from 'node:assert/strict';
import type { Connection, WebhooksConnection } from '../../../src/extension/webhooks/connection';
import { DeliveriesTreeProvider, type DeliveryNode } from '../../../src/extension/webhooks/deliveriesView';
import { PayloadDocuments } from '../../../src/extension/webhooks/payloadDocuments';
import { WebhooksLog } from '../../../src/extension/webhooks/webhooksLog';
import type { WebhookDeliveries } from '../../../src/core/webhooks/deliveries';

/** A connection whose deliveries answer `messages` or fail as an unreachable host does. */
function connectionTo(messages: string[] | 'unreachable'): Connection {
  const deliveries: Pick<WebhookDeliveries, 'listMessages' | 'listEndpoints'> = {
    listMessages: () =>
      messages === 'unreachable'
        ? Promise.reject(Object.assign(new Error('Could not reach the Clerk API (ENOTFOUND)'), { kind: 'offline' }))
        : Promise.resolve({
            items: messages.map((id) => ({ id, eventType: 'user.created', timestamp: new Date(0), payload: {} })),
            iterator: null,
            done: true,
          }),
    listEndpoints: () => Promise.resolve([]),
  };
  return {
    instance: { frontendApi: 'fake-instance-00.clerk.accounts.dev', instanceType: 'development' },
    key: { value: 'sk_test_staleLoad', source: 'secretStorage' },
    clerk: { secretKey: 'sk_test_staleLoad' },
    deliveries: deliveries as WebhookDeliveries,
  } as unknown as Connection;
}

/**
 * The e2e tier once showed "Could not reach the Clerk API (ENOTFOUND)" although the test's API URL
 * was set: a root request that was waiting for the connection when the settings changed went on
 * with the old connection and its failure became the refreshed view's state.
 */
describe('deliveries view when the connection changes mid-load', () => {
  it('drops the answer of a request that started before the refresh; the refreshed view loads through the new connection', async () => {
    let resolveOld: (connection: Connection) => void = () => undefined;
    const pending = new Promise<Connection>((resolve) => (resolveOld = resolve));
    let current: Promise<Connection> = pending;
    const connection = { get: () => current } as unknown as WebhooksConnection;
    const log = new WebhooksLog();
    const provider = new DeliveriesTreeProvider(connection, new PayloadDocuments(() => Promise.resolve(undefined)), log);
    try {
      const stale = provider.getChildren();
      // The settings change: the connection is rebuilt and the view refreshed…
      current = Promise.resolve(connectionTo(['msg_new']));
      provider.refresh();
      // …and only then does the old connection resolve, pointing at a host that does not answer.
      resolveOld(connectionTo('unreachable'));
      assert.deepEqual(await stale, [], 'the stale request must not answer with rows');

      const rows: DeliveryNode[] = await provider.getChildren();
      const shown = rows.map((row) => (row.kind === 'message' ? row.message.id : row.kind === 'failure' ? `failure: ${row.reason}` : row.kind));
      assert.deepEqual(shown, ['msg_new']);
    } finally {
      log.dispose();
    }
  });
});
