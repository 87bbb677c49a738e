/** A typed phone number waiting for the sender to share their own contact. */
export interface PendingClaim {
  phone: string;
  typed: string;
  expiresAt: number;
}

/**
 * Claims by chat id, each valid until it expires. Expired claims are pruned as new ones arrive and
 * at most `maxClaims` are kept (the oldest go first), so strangers typing numbers cannot grow memory.
 */
export class PendingClaims {
  private readonly claims = new Map<string, PendingClaim>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
    private readonly maxClaims = 10_000,
  ) {}

  get size(): number {
    return this.claims.size;
  }

  set(chatId: string, claim: Omit<PendingClaim, 'expiresAt'>): void {
    const at = this.now();
    this.claims.delete(chatId);
    // One TTL for all, and a renewed claim moves to the end: the oldest (and expired) are at the front.
    for (const [key, value] of this.claims) {
      if (value.expiresAt > at && this.claims.size < this.maxClaims) break;
      this.claims.delete(key);
    }
    this.claims.set(chatId, { ...claim, expiresAt: at + this.ttlMs });
  }

  /** The chat's claim while it is live. */
  get(chatId: string): PendingClaim | undefined {
    const claim = this.claims.get(chatId);
    if (claim && claim.expiresAt <= this.now()) this.claims.delete(chatId);
    return claim && claim.expiresAt > this.now() ? claim : undefined;
  }

  delete(chatId: string): void {
    this.claims.delete(chatId);
  }
}
