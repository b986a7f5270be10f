// The fault server itself: each kind misbehaves as its documentation says, so the client tests
// that use it prove what they claim.
import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import { faultKinds, startFaultServer, type FaultServer } from '../../helpers/faultServer';

interface RawAnswer {
  status?: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  error?: string;
}

/** One raw request; gives up (destroying the socket) after `limitMs` or `limitBytes`. */
function rawGet(url: string, { limitMs = 1000, limitBytes = 1024 * 1024, authorization = 'Bearer sk_test_faultServerKey123' } = {}): Promise<RawAnswer> {
  return new Promise((resolve) => {
    const answer: RawAnswer = { headers: {}, body: '' };
    const request = http.get(url, { headers: { authorization } }, (res) => {
      answer.status = res.statusCode;
      answer.headers = res.headers;
      res.on('data', (chunk: Buffer) => {
        answer.body += chunk.toString('utf8');
        if (answer.body.length >= limitBytes) request.destroy(new Error('limit'));
      });
      res.on('end', () => resolve(answer));
      res.on('error', (error) => resolve({ ...answer, error: error.message }));
    });
    // A total limit, not an idle one: slowDrip is never idle.
    const timer = setTimeout(() => request.destroy(new Error('timeout')), limitMs);
    request.on('close', () => clearTimeout(timer));
    request.on('error', (error: NodeJS.ErrnoException) => resolve({ ...answer, error: error.code ?? error.message }));
  });
}

describe('fault server', () => {
  let server: FaultServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('offers at least 16 kinds', () => {
    assert.ok(faultKinds.length >= 16, `${faultKinds.length} kinds`);
  });

  it('refused: nothing listens', async () => {
    server = await startFaultServer('refused');
    assert.equal((await rawGet(`${server.url}/v1/x`)).error, 'ECONNREFUSED');
  });

  it('reset: half a body, then a reset', async () => {
    server = await startFaultServer('reset');
    const answer = await rawGet(`${server.url}/v1/x`);
    assert.equal(answer.status, 200);
    assert.ok(answer.error, 'the body must end in an error');
  });

  it('hang: no answer; the socket closes once the client gives up', async () => {
    server = await startFaultServer('hang');
    const answer = await rawGet(`${server.url}/v1/x`, { limitMs: 300 });
    assert.equal(answer.error, 'timeout');
    await server.waitForIdle(2000);
  });

  it('slowDrip: bytes keep coming and never end', async () => {
    server = await startFaultServer('slowDrip', { dripIntervalMs: 20 });
    const answer = await rawGet(`${server.url}/v1/x`, { limitMs: 300 });
    assert.equal(answer.status, 200);
    assert.equal(answer.error, 'timeout');
    assert.ok(answer.body.length > 3);
  });

  for (const kind of ['redirect301', 'redirect302'] as const) {
    it(`${kind}: to the same path on another host`, async () => {
      server = await startFaultServer(kind);
      const answer = await rawGet(`${server.url}/v1/x`);
      assert.equal(answer.status, kind === 'redirect301' ? 301 : 302);
      const location = new URL(answer.headers.location ?? '');
      assert.equal(location.hostname, 'localhost');
      assert.equal(location.pathname, '/v1/x');
      await rawGet(location.href, { authorization: '' });
      assert.equal(server.redirectedRequests.length, 1);
    });
  }

  it('status429: Retry-After and an error body that echoes the credentials in both APIs’ shapes', async () => {
    server = await startFaultServer('status429', { echoSecrets: ['sk_test_echoedKey12345'], retryAfterSeconds: 3 });
    const answer = await rawGet(`${server.url}/v1/x`);
    assert.equal(answer.status, 429);
    assert.equal(answer.headers['retry-after'], '3');
    const body = JSON.parse(answer.body) as { errors: { long_message: string }[]; detail: string };
    for (const text of [body.detail, body.errors[0].long_message]) {
      assert.match(text, /sk_test_faultServerKey123/);
      assert.match(text, /SK_TEST_ECHOEDKEY12345/);
    }
  });

  for (const status of [400, 401, 403, 404, 409, 500, 502, 503]) {
    it(`status${status}`, async () => {
      server = await startFaultServer(`status${status}` as (typeof faultKinds)[number]);
      assert.equal((await rawGet(`${server.url}/v1/x`)).status, status);
    });
  }

  it('garbageJson: 200 and a body that does not parse', async () => {
    server = await startFaultServer('garbageJson');
    const answer = await rawGet(`${server.url}/v1/x`);
    assert.equal(answer.status, 200);
    assert.throws(() => JSON.parse(answer.body));
  });

  it('hugeBody: announces 100 MB and sends only what the client reads', async () => {
    server = await startFaultServer('hugeBody');
    const answer = await rawGet(`${server.url}/v1/x`, { limitBytes: 1024 * 1024 });
    assert.equal(answer.headers['content-length'], String(100 * 1024 * 1024));
    await server.waitForIdle(2000);
    assert.ok(server.hugeBodyBytesSent < 20 * 1024 * 1024, `${server.hugeBodyBytesSent} bytes sent`);
  });

  it('faultPath: other paths are forwarded to the upstream server', async () => {
    const upstream = http.createServer((req, res) => res.writeHead(200, { connection: 'close' }).end(`upstream ${req.url}`));
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = upstream.address() as { port: number };
      server = await startFaultServer('status500', { upstream: `http://127.0.0.1:${port}`, faultPath: (path) => path.startsWith('/api/v1/app/') });
      assert.equal((await rawGet(`${server.url}/api/v1/auth/one-time-token`)).body, 'upstream /api/v1/auth/one-time-token');
      assert.equal((await rawGet(`${server.url}/api/v1/app/x/msg`)).status, 500);
      assert.deepEqual(
        server.requests.map((r) => r.faulted),
        [false, true],
      );
    } finally {
      upstream.closeAllConnections();
      await new Promise<void>((resolve) => upstream.close(() => resolve()));
    }
  });
});
