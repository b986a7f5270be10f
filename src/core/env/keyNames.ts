// The Clerk variable names every layer uses (rules, hovers, the sidebar's key lookup, the CLI).
// Dependency-free so the extension's main bundle and the CLI's webhooks command can import it cheaply.

/** The publishable key as Next.js apps name it (the browser needs the `NEXT_PUBLIC_` prefix). */
export const publishableKeyName = 'NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY';
export const secretKeyName = 'CLERK_SECRET_KEY';
/** The signing secret `verifyWebhook()` reads when it gets no `signingSecret` option. */
export const webhookSigningSecretName = 'CLERK_WEBHOOK_SIGNING_SECRET';

/**
 * Where a publishable key is found, in this order: the Next.js name, the un-prefixed one (backend
 * SDKs; the legacy name for Next.js apps), and Vite's.
 */
export const publishableKeyNames: readonly string[] = [publishableKeyName, 'CLERK_PUBLISHABLE_KEY', 'VITE_CLERK_PUBLISHABLE_KEY'];

/** Where webhook handlers read the signing secret: Clerk's documented name first, then the names older guides used. */
export const webhookSigningSecretNames: readonly string[] = [webhookSigningSecretName, 'CLERK_WEBHOOK_SECRET', 'WEBHOOK_SECRET'];
