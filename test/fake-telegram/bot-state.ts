/**
 * Per-bot state of the fake: update queue with long polling, webhook,
 * commands, blocked users and the rate limiter.
 */
import type { Update } from 'grammy/types';
import { ApiError, type BotIdentity, type Limits } from './types.js';

interface PollWaiter {
  limit: number;
  resolve(updates: Update[]): void;
  reject(err: unknown): void;
}

export class BotState {
  /** Updates not yet confirmed by a getUpdates offset. */
  readonly updates: Update[] = [];
  nextUpdateId = 1;
  webhookUrl = '';
  webhookParams: Record<string, unknown> = {};
  readonly commands = new Map<string, unknown[]>();
  /** Private chats (user ids) that blocked the bot. */
  readonly blocked = new Set<number>();
  readonly limiter = new RateLimiter();
  private readonly waiters = new Set<PollWaiter>();
  /** Set by deliverTo: updates go to an in-process bot instead of the getUpdates queue. */
  deliver: ((update: Update) => void) | undefined;

  constructor(
    readonly token: string,
    readonly identity: BotIdentity,
  ) {}

  /** Forgets updates like Telegram does for a getUpdates `offset`. */
  confirm(offset: number | undefined): void {
    if (offset === undefined || offset === 0) return;
    if (offset > 0) {
      const keepFrom = this.updates.findIndex((u) => u.update_id >= offset);
      this.updates.splice(0, keepFrom < 0 ? this.updates.length : keepFrom);
    } else {
      const drop = Math.max(0, this.updates.length + offset);
      this.updates.splice(0, drop);
    }
  }

  take(limit: number): Update[] {
    return this.updates.slice(0, limit);
  }

  push(update: Update): void {
    if (this.deliver) return this.deliver(update);
    this.updates.push(update);
    for (const w of [...this.waiters]) {
      const ready = this.take(w.limit);
      if (ready.length > 0) {
        this.waiters.delete(w);
        w.resolve(ready);
      }
    }
  }

  /** A new getUpdates ends any held one, as Telegram does. */
  terminateWaiters(): void {
    for (const w of [...this.waiters]) {
      this.waiters.delete(w);
      w.reject(new ApiError(409, 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running'));
    }
  }

  get polling(): number {
    return this.waiters.size;
  }

  /** Holds a getUpdates until an update arrives, the timeout passes, or the client goes away. */
  wait(limit: number, timeoutMs: number, signal: AbortSignal): Promise<Update[]> {
    return new Promise<Update[]>((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        signal.removeEventListener('abort', onAbort);
        this.waiters.delete(waiter);
      };
      const waiter: PollWaiter = {
        limit,
        resolve: (u) => { done(); resolve(u); },
        reject: (e) => { done(); reject(e); },
      };
      const timer = setTimeout(() => waiter.resolve([]), timeoutMs);
      const onAbort = (): void => waiter.resolve([]);
      signal.addEventListener('abort', onAbort);
      this.waiters.add(waiter);
    });
  }

  /** Answers all held getUpdates with an empty result (used by close()). */
  releaseWaiters(): void {
    for (const w of [...this.waiters]) w.resolve([]);
  }
}

/** Sliding-window limiter for Telegram's broadcast limits. */
export class RateLimiter {
  limits: Limits | undefined;
  private global: number[] = [];
  private perChat = new Map<number, number[]>();
  private perGroup = new Map<number, number[]>();

  reset(): void {
    this.global = [];
    this.perChat.clear();
    this.perGroup.clear();
  }

  /** Returns retry_after seconds if the send exceeds a limit; otherwise counts it. */
  check(chatId: number, now = Date.now()): number | undefined {
    const limits = this.limits;
    if (!limits) return undefined;
    const chatList = listFor(this.perChat, chatId);
    const groupList = chatId < 0 ? listFor(this.perGroup, chatId) : undefined;
    let waitMs = 0;
    waitMs = Math.max(waitMs, over(this.global, limits.global, 1000, now));
    waitMs = Math.max(waitMs, over(chatList, limits.perChat, 1000, now));
    if (groupList) waitMs = Math.max(waitMs, over(groupList, limits.perGroupPerMinute, 60_000, now));
    if (waitMs > 0) return Math.max(1, Math.ceil(waitMs / 1000));
    this.global.push(now);
    chatList.push(now);
    groupList?.push(now);
    return undefined;
  }
}

function listFor(map: Map<number, number[]>, key: number): number[] {
  let list = map.get(key);
  if (!list) {
    list = [];
    map.set(key, list);
  }
  return list;
}

/** Prunes `list` to the window; returns ms to wait if it is full, else 0. */
function over(list: number[], max: number, windowMs: number, now: number): number {
  while (list.length > 0 && (list[0] as number) <= now - windowMs) list.shift();
  if (list.length < max) return 0;
  const oldest = list[list.length - max] as number;
  return oldest + windowMs - now;
}
