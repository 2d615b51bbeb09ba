// One page of a long list: the audit list and an audit's findings (a county-scale audit has
// tens of thousands, more than a page should ever carry).

export interface Page<T> {
  items: T[];
  total: number;
  /** 1-based, clamped to the pages there are. */
  page: number;
  pages: number;
}

export function pageOf<T>(items: readonly T[], requested: number, pageSize: number): Page<T> {
  const pages = Math.max(1, Math.ceil(items.length / pageSize));
  const page = Math.min(Math.max(1, Number.isInteger(requested) ? requested : 1), pages);
  return { items: items.slice((page - 1) * pageSize, page * pageSize), total: items.length, page, pages };
}
