/**
 * GitHub's page-number pagination. Clients are meant to follow the Link header rather than count pages,
 * so the header must be byte-for-byte GitHub's: absolute URLs that keep the request's other query
 * parameters, the relations in the order prev, next, last, first, and no header at all for a single page.
 */

export const DEFAULT_PER_PAGE = 30;
const MAX_PER_PAGE = 100;

export interface PageRequest {
  /** As validated against the operation's parameters; GitHub silently caps per_page instead of rejecting it. */
  perPage: number;
  page: number;
  /** The URL to repeat with another page number: GitHub's repository-id form of the request URL. */
  url: URL;
}

export interface Page<T> {
  items: T[];
  link: string | undefined;
}

export function paginate<T>(all: readonly T[], request: PageRequest): Page<T> {
  const perPage = Math.min(Math.max(request.perPage, 1), MAX_PER_PAGE);
  const page = Math.max(request.page, 1);
  const last = Math.max(Math.ceil(all.length / perPage), 1);
  const items = all.slice((page - 1) * perPage, page * perPage);
  const at = (n: number) => {
    const url = new URL(request.url);
    url.searchParams.set('page', String(n));
    return url.href;
  };
  const relations: [string, number][] = [];
  if (page > 1) relations.push(['prev', page - 1]);
  if (page < last) relations.push(['next', page + 1], ['last', last]);
  if (page > 1) relations.push(['first', 1]);
  return { items, link: relations.length ? relations.map(([rel, n]) => `<${at(n)}>; rel="${rel}"`).join(', ') : undefined };
}
