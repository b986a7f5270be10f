import * as l10n from '@vscode/l10n';
import { redactSecrets } from '../redaction';
import { BrokenAnswerError, maxResponseBytes, type BoundedResponse, type CallBounds } from './http';

/**
 * Why a call to the Clerk or Svix API failed. Adapters branch on `kind` (offer to create the Svix
 * app, wait for `retryAfterSeconds`, fall back to opening the portal); `message` is user-facing.
 */
export type WebhooksErrorKind = 'svixAppMissing' | 'unauthorized' | 'rateLimited' | 'server' | 'timeout' | 'cancelled' | 'offline' | 'badResponse' | 'rejected';

/** Secrets a message about a call must not contain: the key, tokens and one-time token it carried. */
export type KnownSecrets = readonly (string | undefined)[];

export class WebhooksError extends Error {
  override readonly name = 'WebhooksError';
  constructor(
    readonly kind: WebhooksErrorKind,
    message: string,
    readonly details: { readonly status?: number; readonly retryAfterSeconds?: number } = {},
  ) {
    super(message);
  }
}

export const isWebhooksError = (error: unknown): error is WebhooksError => error instanceof WebhooksError;

/** Which API a message names, so the user knows where the problem is. */
export type ApiName = 'Clerk' | 'Svix';

export const errors = {
  svixAppMissing: () =>
    new WebhooksError('svixAppMissing', l10n.t('Webhooks are not set up for this Clerk instance yet (no Svix app). Create the app to see deliveries.')),
  unauthorized: (api: ApiName, status: number) =>
    new WebhooksError('unauthorized', l10n.t('The {0} API rejected the credentials (HTTP {1}). Check the secret key.', api, status), { status }),
  rateLimited: (api: ApiName, retryAfterSeconds: number | undefined) =>
    new WebhooksError(
      'rateLimited',
      retryAfterSeconds === undefined
        ? l10n.t('The {0} API is rate limiting requests. Try again later.', api)
        : l10n.t('The {0} API is rate limiting requests. Try again in {1} seconds.', api, retryAfterSeconds),
      { status: 429, retryAfterSeconds },
    ),
  server: (api: ApiName, status: number) =>
    new WebhooksError('server', l10n.t('The {0} API had an internal error (HTTP {1}). Try again later.', api, status), { status }),
  timeout: (api: ApiName, timeoutMs: number) => new WebhooksError('timeout', l10n.t('The {0} API did not answer within {1} ms.', api, timeoutMs)),
  cancelled: (api: ApiName) => new WebhooksError('cancelled', l10n.t('The request to the {0} API was cancelled.', api)),
  offline: (api: ApiName, cause: string, known: KnownSecrets = []) =>
    new WebhooksError('offline', l10n.t('Could not reach the {0} API ({1}). Check the network connection.', api, apiText(cause, known))),
  /** Network trouble too (kind `offline`), but the API was reached: the answer was cut off. */
  broken: (api: ApiName, cause: string, known: KnownSecrets = []) =>
    new WebhooksError('offline', l10n.t('The connection to the {0} API broke before its answer was complete ({1}). Try again.', api, apiText(cause, known))),
  badResponse: (api: ApiName, what: string, known: KnownSecrets = []) =>
    new WebhooksError('badResponse', l10n.t('The {0} API sent an unexpected answer: {1}', api, apiText(what, known))),
  rejected: (api: ApiName, status: number, detail: string, known: KnownSecrets = []) =>
    new WebhooksError('rejected', l10n.t('The {0} API refused the request (HTTP {1}): {2}', api, status, apiText(detail, known)), { status }),
};

/** Longest piece of an API's own text that goes into a message. */
const maxDetailLength = 300;

/**
 * Text from an API answer as it may appear in a message: secrets removed (before shortening, so no
 * cut-off secret survives), on one line, shortened.
 */
export function apiText(text: string, known: KnownSecrets): string {
  const oneLine = redactSecrets(text, known).replace(/\s+/g, ' ').trim();
  return oneLine.length > maxDetailLength ? `${oneLine.slice(0, maxDetailLength)}…` : oneLine;
}

/** A redirect (not followed, so the credentials stay with the API) or an oversized body, as an error. */
export function unusableAnswer(api: ApiName, answer: BoundedResponse): WebhooksError | undefined {
  if (answer.redirected) {
    return errors.badResponse(api, l10n.t('a redirect (HTTP {0}) to another address, not followed so the credentials stay with the API', answer.status));
  }
  if (answer.truncated) return errors.badResponse(api, l10n.t('an answer larger than {0} MB', maxResponseBytes / (1024 * 1024)));
  return undefined;
}

/** Parses a Retry-After header given in seconds or as an HTTP date. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim());
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - now) / 1000));
}

/** Tells a timeout from a network failure in an exception thrown by `fetch` (or an SDK wrapping it). */
export function classifyFetchFailure(error: unknown): { kind: 'timeout' | 'offline'; cause: string } {
  const name = error instanceof Error ? error.name : '';
  if (name === 'TimeoutError' || name === 'AbortError') return { kind: 'timeout', cause: name };
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = (cause as { code?: unknown } | undefined)?.code;
  return { kind: 'offline', cause: typeof code === 'string' ? code : cause instanceof Error ? cause.message : String(cause) };
}

/** A failed `fetch` within `bounds`: cancelled by the caller, timed out, or the network. */
export function fromFetchFailure(api: ApiName, error: unknown, bounds: CallBounds, known: KnownSecrets = []): WebhooksError {
  if (error instanceof WebhooksError) return error;
  if (bounds.signal?.aborted) return errors.cancelled(api);
  const { kind, cause } = classifyFetchFailure(error);
  if (kind === 'timeout') return errors.timeout(api, bounds.timeoutMs);
  return error instanceof BrokenAnswerError ? errors.broken(api, cause, known) : errors.offline(api, cause, known);
}

/** Maps an HTTP error status to the matching error (401/403, 429, 5xx; anything else is "rejected"). */
export function fromStatus(api: ApiName, status: number, retryAfter: string | null | undefined, detail: string, known: KnownSecrets = []): WebhooksError {
  if (status === 401 || status === 403) return errors.unauthorized(api, status);
  if (status === 429) return errors.rateLimited(api, parseRetryAfter(retryAfter));
  if (status >= 500) return errors.server(api, status);
  return errors.rejected(api, status, detail, known);
}
