/**
 * Per-chat flood guard for the bot: a chat that sends more than `max` messages in the window is
 * told once to slow down, then ignored until the window passes.
 */
export class ChatRateLimiter {
  private readonly hits = new Map<string, { times: number[]; warned: boolean }>();

  constructor(
    private readonly limit: { max: number; windowMs: number },
    private readonly now: () => number = Date.now,
  ) {}

  hit(chatId: string): 'allow' | 'warn' | 'drop' {
    const at = this.now();
    const entry = this.hits.get(chatId) ?? { times: [], warned: false };
    entry.times = entry.times.filter((t) => t > at - this.limit.windowMs);
    if (entry.times.length < this.limit.max) {
      entry.times.push(at);
      entry.warned = false;
      this.hits.set(chatId, entry);
      if (this.hits.size > 10_000) this.prune(at);
      return 'allow';
    }
    const verdict = entry.warned ? 'drop' : 'warn';
    entry.warned = true;
    this.hits.set(chatId, entry);
    return verdict;
  }

  private prune(at: number) {
    for (const [chatId, entry] of this.hits) {
      if (entry.times.every((t) => t <= at - this.limit.windowMs)) this.hits.delete(chatId);
    }
  }
}
