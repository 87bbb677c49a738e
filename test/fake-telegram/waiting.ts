/**
 * Promise-based waiting on the fake's recordings.
 */
import type { SentMessage } from './types.js';

/** Matches sent messages: a predicate, or `{chatId?, text?}` (string = substring). */
export type MessageMatcher =
  | ((m: SentMessage) => boolean)
  | { chatId?: number | string; text?: string | RegExp; token?: string };

export class Waiting {
  private readonly listeners = new Set<(closed: boolean) => void>();

  /** Re-checks every pending wait (call after recording something). */
  notify(): void {
    for (const l of [...this.listeners]) l(false);
  }

  /** Rejects every pending wait (the fake closed). */
  close(): void {
    for (const l of [...this.listeners]) l(true);
  }

  /** Resolves with the first defined `check()` result; rejects with `explain()` on timeout. */
  until<T>(check: () => T | undefined, timeoutMs: number, explain: () => string): Promise<T> {
    const first = check();
    if (first !== undefined) return Promise.resolve(first);
    return new Promise<T>((resolve, reject) => {
      const listener = (closed: boolean): void => {
        if (closed) return finish(new Error(`fake-telegram closed while waiting. ${explain()}`));
        const v = check();
        if (v !== undefined) finish(undefined, v);
      };
      const finish = (err?: Error, value?: T): void => {
        clearTimeout(timer);
        this.listeners.delete(listener);
        if (err) reject(err);
        else resolve(value as T);
      };
      const timer = setTimeout(() => finish(new Error(explain())), timeoutMs);
      this.listeners.add(listener);
    });
  }
}

export function toPredicate(matcher: MessageMatcher): (m: SentMessage) => boolean {
  if (typeof matcher === 'function') return matcher;
  return (m) =>
    (matcher.chatId === undefined || String(m.chat_id) === String(matcher.chatId)) &&
    (matcher.token === undefined || m.token === matcher.token) &&
    (matcher.text === undefined ||
      (typeof matcher.text === 'string' ? m.text.includes(matcher.text) : matcher.text.test(m.text)));
}
