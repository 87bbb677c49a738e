import { Type, type TSchema } from '@sinclair/typebox';
import { Envelope, ErrorEnvelope, MAX_PAGING_DEPTH } from './api-schemas.js';
import { badRequest } from './errors.js';

/** The contract's envelope: every response, success or error, has this shape. */
export function envelope<T>(message: string, payload: T) {
  return { success: true as const, message, payload };
}

const errorRef = Type.Ref(ErrorEnvelope);

/** Response schemas for a route answering 200: its payload plus the shared error envelope. */
export const ok = <T extends TSchema>(payload: T) => ({ 200: Envelope(payload), '4xx': errorRef, '5xx': errorRef });

/** Response schemas for a route answering 201 (something was created). */
export const created = <T extends TSchema>(payload: T) => ({ 201: Envelope(payload), '4xx': errorRef, '5xx': errorRef });

export interface Paging {
  page: number;
  page_size: number;
}

/** A list query with its paging defaults filled in; 400 PAGE_TOO_DEEP past MAX_PAGING_DEPTH rows. */
export function withPaging<Q extends { page?: number; page_size?: number }>(query: Q): Q & Paging {
  const paging = { ...query, page: query.page ?? 1, page_size: query.page_size ?? 20 };
  if (paging.page * paging.page_size > MAX_PAGING_DEPTH) {
    const message = `Halaman terlalu jauh: page × page_size paling banyak ${MAX_PAGING_DEPTH}. Persempit filter (misalnya rentang tanggal)`;
    throw badRequest('PAGE_TOO_DEEP', message, [{ field: 'querystring.page', code: 'page_too_deep', message: `page × page_size paling banyak ${MAX_PAGING_DEPTH}` }]);
  }
  return paging;
}

/** The envelope of one page of a list. */
export function pageEnvelope<T>(message: string, paging: Paging, result: { items: T[]; total: number }) {
  return envelope(message, { items: result.items, total: result.total, page: paging.page, page_size: paging.page_size });
}

/** Rows to skip for a page (its size is the limit). */
export const pageOffset = (paging: Paging) => (paging.page - 1) * paging.page_size;
