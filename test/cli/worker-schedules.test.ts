/**
 * Three `npm run worker` processes on one PostgreSQL database, started after today's expiry digest
 * and daily summary were due (EXPIRY_CHECK_AT and DAILY_SUMMARY_AT at 00:00): each is run once, by
 * one of them, and delivered once.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { buildApp } from '../../src/app.js';
import { scheduleRuns } from '../../src/cluster/schema.js';
import { loadConfig } from '../../src/config/config.js';
import { addDays, localTime } from '../../src/lib/time.js';
import { telegramNotifications } from '../../src/notifications/schema.js';
import { DEFAULT_TOKEN, startFakeTelegram, type FakeTelegram } from '../fake-telegram/server.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { spawnCommand } from './spawn-command.js';

const JWT_SECRET = 'worker-schedules-test-secret-at-least-32-chars';
const GROUP = '-1009000003';

describe('npm run worker three times: every schedule runs once', () => {
  let fake: FakeTelegram;
  let database: TestDatabase;
  before(async () => {
    fake = await startFakeTelegram();
    database = await createTestDatabase('postgres');
    const config = loadConfig({ DATABASE_URL: database.url!, JWT_SECRET, P2H_DEMO: '0' });
    const app = await buildApp({ config, database, jwtSecret: JWT_SECRET });
    await app.services.checklist.installDefaults();
    const today = localTime(new Date(), config.timezone).date;
    const unit = { vehicle_type: 'Light Vehicle', shift_type: 'shift' as const };
    await app.services.vehicles.create(null, { ...unit, unit_code: 'LV.31', plate_number: 'KT 3131 AA', stnk_expiry: addDays(today, 3) });
    await app.services.vehicles.create(null, { ...unit, unit_code: 'LV.32', plate_number: 'KT 3232 AA', kir_expiry: addDays(today, -1) });
    await app.http.close();
  });
  after(async () => {
    await fake.close();
    await database.close();
  });

  it('one expiry digest and one daily summary, each run by one worker and sent once', { timeout: 300_000 }, async () => {
    const env = {
      DATABASE_URL: database.url!,
      JWT_SECRET,
      P2H_DEMO: '0',
      TELEGRAM_BOT_TOKEN: DEFAULT_TOKEN,
      TELEGRAM_API_ROOT: fake.apiRoot,
      TELEGRAM_CHAT_ID: GROUP,
      // Due since midnight: every worker starts after the due time and would catch it up.
      EXPIRY_CHECK_AT: '00:00',
      DAILY_SUMMARY_AT: '00:00',
    };
    const workers = [1, 2, 3].map(() => spawnCommand('worker', env));
    try {
      await Promise.all(workers.map((worker) => worker.waitFor(/notification delivery worker started/, 180_000)));
      const messages = (await fake.waitForCalls('sendMessage', 2, 60_000)).filter((call) => call.ok);
      assert.equal(messages.length, 2);
    } finally {
      for (const worker of workers) worker.child.kill('SIGTERM');
    }
    // A clean stop waits for a claim in progress: every worker has had its try at both jobs.
    for (const worker of workers) assert.equal(await worker.exit, 0, worker.output());

    const group = fake.messagesTo(GROUP);
    assert.equal(group.length, 2, group.map((m) => m.text).join('\n---\n'));
    assert.equal(group.filter((m) => /LV\.31/.test(m.text) && /LV\.32/.test(m.text)).length >= 1, true, 'the digest lists both documents');
    const rows = await database.db.select().from(telegramNotifications);
    assert.deepEqual(rows.map((row) => `${row.type}:${row.status}`).sort(), ['daily_summary:sent', 'expiry_digest:sent']);
    const runs = await database.db.select().from(scheduleRuns);
    for (const job of ['expiry-digest', 'daily-summary']) {
      const ofJob = runs.filter((run) => run.job === job);
      assert.equal(ofJob.length, 1, `${job}: one due time today`);
      assert.ok(ofJob[0]!.finishedAt, `${job} finished`);
    }
    const ranDigest = workers.filter((worker) => /document expiry digest done/.test(worker.output()));
    const ranSummary = workers.filter((worker) => /daily summary done/.test(worker.output()));
    assert.equal(ranDigest.length, 1, 'one worker ran the digest');
    assert.equal(ranSummary.length, 1, 'one worker ran the summary');
  });
});
