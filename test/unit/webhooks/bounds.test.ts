// The clients in the editor's process: every call ends at its deadline or when the caller aborts,
// its socket is closed (nothing stays pending), and a huge answer is never read whole.
import * as assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { anySignal, deadlineSignal } from '../../../src/core/webhooks/http';
import { startFakeClerkSvix, type FakeClerkSvix } from '../../helpers/fakeClerkSvix';
import { startFaultServer, type FaultServer } from '../../helpers/faultServer';
import {
  WebhookDeliveries,
  fetchJwtTemplates,
  generateSvixUrl,
  getInstance,
  memoryTokenStore,
  sendTestEvent,
  type ClerkApiOptions,
  type WebhooksError,
} from '../../../src/core/webhooks';

const secretKey = 'sk_test_boundsBOUNDSbounds0123456789';
const signingSecret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

/** Rejects with the WebhooksError the call failed with. */
async function failure(call: Promise<unknown>): Promise<WebhooksError> {
  try {
    await call;
  } catch (error) {
    return error as WebhooksError;
  }
  assert.fail('the call succeeded');
}

describe('webhooks clients: bounded and cancellable', function () {
  this.timeout(20_000);
  let fault: FaultServer | undefined;
  let fake: FakeClerkSvix | undefined;
  afterEach(async () => {
    await fault?.close();
    await fake?.close();
    fault = fake = undefined;
  });

  const clerk = (url: string, extra: Partial<ClerkApiOptions> = {}): ClerkApiOptions => ({ secretKey, apiUrl: url, timeoutMs: 10_000, ...extra });

  it('a caller abort ends a hanging Clerk call at once and closes its socket', async () => {
    fault = await startFaultServer('hang');
    const controller = new AbortController();
    const call = failure(getInstance(clerk(fault.url, { signal: controller.signal })));
    while (fault.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const started = Date.now();
    controller.abort();
    const error = await call;
    assert.equal(error.kind, 'cancelled');
    assert.match(error.message, /The request to the Clerk API was cancelled\./);
    assert.ok(Date.now() - started < 1000);
    await fault.waitForIdle(2000);
  });

  it('the deadline covers the body: a server that drips bytes forever times out, and the socket is closed', async () => {
    fault = await startFaultServer('slowDrip', { dripIntervalMs: 50 });
    const started = Date.now();
    const error = await failure(fetchJwtTemplates(clerk(fault.url, { timeoutMs: 500 })));
    assert.equal(error.kind, 'timeout');
    assert.ok(Date.now() - started < 1500, `${Date.now() - started} ms`);
    await fault.waitForIdle(2000);
  });

  it('the deadline fires after a garbage collection, with and without a caller signal (AbortSignal.any lost its timeout: nodejs/node#57736)', async () => {
    setFlagsFromString('--expose-gc');
    const collectGarbage = runInNewContext('gc') as () => void;
    const caller = new AbortController();
    const signals = [
      deadlineSignal({ timeoutMs: 100, signal: caller.signal }),
      deadlineSignal({ timeoutMs: 100 }),
      anySignal([deadlineSignal({ timeoutMs: 100 })]),
    ];
    // A later task: objects behind a WeakRef stay alive until the task that made them ends.
    await new Promise((resolve) => setTimeout(resolve, 10));
    collectGarbage();
    await new Promise((resolve) => setTimeout(resolve, 400));
    assert.deepEqual(
      signals.map((signal) => signal.aborted),
      [true, true, true],
    );
    assert.equal((signals[0].reason as Error).name, 'TimeoutError');
    // The caller's abort wins before the deadline, with the caller's reason.
    const early = new AbortController();
    const signal = deadlineSignal({ timeoutMs: 10_000, signal: early.signal });
    early.abort(new Error('closed by the user'));
    assert.equal((signal.reason as Error).message, 'closed by the user');
  });

  it('a 100 MB answer is cut off at 5 MB and its connection closed', async () => {
    fault = await startFaultServer('hugeBody');
    const error = await failure(generateSvixUrl(clerk(fault.url)));
    assert.equal(error.kind, 'badResponse');
    assert.match(error.message, /larger than 5 MB/);
    await fault.waitForIdle(2000);
    assert.ok(fault.hugeBodyBytesSent < 20 * 1024 * 1024, `${fault.hugeBodyBytesSent} bytes sent`);
  });

  it('a redirect to another host is not followed: the key never reaches it', async () => {
    fault = await startFaultServer('redirect302');
    const error = await failure(getInstance(clerk(fault.url)));
    assert.equal(error.kind, 'badResponse');
    assert.deepEqual(fault.redirectedRequests, []);
  });

  it('deliveries: a per-call signal cancels a hanging Svix call and closes its socket', async () => {
    fake = await startFakeClerkSvix({ secretKey });
    fault = await startFaultServer('hang', { upstream: fake.svixUrl, faultPath: (path) => path.startsWith('/api/v1/app/') });
    const deliveries = new WebhookDeliveries({ clerk: clerk(fake.clerkApiUrl), store: memoryTokenStore(), svixServerUrl: fault.url, retries: 2 });
    const controller = new AbortController();
    const call = failure(deliveries.listMessages({ signal: controller.signal }));
    while (!fault.requests.some((request) => request.faulted)) await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort();
    assert.equal((await call).kind, 'cancelled');
    await fault.waitForIdle(2000);
    assert.equal(fault.requests.filter((request) => request.faulted).length, 1, 'a cancelled call is not retried');
  });

  it('deliveries: one deadline bounds a call and its retries', async () => {
    fake = await startFakeClerkSvix({ secretKey });
    fault = await startFaultServer('hang', { upstream: fake.svixUrl, faultPath: (path) => path.startsWith('/api/v1/app/') });
    const deliveries = new WebhookDeliveries({
      clerk: clerk(fake.clerkApiUrl, { timeoutMs: 600 }),
      store: memoryTokenStore(),
      svixServerUrl: fault.url,
      retries: 2,
    });
    const started = Date.now();
    assert.equal((await failure(deliveries.listMessages())).kind, 'timeout');
    assert.ok(Date.now() - started < 600 * 2 + 1000, `${Date.now() - started} ms`);
    await fault.waitForIdle(2000);
  });

  it('sendTestEvent: a caller abort cancels it, and the app’s answer is capped', async () => {
    fault = await startFaultServer('hang');
    const controller = new AbortController();
    const call = failure(
      sendTestEvent({ url: `${fault.url}/api/webhooks`, secret: signingSecret, eventType: 'user.created', timeoutMs: 10_000, signal: controller.signal }),
    );
    while (fault.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    controller.abort();
    assert.equal((await call).kind, 'cancelled');
    await fault.waitForIdle(2000);
    await fault.close();

    fault = await startFaultServer('hugeBody');
    const answer = await sendTestEvent({ url: `${fault.url}/api/webhooks`, secret: signingSecret, eventType: 'user.created', timeoutMs: 10_000 });
    assert.equal(answer.status, 200);
    assert.equal(answer.bodyTruncated, true);
    assert.equal(answer.body.length, 64 * 1024);
    await fault.waitForIdle(2000);
  });
});
