/**
 * When the fake accepted each message, for tests and benchmarks that check Telegram's broadcast limits
 * (start the fake with `enforceLimits: true` to have it answer 429 beyond them, as Telegram does).
 */
import type { FakeTelegramCore } from './core.js';

/** Arrival times (ms since epoch) of every accepted send: text messages and photos (each album item counts). */
export function sendTimes(fake: FakeTelegramCore, chatIds?: ReadonlySet<number>): number[] {
  const wanted = (chatId: number) => chatIds === undefined || chatIds.has(chatId);
  return [...fake.sent.filter((m) => wanted(m.chat_id)), ...fake.photos.filter((p) => wanted(p.chat_id))]
    .map((m) => m.timestamp)
    .sort((a, b) => a - b);
}

/** Most timestamps within any window of `windowMs` (the fake's limiter counts the same way: a half-open window). */
export function busiestWindow(timestamps: number[], windowMs: number): number {
  const sorted = [...timestamps].sort((a, b) => a - b);
  let start = 0;
  let best = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}
