/**
 * Clerk key formats, decoded the way `@clerk/shared` (keys.ts) does:
 * `pk_test_`/`pk_live_` + unpadded base64 of `<frontend-api-host>$`; secrets `sk_test_`/`sk_live_`;
 * Svix signing secrets `whsec_`.
 */

export type InstanceType = 'development' | 'production';

export interface PublishableKeyInfo {
  instanceType: InstanceType;
  /** The Frontend API host, e.g. `example-app-42.clerk.accounts.dev` (token `iss` = `https://` + host). */
  frontendApi: string;
}

/** Mirrors `parsePublishableKey`: three `_` parts, base64 ending in exactly one `$`, a host with a dot. */
export function decodePublishableKey(key: string): PublishableKeyInfo | undefined {
  if (!key.startsWith('pk_live_') && !key.startsWith('pk_test_')) return undefined;
  const parts = key.split('_');
  if (parts.length !== 3 || !/^[A-Za-z0-9+/]+={0,2}$/.test(parts[2])) return undefined;
  const decoded = Buffer.from(parts[2], 'base64').toString('utf8');
  if (!decoded.endsWith('$') || decoded.slice(0, -1).includes('$') || !decoded.includes('.')) return undefined;
  return { instanceType: key.startsWith('pk_live_') ? 'production' : 'development', frontendApi: decoded.slice(0, -1) };
}

/** Builds a publishable key for a host (tests and fixtures). */
export function encodePublishableKey(frontendApi: string, instanceType: InstanceType = 'development'): string {
  const prefix = instanceType === 'production' ? 'pk_live_' : 'pk_test_';
  return prefix + Buffer.from(`${frontendApi}$`).toString('base64').replace(/=+$/, '');
}

/** The instance type a secret key belongs to, or undefined when it is not `sk_test_`/`sk_live_`. */
export function secretKeyInstanceType(key: string): InstanceType | undefined {
  if (key.startsWith('sk_live_')) return 'production';
  if (key.startsWith('sk_test_')) return 'development';
  return undefined;
}

/** The only part of a key that may be shown: its prefix (`sk_live_…`), never the secret. */
export function redactKey(value: string): string {
  const prefix = /^(pk|sk)_(test|live)_/.exec(value)?.[0] ?? /^whsec_/.exec(value)?.[0];
  return prefix ? `${prefix}…` : '…';
}

/** The host part of a Convex `domain` / issuer URL, normalised like Convex (scheme optional, trailing `/` trimmed). */
export function hostOfIssuer(domain: string): string | undefined {
  const trimmed = domain.trim();
  try {
    return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`).host.toLowerCase();
  } catch {
    return undefined;
  }
}
