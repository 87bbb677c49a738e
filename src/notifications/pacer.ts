/**
 * Keeps this process inside Telegram's limits instead of collecting 429s: about 30 messages a
 * second overall (we aim at 29), one a second per private chat, twenty a minute per group.
 * Slots are reserved in order, so concurrent sends still leave the right gaps.
 */
export class Pacer {
  private nextGlobal = 0;
  private readonly nextByChat = new Map<string, number>();

  constructor(
    private readonly limits = { perSecond: 29, privateIntervalMs: 1_000, groupIntervalMs: 3_000 },
    private readonly now: () => number = Date.now,
  ) {}

  /** How long until this chat could be sent to, without reserving. */
  delayFor(chatId: string): number {
    const at = this.now();
    return Math.max(0, this.nextGlobal - at, (this.nextByChat.get(chatId) ?? 0) - at);
  }

  /** Reserves the next slot for this chat and returns how long to wait for it. */
  reserve(chatId: string): number {
    const at = this.now();
    const slot = Math.max(at, this.nextGlobal, this.nextByChat.get(chatId) ?? 0);
    this.nextGlobal = slot + 1_000 / this.limits.perSecond;
    this.nextByChat.set(chatId, slot + (isGroup(chatId) ? this.limits.groupIntervalMs : this.limits.privateIntervalMs));
    if (this.nextByChat.size > 20_000) this.prune(at);
    return slot - at;
  }

  /** Telegram said 429: nothing goes out before it allows. */
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
