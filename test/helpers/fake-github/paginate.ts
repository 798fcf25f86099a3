import type { Context } from 'hono';

/** GitHub's page sizes: 30 unless asked, never more than 100. */
const DEFAULT_PER_PAGE = 30;
const MAX_PER_PAGE = 100;

function perPage(c: Context): number {
  const asked = Math.floor(Number(c.req.query('per_page')));
  return asked > 0 ? Math.min(asked, MAX_PER_PAGE) : DEFAULT_PER_PAGE;
}

function linkTo(c: Context, params: Record<string, string>): string {
  const url = new URL(c.req.url);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return `<${url.href}>`;
}

/**
 * The `page` asked for, with the `Link` header GitHub sends (next/last, prev/first) whenever there
 * is more than one page; @octokit/plugin-paginate-rest follows `rel="next"`.
 */
export function paginate<T>(c: Context, items: readonly T[]): T[] {
  const size = perPage(c);
  const page = Math.max(1, Math.floor(Number(c.req.query('page'))) || 1);
  const last = Math.max(1, Math.ceil(items.length / size));
  const links: string[] = [];
  if (page > 1) links.push(`${linkTo(c, { page: String(Math.min(page - 1, last)) })}; rel="prev"`);
  if (page < last) links.push(`${linkTo(c, { page: String(page + 1) })}; rel="next"`, `${linkTo(c, { page: String(last) })}; rel="last"`);
  if (page > 1) links.push(`${linkTo(c, { page: '1' })}; rel="first"`);
  if (links.length) c.header('Link', links.join(', '));
  return items.slice((page - 1) * size, page * size);
}

/**
 * Cursor pagination, as `GET /app/hook/deliveries` does it: `cursor` names the last entry seen and
 * `Link` carries only `rel="next"` while entries remain.
 */
export function paginateByCursor<T>(c: Context, items: readonly T[], idOf: (item: T) => number): T[] {
  const size = perPage(c);
  const cursor = c.req.query('cursor');
  const after = cursor ? items.findIndex((item) => `v1_${idOf(item)}` === cursor) + 1 : 0;
  const page = items.slice(after, after + size);
  const lastShown = page.at(-1);
  if (lastShown !== undefined && after + size < items.length) c.header('Link', `${linkTo(c, { cursor: `v1_${idOf(lastShown)}` })}; rel="next"`);
  return page;
}
