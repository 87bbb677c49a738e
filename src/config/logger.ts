import { pino, stdSerializers, type DestinationStream, type Logger } from 'pino';
import { maskPhone } from '../users/phone.js';

export interface LoggerOptions {
  level: string;
  /** Where lines go (stdout when unset); tests pass a stream to read them back. */
  destination?: DestinationStream;
}

/**
 * The one logger factory every P2H process uses. Logs are read by more people than the
 * database is: no query parameter, phone number, search text or bot token may reach them.
 */
export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      serializers: { err: serializeError, req: serializeRequest },
      // The safety net: whatever a library put in a message or a stack, the token never leaves.
      hooks: { streamWrite: redactSecrets },
    },
    options.destination,
  );
}

// A Telegram token is `<bot id>:<35 characters>`; in a Bot API URL it follows `bot`.
const BOT_URL_TOKEN = /bot\d+:[A-Za-z0-9_-]+/g;
const BARE_TOKEN = /\b\d{5,}:[A-Za-z0-9_-]{30,}/g;

export function redactSecrets(line: string): string {
  return line.replace(BOT_URL_TOKEN, 'bot<redacted>').replace(BARE_TOKEN, 'bot<redacted>');
}

interface RequestLike {
  method?: string;
  url?: string;
  ip?: string;
  socket?: { remotePort?: number };
}

/** The path and the names of the query parameters: their values (`?q=0812…`) are search text. */
function serializeRequest(request: RequestLike) {
  const [path = '', query] = (request.url ?? '').split('?', 2);
  const keys = query ? [...new URLSearchParams(query).keys()].map((key) => `${key}=*`).join('&') : '';
  return {
    method: request.method,
    // A long run of digits in a path is a phone number more often than an id.
    url: path.replace(/\d{10,}/g, (digits) => maskPhone(digits)) + (keys ? `?${keys}` : ''),
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}

interface DatabaseErrorFields {
  code?: unknown;
  severity?: unknown;
  constraint?: unknown;
  table?: unknown;
  column?: unknown;
  routine?: unknown;
}

/** drizzle's DrizzleQueryError: its message and `params` carry every value of the query. */
const isQueryError = (error: unknown): error is Error & { query: string; params: unknown[] } =>
  error instanceof Error && typeof (error as { query?: unknown }).query === 'string' && 'params' in error;

/** A PostgreSQL (pg or PGlite) error: its `detail` repeats the offending values. */
const isServerError = (error: unknown): error is Error & DatabaseErrorFields => {
  const fields = error as DatabaseErrorFields;
  return error instanceof Error && typeof fields.code === 'string' && /^[0-9A-Z]{5}$/.test(fields.code) && typeof fields.severity === 'string';
};

function causes(error: unknown): unknown[] {
  const chain: unknown[] = [];
  for (let e = error; e instanceof Error && chain.length < 10; e = e.cause) chain.push(e);
  return chain;
}

/** pino's error serializer, except that a database error shows its SQLSTATE and query name, never values. */
export function serializeError(error: unknown): unknown {
  if (!causes(error).some((e) => isQueryError(e) || isServerError(e))) return stdSerializers.err(error as Error);
  return databaseSafeError(error as Error);
}

function databaseSafeError(error: Error): Record<string, unknown> {
  const type = error.constructor?.name ?? error.name;
  const out: Record<string, unknown> = { type };
  let message = error.message;
  if (isQueryError(error)) {
    out.query = firstWords(error.query);
    message = `Failed query: ${out.query}`;
  }
  const server = [error, error.cause].find(isServerError);
  if (server) {
    out.code = server.code;
    for (const field of ['constraint', 'table', 'column', 'routine'] as const) {
      if (typeof server[field] === 'string') out[field] = server[field];
    }
    if (server === error) message = `database error ${String(server.code)}`;
  } else if (typeof (error as DatabaseErrorFields).code === 'string') {
    out.code = (error as DatabaseErrorFields).code;
  }
  out.message = message;
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  out.stack = [`${type}: ${message}`, ...frames].join('\n');
  if (error.cause instanceof Error && error.cause !== server) out.cause = databaseSafeError(error.cause);
  return out;
}

/** The statement's opening words (`insert into "users"`), enough to find it in the code. */
function firstWords(query: string): string {
  const words = query.trim().split(/\s+/);
  let text = '';
  for (const word of words) {
    if (text.length + word.length > 60) break;
    text = text ? `${text} ${word}` : word;
  }
  return text;
}
