/**
 * How many getUpdates long polls a bot token has open at once. One polling bot keeps it at 1; a
 * second poller on the same token shows as 2 the moment its call arrives (Telegram, and this fake in
 * BotState.terminateWaiters, then answers the held one with 409 "Conflict: terminated by other
 * getUpdates request"). The short getUpdates grammY sends when it stops (timeout 0, to confirm the
 * offset) is not a long poll and is not counted.
 */
import type { Outcome } from './faults.js';
import type { Params } from './types.js';

export class PollTracker {
  /** The most long polls open at once for one token, since start or reset(). */
  maxConcurrent = 0;
  /** Long polls answered 409 because another getUpdates arrived while they were held. */
  conflicts = 0;
  private readonly open = new Map<string, number>();

  /** Runs one Bot API call, counting it while it is held when it is a long poll. */
  async track(token: string, method: string, params: Params, call: () => Promise<Outcome>): Promise<Outcome> {
    if (method.toLowerCase() !== 'getupdates' || !(Number(params['timeout'] ?? 0) > 0)) return call();
    const now = (this.open.get(token) ?? 0) + 1;
    this.open.set(token, now);
    this.maxConcurrent = Math.max(this.maxConcurrent, now);
    try {
      const outcome = await call();
      if (outcome.kind === 'json' && outcome.status === 409 && !outcome.body.ok && /terminated by other getUpdates/.test(outcome.body.description ?? '')) this.conflicts += 1;
      return outcome;
    } finally {
      this.open.set(token, (this.open.get(token) ?? 1) - 1);
    }
  }

  /** Long polls open right now for a token. */
  openFor(token: string): number {
    return this.open.get(token) ?? 0;
  }

  reset(): void {
    this.maxConcurrent = Math.max(0, ...this.open.values());
    this.conflicts = 0;
  }
}
