/**
 * A server that answers every request with one broken behaviour, for the fault tests of the CLI
 * (test/unit/faults) and the sidebar. Point `CLERK_API_URL`, `SVIX_SERVER_URL` or a test-event URL at
 * `url`. Error bodies carry both Clerk's (`errors[].long_message`) and Svix's (`detail`) shapes and
 * echo the credentials of the request (the Authorization token, the request body with its one-time
 * token) and `echoSecrets`, in upper and lower case, so tests prove nothing is shown unredacted.
 * Every answer says `connection: close`, so once a client is done no socket stays open: `waitForIdle`
 * proves the client left nothing pending.
 *
 * STABLE API: other branches test against it; add options, never change or remove these names.
 */
import * as http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export const faultKinds = [
  /** Nothing listens on the port. */
  'refused',
  /** 200 with a Content-Length, half the body, then a TCP reset. */
  'reset',
  /** Accepts the request and never answers. */
  'hang',
  /** 200 and one byte of body every `dripIntervalMs`, never finishing. */
  'slowDrip',
  /** Redirects to the same path on another host (`localhost` instead of 127.0.0.1, another port). */
  'redirect301',
  'redirect302',
  'status400',
  'status401',
  'status403',
  'status404',
  'status409',
  /** With `Retry-After: retryAfterSeconds`. */
  'status429',
  'status500',
  'status502',
  'status503',
  /** 200, `application/json`, and a body that is not JSON. */
  'garbageJson',
  /** 200, `application/json`, `hugeBodyBytes` (100 MB) of JSON-looking text, written as fast as the client reads. */
  'hugeBody',
] as const;

export type FaultKind = (typeof faultKinds)[number];

export interface FaultServerOptions {
  /** More values the error bodies echo (e.g. the Clerk secret key), besides the request's own credentials. */
  readonly echoSecrets?: readonly string[];
  /** `Retry-After` of `status429`, in seconds. Default 7. */
  readonly retryAfterSeconds?: number;
  /** Size of `hugeBody`. Default 100 MB. */
  readonly hugeBodyBytes?: number;
  /** Pause between bytes of `slowDrip`. Default 200 ms. */
  readonly dripIntervalMs?: number;
  /**
   * Only requests whose path this accepts get the fault; the others are forwarded to `upstream`
   * (e.g. a fake Clerk/Svix server), so the fault hits one step of a flow. Default: every request.
   */
  readonly faultPath?: (path: string) => boolean;
  /** Base URL requests outside `faultPath` are forwarded to. Required with `faultPath`. */
  readonly upstream?: string;
}

export interface FaultRequest {
  readonly method: string;
  /** Path and query. */
  readonly path: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: string;
  /** false when the request was forwarded to `upstream`. */
  readonly faulted: boolean;
  /** `Date.now()` when the request was complete (to time how soon a client gives up). */
  readonly receivedAt: number;
}

export interface FaultServer {
  readonly kind: FaultKind;
  /** Base URL without a trailing slash (for `refused`, a port nothing listens on). */
  readonly url: string;
  /** Requests that reached this server. */
  readonly requests: readonly FaultRequest[];
  /** Requests that reached the other host of `redirect301`/`redirect302` (none should carry Authorization). */
  readonly redirectedRequests: readonly FaultRequest[];
  /** Bytes of the `hugeBody` body written so far (the client's read limit keeps this far below the total). */
  readonly hugeBodyBytesSent: number;
  /** Client sockets open on this server (and the redirect host) right now. */
  openSockets(): number;
  /** Resolves when no client socket is open any more; rejects after `timeoutMs` (default 5000) naming how many are. */
  waitForIdle(timeoutMs?: number): Promise<void>;
  /** Destroys every socket and stops listening. */
  close(): Promise<void>;
}

const hugeChunk = Buffer.from(`"${'x'.repeat(64 * 1024 - 3)}",`);

