import { createClerkClient, type ClerkClient } from '@clerk/backend';
import { isClerkAPIResponseError, type ClerkAPIResponseError } from '@clerk/backend/errors';
import { errors, fromStatus, WebhooksError } from './errors';

/** Where and how to call the Clerk Backend API. */
export interface ClerkApiOptions {
  readonly secretKey: string;
  /** Host only, as `CLERK_API_URL` in Clerk's SDKs (they add the version). Defaults to https://api.clerk.com. */
  readonly apiUrl?: string;
  /** As `CLERK_API_VERSION`; defaults to `v1`. */
  readonly apiVersion?: string;
  readonly timeoutMs: number;
}

/**
 * Runs one `@clerk/backend` call and turns its failures into `WebhooksError`s. The SDK has no
 * timeout or abort option, so the wait is bounded here; the abandoned request just finishes later.
 */
export async function callClerk<T>(options: ClerkApiOptions, call: (client: ClerkClient) => Promise<T>): Promise<T> {
  const client = createClerkClient({ secretKey: options.secretKey, apiUrl: options.apiUrl, apiVersion: options.apiVersion });
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(errors.timeout('Clerk', options.timeoutMs)), options.timeoutMs);
  });
  try {
    return await Promise.race([call(client), timeout]);
  } catch (error) {
    throw toWebhooksError(error);
  } finally {
    clearTimeout(timer);
  }
}

function toWebhooksError(thrown: unknown): WebhooksError {
  if (thrown instanceof WebhooksError) return thrown;
  if (!isClerkAPIResponseError(thrown)) return errors.badResponse('Clerk', thrown instanceof Error ? thrown.message : String(thrown));
  const error = thrown as ClerkAPIResponseError; // the guard's overloads do not narrow
  const [first] = error.errors;
  // The SDK reports a failed fetch as an error without a status (code `unexpected_error`).
  if (!error.status) return errors.offline('Clerk', first?.message ?? error.message);
  if (error.errors.some((e: { code: string }) => e.code === 'svix_app_missing')) return errors.svixAppMissing();
  const detail = first ? (first.longMessage ?? first.message) : error.message;
  return fromStatus('Clerk', error.status, error.retryAfter === undefined ? undefined : String(error.retryAfter), detail);
}
