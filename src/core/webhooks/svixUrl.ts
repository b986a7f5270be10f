import * as l10n from '@vscode/l10n';
import { clerkRequest, stringField, type ClerkApiOptions } from './clerkApi';
import { errors, fromFetchFailure, fromStatus, unusableAnswer, type KnownSecrets } from './errors';
import { httpRequest, type BoundedResponse, type CallBounds } from './http';

/** What the `#key=` fragment of a Svix App Portal URL holds. Clerk's carry `oneTimeToken`; Svix's own, `token`. */
export interface SvixPortalKey {
  readonly appId: string;
  readonly token?: string;
  readonly oneTimeToken?: string;
  readonly region?: string;
}

/** A Svix API session for one Clerk instance's app. Adapters cache it (it is a secret). */
export interface SvixSession {
  readonly appId: string;
  readonly token: string;
  readonly serverUrl: string;
}

// The regions the svix SDKs know (svix 1.x `REGIONS`); anything else, including none, is the global API.
const regionServers: Readonly<Record<string, string>> = {
  us: 'https://api.us.svix.com',
  eu: 'https://api.eu.svix.com',
  in: 'https://api.in.svix.com',
  ca: 'https://api.ca.svix.com',
  au: 'https://api.au.svix.com',
};

export function svixServerUrlFor(region: string | undefined): string {
  return (region !== undefined && regionServers[region]) || 'https://api.svix.com';
}

/**
 * Decodes the fragment by hand: `URLSearchParams` would turn the `+` of standard base64 into a
 * space. The fragment is not a documented contract, so every surprise is a `badResponse`.
 */
export function decodeSvixUrl(svixUrl: string): SvixPortalKey {
  const at = svixUrl.indexOf('#key=');
  if (at < 0) throw errors.badResponse('Clerk', 'svix_url has no #key= fragment');
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(decodeURIComponent(svixUrl.slice(at + '#key='.length)), 'base64').toString('utf8'));
  } catch {
    throw errors.badResponse('Clerk', 'svix_url key is not base64 JSON');
  }
  const { appId, token, oneTimeToken, region } = (key ?? {}) as Record<string, unknown>;
  const optionalString = (value: unknown): value is string | undefined => value === undefined || typeof value === 'string';
  if (typeof appId !== 'string' || !optionalString(token) || !optionalString(oneTimeToken) || !optionalString(region) || (!token && !oneTimeToken)) {
    throw errors.badResponse('Clerk', 'svix_url key lacks appId and token');
  }
  return { appId, token, oneTimeToken, region };
}

/** `POST /v1/webhooks/svix_url`: a fresh, single-use App Portal URL for the instance's Svix app. */
export async function generateSvixUrl(clerk: ClerkApiOptions): Promise<string> {
  return stringField(await clerkRequest(clerk, 'POST', '/webhooks/svix_url'), 'svix_url', l10n.t('a Svix URL answer'));
}

/** `POST /v1/webhooks/svix`: creates the instance's Svix app (a write; ask the user first). Returns its portal URL. */
export async function createSvixApp(clerk: ClerkApiOptions): Promise<string> {
  return stringField(await clerkRequest(clerk, 'POST', '/webhooks/svix'), 'svix_url', l10n.t('a Svix app answer'));
}

/** Svix's internal `POST /api/v1/auth/one-time-token` (not in any public SDK, so plain fetch). */
export async function exchangeOneTimeToken(serverUrl: string, oneTimeToken: string, bounds: CallBounds, known: KnownSecrets = []): Promise<string> {
  const secrets = [oneTimeToken, ...known];
  let answer: BoundedResponse;
  try {
    answer = await httpRequest(
      `${serverUrl.replace(/\/+$/, '')}/api/v1/auth/one-time-token`,
      { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json' }, body: JSON.stringify({ oneTimeToken }) },
      bounds,
    );
  } catch (error) {
    throw fromFetchFailure('Svix', error, bounds, secrets);
  }
  const unusable = unusableAnswer('Svix', answer);
  if (unusable) throw unusable;
  if (!answer.ok) throw fromStatus('Svix', answer.status, answer.headers.get('retry-after'), detailOf(answer.text), secrets);
  let token: unknown;
  try {
    token = (JSON.parse(answer.text) as { token?: unknown } | null)?.token;
  } catch {
    // handled below
  }
  if (typeof token !== 'string' || !token) throw errors.badResponse('Svix', l10n.t('the one-time token exchange returned no token'));
  return token;
}

/** The `detail` of a Svix `HttpErrorOut`, or the raw text (shortened and redacted by `apiText` later). */
export function detailOf(text: string): string {
  try {
    const { detail } = JSON.parse(text) as { detail?: unknown };
    if (typeof detail === 'string') return detail;
  } catch {
    // not JSON
  }
  return text.slice(0, 1000);
}

export interface MintOptions {
  /** Replaces the region's server (machine-scoped setting / `SVIX_SERVER_URL`). */
  readonly svixServerUrl?: string;
}

/** svix_url → decoded key → (exchanged) token: a usable Svix session. */
export async function mintSvixSession(clerk: ClerkApiOptions, options: MintOptions = {}): Promise<SvixSession> {
  const key = decodeSvixUrl(await generateSvixUrl(clerk));
  const serverUrl = (options.svixServerUrl ?? svixServerUrlFor(key.region)).replace(/\/+$/, '');
  const token = key.token ?? (await exchangeOneTimeToken(serverUrl, key.oneTimeToken as string, clerk, [clerk.secretKey]));
  return { appId: key.appId, token, serverUrl };
}
