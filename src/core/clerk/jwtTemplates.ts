import * as l10n from '@vscode/l10n';
import type { JwtTemplateInfo } from '../model';
import { clerkRequest, type ClerkApiOptions } from '../webhooks/clerkApi';
import { errors } from '../webhooks/errors';

/** The API's maximum page size (`limit` is 1–500), so most instances need a single request. */
const PAGE_SIZE = 500;

/**
 * Lists every JWT template of the Clerk instance the secret key belongs to (`GET /v1/jwt_templates`).
 * With `paginated=true` each page is `{ data, total_count }`; pages are fetched until `total_count`
 * is reached. Failures are thrown as `WebhooksError`s (see `clerkRequest`): the caller degrades to
 * the offline result.
 */
export async function fetchJwtTemplates(options: ClerkApiOptions): Promise<JwtTemplateInfo[]> {
  const templates: JwtTemplateInfo[] = [];
  for (let offset = 0; ;) {
    const query = { limit: String(PAGE_SIZE), offset: String(offset), paginated: 'true' };
    const page = readPage(await clerkRequest(options, 'GET', '/jwt_templates', query));
    templates.push(...page.data);
    offset += page.count;
    // An unpaginated answer (a plain array) has no total: it already holds everything.
    if (page.count === 0 || offset >= (page.totalCount ?? offset)) return templates;
  }
}

/** A page read field by field; `count` includes entries without a name (skipped), so paging moves on. */
function readPage(body: unknown): { data: JwtTemplateInfo[]; count: number; totalCount?: number } {
  const wrapped = body !== null && typeof body === 'object' && !Array.isArray(body) ? (body as { data?: unknown; total_count?: unknown }) : undefined;
  const list = wrapped ? wrapped.data : body;
  if (!Array.isArray(list)) throw errors.badResponse('Clerk', l10n.t('a JWT template list that is not a list'));
  const data = list.flatMap((template: unknown) => {
    const { name, claims } = (template ?? {}) as { name?: unknown; claims?: unknown };
    return typeof name === 'string' ? [{ name, claims: asClaims(claims) }] : [];
  });
  return { data, count: list.length, totalCount: typeof wrapped?.total_count === 'number' ? wrapped.total_count : undefined };
}

function asClaims(claims: unknown): Record<string, unknown> {
  return claims !== null && typeof claims === 'object' && !Array.isArray(claims) ? (claims as Record<string, unknown>) : {};
}
