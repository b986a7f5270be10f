import { redactSecrets } from '../core/redaction';
import { untrustedText } from '../core/untrustedText';

/** Secret values a text might contain (the key in use, a signing secret); shapes like `sk_…` are removed anyway. */
export type KnownSecrets = readonly (string | undefined)[];

/** The message of anything thrown: untrusted, so it is logged (redacted) and shown only through `untrustedText`. */
export function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** What failed, fit for a notification or a tree item: redacted, then made inert. */
export function shownError(error: unknown, secrets: KnownSecrets = []): string {
  return untrustedText(redactSecrets(errorText(error), secrets));
}
