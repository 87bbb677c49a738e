/**
 * Counts failed logins per key (the normalised username, and the client address) in a sliding
 * window. Kept in memory: one API process is the common deployment; with several, each limits alone.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limits: { perUsername: number; perAddress: number; windowMs: number },
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds to wait before trying again, or 0 when allowed. */
  retryAfter(username: string, address: string): number {
    const wait = Math.max(
      this.waitFor(`u:${username}`, this.limits.perUsername),
      this.waitFor(`a:${address}`, this.limits.perAddress),
    );
    return Math.ceil(wait / 1000);
  }

  recordFailure(username: string, address: string): void {
    for (const key of [`u:${username}`, `a:${address}`]) {
      const list = this.recent(key);
      list.push(this.now());
      this.failures.set(key, list);
    }
    if (this.failures.size > 50_000) this.prune();
  }

  recordSuccess(username: string): void {
    this.failures.delete(`u:${username}`);
  }

  private waitFor(key: string, limit: number): number {
    const list = this.recent(key);
    if (list.length < limit) return 0;
    return list[list.length - limit]! + this.limits.windowMs - this.now();
  }

  private recent(key: string): number[] {
    const since = this.now() - this.limits.windowMs;
    return (this.failures.get(key) ?? []).filter((at) => at > since);
  }

  private prune(): void {
    for (const key of this.failures.keys()) {
      const list = this.recent(key);
      if (list.length === 0) this.failures.delete(key);
      else this.failures.set(key, list);
    }
  }
}
