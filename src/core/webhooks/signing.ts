import * as l10n from '@vscode/l10n';
import { createHmac, randomBytes } from 'node:crypto';
import { clerkWebhookCatalog, type ClerkWebhookEnvelope, type ClerkWebhookEventSpec } from './catalog.generated';
import { WebhooksError, classifyFetchFailure } from './errors';
import { BrokenAnswerError, httpRequest, type BoundedResponse } from './http';

/** How much of the app's answer to a test event is kept: enough for any error page, never a download. */
export const maxTestEventAnswerBytes = 64 * 1024;

const secretPrefix = 'whsec_';

/** The three headers Svix (and so Clerk) sends; Clerk's `verifyWebhook` requires these names. */
export interface SvixSignatureHeaders {
  readonly 'svix-id': string;
  readonly 'svix-timestamp': string;
  readonly 'svix-signature': string;
}

/**
 * Decodes a `whsec_…` signing secret to its HMAC key. Rejects anything that does not round-trip
 * as base64, so a truncated copy-paste fails here rather than as "invalid signature" at the app.
 * The message never contains the secret.
 */
export function signingKeyOf(secret: string): Buffer {
  const encoded = secret.trim().startsWith(secretPrefix) ? secret.trim().slice(secretPrefix.length) : '';
  const key = Buffer.from(encoded, 'base64');
  if (key.length === 0 || key.toString('base64').replace(/=+$/, '') !== encoded.replace(/=+$/, '')) {
    throw new WebhooksError('rejected', l10n.t('The signing secret is not valid: it must be "whsec_" followed by base64 (copy it from the Clerk dashboard).'));
  }
  return key;
}

export interface SignOptions {
  readonly secret: string;
  /** The exact bytes that will be sent. */
  readonly body: string;
  /** Defaults to a fresh `msg_…` id. */
  readonly id?: string;
  /** Defaults to now. */
  readonly timestamp?: Date;
}

/** Signs like Svix: base64 HMAC-SHA256 of `id.timestamp.body`, timestamp in seconds. */
export function signWebhook({ secret, body, id = newMessageId(), timestamp = new Date() }: SignOptions): SvixSignatureHeaders {
  const seconds = String(Math.floor(timestamp.getTime() / 1000));
  const signature = createHmac('sha256', signingKeyOf(secret)).update(`${id}.${seconds}.${body}`).digest('base64');
  return { 'svix-id': id, 'svix-timestamp': seconds, 'svix-signature': `v1,${signature}` };
}

const newMessageId = (): string => `msg_${randomBytes(16).toString('hex')}`;

export function findEventType(type: string): ClerkWebhookEventSpec | undefined {
  return clerkWebhookCatalog.find((event) => event.type === type);
}

/**
 * A synthetic event like the ones Clerk sends: the spec's example with this event's type and a
 * current timestamp (milliseconds, as in Clerk's deliveries). `data` replaces the example data.
 */
export function buildTestEnvelope(type: string, options: { data?: Record<string, unknown>; now?: Date } = {}): ClerkWebhookEnvelope {
  const event = findEventType(type);
  if (!event) throw new WebhooksError('rejected', l10n.t('Unknown Clerk webhook event type "{0}".', type));
  const { example } = event;
  return {
    data: options.data ?? example.data,
    object: 'event',
    type,
    timestamp: (options.now ?? new Date()).getTime(),
    instance_id: example.instance_id,
    ...(example.event_attributes ? { event_attributes: example.event_attributes } : {}),
  };
}

/** Either the exact bytes to send (an edited or delivered payload) or an event type whose example to send. */
export type TestEventRequest = {
  readonly url: string;
  readonly secret: string;
  readonly timeoutMs: number;
  /** Cancels the request (closing its socket) when aborted. */
  readonly signal?: AbortSignal;
} & ({ readonly body: string; readonly eventType?: undefined } | { readonly body?: undefined; readonly eventType: string });

export interface TestEventResponse {
  readonly status: number;
  readonly ok: boolean;
  readonly durationMs: number;
  /** At most `maxTestEventAnswerBytes` of the answer (untrusted: escape before showing). */
  readonly body: string;
  /** The answer went on beyond what `body` holds. */
  readonly bodyTruncated: boolean;
  readonly headers: Readonly<Record<string, string>>;
  /** The `svix-id` sent, so the result can be matched with the app's logs. */
  readonly messageId: string;
  /** The bytes sent. */
  readonly sentBody: string;
}

/**
 * POSTs a signed test event to the developer's route and reports how it answered. Redirects are
 * reported, not followed (Svix does not follow them either).
 */
export async function sendTestEvent(request: TestEventRequest): Promise<TestEventResponse> {
  const { url, secret, timeoutMs, signal } = request;
  const body = request.body ?? JSON.stringify(buildTestEnvelope(request.eventType));
  const signature = signWebhook({ secret, body });
  const started = performance.now();
  let answer: BoundedResponse;
  try {
    answer = await httpRequest(
      url,
      { method: 'POST', body, headers: { 'content-type': 'application/json', ...signature } },
      { timeoutMs, signal },
      maxTestEventAnswerBytes,
    );
  } catch (error) {
    if (signal?.aborted) throw new WebhooksError('cancelled', l10n.t('Sending the test event to {0} was cancelled.', url));
    const { kind, cause } = classifyFetchFailure(error);
    if (kind === 'timeout') throw new WebhooksError('timeout', l10n.t('{0} did not answer within {1} ms.', url, timeoutMs));
    if (error instanceof BrokenAnswerError) {
      throw new WebhooksError('offline', l10n.t('The connection to {0} broke before its answer was complete ({1}).', url, cause));
    }
    throw new WebhooksError('offline', l10n.t('Could not reach {0} ({1}). Is the app running?', url, cause));
  }
  return {
    status: answer.status,
    ok: answer.ok,
    durationMs: Math.round(performance.now() - started),
    body: answer.text,
    bodyTruncated: answer.truncated,
    headers: headersObject(answer.headers),
    messageId: signature['svix-id'],
    sentBody: body,
  };
}

function headersObject(headers: Headers): Record<string, string> {
  const result: Record<string, string> = {};
  headers.forEach((value, name) => (result[name] = value));
  return result;
}