export async function startFaultServer(kind: FaultKind, options: FaultServerOptions = {}): Promise<FaultServer> {
  const { echoSecrets = [], retryAfterSeconds = 7, hugeBodyBytes = 100 * 1024 * 1024, dripIntervalMs = 200, faultPath = () => true, upstream } = options;
  const requests: FaultRequest[] = [];
  const redirectedRequests: FaultRequest[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let hugeBodyBytesSent = 0;
  let idleWaiters: (() => void)[] = [];

  const track = (server: http.Server): void => {
    server.on('connection', (socket: Socket) => {
      sockets.add(socket);
      socket.on('close', () => {
        sockets.delete(socket);
        if (sockets.size === 0) {
          for (const resolve of idleWaiters) resolve();
          idleWaiters = [];
        }
      });
    });
  };

  const echo = (request: FaultRequest): string => {
    const authorization = String(request.headers.authorization ?? '');
    const token = authorization.replace(/^\S+\s+/, '');
    const values = [authorization, token, request.body, ...echoSecrets].filter(Boolean);
    return values.flatMap((value) => [value, value.toUpperCase(), value.toLowerCase()]).join(' | ');
  };

  const errorBody = (status: number, request: FaultRequest): string => {
    const detail = `fault ${status}: credentials received: ${echo(request)}`;
    const code = status === 409 ? 'conflict' : status === 404 ? 'resource_not_found' : `status_${status}`;
    return JSON.stringify({ errors: [{ code, message: `fault ${status}`, long_message: detail }], code, detail });
  };

  const redirectTarget = http.createServer((req, res) => {
    void readBody(req).then((body) => {
      redirectedRequests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers, body, faulted: true, receivedAt: Date.now() });
      res.writeHead(200, { 'content-type': 'application/json', connection: 'close' }).end('{"data":[],"total_count":0}');
    });
  });
  track(redirectTarget);

  const server = http.createServer((req, res) => {
    void readBody(req).then((body) => {
      const path = req.url ?? '/';
      const faulted = !upstream || faultPath(path);
      const request: FaultRequest = { method: req.method ?? '', path, headers: req.headers, body, faulted, receivedAt: Date.now() };
      requests.push(request);
      if (faulted) answerWithFault(request, res);
      else forward(request, res);
    });
  });
  track(server);

  function answerWithFault(request: FaultRequest, res: http.ServerResponse): void {
    const closeHeader = { connection: 'close' };
    switch (kind) {
      case 'refused':
      case 'hang':
        return; // refused never gets here; hang keeps the socket open until the client gives up
      case 'reset': {
        const half = JSON.stringify({ data: [], detail: echo(request) });
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(half.length * 2), ...closeHeader });
        // A moment after the half is out, so the client has taken the headers: an immediate reset
        // can discard them in its kernel buffer, and the fault would look like "refused" instead.
        res.write(half, () => {
          const timer = setTimeout(() => res.socket?.resetAndDestroy(), 100);
          timers.add(timer);
        });
        return;
      }
      case 'slowDrip': {
        res.writeHead(200, { 'content-type': 'application/json', ...closeHeader });
        res.write('{');
        const timer = setInterval(() => res.write(' '), dripIntervalMs);
        timers.add(timer);
        res.on('close', () => {
          clearInterval(timer);
          timers.delete(timer);
        });
        return;
      }
      case 'redirect301':
      case 'redirect302': {
        const port = (redirectTarget.address() as AddressInfo).port;
        res.writeHead(kind === 'redirect301' ? 301 : 302, { location: `http://localhost:${port}${request.path}`, ...closeHeader }).end();
        return;
      }
      case 'garbageJson':
        res.writeHead(200, { 'content-type': 'application/json', ...closeHeader }).end(`{"data": [tru <html> ${echo(request)}`);
        return;
      case 'hugeBody':
        writeHugeBody(res);
        return;
      default: {
        const status = Number(kind.slice('status'.length));
        const headers: http.OutgoingHttpHeaders = { 'content-type': 'application/json', ...closeHeader };
        if (status === 429) headers['retry-after'] = String(retryAfterSeconds);
        res.writeHead(status, headers).end(errorBody(status, request));
      }
    }
  }

  /** Writes with back-pressure, so only what the client actually reads leaves this process. */
  function writeHugeBody(res: http.ServerResponse): void {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(hugeBodyBytes), connection: 'close' });
    const opening = Buffer.from('{"data":[');
    let remaining = hugeBodyBytes;
    const send = (chunk: Buffer): boolean => {
      const piece = chunk.subarray(0, remaining);
      remaining -= piece.length;
      hugeBodyBytesSent += piece.length;
      return res.write(piece);
    };
    const pump = (): void => {
      while (remaining > 0 && !res.destroyed) {
        if (!send(hugeChunk)) return void res.once('drain', pump);
      }
      if (!res.destroyed) res.end();
    };
    send(opening);
    pump();
  }

  function forward(request: FaultRequest, res: http.ServerResponse): void {
    const target = new URL(request.path, upstream);
    const headers = { ...request.headers, host: target.host };
    const proxied = http.request(target, { method: request.method, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, { ...answer.headers, connection: 'close' });
      answer.pipe(res);
    });
    proxied.on('error', () => res.destroy());
    proxied.end(request.body);
  }

  await new Promise<void>((resolve) => redirectTarget.listen(0, 'localhost', resolve));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  // Free the port again: connecting to it is refused (nothing else binds an ephemeral port this fast).
  if (kind === 'refused') await new Promise<void>((resolve) => server.close(() => resolve()));

  const stop = (s: http.Server): Promise<void> =>
    new Promise((resolve) => {
      if (!s.listening) return resolve();
      s.close(() => resolve());
    });

  return {
    kind,
    url,
    requests,
    redirectedRequests,
    get hugeBodyBytesSent() {
      return hugeBodyBytesSent;
    },
    openSockets: () => sockets.size,
    waitForIdle: (timeoutMs = 5000) =>
      sockets.size === 0
        ? Promise.resolve()
        : new Promise<void>((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`${sockets.size} client socket(s) still open after ${timeoutMs} ms`)), timeoutMs);
            idleWaiters.push(() => {
              clearTimeout(timer);
              resolve();
            });
          }),
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      await Promise.all([stop(server), stop(redirectTarget)]);
    },
  };
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}
