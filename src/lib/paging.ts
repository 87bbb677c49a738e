import { MAX_PAGING_DEPTH } from '../http/api-schemas.js';
import { DomainError } from './errors.js';

// The limit is part of the wire contract (the query schema documents it); the rule is the domain's.
export { MAX_PAGING_DEPTH };

export interface Paging {
  page: number;
  page_size: number;
}

/** A list query with its paging defaults filled in; PAGE_TOO_DEEP past MAX_PAGING_DEPTH rows. */
export function withPaging<Q extends { page?: number; page_size?: number }>(query: Q): Q & Paging {
  const paging = { ...query, page: query.page ?? 1, page_size: query.page_size ?? 20 };
  if (paging.page * paging.page_size > MAX_PAGING_DEPTH) {
    const message = `Halaman terlalu jauh: page × page_size paling banyak ${MAX_PAGING_DEPTH}. Persempit filter (misalnya rentang tanggal)`;
    throw new DomainError('PAGE_TOO_DEEP', message, {
      details: [{ field: 'querystring.page', code: 'page_too_deep', message: `page × page_size paling banyak ${MAX_PAGING_DEPTH}` }],
    });
  }
  return paging;
}

/** Rows to skip for a page (its size is the limit). */
export const pageOffset = (paging: Paging) => (paging.page - 1) * paging.page_size;
