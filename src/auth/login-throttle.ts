import { and, eq, gt, inArray, lt, or, sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { rateLimitHits } from './schema.js';

/**
 * An admitted attempt: it already counts as a failure. `release` when the password was right;
 * `cancel` when no password was checked (the database failed), so an outage locks nobody out.
 */
export type Attempt = { allowed: true; release(): Promise<void>; cancel(): Promise<void> } | { allowed: false; retryAfter: number };

export interface ThrottleLimits {
  perUsername: number;
  perAddress: number;
  windowMs: number;
}

/** Pruning runs at most this often per process: it is housekeeping, not part of the limit. */
const PRUNE_EVERY_MS = 60_000;

/**
 * Counts failed password checks per account (the normalised username) and per client address in a
 * sliding window. Kept in PostgreSQL (`rate_limit_hits`), not in a process's memory, so every API
 * process counts against the same window and a restart forgets nothing; PGlite runs the same code.
 */
export class LoginThrottle {
  private lastPrune = 0;

  constructor(
    private readonly db: Db,
    private readonly limits: ThrottleLimits,
    private readonly now: () => number = Date.now,
  ) {}

  /**
   * Admits an attempt and counts it as a failure at once, before the (slow) password check, so a
   * burst of parallel requests, on any process, sees the earlier ones and at most the limit get
   * checked. Without an address (a logged-in user's password change) only the account counts.
   */
  async reserve(account: string, address: string | null): Promise<Attempt> {
    const accountKey = `u:${account}`;
    const keys: [string, number][] = [[accountKey, this.limits.perUsername]];
    if (address !== null) keys.push([`a:${address}`, this.limits.perAddress]);
    const at = this.now();
    const since = new Date(at - this.limits.windowMs);
    await this.pruneNowAndThen(at);

    const admitted = await this.db.transaction(async (tx) => {
      // One key's attempts are counted and added by one process at a time; ordered by hash, so two
      // attempts sharing an address never wait for each other in a circle.
      const names = sql.join(keys.map(([key]) => sql`(${key}::text)`), sql`, `);
      await tx.execute(sql`select pg_advisory_xact_lock(h) from (select distinct hashtext(k) as h from (values ${names}) as keys(k) order by h) as locks`);
      const recent = await tx
        .select({ key: rateLimitHits.key, at: rateLimitHits.at })
        .from(rateLimitHits)
        .where(and(inArray(rateLimitHits.key, keys.map(([key]) => key)), gt(rateLimitHits.at, since)));
      const wait = Math.max(...keys.map(([key, limit]) => waitFor(recent.filter((r) => r.key === key).map((r) => r.at.getTime()), limit, this.limits.windowMs, at)));
      if (wait > 0) return { allowed: false as const, retryAfter: Math.ceil(wait / 1000) };
      const hits = await tx
        .insert(rateLimitHits)
        .values(keys.map(([key]) => ({ key, at: new Date(at) })))
        .returning({ id: rateLimitHits.id, key: rateLimitHits.key });
      return { allowed: true as const, ids: hits.map((hit) => hit.id), addressHit: hits.find((hit) => hit.key !== accountKey)?.id };
    });
    if (!admitted.allowed) return admitted;

    return {
      allowed: true,
      release: async () => {
        // A success clears the account (earlier typos do not add up to a lock-out later) and takes
        // this attempt back from the address; other clients' failures there stay counted.
        const addressHit = admitted.addressHit === undefined ? undefined : eq(rateLimitHits.id, admitted.addressHit);
        await this.db.delete(rateLimitHits).where(or(eq(rateLimitHits.key, accountKey), addressHit));
      },
      cancel: async () => {
        await this.db.delete(rateLimitHits).where(inArray(rateLimitHits.id, admitted.ids));
      },
    };
  }

  /** Forgets attempts older than the window, once a minute per process (every key in the table is this throttle's). */
  private async pruneNowAndThen(at: number): Promise<void> {
    if (at - this.lastPrune < PRUNE_EVERY_MS) return;
    this.lastPrune = at;
    await this.db.delete(rateLimitHits).where(lt(rateLimitHits.at, new Date(at - this.limits.windowMs)));
  }
}

/** How long until one more attempt fits: the `limit`-th most recent attempt must leave the window first. */
export function waitFor(times: number[], limit: number, windowMs: number, now: number): number {
  const recent = times.filter((t) => t > now - windowMs).sort((a, b) => a - b);
  if (recent.length < limit) return 0;
  return recent[recent.length - limit]! + windowMs - now;
}
