import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { GLOBAL_SLOT, SharedPacer } from '../../src/notifications/shared-pacer.js';
import { createTestDatabase, DB_KINDS, type TestDatabase } from '../support/db.js';

const LIMITS = { perSecond: 10, privateIntervalMs: 1_000, groupIntervalMs: 3_000 };
const HOUR_MS = 3_600_000;

for (const kind of DB_KINDS) {
  describe(`shared Telegram budget [${kind}]`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await createTestDatabase(kind);
    });
    after(() => database.close());

    /** Milliseconds from `*`'s slot (set an hour ahead, so the clock never decides a slot) to each row's. */
    const slotsFrom = async (origin: string) => {
      const result = await database.db.execute(
        sql`select chat_key, round(extract(epoch from next_at - ${origin}::timestamptz) * 1000) as ms from telegram_pacing order by chat_key`,
      );
      return Object.fromEntries((result as unknown as { rows: { chat_key: string; ms: string }[] }).rows.map((r) => [r.chat_key, Number(r.ms)]));
    };
    const startAnHourAhead = async () => {
      await database.db.execute(sql`delete from telegram_pacing`);
      const result = await database.db.execute(
        sql`insert into telegram_pacing values (${GLOBAL_SLOT}, clock_timestamp() + interval '1 hour') returning next_at::text as at`,
      );
      return (result as unknown as { rows: { at: string }[] }).rows[0]!.at;
    };

    it('gives workers reserving at the same time one slot each, 1/rate apart, and never loses one', async () => {
      const origin = await startAnHourAhead();
      const workers = [new SharedPacer(database.db, LIMITS), new SharedPacer(database.db, LIMITS)];
      const waits = await Promise.all(Array.from({ length: 40 }, (_, i) => workers[i % 2]!.reserve(String(1000 + i))));
      const slots = await slotsFrom(origin);
      assert.equal(slots[GLOBAL_SLOT], 40 * 100, 'the global slot moved 100 ms per message');
      const chatSlots = Array.from({ length: 40 }, (_, i) => slots[String(1000 + i)]! - 1_000).sort((a, b) => a - b);
      assert.deepEqual(chatSlots, Array.from({ length: 40 }, (_, i) => i * 100), 'each message got its own slot');
      for (const wait of waits) assert.ok(wait > HOUR_MS - 60_000 && wait < HOUR_MS + 5_000, `waits for the slot an hour ahead: ${wait}`);
    });

    it('keeps a private chat to one message a second and a group to one in 3 seconds, across workers', async () => {
      const origin = await startAnHourAhead();
      const [a, b] = [new SharedPacer(database.db, LIMITS), new SharedPacer(database.db, LIMITS)];
      await a.reserve('42');
      await b.reserve('42');
      await a.reserve('-100');
      await b.reserve('-100');
      const slots = await slotsFrom(origin);
      // 42 at 0 and 1 000; the group at 1 100 (the next global slot) and 4 100.
      assert.equal(slots['42'], 2_000);
      assert.equal(slots['-100'], 4_100 + 3_000);
      assert.equal(slots[GLOBAL_SLOT], 4_100 + 100);
    });

    it('a 429 seen by one worker holds back every worker, and a later pause never shortens it', async () => {
      await database.db.execute(sql`delete from telegram_pacing`);
      const [seen, other] = [new SharedPacer(database.db, LIMITS), new SharedPacer(database.db, LIMITS)];
      await seen.pause(30_000);
      await other.pause(1_000);
      const wait = await other.reserve('7');
      assert.ok(wait > 25_000 && wait <= 30_000, `the other worker waits out retry_after: ${wait}`);
      assert.ok(seen.delayFor('8') > 25_000, 'the worker that saw it knows without asking');
    });

    it('forgets chats whose slot passed long ago, never the global slot', async () => {
      await database.db.execute(sql`delete from telegram_pacing`);
      await database.db.execute(sql`insert into telegram_pacing values ('*', now() - interval '1 day'), ('5', now() - interval '1 day')`);
      await new SharedPacer(database.db, LIMITS).reserve('6');
      const keys = Object.keys(await slotsFrom('2000-01-01T00:00:00Z')).sort();
      assert.deepEqual(keys, [GLOBAL_SLOT, '6']);
    });
  });
}
