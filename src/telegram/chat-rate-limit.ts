/** Keys remembered at most; past this the oldest are forgotten, so a flood of new ids cannot grow memory. */
const MAX_KEYS = 10_000;

/**
 * A sliding-window limit per key (a chat, a Telegram user): more than `max` hits in the window and
 * the key is told once (`warn`), then `drop`ped until the window passes. Memory is bounded: expired
 * keys are pruned, and beyond `maxKeys` the oldest keys are forgotten.
 */
export class ChatRateLimiter {
  private readonly hits = new Map<string, { times: number[]; warned: boolean }>();

  constructor(
    private readonly limit: { max: number; windowMs: number; maxKeys?: number },
    private readonly now: () => number = Date.now,
  ) {}

  get size(): number {
    return this.hits.size;
  }

  hit(key: string): 'allow' | 'warn' | 'drop' {
    const at = this.now();
    const entry = this.hits.get(key) ?? { times: [], warned: false };
    entry.times = entry.times.filter((t) => t > at - this.limit.windowMs);
    // Re-inserted, so the Map's order is least recently seen first.
    this.hits.delete(key);
    this.prune(at);
    this.hits.set(key, entry);
    if (entry.times.length < this.limit.max) {
      entry.times.push(at);
      entry.warned = false;
      return 'allow';
    }
    const verdict = entry.warned ? 'drop' : 'warn';
    entry.warned = true;
    return verdict;
  }

  /**
   * Least recently seen first: a key seen within the window still has live hits, so expired keys
   * are all at the front and pruning stops at the first live one.
   */
  private prune(at: number) {
    const max = this.limit.maxKeys ?? MAX_KEYS;
    for (const [key, entry] of this.hits) {
      const expired = entry.times.every((t) => t <= at - this.limit.windowMs);
      if (!expired && this.hits.size < max) break;
      this.hits.delete(key);
    }
  }
}
