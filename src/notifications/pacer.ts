/** Telegram's broadcast limits as we plan them: a little under the documented 30/s, 1/s per private chat, 20/min per group. */
export interface PacingLimits {
  perSecond: number;
  privateIntervalMs: number;
  groupIntervalMs: number;
}

/**
 * The plan every worker paces by. Well below Telegram's 30 a second on purpose: Telegram counts
 * messages as they arrive, and a message that leaves late (a busy machine, a slow network, another
 * worker's timer firing late) lands closer to the ones after it. At 29/s one message 35 ms late puts
 * 31 into one second and earns a 429; at 25/s it takes 200 ms.
 */
export const TELEGRAM_PACING: PacingLimits = { perSecond: 25, privateIntervalMs: 1_000, groupIntervalMs: 3_000 };

/**
 * What a delivery worker paces its sends by: `reserve` the slot for a message and sleep until it,
 * `pause` everything after a 429. `delayFor` is an estimate, used only to order a batch.
 */
export interface SendPacer {
  /** How long until this chat could be sent to, without reserving. */
  delayFor(chatId: string): number;
  /** Reserves the next slot for this chat and returns how long to wait for it. */
  reserve(chatId: string): number | Promise<number>;
  /** Telegram said 429: nothing goes out before it allows. */
  pause(ms: number, chatId?: string): void | Promise<void>;
}

/**
 * Keeps one process inside Telegram's limits instead of collecting 429s: about 30 messages a
 * second overall, one a second per private chat, twenty a minute per group. Slots are reserved in
 * order, so concurrent sends still leave the right gaps. Running workers share one budget in the
 * database (shared-pacer.ts), which keeps one of these as its local estimate.
 */
export class Pacer implements SendPacer {
  private nextGlobal = 0;
  private readonly nextByChat = new Map<string, number>();

  constructor(
    private readonly limits: PacingLimits = TELEGRAM_PACING,
    private readonly now: () => number = Date.now,
  ) {}

  delayFor(chatId: string): number {
    const at = this.now();
    return Math.max(0, this.nextGlobal - at, (this.nextByChat.get(chatId) ?? 0) - at);
  }

  reserve(chatId: string): number {
    const wait = this.delayFor(chatId);
    this.taken(chatId, wait);
    return wait;
  }

  /** Records a slot `waitMs` from now as taken for this chat (a shared budget's answer, or our own). */
  taken(chatId: string, waitMs: number): void {
    const slot = this.now() + waitMs;
    this.nextGlobal = Math.max(this.nextGlobal, slot + 1_000 / this.limits.perSecond);
    this.nextByChat.set(chatId, Math.max(this.nextByChat.get(chatId) ?? 0, slot + intervalFor(chatId, this.limits)));
    if (this.nextByChat.size > 20_000) this.prune(slot - waitMs);
  }

  pause(ms: number, chatId?: string): void {
    const until = this.now() + ms;
    if (chatId) this.nextByChat.set(chatId, Math.max(until, this.nextByChat.get(chatId) ?? 0));
    else this.nextGlobal = Math.max(this.nextGlobal, until);
  }

  private prune(at: number) {
    for (const [chat, next] of this.nextByChat) if (next < at) this.nextByChat.delete(chat);
  }
}

/** Group and channel ids are negative (or @names); private chats are positive user ids. */
export const isGroup = (chatId: string) => chatId.startsWith('-') || chatId.startsWith('@');

/** The gap this chat needs between two messages. */
export const intervalFor = (chatId: string, limits: PacingLimits) => (isGroup(chatId) ? limits.groupIntervalMs : limits.privateIntervalMs);
