import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { intervalFor, Pacer, TELEGRAM_PACING, type PacingLimits, type SendPacer } from './pacer.js';
import { telegramPacing } from './schema.js';

/** The `telegram_pacing` row that holds the next free slot of the global budget. */
export const GLOBAL_SLOT = '*';
// Any constant: the same in every P2H process. Serialises reservations, so two workers never get one slot.
const PACING_LOCK = 720_2615;
/** Chat rows whose slot passed this long ago are forgotten (the table would otherwise grow with every chat ever sent to). */
const FORGET_CHATS_AFTER_MS = 60_000;

/**
 * One Telegram budget for every worker on the database: each message's slot is reserved in
 * `telegram_pacing`, under one advisory lock, as slot = max(now, next global slot, this chat's next
 * slot); the global slot then moves 1/rate on and the chat's by its interval. A 429 seen by one worker
 * pushes the global slot past `retry_after`, so all of them wait. Times are the database's clock, so
 * workers on other machines agree; the worker only sleeps the difference.
 */
export class SharedPacer implements SendPacer {
  /** This worker's view of the budget, from the answers it got: orders a batch without a query. */
  private readonly local: Pacer;
  private lastPrune = 0;

  constructor(
    private readonly db: Db,
    private readonly limits: PacingLimits = TELEGRAM_PACING,
    private readonly now: () => number = Date.now,
  ) {
    this.local = new Pacer(limits, now);
  }

  delayFor(chatId: string): number {
    return this.local.delayFor(chatId);
  }

  async reserve(chatId: string): Promise<number> {
    const wait = await this.db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${PACING_LOCK})`);
      const result = await tx.execute(sql`
        with slot as (
          select greatest(clock.now, coalesce(g.next_at, clock.now), coalesce(c.next_at, clock.now)) as at, clock.now
          from (select clock_timestamp() as now) clock
          left join ${telegramPacing} g on g.chat_key = ${GLOBAL_SLOT}
          left join ${telegramPacing} c on c.chat_key = ${chatId}
        ), taken as (
          insert into ${telegramPacing} (chat_key, next_at)
          select ${GLOBAL_SLOT}, at + ${1_000 / this.limits.perSecond}::double precision * interval '1 millisecond' from slot
          union all
          select ${chatId}, at + ${intervalFor(chatId, this.limits)}::double precision * interval '1 millisecond' from slot
          on conflict (chat_key) do update set next_at = greatest(${telegramPacing.nextAt}, excluded.next_at)
        )
        select extract(epoch from at - now) * 1000 as wait_ms from slot`);
      return Number((result as unknown as { rows: { wait_ms: string | number }[] }).rows[0]!.wait_ms);
    });
    this.local.taken(chatId, wait);
    await this.pruneNowAndThen();
    return wait;
  }

  /** Every worker waits: the global slot (or the chat's) moves to `ms` from now, unless it is already later. */
  async pause(ms: number, chatId?: string): Promise<void> {
    this.local.pause(ms, chatId);
    await this.db.execute(sql`
      insert into ${telegramPacing} (chat_key, next_at)
      values (${chatId ?? GLOBAL_SLOT}, clock_timestamp() + ${ms}::double precision * interval '1 millisecond')
      on conflict (chat_key) do update set next_at = greatest(${telegramPacing.nextAt}, excluded.next_at)`);
  }

  private async pruneNowAndThen(): Promise<void> {
    if (this.now() - this.lastPrune < FORGET_CHATS_AFTER_MS) return;
    this.lastPrune = this.now();
    await this.db.execute(sql`
      delete from ${telegramPacing}
      where chat_key <> ${GLOBAL_SLOT} and next_at < clock_timestamp() - ${FORGET_CHATS_AFTER_MS}::double precision * interval '1 millisecond'`);
  }
}
