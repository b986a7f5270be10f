import { callClerk, type ClerkApiOptions } from './clerkApi';
import { errors, fromFetchFailure, fromStatus } from './errors';

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
  return (await callClerk(clerk, (client) => client.webhooks.generateSvixAuthURL())).svix_url;
}

/** `POST /v1/webhooks/svix`: creates the instance's Svix app (a write; ask the user first). Returns its portal URL. */
export async function createSvixApp(clerk: ClerkApiOptions): Promise<string> {
  return (await callClerk(clerk, (client) => client.webhooks.createSvixApp())).svix_url;
}

/** Svix's internal `POST /api/v1/auth/one-time-token` (not in any public SDK, so plain fetch). */
export async function exchangeOneTimeToken(serverUrl: string, oneTimeToken: string, timeoutMs: number): Promise<string> {
  let response: Response;
  try {
    response = await fetch(`${serverUrl.replace(/\/+$/, '')}/api/v1/auth/one-time-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ oneTimeToken }),
      signal: AbortSignal.timeout(timeoutMs),
    });
  } catch (error) {
    throw fromFetchFailure('Svix', error, timeoutMs);
  }
  const text = await response.text();
  if (!response.ok) throw fromStatus('Svix', response.status, response.headers.get('retry-after'), detailOf(text));
  let token: unknown;
  try {
    token = (JSON.parse(text) as { token?: unknown }).token;
  } catch {
    // handled below
  }
  if (typeof token !== 'string' || !token) throw errors.badResponse('Svix', 'one-time token exchange returned no token');
  return token;
}

/** The `detail` of a Svix `HttpErrorOut`, or the raw text. */
export function detailOf(text: string): string {
  try {
    const { detail } = JSON.parse(text) as { detail?: unknown };
    if (typeof detail === 'string') return detail;
  } catch {
    // not JSON
  }
  return text.slice(0, 200);
}

export interface MintOptions {
  /** Replaces the region's server (machine-scoped setting / `SVIX_SERVER_URL`). */
  readonly svixServerUrl?: string;
}

/** svix_url → decoded key → (exchanged) token: a usable Svix session. */
export async function mintSvixSession(clerk: ClerkApiOptions, options: MintOptions = {}): Promise<SvixSession> {
  const key = decodeSvixUrl(await generateSvixUrl(clerk));
  const serverUrl = (options.svixServerUrl ?? svixServerUrlFor(key.region)).replace(/\/+$/, '');
  const token = key.token ?? (await exchangeOneTimeToken(serverUrl, key.oneTimeToken as string, clerk.timeoutMs));
  return { appId: key.appId, token, serverUrl };
}
