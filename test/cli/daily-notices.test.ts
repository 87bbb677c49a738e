/**
 * `npm run expiry:check` in the default digest mode and `npm run summary:check`, as real processes
 * against a fresh PostgreSQL database: each queues today's message once, and a second run says so.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { addDays, localTime } from '../../src/lib/time.js';
import { telegramNotifications } from '../../src/notifications/schema.js';
import { DEFAULT_TOKEN } from '../fake-telegram/server.js';
import { createTestDatabase } from '../support/db.js';
import { spawnCommand } from './spawn-command.js';

const CASE = { timeout: 240_000 };
const JWT_SECRET = 'daily-notices-test-secret-at-least-32-chars';

async function run(script: string, env: Record<string, string>) {
  const command = spawnCommand(script, env);
  const code = await command.exit;
  return { code, output: command.output() };
}

describe('daily notices from the command line', () => {
  it('expiry:check (digest) and summary:check queue today’s once; a second run says it was already queued', CASE, async () => {
    const database = await createTestDatabase('postgres');
    try {
      const config = loadConfig({ DATABASE_URL: database.url!, JWT_SECRET, P2H_DEMO: '0' });
      const app = await buildApp({ config, database, jwtSecret: JWT_SECRET });
      await app.services.checklist.installDefaults();
      const today = localTime(new Date(), config.timezone).date;
      const unit = { vehicle_type: 'Light Vehicle', shift_type: 'shift' as const };
      await app.services.vehicles.create(null, { ...unit, unit_code: 'LV.21', plate_number: 'KT 2121 AA', stnk_expiry: addDays(today, 3) });
      await app.services.vehicles.create(null, { ...unit, unit_code: 'LV.22', plate_number: 'KT 2222 AA', kir_expiry: addDays(today, -1) });
      await app.http.close();

      const env = { DATABASE_URL: database.url!, JWT_SECRET, P2H_DEMO: '0', TELEGRAM_BOT_TOKEN: DEFAULT_TOKEN, TELEGRAM_CHAT_ID: '-1009000002' };
      const [digest, summary] = await Promise.all([run('expiry-check', env), run('summary-check', env)]);
      assert.equal(digest.code, 0, digest.output);
      assert.match(digest.output, /mode: digest/);
      assert.match(digest.output, /Rekap dokumen dicatat: 2 dokumen dalam 1 pesan/);
      assert.equal(summary.code, 0, summary.output);
      assert.match(summary.output, /Ringkasan dicatat: 1 pesan/);

      const rows = await database.db.select().from(telegramNotifications);
      assert.deepEqual(rows.map((r) => r.dedupeKey).sort(), [`daily_summary:${today}:group`, `expiry_digest:${today}:part-1`]);
      const digestRow = rows.find((r) => r.type === 'expiry_digest')!;
      assert.match(digestRow.message, /LV\.21/);
      assert.match(digestRow.message, /LV\.22/);
      assert.match(rows.find((r) => r.type === 'daily_summary')!.message, /Belum P2H \(2\): <code>LV\.21<\/code>, <code>LV\.22<\/code>/);

      const [digestAgain, summaryAgain] = await Promise.all([run('expiry-check', env), run('summary-check', env)]);
      assert.match(digestAgain.output, /sudah pernah dicatat/);
      assert.match(summaryAgain.output, /sudah pernah dicatat/);
      assert.equal((await database.db.select().from(telegramNotifications)).length, 2);
    } finally {
      await database.close();
    }
  });
});
