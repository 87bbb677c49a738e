/** The one way the web app talks to the server: the {success, message, payload} envelope, errors as ApiError. */
import type { ErrorDetail, ErrorPayload } from './types';

export type { ErrorDetail };

/** Codes the client makes up itself, for failures that never reached the server. */
export type ClientErrorCode = 'NETWORK_ERROR' | 'OFFLINE' | 'TIMEOUT' | 'BAD_RESPONSE';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    /** payload.code from the server, or a ClientErrorCode */
    readonly code: string,
    /** the server's (Indonesian) message: the fallback when the code is not in the message table */
    message: string,
    readonly details: ErrorDetail[] = [],
    readonly retryAfterSeconds?: number,
    /** The whole error payload, for refusals that carry more than a code (a refused import's rows). */
    readonly payload?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** 401 codes that mean "this session is over" (not WRONG_PASSWORD, which is also a 401). */
const SESSION_OVER = new Set(['UNAUTHENTICATED', 'INVALID_TOKEN', 'TOKEN_EXPIRED', 'ACCOUNT_INACTIVE']);
const TIMEOUT_MS = 30_000;

let authToken: string | null = null;
let onSessionOver: ((code: string) => void) | null = null;
let onPasswordChange: (() => void) | null = null;

export function setAuthToken(token: string | null): void {
  authToken = token;
}

export function onSessionExpired(handler: ((code: string) => void) | null): void {
  onSessionOver = handler;
}

/** A temporary password (bulk import): the server refuses everything until it is changed. */
export function onPasswordChangeRequired(handler: (() => void) | null): void {
  onPasswordChange = handler;
}

export interface RequestOptions {
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined | null>;
  signal?: AbortSignal;
}

export async function apiRequest<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, options: RequestOptions = {}): Promise<T> {
  const url = new URL(path, window.location.origin);
  for (const [key, value] of Object.entries(options.query ?? {})) {
    if (value !== undefined && value !== null && value !== '') url.searchParams.set(key, String(value));
  }
  const headers: Record<string, string> = { accept: 'application/json' };
  // A FormData body (a photo) sets its own multipart content type, with the boundary.
  const isForm = options.body instanceof FormData;
  if (options.body !== undefined && !isForm) headers['content-type'] = 'application/json';
  const sentToken = authToken;
  if (sentToken) headers.authorization = `Bearer ${sentToken}`;

  const controller = new AbortController();
  let timedOut = false;
  const timer = window.setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, TIMEOUT_MS);
  const abort = () => controller.abort();
  options.signal?.addEventListener('abort', abort);

  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers,
      body: options.body === undefined ? undefined : isForm ? (options.body as FormData) : JSON.stringify(options.body),
      signal: controller.signal,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error; // the caller gave up: not an error to show
    if (timedOut) throw new ApiError(0, 'TIMEOUT', 'Server terlalu lama menjawab');
    if (!navigator.onLine) throw new ApiError(0, 'OFFLINE', 'Tidak ada koneksi internet');
    throw new ApiError(0, 'NETWORK_ERROR', 'Tidak dapat terhubung ke server');
  } finally {
    window.clearTimeout(timer);
    options.signal?.removeEventListener('abort', abort);
  }

  let envelope: { success?: boolean; message?: string; payload?: unknown };
  try {
    envelope = (await response.json()) as typeof envelope;
  } catch {
    throw new ApiError(response.status, 'BAD_RESPONSE', `Jawaban server tidak dapat dibaca (HTTP ${response.status})`);
  }
  if (response.ok && envelope.success !== false) return envelope.payload as T;

  const payload = (envelope.payload ?? {}) as Partial<ErrorPayload>;
  const retryHeader = Number(response.headers.get('retry-after'));
  const error = new ApiError(
    response.status,
    payload.code ?? `HTTP_${response.status}`,
    envelope.message ?? `HTTP ${response.status}`,
    Array.isArray(payload.details) ? payload.details : [],
    payload.retry_after_seconds ?? (Number.isFinite(retryHeader) && retryHeader > 0 ? retryHeader : undefined),
    envelope.payload,
  );
  if (response.status === 401 && sentToken && sentToken === authToken && SESSION_OVER.has(error.code)) onSessionOver?.(error.code);
  if (error.code === 'PASSWORD_CHANGE_REQUIRED' && sentToken && sentToken === authToken) onPasswordChange?.();
  throw error;
}

/** An image the API serves only with the Bearer token (so no bare <img src>): the bytes, or an ApiError. */
/** Bytes the API serves with the Bearer token (a photo); see apiFile. */
export async function apiBlob(path: string, signal?: AbortSignal): Promise<Blob> {
  return (await apiFile(path, signal)).blob;
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

/** True for errors worth a "try again" (connection, timeout, server trouble), false for a refusal. */
export function isRetryable(error: unknown): boolean {
  return !isApiError(error) || error.status === 0 || error.status >= 500;
}

/** A file the API serves with the Bearer token (a report's PDF): its bytes and the server's file name; an error keeps the envelope's code. */
export async function apiFile(path: string, signal?: AbortSignal): Promise<{ blob: Blob; fileName: string | null }> {
  const headers: Record<string, string> = {};
  if (authToken) headers.authorization = `Bearer ${authToken}`;
  let response: Response;
  try {
    response = await fetch(new URL(path, window.location.origin), { headers, signal });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new ApiError(0, navigator.onLine ? 'NETWORK_ERROR' : 'OFFLINE', 'Tidak dapat terhubung ke server');
  }
  if (!response.ok) {
    const envelope = (await response.json().catch(() => ({}))) as { message?: string; payload?: Partial<ErrorPayload> };
    throw new ApiError(response.status, envelope.payload?.code ?? `HTTP_${response.status}`, envelope.message ?? `HTTP ${response.status}`);
  }
  const fileName = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? null;
  return { blob: await response.blob(), fileName };
}
