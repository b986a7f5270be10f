import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'svix';
import { verifyWebhook } from '@clerk/backend/webhooks';
import { buildTestEnvelope, sendTestEvent, signWebhook, signingKeyOf } from '../../../src/core/webhooks';

const secret = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';

function clerkRequest(body: string, headers: Record<string, string>): Request {
  return new Request('http://127.0.0.1/api/webhooks', { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
}

describe('webhook signing', () => {
  it('matches the test vector in the Svix docs', () => {
    const headers = signWebhook({
      secret: 'whsec_plJ3nmyCDGBKInavdOK15jsl',
      body: '{"event_type":"ping","data":{"success":true}}',
      id: 'msg_loFOjxBNrRLzqYUf',
      timestamp: new Date(1731705121 * 1000),
    });
    assert.deepEqual(headers, {
      'svix-id': 'msg_loFOjxBNrRLzqYUf',
      'svix-timestamp': '1731705121',
      'svix-signature': 'v1,rAvfW3dJ/X/qxhsaXPOyyCGmRKsaKWcsNccKXlIktD0=',
    });
  });

  it('is accepted by svix Webhook.verify and rejected when the body is tampered with', () => {
    const body = JSON.stringify(buildTestEnvelope('user.created'));
    const headers = signWebhook({ secret, body });
    const verified = new Webhook(secret).verify(body, headers) as { type: string };
    assert.equal(verified.type, 'user.created');
    assert.throws(() => new Webhook(secret).verify(body.replace('user.created', 'user.deleted'), headers), /No matching signature/);
  });

  it('is accepted by @clerk/backend verifyWebhook, which rejects a 6-minute-old timestamp and a wrong secret', async () => {
    const body = JSON.stringify(buildTestEnvelope('organization.created'));
    const event = await verifyWebhook(clerkRequest(body, { ...signWebhook({ secret, body }) }), { signingSecret: secret });
    assert.equal(event.type, 'organization.created');

    const old = signWebhook({ secret, body, timestamp: new Date(Date.now() - 6 * 60_000) });
    await assert.rejects(verifyWebhook(clerkRequest(body, { ...old }), { signingSecret: secret }), /too old/);
    const other = 'whsec_' + Buffer.from('another secret of 24 byte').toString('base64');
    await assert.rejects(verifyWebhook(clerkRequest(body, { ...signWebhook({ secret: other, body }) }), { signingSecret: secret }), /signature/i);
  });

  it('rejects malformed secrets without echoing them', () => {
    for (const bad of ['sk_test_abc', 'whsec_', 'whsec_not*base64!', 'MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw']) {
      const secretPart = bad.replace(/^whsec_/, '');
      assert.throws(
        () => signingKeyOf(bad),
        (error: Error) => (secretPart === '' || !error.message.includes(secretPart)) && /whsec_/.test(error.message),
      );
    }
    assert.equal(signingKeyOf(secret).length, 24);
  });

  it('builds envelopes from the catalog examples with the current time in milliseconds', () => {
    const now = new Date('2026-11-27T10:00:00Z');
    const envelope = buildTestEnvelope('session.created', { now });
    assert.equal(envelope.object, 'event');
    assert.equal(envelope.type, 'session.created');
    assert.equal(envelope.timestamp, now.getTime());
    assert.equal((envelope.data as { object?: string }).object, 'session');
    assert.deepEqual(buildTestEnvelope('user.deleted', { data: { id: 'user_1' } }).data, { id: 'user_1' });
    assert.throws(() => buildTestEnvelope('user.exploded'), /Unknown Clerk webhook event type "user\.exploded"/);
  });

  describe('sendTestEvent', () => {
    let server: http.Server;
    let url: string;
    let received: { body: string; headers: http.IncomingHttpHeaders }[];

    before(async () => {
      received = [];
      server = http.createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
          received.push({ body: Buffer.concat(chunks).toString('utf8'), headers: req.headers });
          if (req.url === '/slow') return void setTimeout(() => res.end('late'), 500);
          res.writeHead(201, { 'x-handler': 'test' }).end('created');
        });
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(
      () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    );

    it('POSTs exactly the signed bytes and reports status, time, body and headers', async () => {
      const body = '{ "type": "user.created",  "data": {"id":"user_1"} }'; // odd spacing must survive
      const result = await sendTestEvent({ url: `${url}/api/webhooks`, secret, body, timeoutMs: 2000 });
      assert.equal(result.status, 201);
      assert.equal(result.ok, true);
      assert.equal(result.body, 'created');
      assert.equal(result.headers['x-handler'], 'test');
      assert.ok(result.durationMs >= 0);
      const last = received[received.length - 1];
      assert.equal(last.body, body);
      assert.equal(last.headers['svix-id'], result.messageId);
      assert.ok(new Webhook(secret).verify(last.body, last.headers as Record<string, string>));
    });

    it('builds the body from an event type when none is given', async () => {
      const result = await sendTestEvent({ url, secret, eventType: 'role.created', timeoutMs: 2000 });
      assert.equal((JSON.parse(result.sentBody) as { type: string }).type, 'role.created');
      assert.equal(received[received.length - 1].body, result.sentBody);
    });

    it('reports timeouts and unreachable targets as typed errors', async () => {
      await assert.rejects(sendTestEvent({ url: `${url}/slow`, secret, body: '{}', timeoutMs: 100 }), { kind: 'timeout' });
      const closed = http.createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const port = (closed.address() as AddressInfo).port;
      await new Promise<void>((resolve) => closed.close(() => resolve()));
      await assert.rejects(
        sendTestEvent({ url: `http://127.0.0.1:${port}/`, secret, body: '{}', timeoutMs: 1000 }),
        (error: Error & { kind: string }) => error.kind === 'offline' && /ECONNREFUSED/.test(error.message),
      );
    });
  });
});
