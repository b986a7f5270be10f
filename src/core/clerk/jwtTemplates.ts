import type { JwtTemplateInfo } from '../model';
import { callClerk, type ClerkApiOptions } from '../webhooks/clerkApi';

/** The API's maximum page size (`limit` is 1–500), so most instances need a single request. */
const PAGE_SIZE = 500;

/**
 * Lists every JWT template of the Clerk instance the secret key belongs to (`GET /v1/jwt_templates`).
 * The SDK sends `paginated=true`, so each page is `{ data, total_count }`; pages are fetched until
 * `total_count` is reached. Failures are thrown as `WebhooksError`s (see `callClerk`): the caller
 * degrades to the offline result.
 */
export async function fetchJwtTemplates(options: ClerkApiOptions): Promise<JwtTemplateInfo[]> {
  const templates: JwtTemplateInfo[] = [];
  for (;;) {
    const page = await callClerk(options, (client) => client.jwtTemplates.list({ limit: PAGE_SIZE, offset: templates.length }));
    templates.push(...page.data.map((template) => ({ name: template.name, claims: asClaims(template.claims) })));
    // An unpaginated answer (a plain array) has no total: it already holds everything.
    const total = page.totalCount ?? templates.length;
    if (page.data.length === 0 || templates.length >= total) return templates;
  }
}

function asClaims(claims: unknown): Record<string, unknown> {
  return claims !== null && typeof claims === 'object' && !Array.isArray(claims) ? (claims as Record<string, unknown>) : {};
}
