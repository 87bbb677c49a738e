import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { telegramNotifications } from '../../src/db/schema.js';
import { OUTBOX_CHANNEL } from '../../src/notifications/outbox.js';
import { busiestWindow, sendTimes } from '../fake-telegram/send-timeline.js';
import { DEFAULT_TOKEN, startFakeTelegram, type FakeTelegram } from '../fake-telegram/server.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { spawnCommand } from './spawn-command.js';

const CHATS = 600;

interface Run {
  workers: number;
  /** From the NOTIFY that woke the workers (the workers already running) to the last message the fake accepted. */
  totalMs: number;
  busiestSecond: number;
  rateLimited: number;
  sent: number;
  distinctChats: number;
}

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

  /** Starts `count` workers, queues 600 notifications to 600 new chats, waits until all are sent, stops the workers. */
  async function deliverWith(count: number, firstChat: number): Promise<Run> {
    const env = { DATABASE_URL: database.url!, TELEGRAM_BOT_TOKEN: DEFAULT_TOKEN, TELEGRAM_API_ROOT: fake.apiRoot };
    const workers = Array.from({ length: count }, () => spawnCommand('worker', env));
    try {
      await Promise.all(workers.map((w) => w.waitFor(/notification delivery worker started/, 180_000)));
      const chats = new Set(Array.from({ length: CHATS }, (_, i) => firstChat + i));
      const rateLimitedBefore = fake.rateLimited;
      await database.db.insert(telegramNotifications).values(
        [...chats].map((chat) => ({
          type: 'p2h_abnormal' as const,
          message: `🔴 <b>P2H ALERT: ABNORMAL</b>\nUnit: <code>N.${chat}</code>`,
          status: 'pending' as const,
          recipientChatId: String(chat),
          recipientKind: 'personal' as const,
        })),
      );
      const startedAt = Date.now();
      await database.db.execute(sql`select pg_notify(${OUTBOX_CHANNEL}, '')`);
      await fake.waitForCalls('sendMessage', fake.calls.filter((c) => c.method === 'sendMessage').length + CHATS, 180_000);
      const times = sendTimes(fake, chats);
      const sentToRun = fake.sent.filter((m) => chats.has(m.chat_id));
      return {
        workers: count,
        totalMs: times[times.length - 1]! - startedAt,
        busiestSecond: busiestWindow(times, 1000),
        rateLimited: fake.rateLimited - rateLimitedBefore,
        sent: sentToRun.length,
        distinctChats: new Set(sentToRun.map((m) => m.chat_id)).size,
      };
    } finally {
      for (const w of workers) w.child.kill('SIGTERM');
      await Promise.all(workers.map((w) => w.exit));
    }
  }

  it('600 notifications to 600 chats: ≤ 30 in any second, no 429, each sent once, 3 workers as fast as 1', async () => {
    const one = await deliverWith(1, 800_000_000);
    const three = await deliverWith(3, 810_000_000);
    for (const run of [one, three]) {
      console.log(
        `# ${run.workers} worker(s): ${run.sent} messages in ${(run.totalMs / 1000).toFixed(2)} s = ${((run.sent / run.totalMs) * 1000).toFixed(2)}/s; ` +
          `busiest second ${run.busiestSecond}; 429s ${run.rateLimited}`,
      );
    }
    console.log(`# 3 workers ÷ 1 worker: ${(three.totalMs / one.totalMs).toFixed(3)} of the time`);
    for (const run of [one, three]) {
      assert.ok(run.busiestSecond <= 30, `${run.workers} worker(s): ${run.busiestSecond} messages in one second`);
      assert.equal(run.rateLimited, 0, `${run.workers} worker(s) got 429s`);
      assert.equal(run.sent, CHATS, `${run.workers} worker(s): each notification sent once`);
      assert.equal(run.distinctChats, CHATS);
    }
    // The workers' own schedules may record (skipped) notices: only the 1 200 queued here are counted.
    const result = await database.db.execute(
      sql`select status, count(*)::int as n from telegram_notifications where type = 'p2h_abnormal' group by status`,
    );
    assert.deepEqual((result as unknown as { rows: { status: string; n: number }[] }).rows, [{ status: 'sent', n: 2 * CHATS }]);
    // Generous on purpose (the machine is shared): the figure above is the one to read.
    assert.ok(three.totalMs < one.totalMs * 1.3, `3 workers took ${three.totalMs} ms, 1 worker ${one.totalMs} ms`);
  });
});
