import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { repoRoot } from '../../helpers/paths';
import { fakeToken, startFakeClerkSvix, type FakeClerkSvix } from '../../helpers/fakeClerkSvix';
import { openApiValidator } from './openApiValidator';
import {
  WebhookDeliveries,
  createSvixApp,
  decodeSvixUrl,
  getInstance,
  memoryTokenStore,
  mintSvixSession,
  svixServerUrlFor,
  type ClerkApiOptions,
  type TokenStore,
} from '../../../src/core/webhooks';

const clerkSpec = openApiValidator(path.join(repoRoot, 'specs/clerk-bapi-2026-05-12.yml'), '/v1', 'ClerkErrors');
const svixSpec = openApiValidator(path.join(repoRoot, 'specs/svix-lib-openapi.json'), '', 'HttpErrorOut');

/** Every response the fake sent, checked against the specs. */
function specViolations(fake: FakeClerkSvix): string[] {
  return fake.responses.flatMap(({ api, method, path: p, status, body }) => {
    if (api === 'clerk' && method === 'GET' && p === '/v1/jwt_templates' && !Array.isArray(body)) {
      // The spec declares a bare array, but @clerk/backend's jwtTemplates.list() sends
      // paginated=true and reads { data, total_count }; the fake answers what the SDK expects,
      // and each template is still checked against the spec's JWTTemplate.
      const { data, total_count: total } = body as { data: unknown[]; total_count: unknown };
      const wrapper = typeof total === 'number' && Array.isArray(data) ? [] : ['paginated wrapper lacks data/total_count'];
      return [...wrapper, ...clerkSpec.validate(method, p, status, data).map((e) => `${method} ${p} ${status}: ${e}`)];
    }
    const spec = api === 'clerk' ? clerkSpec : svixSpec;
    return spec.validate(method, p, status, body).map((e) => `${method} ${p} ${status}: ${e}`);
  });
}

