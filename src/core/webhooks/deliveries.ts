import * as l10n from '@vscode/l10n';
import { ApiException, Svix, type EndpointOut, type MessageAttemptOut } from 'svix';
import type { ClerkApiOptions } from './clerkApi';
import { errors, fromFetchFailure, fromStatus, isWebhooksError, unusableAnswer, type KnownSecrets, type WebhooksError } from './errors';
import { anySignal, deadlineSignal, httpRequest, type BoundedResponse, type CallBounds } from './http';
import { detailOf, mintSvixSession, type SvixSession } from './svixUrl';

/**
 * Where the adapter keeps the Svix session of one Clerk instance (VS Code: SecretStorage, keyed by
 * instance; CLI: memory). The token grants write access, so stores must treat it as a secret.
 */
export interface TokenStore {
  get(): Promise<SvixSession | undefined>;
  set(session: SvixSession): Promise<void>;
  delete(): Promise<void>;
}

export function memoryTokenStore(): TokenStore {
  let session: SvixSession | undefined;
  return {
    get: async () => session,
    set: async (value) => void (session = value),
    delete: async () => void (session = undefined),
  };
}

export type DeliveryStatus = 'success' | 'pending' | 'fail' | 'sending' | 'canceled';

export interface DeliveryMessage {
  readonly id: string;
  readonly eventType: string;
  readonly timestamp: Date;
  /** The Clerk event envelope. */
  readonly payload: unknown;
  /** Status of the latest attempt (the worst across endpoints); undefined when never attempted. */
  readonly status?: DeliveryStatus;
}

export interface Page<T> {
  readonly items: readonly T[];
  /** Pass back to get the next page. */
  readonly iterator: string | null;
  readonly done: boolean;
}

export type { EndpointOut, MessageAttemptOut };

export interface DeliveriesOptions {
  /** Also bounds every Svix call: `timeoutMs` per call (retries included), `signal` cancels them all. */
  readonly clerk: ClerkApiOptions;
  readonly store: TokenStore;
  /** Replaces the region's Svix server (machine-scoped setting / `SVIX_SERVER_URL`). */
  readonly svixServerUrl?: string;
  /** Retries of the svix SDK on 5xx and network errors (its default is 2). */
  readonly retries?: number;
}

// A message delivered to several endpoints shows its most alarming state.
const severity: Record<DeliveryStatus, number> = { success: 0, canceled: 1, pending: 2, sending: 3, fail: 4 };
// Bounds the status look-up: endpoints × pages requests per page of messages, never one per message.
const maxStatusPages = 4;

/** Recent deliveries of a Clerk instance, read from its Svix app. */
export class WebhookDeliveries {
  private endpoints: Promise<EndpointOut[]> | undefined;

  constructor(private readonly options: DeliveriesOptions) {}

  /** Messages newest first, each with the status of its latest attempt. `signal` cancels this call, on top of `clerk.signal`. */
  async listMessages(query: { limit?: number; iterator?: string | null; eventTypes?: string[]; signal?: AbortSignal } = {}): Promise<Page<DeliveryMessage>> {
    const page = await this.withSvix(
      (svix, appId) => svix.message.list(appId, { limit: query.limit ?? 25, iterator: query.iterator, eventTypes: query.eventTypes, withContent: true }),
      query.signal,
    );
    const statuses =
      page.data.length > 0
        ? await this.latestStatuses(
            page.data.map((m) => m.timestamp),
            query.signal,
          )
        : new Map<string, DeliveryStatus>();
    return {
      items: page.data.map((m) => ({ id: m.id, eventType: m.eventType, timestamp: m.timestamp, payload: m.payload, status: statuses.get(m.id) })),
      iterator: page.iterator,
      done: page.done,
    };
  }

  async listAttempts(messageId: string, query: { limit?: number; iterator?: string | null; signal?: AbortSignal } = {}): Promise<Page<MessageAttemptOut>> {
    const page = await this.withSvix(
      (svix, appId) => svix.messageAttempt.listByMsg(appId, messageId, { limit: query.limit ?? 25, iterator: query.iterator }),
      query.signal,
    );
    return { items: page.data, iterator: page.iterator, done: page.done };
  }

  /** All endpoints of the app (fetched once per client; `refresh()` forgets them). */
  listEndpoints(): Promise<EndpointOut[]> {
    this.endpoints ??= this.fetchAllEndpoints().catch((error: unknown) => {
      this.endpoints = undefined;
      throw error;
    });
    return this.endpoints;
  }

  /** Sends the message to the endpoint again (a write: the adapter confirms first). */
  async resend(messageId: string, endpointId: string, signal?: AbortSignal): Promise<void> {
    await this.withSvix((svix, appId) => svix.messageAttempt.resend(appId, messageId, endpointId), signal);
  }

  refresh(): void {
    this.endpoints = undefined;
  }

  private async fetchAllEndpoints(): Promise<EndpointOut[]> {
    const all: EndpointOut[] = [];
    let iterator: string | null = null;
    do {
      const page = await this.withSvix((svix, appId) => svix.endpoint.list(appId, { limit: 250, iterator }));
      all.push(...page.data);
      iterator = page.done ? null : page.iterator;
    } while (iterator);
    return all;
  }

