/**
 * Shared types of the fake Telegram Bot API server (test-only).
 */
import type { Message } from 'grammy/types';

export const DEFAULT_TOKEN = '123456:TEST-token-abcdefghijklmnopqrstuvwxyz';
export const DEFAULT_BOT_USERNAME = 'p2h_test_bot';

export type Params = Record<string, unknown>;

export interface BotIdentity {
  id: number;
  username: string;
  first_name: string;
}

export interface BotConfig extends Partial<BotIdentity> {
  token: string;
}

/** Telegram's documented broadcast limits. */
export interface Limits {
  /** sendMessage calls per second over all chats (per bot). Telegram: 30. */
  global: number;
  /** sendMessage calls per second to one chat. Telegram: 1. */
  perChat: number;
  /** sendMessage calls per minute to one group (negative chat id). Telegram: 20. */
  perGroupPerMinute: number;
}

export const TELEGRAM_LIMITS: Limits = { global: 30, perChat: 1, perGroupPerMinute: 20 };

export interface FakeTelegramOptions {
  /** Accepted bot tokens; default `[DEFAULT_TOKEN]`. Unknown tokens get 401. */
  tokens?: Array<string | BotConfig>;
  /** Identity overrides for the first bot (default id = token prefix, username `p2h_test_bot`). */
  bot?: Partial<BotIdentity>;
  /** Enforce Telegram's rate limits on sendMessage (429 + retry_after). */
  enforceLimits?: boolean | Partial<Limits>;
  /** When true, sendMessage to a chat the fake does not know gives 400 "chat not found". Default false. */
  strictChats?: boolean;
  /** When true (default), a bare `&` in HTML text is rejected (real Telegram keeps it literally). */
  strictAmpersand?: boolean;
  /** Upper bound for getUpdates `timeout` (seconds). Default 50 like Telegram. */
  maxPollSeconds?: number;
  /** Clock used for `date` fields; default `Date.now`. */
  now?: () => number | Date;
}

/** One HTTP request the fake answered (or dropped). */
export interface CallRecord {
  token: string;
  method: string;
  params: Params;
  /** Arrival time, ms since epoch (real clock). */
  time: number;
  durationMs: number;
  /** HTTP status of the answer; 0 if no answer (dropped fault or client gone). */
  status: number;
  ok: boolean;
  description?: string;
  /** Set when an injected fault or the rate limiter answered this call. */
  fault?: string;
}

/** A sendMessage call the fake accepted (failed attempts are only in `calls`). */
export interface SentMessage {
  token: string;
  chat_id: number;
  text: string;
  parse_mode?: string;
  reply_markup?: unknown;
  link_preview_options?: unknown;
  message_id: number;
  /** ms since epoch (real clock). */
  timestamp: number;
  /** All parameters as received (after parsing). */
  params: Params;
  /** The Message object returned to the bot. */
  message: Message;
}

/** A photo the fake accepted (sendPhoto, or one item of a sendMediaGroup album). */
export interface SentPhoto {
  token: string;
  method: 'sendPhoto' | 'sendMediaGroup';
  chat_id: number;
  message_id: number;
  /** How the photo came: uploaded bytes (multipart), a file_id the fake gave out, or a URL. */
  source: 'upload' | 'file_id' | 'url';
  /** Size and SHA-256 (hex) of the bytes; for a URL, of nothing (0 and the empty hash). */
  bytes: number;
  sha256: string;
  width: number;
  height: number;
  caption?: string;
  parse_mode?: string;
  reply_markup?: unknown;
  /** Shared by the items of one album. */
  media_group_id?: string;
  /** ms since epoch (real clock). */
  timestamp: number;
  /** The Message object returned to the bot. */
  message: Message;
}

/**
 * What an injected fault answers. Combine `delayMs` with a status to delay an error.
 * - `{status: 429, retryAfter}` Too Many Requests with parameters.retry_after
 * - `{status: 403}` "Forbidden: bot was blocked by the user"
 * - `{status: 400, description?}` default "Bad Request: chat not found"
 * - `{status: 400, migrateTo}` group upgraded, parameters.migrate_to_chat_id
 * - `{status: 5xx}` JSON error; 502 answers a plain HTML page like a proxy
 * - `{delayMs}` answer normally after a delay
 * - `{drop: true}` destroy the socket without answering
 * - `{garbage: true}` 200 with a non-JSON body
 */
export interface FaultResponse {
  status?: number;
  retryAfter?: number;
  description?: string;
  migrateTo?: number;
  parameters?: Record<string, unknown>;
  delayMs?: number;
  drop?: boolean;
  garbage?: boolean;
}

export interface FaultSpec {
  /** Bot API method name (case-insensitive) or '*' for any method. */
  method: string;
  /** Only calls whose `chat_id` equals this. */
  chatId?: number | string;
  /** Only calls made with this token. */
  token?: string;
  /** How many calls it answers; default 1; `Infinity` = persistent. */
  times?: number;
  response: FaultResponse;
}

export interface Fault extends FaultSpec {
  remaining: number;
  hits: number;
}

export type ApiBody =
  | { ok: true; result: unknown }
  | { ok: false; error_code: number; description: string; parameters?: Record<string, unknown> };

/** Thrown by method handlers to answer with an error. */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly parameters?: Record<string, unknown>,
  ) {
    super(description);
  }
}

export const badRequest = (what: string): ApiError => new ApiError(400, `Bad Request: ${what}`);