describe('webhooks API clients against the spec-validated fake', function () {
  this.timeout(20_000);
  let fake: FakeClerkSvix;
  let clerk: ClerkApiOptions;

  beforeEach(async () => {
    fake = await startFakeClerkSvix();
    clerk = { secretKey: 'sk_test_fakeClerkSvixSecretKey', apiUrl: fake.clerkApiUrl, timeoutMs: 2000 };
  });
  afterEach(async () => {
    const violations = specViolations(fake);
    await fake.close();
    assert.deepEqual(violations, [], 'the fake answered outside the spec');
  });

  const deliveries = (store: TokenStore = memoryTokenStore(), retries = 0) =>
    new WebhookDeliveries({ clerk, store, svixServerUrl: `${fake.svixUrl}/`, retries });
  const count = (method: string, pattern: RegExp) => fake.requests.filter((r) => r.method === method && pattern.test(r.path)).length;

  describe('the spec validator', () => {
    it('rejects bodies outside the spec and picks the declared schema', () => {
      assert.notDeepEqual(clerkSpec.validate('POST', '/v1/webhooks/svix_url', 200, { svix_url: 1 }), []);
      assert.notDeepEqual(clerkSpec.validate('GET', '/v1/instance', 200, { object: 'instance', id: 'ins_1' }), []);
      assert.notDeepEqual(svixSpec.validate('GET', '/api/v1/app/app_1/msg', 200, { data: [{ id: 'msg_short' }], done: true, iterator: null }), []);
      assert.match(svixSpec.schemaRefFor('GET', '/api/v1/app/app_1/msg', 200), /ListResponse_MessageOut_|responses/);
      assert.equal(svixSpec.schemaRefFor('GET', '/api/v1/app/app_1/msg', 503), 'spec-31#/components/schemas/HttpErrorOut');
      fake.responses.length = 0;
    });
  });

  describe('svix_url', () => {
    it('decodes both key forms, standard and URL-safe base64, escaped or not', () => {
      const json = '{"appId":"app_1","oneTimeToken":"ott_>>>??","region":"eu"}';
      const standard = Buffer.from(json).toString('base64');
      assert.match(standard, /[+/]/, 'the fixture must exercise + or /');
      for (const key of [standard, encodeURIComponent(standard), Buffer.from(json).toString('base64url')]) {
        assert.deepEqual(decodeSvixUrl(`https://app.svix.com/login#key=${key}`), { appId: 'app_1', oneTimeToken: 'ott_>>>??', region: 'eu', token: undefined });
      }
      const tokenForm = Buffer.from('{"appId":"app_2","token":"appsk_x"}').toString('base64');
      assert.equal(decodeSvixUrl(`https://app.svix.com/login#key=${tokenForm}`).token, 'appsk_x');
      assert.throws(() => decodeSvixUrl('https://app.svix.com/login'), { kind: 'badResponse' });
      assert.throws(() => decodeSvixUrl('https://app.svix.com/login#key=bm90IGpzb24='), { kind: 'badResponse' });
      assert.throws(() => decodeSvixUrl(`https://app.svix.com/login#key=${Buffer.from('{"appId":"a"}').toString('base64')}`), { kind: 'badResponse' });
    });

    it('maps regions to Svix servers; none or unknown means the global API', () => {
      assert.equal(svixServerUrlFor('us'), 'https://api.us.svix.com');
      assert.equal(svixServerUrlFor('eu'), 'https://api.eu.svix.com');
      assert.equal(svixServerUrlFor(undefined), 'https://api.svix.com');
      assert.equal(svixServerUrlFor('self_hosted'), 'https://api.svix.com');
    });

    it('POSTs svix_url with the secret key and exchanges the one-time token', async () => {
      const session = await mintSvixSession(clerk, { svixServerUrl: fake.svixUrl });
      assert.equal(session.appId, fake.appId);
      assert.match(session.token, /^sess_/);
      const [mint, exchange] = fake.requests;
      assert.equal(`${mint.method} ${mint.path}`, 'POST /v1/webhooks/svix_url');
      assert.equal(mint.headers.authorization, `Bearer ${clerk.secretKey}`);
      assert.equal(`${exchange.method} ${exchange.path}`, 'POST /api/v1/auth/one-time-token');
      assert.deepEqual(JSON.parse(exchange.body), { oneTimeToken: fakeToken('ott', 1) });
    });

    it('uses a session token from the key directly', async () => {
      fake.setScenario({ keyForm: 'token' });
      const session = await mintSvixSession(clerk, { svixServerUrl: fake.svixUrl });
      assert.match(session.token, /^sess_/);
      assert.equal(count('POST', /one-time-token/), 0);
    });

    it('honours CLERK_API_VERSION-style versions and reports svix_app_missing as a typed error', async () => {
      fake.setScenario({ svixApp: false });
      await assert.rejects(mintSvixSession({ ...clerk, apiVersion: 'v1' }), { kind: 'svixAppMissing' });
      const url = await createSvixApp(clerk);
      assert.match(url, /#key=/);
      assert.equal((await mintSvixSession(clerk, { svixServerUrl: fake.svixUrl })).appId, fake.appId);
      assert.equal(count('POST', /^\/v1\/webhooks\/svix$/), 1);
    });

    it('reports a wrong secret key, 429 with Retry-After, 5xx, timeouts and offline', async () => {
      await assert.rejects(
        mintSvixSession({ ...clerk, secretKey: 'sk_test_wrongwrongwrong' }),
        (error: Error & { kind: string }) => error.kind === 'unauthorized' && !error.message.includes('wrongwrong'),
      );
      fake.setScenario({ failures: [{ api: 'clerk', status: 429, retryAfter: 30, times: 1 }] });
      await assert.rejects(mintSvixSession(clerk), { kind: 'rateLimited', details: { status: 429, retryAfterSeconds: 30 } });
      fake.setScenario({ failures: [{ api: 'clerk', status: 503, times: 1 }] });
      await assert.rejects(mintSvixSession(clerk), { kind: 'server' });
      fake.setScenario({ delayMs: 400 });
      await assert.rejects(mintSvixSession({ ...clerk, timeoutMs: 100 }), { kind: 'timeout' });
      fake.setScenario({ delayMs: 0 });
      await assert.rejects(mintSvixSession({ ...clerk, apiUrl: await closedPortUrl() }), { kind: 'offline' });
    });

    it('a one-time token works once', async () => {
      fake.setScenario({ keyForm: 'oneTimeToken' });
      const first = await mintSvixSession(clerk, { svixServerUrl: fake.svixUrl });
      const second = await mintSvixSession(clerk, { svixServerUrl: fake.svixUrl });
      assert.notEqual(first.token, second.token);
      const replay = await fetch(`${fake.svixUrl}/api/v1/auth/one-time-token`, { method: 'POST', body: JSON.stringify({ oneTimeToken: fakeToken('ott', 1) }) });
      assert.equal(replay.status, 401);
    });
  });

  describe('instance', () => {
    it('GET /v1/instance', async () => {
      assert.deepEqual(await getInstance(clerk), { id: 'ins_2fakeInstance', environment: 'development', allowedOrigins: [] });
      assert.equal(fake.requests[0].headers['clerk-api-version'], '2026-05-12');
    });
  });

  describe('jwt_templates', () => {
    it('answers the array of the spec, and { data, total_count } when the SDK asks for paginated=true', async () => {
      const call = (query: string, init: RequestInit = {}) =>
        fetch(`${fake.clerkApiUrl}/v1/jwt_templates${query}`, { ...init, headers: { authorization: `Bearer ${clerk.secretKey}` } }).then((r) => r.json());
      assert.deepEqual(
        ((await call('')) as { name: string }[]).map((t) => t.name),
        ['convex'],
      );
      const created = (await call('', { method: 'POST', body: JSON.stringify({ name: 'other', claims: { a: 1 } }) })) as { name: string };
      assert.equal(created.name, 'other');
      assert.deepEqual(await call('?paginated=true&limit=1&offset=1').then((b) => (b as { total_count: number }).total_count), 2);
    });
  });

  describe('deliveries', () => {
    it('pages through messages newest first with the latest attempt status, without a call per message', async () => {
      fake.setScenario({ messageCount: 5, endpointCount: 2 });
      const client = deliveries();
      const pages = [];
      let iterator: string | null = null;
      do {
        const page = await client.listMessages({ limit: 2, iterator });
        pages.push(page);
        iterator = page.done ? null : page.iterator;
      } while (iterator);
      assert.deepEqual(
        pages.map((p) => p.items.length),
        [2, 2, 1],
      );
      const items = pages.flatMap((p) => p.items);
      assert.deepEqual(
        items.map((m) => m.status),
        ['success', 'success', 'fail', 'success', 'success'],
      );
      assert.ok(items[0].timestamp > items[1].timestamp);
      assert.equal((items[0].payload as { object: string }).object, 'event');
      assert.equal(count('GET', /\/attempt\/msg\//), 0);
      assert.equal(count('GET', /\/endpoint\/[^/]+\/msg$/), 3 * 2, 'one status sweep per endpoint per page');
      assert.equal(count('GET', /\/endpoint$/), 1, 'endpoints are listed once');
      assert.equal(count('POST', /svix_url/), 1, 'the session is minted once and reused');
      assert.ok(!fake.requests.some((r) => r.path.includes('//')), 'trailing / of serverUrl stripped');
    });

    it('filters by event type', async () => {
      fake.setScenario({ messageCount: 10 });
      const page = await deliveries().listMessages({ eventTypes: ['user.updated'] });
      assert.ok(page.items.length > 0 && page.items.every((m) => m.eventType === 'user.updated'));
      assert.equal(fake.requests.find((r) => r.path.endsWith('/msg'))?.query.event_types, 'user.updated');
    });

    it('an empty instance has no messages', async () => {
      fake.setScenario({ messageCount: 0, endpointCount: 0 });
      const client = deliveries();
      assert.deepEqual(await client.listMessages(), { items: [], iterator: null, done: true });
      assert.deepEqual(await client.listEndpoints(), []);
    });

    it('lists attempts and endpoints, and resends', async () => {
      const client = deliveries();
      const [endpoint] = await client.listEndpoints();
      assert.match(endpoint.id, /^ep_/);
      const messageId = (await client.listMessages()).items[0].id;
      const before = await client.listAttempts(messageId);
      assert.equal(before.items.length, 1);
      assert.equal(before.items[0].responseStatusCode, 200);
      await client.resend(messageId, endpoint.id);
      const after = await client.listAttempts(messageId);
      assert.deepEqual(
        after.items.map((a) => a.triggerType),
        [0, 1],
      );
    });

    it('uses a cached session and mints a new one once when it has expired (401)', async () => {
      const store = memoryTokenStore();
      await store.set({ appId: fake.appId, token: 'sess_expired', serverUrl: fake.svixUrl });
      const client = deliveries(store);
      assert.equal((await client.listMessages()).items.length, 3);
      assert.equal(count('POST', /svix_url/), 1);
      assert.notEqual((await store.get())?.token, 'sess_expired');
      fake.expireTokens();
      await client.listAttempts('msg_000000000000000000000000001');
      assert.equal(count('POST', /svix_url/), 2);
    });

    it('gives up after one renewal when Svix keeps answering 401', async () => {
      fake.setScenario({ rejectAllTokens: true });
      await assert.rejects(deliveries().listEndpoints(), { kind: 'unauthorized', details: { status: 401 } });
      assert.equal(count('POST', /svix_url/), 2);
    });

    it('reports 429 with Retry-After, 5xx, timeouts and offline as typed errors', async () => {
      const store = memoryTokenStore();
      await deliveries(store).listEndpoints(); // a session first, so failures hit the data calls
      fake.setScenario({ failures: [{ api: 'svix', status: 429, retryAfter: 7, times: 1 }] });
      await assert.rejects(
        deliveries(store).listEndpoints(),
        (error: Error & { kind: string; details: { retryAfterSeconds?: number } }) =>
          error.kind === 'rateLimited' && error.details.retryAfterSeconds === 7 && /7 seconds/.test(error.message),
      );
      fake.setScenario({ failures: [{ api: 'svix', status: 502, times: 5 }] });
      await assert.rejects(deliveries(store).listEndpoints(), { kind: 'server', details: { status: 502 } });
      fake.setScenario({ failures: [{ api: 'svix', status: 500, times: 2 }] });
      assert.equal((await deliveries(store, 2).listEndpoints()).length, 1, 'the svix SDK retries 5xx');
      const session = await store.get();
      fake.setScenario({ delayMs: 400 });
      clerk = { ...clerk, timeoutMs: 100 };
      await assert.rejects(deliveries(store).listEndpoints(), { kind: 'timeout' });
      fake.setScenario({ delayMs: 0 });
      await store.set({ ...session!, serverUrl: await closedPortUrl() });
      await assert.rejects(new WebhookDeliveries({ clerk, store, retries: 0 }).listEndpoints(), { kind: 'offline' });
    });
  });
});

async function closedPortUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
