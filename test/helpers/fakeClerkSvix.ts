/**
 * A local stand-in for the Clerk Backend API and the Svix API, on 127.0.0.1 (random port). It
 * implements only what the webhooks feature calls, answers in the shapes of the specs in
 * specs/ (vendored; test/unit/webhooks/fakeClerkSvix.test.ts validates every response it sends), and
 * has scenario switches for the failure modes the clients must survive.
 *
 * Clerk lives under `/v1/…` and Svix under `/api/v1/…` on the same server; `clerkApiUrl` is the host
 * only (as `CLERK_API_URL`), `svixUrl` the Svix server URL (as `SVIX_SERVER_URL`).
 */
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { clerkWebhookCatalog } from '../../src/core/webhooks/catalog.generated';

export interface FakeFailure {
  readonly api: 'clerk' | 'svix';
  readonly status: number;
  /** Seconds, sent as `Retry-After` (meant for 429). */
  readonly retryAfter?: number;
  /** How many matching requests fail before the server answers normally again. */
  readonly times: number;
}

export interface FakeScenario {
  /** The secret key the fake Clerk accepts. */
  readonly secretKey: string;
  /** false: `svix_url` answers `svix_app_missing` until `POST /v1/webhooks/svix` creates the app. */
  readonly svixApp: boolean;
  /** What the `#key=` fragment carries: a one-time token to exchange, or a session token. */
  readonly keyForm: 'oneTimeToken' | 'token';
  /** `region` in the key; undefined leaves it out. */
  readonly region?: string;
  readonly messageCount: number;
  readonly endpointCount: number;
  /** Every Svix call answers 401 (a token that cannot be renewed). */
  readonly rejectAllTokens: boolean;
  readonly failures: readonly FakeFailure[];
  /** Every response waits this long (for timeouts). */
  readonly delayMs: number;
  readonly jwtTemplates: readonly FakeJwtTemplate[];
}

export interface FakeJwtTemplate {
  readonly name: string;
  readonly claims: Record<string, unknown>;
}

export interface RecordedRequest {
  readonly api: 'clerk' | 'svix';
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
}

export interface RecordedResponse {
  readonly api: 'clerk' | 'svix';
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly contentType: string | undefined;
  readonly body: unknown;
}

export interface FakeClerkSvix {
  /** Host only, like `CLERK_API_URL` (the SDK adds `/v1`). */
  readonly clerkApiUrl: string;
  /** The Svix server URL, like `SVIX_SERVER_URL`. */
  readonly svixUrl: string;
  readonly appId: string;
  readonly requests: RecordedRequest[];
  readonly responses: RecordedResponse[];
  setScenario(changes: Partial<FakeScenario>): void;
  /** Invalidates every Svix session token issued so far (as if they expired). */
  expireTokens(): void;
  close(): Promise<void>;
}

const defaultScenario: FakeScenario = {
  secretKey: 'sk_test_fakeClerkSvixSecretKey',
  svixApp: true,
  keyForm: 'oneTimeToken',
  region: 'us',
  messageCount: 3,
  endpointCount: 1,
  rejectAllTokens: false,
  failures: [],
  delayMs: 0,
  jwtTemplates: [{ name: 'convex', claims: { aud: 'convex' } }],
};

/** A token as long as real ones (`n`-th issued), so redaction of known values applies to it. */
export const fakeToken = (prefix: 'ott' | 'sess', n: number): string => `${prefix}_${n}_${'k'.repeat(24)}`;

/** A Svix-style id: prefix + 27 alphanumerics (the specs' patterns require exactly that). */
export const svixId = (prefix: string, n: number): string => `${prefix}_${String(n).padStart(27, '0')}`;

const baseTime = Date.parse('2026-11-27T12:00:00.000Z');
const messageTypes = clerkWebhookCatalog.slice(0, 5).map((event) => event.type);

interface FakeMessage {
  id: string;
  eventType: string;
  timestamp: string;
  payload: Record<string, unknown>;
}

