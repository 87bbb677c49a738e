import type { DetailCode, ErrorCode } from './error-codes.js';

export interface ErrorDetail {
  field: string;
  message: string;
  code?: DetailCode;
}

/**
 * A refusal meant for the client: a stable code, an Indonesian message and what is wrong per field.
 * It carries no HTTP status: the edge (src/http/error-status.ts) gives each code its own.
 */
export class DomainError extends Error {
  readonly details?: ErrorDetail[];
  /** How long until trying again can succeed (the login limit). */
  readonly retryAfterSeconds?: number;
  /** More of the answer beside the code (a refused import's per-row result); the route's 4xx schema declares it. */
  readonly payload?: Record<string, unknown>;

  constructor(
    readonly code: ErrorCode,
    message: string,
    extra: { details?: ErrorDetail[]; retryAfterSeconds?: number; payload?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = 'DomainError';
    if (extra.details) this.details = extra.details;
    if (extra.retryAfterSeconds !== undefined) this.retryAfterSeconds = extra.retryAfterSeconds;
    if (extra.payload) this.payload = extra.payload;
  }
}

export const forbidden = (message = 'Anda tidak memiliki akses untuk tindakan ini') => new DomainError('FORBIDDEN', message);
