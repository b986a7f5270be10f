import * as assert from 'node:assert/strict';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { fetchJwtTemplates } from '../../../src/core/clerk/jwtTemplates';
import { WebhooksError } from '../../../src/core/webhooks/errors';

const SECRET = 'sk_test_jwtTemplatesUnitTestSecretValue1234';

/** A JWT template as `GET /v1/jwt_templates` serialises it (all fields of the spec's JWTTemplate schema). */
function template(name: string, claims: object) {
  return {
    object: 'jwt_template',
    id: `jtmp_${name}`,
    name,
    claims,
    lifetime: 60,
    allowed_clock_skew: 5,
    custom_signing_key: false,
    signing_algorithm: 'RS256',
    created_at: 1_700_000_000_000,
    updated_at: 1_700_000_000_000,
  };
}

interface FakeApi {
  apiUrl: string;
  requests: URL[];
  close(): Promise<void>;
}

/**
 * Answers like the Clerk Backend API: bearer auth, `paginated=true` → `{ data, total_count }`.
 * `pageCap` imitates a server that returns fewer items than `limit` asked for.
 */
async function startFakeApi(templates: object[], options: { status?: number; pageCap?: number } = {}): Promise<FakeApi> {
  const requests: URL[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(url);
    res.setHeader('content-type', 'application/json');
    if (req.headers.authorization !== `Bearer ${SECRET}` || options.status === 401) {
      res.statusCode = 401;
      res.end(JSON.stringify({ errors: [{ message: 'Unauthorized', long_message: 'Invalid secret key', code: 'authentication_invalid' }] }));
      return;
    }
    if (req.method !== 'GET' || url.pathname !== '/v1/jwt_templates') {
      res.statusCode = 404;
      res.end(JSON.stringify({ errors: [{ message: 'not found', long_message: 'not found', code: 'resource_not_found' }] }));
      return;
    }
    const offset = Number(url.searchParams.get('offset') ?? 0);
    const limit = Math.min(Number(url.searchParams.get('limit') ?? 10), options.pageCap ?? 500);
    const page = templates.slice(offset, offset + limit);
    res.end(JSON.stringify(url.searchParams.get('paginated') === 'true' ? { data: page, total_count: templates.length } : page));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe('fetchJwtTemplates (GET /v1/jwt_templates)', () => {
  let api: FakeApi | undefined;
  afterEach(async () => {
    await api?.close();
    api = undefined;
  });

  it('returns the name and claims of each template, asking for paginated results', async () => {
    api = await startFakeApi([template('convex', { aud: 'convex' }), template('supabase', { role: 'authenticated' })]);
    const templates = await fetchJwtTemplates({ secretKey: SECRET, apiUrl: api.apiUrl, timeoutMs: 5000 });
    assert.deepEqual(templates, [
      { name: 'convex', claims: { aud: 'convex' } },
      { name: 'supabase', claims: { role: 'authenticated' } },
    ]);
    assert.equal(api.requests.length, 1);
    assert.equal(api.requests[0]!.searchParams.get('paginated'), 'true');
  });

  it('follows total_count across pages when the server returns short pages', async () => {
    const all = ['a', 'b', 'c', 'd', 'e'].map((name) => template(name, { aud: name }));
    api = await startFakeApi(all, { pageCap: 2 });
    const templates = await fetchJwtTemplates({ secretKey: SECRET, apiUrl: api.apiUrl, timeoutMs: 5000 });
    assert.deepEqual(
      templates.map((t) => t.name),
      ['a', 'b', 'c', 'd', 'e'],
    );
    assert.deepEqual(
      // The SDK leaves out `offset=0`.
      api.requests.map((url) => Number(url.searchParams.get('offset') ?? 0)),
      [0, 2, 4],
    );
  });

  it('returns an empty list for an instance without templates', async () => {
    api = await startFakeApi([]);
    assert.deepEqual(await fetchJwtTemplates({ secretKey: SECRET, apiUrl: api.apiUrl, timeoutMs: 5000 }), []);
  });

  it('reports a rejected key as an unauthorized error that does not contain the key', async () => {
    api = await startFakeApi([template('convex', { aud: 'convex' })], { status: 401 });
    await assert.rejects(fetchJwtTemplates({ secretKey: SECRET, apiUrl: api.apiUrl, timeoutMs: 5000 }), (error: unknown) => {
      assert.ok(error instanceof WebhooksError);
      assert.equal(error.kind, 'unauthorized');
      assert.ok(!error.message.includes(SECRET));
      return true;
    });
  });
});