export async function startFakeClerkSvix(options: Partial<FakeScenario> = {}): Promise<FakeClerkSvix> {
  let scenario: FakeScenario = { ...defaultScenario, ...options };
  let failures: FakeFailure[] = [...scenario.failures];
  let counter = 0;
  const oneTimeTokens = new Set<string>();
  const sessionTokens = new Set<string>();
  const resends: { msgId: string; endpointId: string; timestamp: string }[] = [];
  const requests: RecordedRequest[] = [];
  const responses: RecordedResponse[] = [];
  const appId = 'app_2fakeClerkSvixApp000000001';

  const messages = (): FakeMessage[] =>
    Array.from({ length: scenario.messageCount }, (_, i) => {
      const eventType = messageTypes[i % messageTypes.length];
      const example = clerkWebhookCatalog.find((event) => event.type === eventType)!.example;
      const timestamp = new Date(baseTime - i * 60_000).toISOString();
      return { id: svixId('msg', i + 1), eventType, timestamp, payload: { ...example, timestamp: Date.parse(timestamp) } };
    });
  const endpoints = () =>
    Array.from({ length: scenario.endpointCount }, (_, i) => ({
      id: svixId('ep', i + 1),
      metadata: {},
      url: `https://app${i + 1}.example.com/api/webhooks`,
      description: `Endpoint ${i + 1}`,
      disabled: false,
      filterTypes: null,
      version: 1,
      createdAt: new Date(baseTime - 86_400_000).toISOString(),
      updatedAt: new Date(baseTime - 86_400_000).toISOString(),
    }));
  // Every third message failed at every endpoint; the rest succeeded.
  const failed = (msgIndex: number) => msgIndex % 3 === 2;
  const attemptsOf = (msg: FakeMessage, msgIndex: number) => [
    ...endpoints().map((endpoint, e) => ({
      id: svixId('atmpt', (msgIndex + 1) * 100 + e),
      msgId: msg.id,
      endpointId: endpoint.id,
      url: endpoint.url,
      response: failed(msgIndex) ? 'Internal Server Error' : '{"ok":true}',
      responseStatusCode: failed(msgIndex) ? 500 : 200,
      responseDurationMs: 42,
      status: failed(msgIndex) ? 2 : 0,
      statusText: failed(msgIndex) ? 'fail' : 'success',
      triggerType: 0,
      timestamp: msg.timestamp,
    })),
    ...resends
      .filter((resend) => resend.msgId === msg.id)
      .map((resend, r) => ({
        id: svixId('atmpt', 900_000 + r),
        msgId: msg.id,
        endpointId: resend.endpointId,
        url: endpoints().find((endpoint) => endpoint.id === resend.endpointId)!.url,
        response: '{"ok":true}',
        responseStatusCode: 200,
        responseDurationMs: 7,
        status: 0,
        statusText: 'success',
        triggerType: 1,
        timestamp: resend.timestamp,
      })),
  ];

  /** Svix pagination: `iterator` is the id of the last item of the previous page. */
  const paginate = <T extends { id: string }>(items: T[], query: Record<string, string>) => {
    const limit = Math.min(Number(query.limit ?? 50), 250);
    const start = query.iterator ? items.findIndex((item) => item.id === query.iterator) + 1 : 0;
    const data = items.slice(start, start + limit);
    const done = start + limit >= items.length;
    return { data, iterator: data.length > 0 ? data[data.length - 1].id : null, prevIterator: null, done };
  };

  const jwtTemplateJson = (template: FakeJwtTemplate, i: number) => ({
    object: 'jwt_template',
    id: `jtmp_fake${i + 1}`,
    name: template.name,
    claims: template.claims,
    lifetime: 60,
    allowed_clock_skew: 5,
    custom_signing_key: false,
    signing_algorithm: 'RS256',
    created_at: baseTime,
    updated_at: baseTime,
  });
  const clerkError = (code: string, message: string) => ({ errors: [{ message, long_message: message, code }], clerk_trace_id: 'trace_fake' });
  const svixError = (code: string, detail: string) => ({ code, detail });

  const svixUrlFor = () => {
    const token = fakeToken(scenario.keyForm === 'token' ? 'sess' : 'ott', ++counter);
    (scenario.keyForm === 'token' ? sessionTokens : oneTimeTokens).add(token);
    const key = { appId, [scenario.keyForm]: token, ...(scenario.region === undefined ? {} : { region: scenario.region }) };
    return { svix_url: `https://app.svix.com/login#key=${encodeURIComponent(Buffer.from(JSON.stringify(key)).toString('base64'))}` };
  };

  type Reply = { status: number; body?: unknown; headers?: Record<string, string> };

  function clerkRoute(method: string, path: string, query: Record<string, string>, body: string, auth: string | undefined): Reply {
    if (auth !== `Bearer ${scenario.secretKey}`) return { status: 401, body: clerkError('authentication_invalid', 'Invalid secret key') };
    const route = `${method} ${path}`;
    switch (route) {
      case 'POST /v1/webhooks/svix_url':
        return scenario.svixApp ? { status: 200, body: svixUrlFor() } : { status: 400, body: clerkError('svix_app_missing', 'Svix app is missing') };
      case 'POST /v1/webhooks/svix':
        if (scenario.svixApp) return { status: 400, body: clerkError('svix_app_exists', 'Only one Svix app is allowed per instance.') };
        scenario = { ...scenario, svixApp: true };
        return { status: 200, body: svixUrlFor() };
      case 'GET /v1/instance':
        return {
          status: 200,
          body: { object: 'instance', id: 'ins_2fakeInstance', environment_type: 'development', allowed_origins: null, workspace_id: null },
        };
      case 'GET /v1/jwt_templates': {
        const all = scenario.jwtTemplates.map(jwtTemplateJson);
        const offset = Number(query.offset ?? 0);
        const page = all.slice(offset, offset + Number(query.limit ?? 10));
        // The spec says an array; @clerk/backend sends paginated=true and reads { data, total_count }.
        return { status: 200, body: query.paginated === 'true' ? { data: page, total_count: all.length } : page };
      }
      case 'POST /v1/jwt_templates': {
        const input = JSON.parse(body || '{}') as { name?: string; claims?: Record<string, unknown> };
        if (!input.name || !input.claims) return { status: 422, body: clerkError('form_param_missing', 'name and claims are required') };
        const template = { name: input.name, claims: input.claims };
        scenario = { ...scenario, jwtTemplates: [...scenario.jwtTemplates, template] };
        return { status: 200, body: jwtTemplateJson(template, scenario.jwtTemplates.length - 1) };
      }
      default:
        return { status: 404, body: clerkError('resource_not_found', `No route ${route}`) };
    }
  }

  function svixRoute(method: string, path: string, query: Record<string, string>, body: string, auth: string | undefined): Reply {
    if (method === 'POST' && path === '/api/v1/auth/one-time-token') {
      const { oneTimeToken } = JSON.parse(body || '{}') as { oneTimeToken?: string };
      if (!oneTimeToken || !oneTimeTokens.delete(oneTimeToken)) return { status: 401, body: svixError('authentication_failed', 'Invalid one-time token') };
      const token = fakeToken('sess', ++counter);
      sessionTokens.add(token);
      return { status: 200, body: { token, capabilities: ['ViewBase', 'CreateAttempts'] } };
    }
    const token = auth?.replace(/^Bearer /, '');
    if (scenario.rejectAllTokens || !token || !sessionTokens.has(token)) {
      return { status: 401, body: svixError('authentication_failed', 'Invalid token') };
    }
    const match = /^\/api\/v1\/app\/([^/]+)(\/.*)$/.exec(path);
    if (!match || match[1] !== appId) return { status: 404, body: svixError('not_found', 'Entity not found') };
    const rest = match[2];
    const all = messages();
    let m: RegExpExecArray | null;
    if (method === 'GET' && rest === '/msg') {
      const types = query.event_types?.split(',');
      return {
        status: 200,
        body: paginate(
          all.filter((msg) => !types || types.includes(msg.eventType)),
          query,
        ),
      };
    }
    if (method === 'GET' && rest === '/endpoint') return { status: 200, body: paginate(endpoints(), query) };
    if (method === 'GET' && (m = /^\/attempt\/msg\/([^/]+)$/.exec(rest))) {
      const index = all.findIndex((msg) => msg.id === m![1]);
      if (index < 0) return { status: 404, body: svixError('not_found', 'Entity not found') };
      return { status: 200, body: paginate(attemptsOf(all[index], index), query) };
    }
    if (method === 'GET' && (m = /^\/endpoint\/([^/]+)\/msg$/.exec(rest))) {
      if (!endpoints().some((endpoint) => endpoint.id === m![1])) return { status: 404, body: svixError('not_found', 'Entity not found') };
      const inWindow = all
        .map((msg, index) => ({ msg, index }))
        .filter(({ msg }) => (!query.before || msg.timestamp < query.before) && (!query.after || msg.timestamp > query.after))
        .map(({ msg, index }) => ({
          ...msg,
          payload: query.with_content === 'false' ? {} : msg.payload,
          status: failed(index) ? 2 : 0,
          statusText: failed(index) ? 'fail' : 'success',
          nextAttempt: null,
        }));
      return { status: 200, body: paginate(inWindow, query) };
    }
    if (method === 'POST' && (m = /^\/msg\/([^/]+)\/endpoint\/([^/]+)\/resend$/.exec(rest))) {
      if (!all.some((msg) => msg.id === m![1]) || !endpoints().some((endpoint) => endpoint.id === m![2])) {
        return { status: 404, body: svixError('not_found', 'Entity not found') };
      }
      resends.push({ msgId: m[1], endpointId: m[2], timestamp: new Date(baseTime + 60_000).toISOString() });
      return { status: 202, body: {} };
    }
    return { status: 404, body: svixError('not_found', `No route ${method} ${path}`) };
  }

  function injectedFailure(api: 'clerk' | 'svix'): Reply | undefined {
    const index = failures.findIndex((failure) => failure.api === api && failure.times > 0);
    if (index < 0) return undefined;
    const failure = failures[index];
    failures[index] = { ...failure, times: failure.times - 1 };
    const headers: Record<string, string> = failure.retryAfter === undefined ? {} : { 'retry-after': String(failure.retryAfter) };
    const code = failure.status === 429 ? 'rate_limited' : 'internal_error';
    const message = failure.status === 429 ? 'Too many requests' : 'Internal server error';
    return { status: failure.status, body: api === 'clerk' ? clerkError(code, message) : svixError(code, message), headers };
  }

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const api = url.pathname.startsWith('/api/') ? 'svix' : 'clerk';
      const query = Object.fromEntries(url.searchParams);
      const body = Buffer.concat(chunks).toString('utf8');
      const method = req.method ?? 'GET';
      requests.push({ api, method, path: url.pathname, query, headers: req.headers, body });
      const auth = req.headers.authorization;
      let reply: Reply;
      try {
        reply = injectedFailure(api) ?? (api === 'clerk' ? clerkRoute : svixRoute)(method, url.pathname, query, body, auth);
      } catch (error) {
        reply = { status: 400, body: api === 'clerk' ? clerkError('bad_request', String(error)) : svixError('bad_request', String(error)) };
      }
      // Exactly `application/json`: @clerk/backend only parses JSON when the header equals it.
      const contentType = 'application/json';
      responses.push({ api, method, path: url.pathname, status: reply.status, contentType, body: reply.body });
      setTimeout(() => {
        if (res.destroyed) return;
        res.writeHead(reply.status, { 'content-type': contentType, ...reply.headers });
        res.end(JSON.stringify(reply.body));
      }, scenario.delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    clerkApiUrl: base,
    svixUrl: base,
    appId,
    requests,
    responses,
    setScenario(changes) {
      scenario = { ...scenario, ...changes };
      if (changes.failures) failures = [...changes.failures];
    },
    expireTokens() {
      sessionTokens.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
