/**
 * An admitted attempt: it already counts as a failure. `release` when the password was right;
 * `cancel` when no password was checked (the database failed), so an outage locks nobody out.
 */
export type Attempt = { allowed: true; release(): void; cancel(): void } | { allowed: false; retryAfter: number };

/**
 * Counts failed password checks per account (the normalised username) and per client address in a
 * sliding window. Kept in memory: one API process is the common deployment; with several, each limits alone.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limits: { perUsername: number; perAddress: number; windowMs: number },
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Admits an attempt and counts it as a failure at once, before the (slow) password check, so a
   * burst of parallel requests sees the earlier ones and at most the limit get checked. Without an
   * address (a logged-in user's password change) only the account counts.
   */
  reserve(account: string, address: string | null): Attempt {
    const keys: [string, number][] = [[`u:${account}`, this.limits.perUsername]];
    if (address !== null) keys.push([`a:${address}`, this.limits.perAddress]);
    const wait = Math.max(...keys.map(([key, limit]) => this.waitFor(key, limit)));
    if (wait > 0) return { allowed: false, retryAfter: Math.ceil(wait / 1000) };

    const at = this.now();
    for (const [key] of keys) this.failures.set(key, [...this.recent(key), at]);
    if (this.failures.size > 50_000) this.prune();
    return {
      allowed: true,
      release: () => {
        // A success clears the account (earlier typos do not add up to a lock-out later) and takes
        // this attempt back from the address; other clients' failures there stay counted.
        this.failures.delete(`u:${account}`);
        if (address !== null) this.forget(`a:${address}`, at);
      },
      cancel: () => {
        for (const [key] of keys) this.forget(key, at);
      },
    };
  }

  private forget(key: string, at: number): void {
    const list = this.failures.get(key);
    const index = list?.indexOf(at) ?? -1;
    if (index >= 0) list!.splice(index, 1);
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
