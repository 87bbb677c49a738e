import { Type, type TSchema } from '@sinclair/typebox';
import { MAX_PAGING_DEPTH, type Paging } from '../lib/paging.js';

/** The contract's envelope: every response, success or error, has this shape. */
export function envelope<T>(message: string, payload: T) {
  return { success: true as const, message, payload };
}

export const Envelope = <T extends TSchema>(payload: T) =>
  Type.Object({ success: Type.Boolean(), message: Type.String(), payload });

export const ErrorEnvelope = Type.Object(
  {
    success: Type.Literal(false),
    message: Type.String(),
    payload: Type.Object({
      code: Type.String(),
      details: Type.Optional(
        Type.Array(Type.Object({ field: Type.String(), message: Type.String(), code: Type.Optional(Type.String()) })),
      ),
      retry_after_seconds: Type.Optional(Type.Integer()),
    }),
  },
  { $id: 'ErrorEnvelope' },
);

const errorRef = Type.Ref(ErrorEnvelope);

/** Response schemas for a route answering 200: its payload plus the shared error envelope. */
export const ok = <T extends TSchema>(payload: T) => ({ 200: Envelope(payload), '4xx': errorRef, '5xx': errorRef });

/** Response schemas for a route answering 201 (something was created). */
export const created = <T extends TSchema>(payload: T) => ({ 201: Envelope(payload), '4xx': errorRef, '5xx': errorRef });

export const Paged = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), page: Type.Integer(), page_size: Type.Integer(), total: Type.Integer() });

export const PagingQuery = {
  page: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: MAX_PAGING_DEPTH,
      default: 1,
      description: `page × page_size may not exceed ${MAX_PAGING_DEPTH}; deeper → 400 PAGE_TOO_DEEP: narrow the filters (e.g. a date range) instead`,
    }),
  ),
  page_size: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
};

/** The envelope of one page of a list. */
export function pageEnvelope<T>(message: string, paging: Paging, result: { items: T[]; total: number }) {
  return envelope(message, { items: result.items, total: result.total, page: paging.page, page_size: paging.page_size });
}

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) }, { additionalProperties: false });

export const DateString = (description?: string) =>
  Type.String({ format: 'date', description: description ?? 'YYYY-MM-DD' });

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);
