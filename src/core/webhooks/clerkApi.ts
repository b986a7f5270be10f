import * as l10n from '@vscode/l10n';
import { errors, fromFetchFailure, fromStatus, unusableAnswer } from './errors';
import { httpRequest, type BoundedResponse, type CallBounds } from './http';

/** Where and how to call the Clerk Backend API. */
export interface ClerkApiOptions extends CallBounds {
  readonly secretKey: string;
  /** Host only, as `CLERK_API_URL` in Clerk's SDKs (they add the version). Defaults to https://api.clerk.com. */
  readonly apiUrl?: string;
  /** As `CLERK_API_VERSION`; defaults to `v1`. */
  readonly apiVersion?: string;
}

const defaultApiUrl = 'https://api.clerk.com';
/** The Backend API version whose answers `specs/clerk-bapi-2026-05-12.yml` describes (what @clerk/backend 3.x sends). */
const bapiVersion = '2026-05-12';

/**
 * One Backend API request; resolves to the parsed JSON answer. Plain `fetch` rather than
 * `@clerk/backend`: the SDK takes no AbortSignal and follows redirects with the Authorization header,
 * so a call could neither be cancelled nor bounded (and its client starts a telemetry collector).
 * Every failure is a `WebhooksError` whose text never contains the key.
 */
export async function clerkRequest(options: ClerkApiOptions, method: 'GET' | 'POST', path: string, query: Record<string, string> = {}): Promise<unknown> {
  const base = (options.apiUrl || defaultApiUrl).replace(/\/+$/, '');
  const url = new URL(`${base}/${options.apiVersion || 'v1'}${path}`);
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
  const known = [options.secretKey];
  let answer: BoundedResponse;
  try {
    answer = await httpRequest(
      url.href,
      { method, headers: { authorization: `Bearer ${options.secretKey}`, accept: 'application/json', 'clerk-api-version': bapiVersion } },
      options,
    );
  } catch (error) {
    throw fromFetchFailure('Clerk', error, options, known);
  }
  const unusable = unusableAnswer('Clerk', answer);
  if (unusable) throw unusable;
  const body = parseJson(answer.text);
  if (!answer.ok) {
    const [first] = clerkErrorsOf(body);
    if (first?.code === 'svix_app_missing') throw errors.svixAppMissing();
    const detail = first ? (first.longMessage ?? first.message ?? first.code) : answer.text.slice(0, 1000);
    throw fromStatus('Clerk', answer.status, answer.headers.get('retry-after'), detail ?? '', known);
  }
  if (body === undefined) throw errors.badResponse('Clerk', l10n.t('the answer is not JSON'));
  return body;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

interface ClerkApiErrorEntry {
  readonly code?: string;
  readonly message?: string;
  readonly longMessage?: string;
}

/** The `errors` of Clerk's `ClerkErrors` answer, read field by field (anything else is ignored). */
function clerkErrorsOf(body: unknown): ClerkApiErrorEntry[] {
  const list = (body as { errors?: unknown } | undefined)?.errors;
  if (!Array.isArray(list)) return [];
  const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
  return list
    .filter((entry): entry is Record<string, unknown> => entry !== null && typeof entry === 'object')
    .map((entry) => ({ code: text(entry.code), message: text(entry.message), longMessage: text(entry.long_message) }));
}

/** `field` of an object answer when it is a string; otherwise the answer is not what the API documents. */
export function stringField(body: unknown, field: string, what: string): string {
  const value = body !== null && typeof body === 'object' ? (body as Record<string, unknown>)[field] : undefined;
  if (typeof value !== 'string') throw errors.badResponse('Clerk', l10n.t('{0} without a {1}', what, field));
  return value;
}
