import { secretKeyName, webhookSigningSecretName } from './keyNames';

/** Clerk and Convex variables that hold secrets: only the server may read them. */
export const serverSecretVariables: ReadonlySet<string> = new Set([
  secretKeyName,
  webhookSigningSecretName,
  'CLERK_WEBHOOK_SECRET',
  'CLERK_ENCRYPTION_KEY',
  'CLERK_MACHINE_SECRET_KEY',
  'CLERK_JWT_KEY',
  'CLERK_API_KEY',
  'CONVEX_DEPLOY_KEY',
]);

const secretPrefix = /^(sk_(test|live)_|whsec_)/;

/**
 * Words that tell a reader to put their own key there (`sk_test_YOUR_KEY`, `whsec_replace_me`, …).
 * Four letters or more, so a random body contains one by chance in about one key of 10,000.
 */
const placeholderWords = /your|here|replace|placeholder|insert|enter|paste|example|sample|dummy|change|redacted|secret|signing|dashboard|todo/i;

/**
 * Whether a value is a real secret rather than a placeholder or a redacted copy. Real ones are
 * random: Clerk secret keys are `sk_test_`/`sk_live_` plus about 40 base62 characters, Svix signing
 * secrets `whsec_` plus base64 of at least 24 random bytes (32+ characters). So the body must use
 * only that alphabet (placeholders use `_`, `-`, `<…>`, `…`, `*`), have at least 20 characters, mix
 * at least two of upper case, lower case and digits, never repeat a character four times in a row
 * (`xxxx`, `0000`) and hold no placeholder word. A random body fails these by chance for fewer than
 * one key in 1,000.
 */
export function isRealSecret(value: string): boolean {
  const prefix = secretPrefix.exec(value)?.[0];
  if (!prefix) return false;
  const body = value.slice(prefix.length);
  const alphabet = prefix === 'whsec_' ? /^[A-Za-z0-9+/]+={0,2}$/ : /^[A-Za-z0-9]+$/;
  const characters = body.replace(/=+$/, '');
  const classes = [/[A-Z]/, /[a-z]/, /[0-9]/].filter((charClass) => charClass.test(characters)).length;
  return alphabet.test(body) && characters.length >= 20 && classes >= 2 && !/(.)\1{3}/.test(characters) && !placeholderWords.test(characters);
}

/** A real secret (see `isRealSecret`) standing as a word inside a string, e.g. in `Bearer sk_live_…`. */
export function findSecretToken(text: string): string | undefined {
  return text.split(/[^A-Za-z0-9_+/=-]+/).find(isRealSecret);
}

/** A variable that holds a secret: a known secret name, or a value that is a real key. */
export function holdsSecret(name: string, value: string | undefined): boolean {
  return serverSecretVariables.has(name) || isRealSecret(value ?? '');
}
