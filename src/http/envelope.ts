import { Type, type TSchema } from '@sinclair/typebox';
import type { Paging } from '../lib/paging.js';
import { Envelope, ErrorEnvelope } from './api-schemas.js';

/** The contract's envelope: every response, success or error, has this shape. */
export function envelope<T>(message: string, payload: T) {
  return { success: true as const, message, payload };
}

const errorRef = Type.Ref(ErrorEnvelope);

/** Response schemas for a route answering 200: its payload plus the shared error envelope. */
export const ok = <T extends TSchema>(payload: T) => ({ 200: Envelope(payload), '4xx': errorRef, '5xx': errorRef });

/** Response schemas for a route answering 201 (something was created). */
export const created = <T extends TSchema>(payload: T) => ({ 201: Envelope(payload), '4xx': errorRef, '5xx': errorRef });


/** The envelope of one page of a list. */
export function pageEnvelope<T>(message: string, paging: Paging, result: { items: T[]; total: number }) {
  return envelope(message, { items: result.items, total: result.total, page: paging.page, page_size: paging.page_size });
}

