// The one way the webhooks clients talk HTTP: one deadline for connecting, headers and body, the
// caller's AbortSignal, no redirect followed (the Authorization header never reaches another host),
// and a capped body (a 100 MB answer is never buffered). Aborting closes the socket.
import * as http from 'node:http';
import * as https from 'node:https';

/** The most of an answer read into memory; anything beyond is cut off and the connection closed. */
export const maxResponseBytes = 5 * 1024 * 1024;

export interface CallBounds {
  /** One deadline for the whole call: connecting, the headers and the body. */
  readonly timeoutMs: number;
  /** Cancels the call and closes its socket when aborted. */
  readonly signal?: AbortSignal;
}

export interface BoundedResponse {
  readonly status: number;
  readonly ok: boolean;
  readonly headers: Headers;
  /** The body as text, at most `maxBytes` of it. */
  readonly text: string;
  /** The body went on beyond `maxBytes` (it was not read further). */
  readonly truncated: boolean;
  /** 3xx: a redirect that was not followed. */
  readonly redirected: boolean;
}

/** The connection failed after the answer had begun (reset, cut short): not a reachability problem. */
export class BrokenAnswerError extends Error {
  override readonly name = 'BrokenAnswerError';
}

/**
 * A signal that fires at the deadline or when the caller's fires, whichever comes first. A timer
 * that holds its controller, not `AbortSignal.any([AbortSignal.timeout(ms), signal])`: Node holds
 * the timeout signal weakly inside `any`, so a garbage collection before the deadline meant it never
 * fired (nodejs/node#57736), and a view waited forever on a server that never finished its answer.
 */
export function deadlineSignal(bounds: CallBounds): AbortSignal {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException('The operation timed out.', 'TimeoutError')), bounds.timeoutMs);
  // The request keeps the process alive while it runs; a finished call's timer must not.
  timer.unref();
  followAbort(controller, bounds.signal, () => clearTimeout(timer));
  return controller.signal;
}

/** A signal that fires when any of `signals` does (each caller holds its own; this one holds nothing weakly). */
export function anySignal(signals: readonly AbortSignal[]): AbortSignal {
  const controller = new AbortController();
  for (const signal of signals) followAbort(controller, signal);
  return controller.signal;
}

function followAbort(controller: AbortController, signal: AbortSignal | undefined, onAbort?: () => void): void {
  if (!signal) return;
  const abort = () => {
    onAbort?.();
    controller.abort(signal.reason);
  };
  if (signal.aborted) abort();
  else signal.addEventListener('abort', abort, { once: true });
}

/** What a request sends: the subset of `RequestInit` the clients (and the svix SDK) use. */
export interface HttpRequestInit {
  readonly method?: string;
  readonly headers?: HeadersInit;
  readonly body?: string | null;
  /** Replaces the bounds' deadline when the caller already made one (a deadline shared by several requests). */
  readonly signal?: AbortSignal | null;
}

/**
 * One HTTP request within `bounds`, reading at most `maxBytes` of the answer. `node:http` rather
 * than `fetch`: aborting undici's fetch in the middle of a body leaves its socket open, while
 * destroying a `node:http` request always closes it. A connection per request (no keep-alive pool),
 * so nothing outlives the call. Rejects with an `AbortError` on abort or timeout, a
 * `BrokenAnswerError` when the connection fails mid-answer, and Node's network errors otherwise.
 */
export function httpRequest(url: string, init: HttpRequestInit, bounds: CallBounds, maxBytes = maxResponseBytes): Promise<BoundedResponse> {
  const signal = init.signal ?? deadlineSignal(bounds);
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const client = target.protocol === 'https:' ? https : target.protocol === 'http:' ? http : undefined;
    if (!client) return reject(new TypeError(`unsupported protocol ${target.protocol}`));
    const headers: Record<string, string> = {};
    new Headers(init.headers ?? undefined).forEach((value, name) => (headers[name] = value));
    const request = client.request(target, { method: init.method ?? 'GET', headers, signal, agent: false });
    let answering = false;
    // After an abort every error is the abort, whatever the socket reported; once the answer has
    // begun, a network error means it broke off (the request reports it before the response does).
    const fail = (error: Error): void => {
      if (signal.aborted) reject(abortError(signal));
      else reject(answering && !(error instanceof BrokenAnswerError) ? new BrokenAnswerError(error.message, { cause: error }) : error);
    };
    request.on('error', fail);
    request.on('response', (response) => {
      answering = true;
      const status = response.statusCode ?? 0;
      const answer = { status, ok: status >= 200 && status < 300, headers: headersOf(response), redirected: status >= 300 && status < 400 };
      if (answer.redirected) {
        request.destroy();
        return resolve({ ...answer, text: '', truncated: false });
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        if (size + chunk.length <= maxBytes) {
          chunks.push(chunk);
          size += chunk.length;
          return;
        }
        chunks.push(chunk.subarray(0, maxBytes - size));
        request.destroy(); // the rest is never received
        resolve({ ...answer, text: Buffer.concat(chunks).toString('utf8'), truncated: true });
      });
      response.on('end', () => resolve({ ...answer, text: Buffer.concat(chunks).toString('utf8'), truncated: false }));
      response.on('error', fail);
    });
    request.end(init.body ?? undefined);
  });
}

function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error ? reason : new DOMException('The operation was aborted.', 'AbortError');
}

function headersOf(response: http.IncomingMessage): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(response.headers)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, item);
  }
  return headers;
}
