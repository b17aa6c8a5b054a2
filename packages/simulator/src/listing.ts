// A listing's page: its query held to the spec's parameter schemas, the account's tokens filtered
// and sorted, the page from `start`, and the `Link` to the next page carrying every filter.
import { documented, invalidRequest } from './failures.js';
import { validator } from './request-rules.js';

/** The query of a listing, as sent (strings, unchecked). */
export interface ListQuery {
  default?: string | null;
  limit?: string | null;
  sortby?: string | null;
  start?: string | null;
  usage?: string | null;
}

/** The most tokens a page holds: the simulator's choice (the reference states no cap), the largest `limit` it honours. */
const MAX_PAGE = 100;

/** What a listing reads of a stored token. */
interface Listed {
  id: string;
  usage: string;
  default: boolean;
  created: number;
  modified: number;
}

export function listPage<T extends Listed>(
  tokens: T[],
  query: ListQuery,
  pageSize: number,
  nextUrl: (params: URLSearchParams) => string,
): { page: T[]; link?: string } {
  // The parameters held to the spec's own schemas (one copy of their enums and bounds); a wrong
  // usage is the documented row, the others the kit's 400 (the reference documents no answer).
  for (const name of ['usage', 'default', 'sortby', 'limit'] as const) {
    const value = query[name];
    const issue = value == null ? undefined : validator.validateQueryParameter('listTokens', name, value)[0];
    if (issue) throw name === 'usage' ? documented('UsageInvalid') : invalidRequest(`${name} ${issue.message}`);
  }
  // A page holds at most MAX_PAGE tokens, whatever `limit` asks (the API's own cap is undocumented).
  const limit = Math.min(query.limit != null ? Number(query.limit) : pageSize, MAX_PAGE);
  const key = query.sortby === 'modified' ? 'modified' : 'created';

  const all = tokens
    .filter((t) => query.usage == null || t.usage === query.usage)
    .filter((t) => query.default == null || t.default === (query.default === 'true'))
    // Stable: equal timestamps keep creation order.
    .sort((a, b) => a[key] - b[key]);
  let from = 0;
  if (query.start != null) {
    const index = all.findIndex((t) => t.id === query.start);
    // "Internal Server Error 500: This error can occur if the start value is not valid."
    if (index === -1) throw documented('InvalidStart');
    from = index + 1;
  }
  const page = all.slice(from, from + limit);
  let link: string | undefined;
  if (from + limit < all.length) {
    const params = new URLSearchParams();
    for (const name of ['default', 'sortby', 'usage'] as const) {
      const value = query[name];
      if (value != null) params.set(name, value);
    }
    params.set('limit', String(limit));
    params.set('start', page.at(-1)!.id);
    link = `<${nextUrl(params)}>; rel="next"`;
  }
  return { page, ...(link ? { link } : {}) };
}