  /** One `listAttemptedMessages` sweep per endpoint over the page's time window. */
  private async latestStatuses(timestamps: Date[], signal: AbortSignal | undefined): Promise<Map<string, DeliveryStatus>> {
    const times = timestamps.map((t) => t.getTime());
    const after = new Date(Math.min(...times) - 1);
    const before = new Date(Math.max(...times) + 1);
    const statuses = new Map<string, DeliveryStatus>();
    for (const endpoint of await this.listEndpoints()) {
      let iterator: string | null = null;
      for (let pages = 0; pages < maxStatusPages; pages++) {
        const page = await this.withSvix(
          (svix, appId) => svix.messageAttempt.listAttemptedMessages(appId, endpoint.id, { limit: 250, iterator, before, after, withContent: false }),
          signal,
        );
        for (const message of page.data) {
          const status = message.statusText as DeliveryStatus;
          const known = statuses.get(message.id);
          if (known === undefined || severity[status] > severity[known]) statuses.set(message.id, status);
        }
        if (page.done || !page.iterator) break;
        iterator = page.iterator;
      }
    }
    return statuses;
  }

  private async session(renew: boolean, bounds: CallBounds): Promise<SvixSession> {
    const { store, clerk, svixServerUrl } = this.options;
    const cached = renew ? undefined : await store.get();
    if (cached) return cached;
    const session = await mintSvixSession({ ...clerk, ...bounds }, { svixServerUrl });
    await store.set(session);
    return session;
  }

  /** Runs a call with the cached session; on 401 mints a new session once and retries. */
  private async withSvix<T>(call: (svix: Svix, appId: string) => Promise<T>, signal?: AbortSignal): Promise<T> {
    const { clerk } = this.options;
    const signals = [clerk.signal, signal].filter((s): s is AbortSignal => s !== undefined);
    const bounds: CallBounds = { timeoutMs: clerk.timeoutMs, signal: signals.length > 1 ? anySignal(signals) : signals[0] };
    const run = async (session: SvixSession): Promise<T> => {
      const known = [session.token, clerk.secretKey];
      // One deadline bounds the request and its retries.
      const deadline = deadlineSignal(bounds);
      // svix 1.x concatenates serverUrl and path, so a trailing `/` would give `//api/v1/…`.
      const svix = new Svix(session.token, {
        serverUrl: session.serverUrl.replace(/\/+$/, ''),
        fetch: svixFetch(deadline, bounds, known),
        // A schedule, because 1.x reads `numRetries: 0` as "unset" (default 2) while an empty schedule means no retries.
        retryScheduleInMs: Array.from({ length: this.options.retries ?? 2 }, (_, i) => 50 * 2 ** i),
      });
      try {
        return await call(svix, session.appId);
      } catch (error) {
        throw toWebhooksError(error, known);
      }
    };
    const session = await this.session(false, bounds); // minting failures propagate as they are
    try {
      return await run(session);
    } catch (error) {
      if ((error as WebhooksError).kind !== 'unauthorized') throw error;
    }
    await this.options.store.delete();
    return run(await this.session(true, bounds));
  }
}

// Statuses whose Response may not have a body.
const nullBodyStatuses = new Set([101, 204, 205, 304]);

/**
 * The svix SDK's `fetch`: bounded by `deadline` (its own per-try timeout would restart on every
 * retry), redirects refused, bodies capped, handed back as a fresh Response the SDK reads as usual.
 * A redirect or an oversized answer is final: the SDK's retries get the same error without a request.
 */
function svixFetch(deadline: AbortSignal, bounds: CallBounds, known: KnownSecrets): typeof fetch {
  let unusable: WebhooksError | undefined;
  return async (input, init) => {
    if (unusable) throw unusable;
    const url = input instanceof Request ? input.url : String(input);
    let answer: BoundedResponse;
    try {
      // The SDK sends JSON text (or nothing).
      const body = typeof init?.body === 'string' ? init.body : undefined;
      answer = await httpRequest(url, { method: init?.method, headers: init?.headers, body, signal: deadline }, bounds);
    } catch (error) {
      throw fromFetchFailure('Svix', error, bounds, known);
    }
    unusable = unusableAnswer('Svix', answer);
    if (unusable) throw unusable;
    return new Response(nullBodyStatuses.has(answer.status) ? null : answer.text, { status: answer.status, headers: answer.headers });
  };
}

function toWebhooksError(error: unknown, known: KnownSecrets): WebhooksError {
  if (isWebhooksError(error)) return error; // from svixFetch: network, timeout, cancel, redirect, size
  if (error instanceof ApiException) {
    const body = typeof error.body === 'string' ? error.body : JSON.stringify(error.body);
    return fromStatus('Svix', error.code, error.headers['retry-after'], detailOf(body), known);
  }
  // Anything else is the SDK failing to read the answer; its message may quote the text, so it is not shown.
  return errors.badResponse('Svix', error instanceof SyntaxError ? l10n.t('the answer is not JSON') : l10n.t('the answer is not what the API documents'));
}
