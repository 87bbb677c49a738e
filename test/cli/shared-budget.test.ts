import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { startFakeTelegram, type FakeTelegram } from '../fake-telegram/server.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { deliverWithWorkers, describeRun } from '../support/worker-fleet.js';

const CHATS = 600;

// Adding workers must add no messages per second: they share one Telegram budget in PostgreSQL.
describe('npm run worker ×3: one Telegram budget for all', () => {
  let fake: FakeTelegram;
  let database: TestDatabase;
  before(async () => {
    fake = await startFakeTelegram({ enforceLimits: true });
    database = await createTestDatabase('postgres');
  });
  after(async () => {
    await fake.close();
    await database.close();
  });

  it('600 notifications to 600 chats: ≤ 30 in any second, no 429, each sent once, 3 workers as fast as 1', async () => {
    const fleet = { fake, db: database.db, databaseUrl: database.url!, chats: CHATS };
    const one = await deliverWithWorkers({ ...fleet, workers: 1, firstChat: 800_000_000 });
    const three = await deliverWithWorkers({ ...fleet, workers: 3, firstChat: 810_000_000 });
    for (const run of [one, three]) console.log(`# ${describeRun(run)}`);
    console.log(`# 3 workers took ${(three.totalMs / one.totalMs).toFixed(3)} × the time of 1 worker`);
    for (const run of [one, three]) {
      assert.ok(run.busiestSecond <= 30, `${run.workers} worker(s): ${run.busiestSecond} messages in one second`);
      assert.equal(run.rateLimited, 0, `${run.workers} worker(s) got 429s`);
      assert.equal(run.sent, CHATS, `${run.workers} worker(s): each notification sent once`);
      assert.equal(run.distinctChats, CHATS);
    }
    // The workers' own schedules may record (skipped) notices: only the alerts queued here are counted.
    const result = await database.db.execute(
      sql`select status, count(*)::int as n from telegram_notifications where type = 'p2h_abnormal' group by status`,
    );
    assert.deepEqual((result as unknown as { rows: { status: string; n: number }[] }).rows, [{ status: 'sent', n: 2 * CHATS }]);
    // Generous on purpose (the machine is shared): the figure printed above is the one to read.
    assert.ok(three.totalMs < one.totalMs * 1.3, `3 workers took ${three.totalMs} ms, 1 worker ${one.totalMs} ms`);
  });
});
