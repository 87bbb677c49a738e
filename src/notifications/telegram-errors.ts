import { GrammyError, HttpError } from 'grammy';
import { describeTelegramError } from '../telegram/describe-error.js';

/** What a failed send means for the notification. */
export type SendFailure =
  | { kind: 'rate_limited'; retryAfterSeconds: number; reason: string }
  | { kind: 'transient'; reason: string }
  | { kind: 'blocked'; reason: string }
  | { kind: 'migrated'; newChatId: string; reason: string }
  | { kind: 'bad_markup'; reason: string }
  | { kind: 'permanent'; reason: string };

/** Reads Telegram's answer (or the lack of one) the way its documentation says to. */
export function classifySendError(error: unknown): SendFailure {
  if (error instanceof GrammyError) {
    const reason = describeTelegramError(error);
    const retryAfter = error.parameters?.retry_after;
    const migrateTo = error.parameters?.migrate_to_chat_id;
    if (error.error_code === 429) return { kind: 'rate_limited', retryAfterSeconds: Math.max(1, retryAfter ?? 5), reason };
    if (migrateTo !== undefined) return { kind: 'migrated', newChatId: String(migrateTo), reason };
    if (error.error_code === 403) return { kind: 'blocked', reason };
    if (error.error_code === 400 && /can't parse entities|unsupported start tag|can't find end/i.test(error.description)) {
      return { kind: 'bad_markup', reason };
    }
    if (error.error_code >= 500) return { kind: 'transient', reason };
    if (error.error_code === 401 || error.error_code === 404) return { kind: 'transient', reason: `${reason} (check TELEGRAM_BOT_TOKEN)` };
    return { kind: 'permanent', reason };
  }
  if (error instanceof HttpError) return { kind: 'transient', reason: describeTelegramError(error) };
  return { kind: 'transient', reason: `unexpected: ${describeTelegramError(error)}` };
}

export const MAX_ATTEMPTS = 12;

/**
 * Exponential backoff with jitter: ~2 s, 4 s, 8 s … capped at 10 minutes, so twelve attempts span
 * about half an hour of Telegram being down before a notification is given up as failed.
 */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(2_000 * 2 ** Math.max(0, attempt - 1), 600_000);
  return Math.round(base * (0.5 + random() * 0.5));
}

/** The same text without HTML, for the rare message Telegram refuses to parse. */
export function htmlToPlainText(html: string): string {
  return html
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&amp;/g, '&');
}
