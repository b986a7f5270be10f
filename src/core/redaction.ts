/**
 * The one place that removes secrets from text built from API responses or errors before it is shown,
 * logged or printed. Every adapter (CLI, sidebar, output channels) calls this; the output channel itself
 * redacts nothing, so text that skipped this function is a bug.
 */

const REDACTED = '[redacted]';

/** Values shorter than this are not treated as secrets: replacing them would mangle ordinary words. */
const MIN_KNOWN_SECRET_LENGTH = 8;

/** Clerk secret keys, webhook signing secrets and bearer tokens, whatever surrounds them. */
const secretShapes = [/\bsk_(?:test|live)_[A-Za-z0-9_-]+/gi, /\bwhsec_[A-Za-z0-9+/=_-]+/gi, /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi];

/**
 * `text` with every known secret (the user's key, the Svix token, one-time tokens; matched in any case,
 * also URL-encoded)
 * and every `sk_…`/`whsec_…`/bearer-shaped value replaced by `[redacted]`.
 */
export function redactSecrets(text: string, known: readonly (string | undefined)[] = []): string {
  let result = text;
  const given = known.filter((value): value is string => typeof value === 'string' && value.length >= MIN_KNOWN_SECRET_LENGTH);
  // An API may echo a value URL-encoded (a token with `+`, `/` or `=` in a query string): that form goes too.
  const values = [...new Set(given.flatMap((value) => [value, encodeURIComponent(value)]))];
  // Longest first, so a token that contains another known value is removed whole.
  for (const value of [...values].sort((a, b) => b.length - a.length)) result = replaceIgnoringCase(result, value);
  for (const shape of secretShapes)
    result = result.replace(shape, (_match, scheme: unknown) => (typeof scheme === 'string' ? `${scheme} ${REDACTED}` : REDACTED));
  return result;
}

function replaceIgnoringCase(text: string, value: string): string {
  const haystack = text.toLowerCase();
  const needle = value.toLowerCase();
  let out = '';
  let from = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, from)) {
    out += text.slice(from, at) + REDACTED;
    from = at + needle.length;
  }
  return out + text.slice(from);
}
