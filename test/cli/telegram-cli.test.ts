/**
 * The operator commands as real processes: `npm run telegram:check`, `npm run telegram:test` and
 * `npm run expiry:check`, against the fake Bot API (and a fresh PostgreSQL database for the scan).
 * Each case spawns its own process with a minimal environment, several at once to keep this fast.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { telegramNotifications } from '../../src/notifications/schema.js';
import { addDays, localTime } from '../../src/lib/time.js';
import { DEFAULT_TOKEN, groupChat, startFakeTelegram, type FakeTelegram } from '../fake-telegram/server.js';
import { createTestDatabase } from '../support/db.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SPAWN_TIMEOUT_MS = 120_000;
const CASE = { timeout: 2 * SPAWN_TIMEOUT_MS };
/** A second bot on the fake, whose webhook the webhook case sets (the default bot keeps none). */
const WEBHOOK_TOKEN = '654321:HOOK-token-abcdefghijklmnopqrstuvwxyz';
/** Well-formed, but not a token the fake knows: Telegram answers 401. */
const UNKNOWN_TOKEN = '999999:NOPE-token-abcdefghijklmnopqrstuvwxyz';
const JWT_SECRET = 'telegram-cli-test-secret-at-least-32-chars';

interface Run {
  code: number | null;
  output: string;
}

/** Runs `src/cli/<script>.ts` to completion with only PATH and `env` set (no inherited TELEGRAM_*). */
function runCli(script: string, env: Record<string, string>, args: string[] = []): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', `src/cli/${script}.ts`, ...args], {
      cwd: ROOT,
      // P2H_ENV_FILE=none: a developer's .env in the checkout must not leak into the case.
      env: { PATH: process.env.PATH ?? '', P2H_ENV_FILE: 'none', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} ${args.join(' ')} did not finish within ${SPAWN_TIMEOUT_MS} ms. Output:\n${output}`));
    }, SPAWN_TIMEOUT_MS);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

/** A port nobody listens on: bound once by us, then released. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('operator commands', { concurrency: 4 }, () => {
  let fake: FakeTelegram;
  /** Every case uses chats of its own, so they can share one fake and run at the same time. */
  const GROUP = -1001110001;
  const OTHER_GROUP = -1001110002;
  const OLD_GROUP = -1110003;
  const NEW_SUPERGROUP = -1001110003;
  const PRIVATE = 7001;
  const BLOCKED = 7002;
  const FLOODED = 7003;
  const telegramEnv = (overrides: Record<string, string> = {}) => ({
    TELEGRAM_API_ROOT: fake.apiRoot,
    TELEGRAM_BOT_TOKEN: DEFAULT_TOKEN,
    TELEGRAM_CHAT_ID: String(GROUP),
    ...overrides,
  });

  before(async () => {
    fake = await startFakeTelegram({ tokens: [DEFAULT_TOKEN, WEBHOOK_TOKEN] });
    fake.registerChat(groupChat(GROUP, 'Grup Admin P2H'));
    fake.registerChat(groupChat(OTHER_GROUP, 'Grup Lain'));
    fake.registerChat(PRIVATE);
    fake.registerChat(BLOCKED);
    fake.blockUser(BLOCKED);
    fake.fail({ method: 'getChat', chatId: OLD_GROUP, times: Infinity, response: { status: 400, migrateTo: NEW_SUPERGROUP } });
    fake.fail({ method: 'sendMessage', chatId: FLOODED, times: Infinity, response: { status: 429, retryAfter: 17 } });
    const response = await fetch(fake.url('setWebhook', WEBHOOK_TOKEN), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: 'https://p2h.example.com/telegram-hook' }),
    });
    assert.equal(response.status, 200);
  });
  after(() => fake.close());

  describe('npm run telegram:check', () => {
    it('exits 0 and names the bot when token, webhook and TELEGRAM_CHAT_ID are all in order', CASE, async () => {
      const run = await runCli('telegram-check', telegramEnv());
      assert.equal(run.code, 0, run.output);
      assert.match(run.output, /✅ Token valid: bot @p2h_test_bot \(id 123456/);
      assert.match(run.output, /✅ Tidak ada webhook/);
      assert.match(run.output, /pending_update_count\): 0/);
      assert.match(run.output, new RegExp(`✅ TELEGRAM_CHAT_ID ${GROUP} dapat dijangkau: "Grup Admin P2H" \\((super)?group\\)`));
      assert.match(run.output, /TELEGRAM_LINK_MODE: verified/);
      assert.match(run.output, /Hasil: semua baik/);
      assert.doesNotMatch(run.output, /TEST-token/, 'the token secret is never printed');
      assert.doesNotMatch(run.output, /❌/);
    });

    it('exits 1 when Telegram rejects the token', CASE, async () => {
      const run = await runCli('telegram-check', telegramEnv({ TELEGRAM_BOT_TOKEN: UNKNOWN_TOKEN }));
      assert.equal(run.code, 1, run.output);
      assert.match(run.output, /❌ Token ditolak oleh Telegram \(401 Unauthorized\)/);
      assert.match(run.output, /BotFather/);
      assert.doesNotMatch(run.output, /NOPE-token/);
    });

    it('exits 1 naming the API root when it cannot be reached', CASE, async () => {
      const root = `http://127.0.0.1:${await closedPort()}`;
      const run = await runCli('telegram-check', telegramEnv({ TELEGRAM_API_ROOT: root }));
      assert.equal(run.code, 1, run.output);
      assert.match(run.output, new RegExp(`❌ Tidak dapat menghubungi Bot API di ${root} \\(getMe: .*ECONNREFUSED`));
      assert.doesNotMatch(run.output, /TEST-token/, 'the token (part of the URL) is not in the error');
    });

    it('exits 1 when a webhook is set, and says how to remove it', CASE, async () => {
      const run = await runCli('telegram-check', telegramEnv({ TELEGRAM_BOT_TOKEN: WEBHOOK_TOKEN }));
      assert.equal(run.code, 1, run.output);
      assert.match(run.output, /✅ Token valid: bot @p2h_test_bot2/);
      assert.match(run.output, /❌ Webhook aktif \(https:\/\/p2h\.example\.com\/telegram-hook\)/);
      assert.match(run.output, /deleteWebhook/);
    });

    it('exits 1 when TELEGRAM_CHAT_ID is not a chat the bot knows, listing the usual causes', CASE, async () => {
      const run = await runCli('telegram-check', telegramEnv({ TELEGRAM_CHAT_ID: '-1009999999' }));
      assert.equal(run.code, 1, run.output);
      assert.match(run.output, /❌ TELEGRAM_CHAT_ID -1009999999 tidak dapat dijangkau: 400 Bad Request: chat not found/);
      assert.match(run.output, /Bot belum ditambahkan ke grup/);
      assert.match(run.output, /supergroup/);
    });

    it('exits 1 with the new id when the group was upgraded to a supergroup', CASE, async () => {
      const run = await runCli('telegram-check', telegramEnv({ TELEGRAM_CHAT_ID: String(OLD_GROUP) }));
      assert.equal(run.code, 1, run.output);
      assert.match(run.output, new RegExp(`set TELEGRAM_CHAT_ID=${NEW_SUPERGROUP}`));
    });

    it('warns, and still exits 0, when TELEGRAM_CHAT_ID is missing: the seed calls it optional, but expiry alerts would have nowhere to go', CASE, async () => {
      const { TELEGRAM_CHAT_ID: _unset, ...env } = telegramEnv();
      const run = await runCli('telegram-check', env);
      assert.equal(run.code, 0, run.output);
      assert.match(run.output, /✅ Token valid/);
      assert.match(run.output, /⚠️ TELEGRAM_CHAT_ID belum diset/);
      assert.match(run.output, /dengan 1 peringatan/);
    });
  });

  describe('npm run telegram:test', () => {
    it('sends the test message to TELEGRAM_CHAT_ID and exits 0', CASE, async () => {
      const run = await runCli('telegram-test', telegramEnv());
      assert.equal(run.code, 0, run.output);
      const [message, ...more] = fake.messagesTo(GROUP);
      assert.ok(message, run.output);
      assert.equal(more.length, 0);
      assert.equal(message.parse_mode, 'HTML');
      assert.match(message.text, /Tes koneksi P2H berhasil/);
      assert.match(run.output, new RegExp(`✅ Pesan tes terkirim ke chat ${GROUP} \\(message_id ${message.message_id}\\)`));
    });

    it('--chat overrides TELEGRAM_CHAT_ID', CASE, async () => {
      const run = await runCli('telegram-test', telegramEnv({ TELEGRAM_CHAT_ID: String(OTHER_GROUP) }), ['--chat', String(PRIVATE)]);
      assert.equal(run.code, 0, run.output);
      assert.equal(fake.messagesTo(PRIVATE).length, 1);
      assert.equal(fake.messagesTo(OTHER_GROUP).length, 0);
      assert.match(run.output, /Tujuan: chat 7001 \(--chat\)/);
    });

    it('exits 1 with Telegram\'s reason when the user blocked the bot (403)', CASE, async () => {
      const run = await runCli('telegram-test', telegramEnv(), [`--chat=${BLOCKED}`]);
      assert.equal(run.code, 1, run.output);
      assert.match(run.output, /❌ Pesan tes TIDAK terkirim ke chat 7002: 403 Forbidden: bot was blocked by the user/);
      assert.match(run.output, /Start\/Unblock/);
    });

    it('exits 1 saying when to retry after a 429', CASE, async () => {
      const run = await runCli('telegram-test', telegramEnv(), ['--chat', String(FLOODED)]);
      assert.equal(run.code, 1, run.output);
      assert.match(run.output, /429 Too Many Requests/);
      assert.match(run.output, /coba lagi setelah 17 detik/);
    });

    it('refuses clearly without a destination (1) or with a malformed --chat (2)', CASE, async () => {
      const { TELEGRAM_CHAT_ID: _unset, ...env } = telegramEnv();
      const [none, malformed] = await Promise.all([runCli('telegram-test', env), runCli('telegram-test', env, ['--chat', 'grup-admin'])]);
      assert.equal(none.code, 1, none.output);
      assert.match(none.output, /TELEGRAM_CHAT_ID belum diset dan --chat tidak diberikan/);
      assert.equal(malformed.code, 2, malformed.output);
      assert.match(malformed.output, /--chat "grup-admin" bukan id chat yang valid/);
    });
  });

  describe('npm run expiry:check', () => {
    it('queues the alert for an STNK expiring in 3 days once; a second run queues none', CASE, async () => {
      const database = await createTestDatabase('postgres');
      try {
        const config = loadConfig({ DATABASE_URL: database.url!, JWT_SECRET, P2H_DEMO: '0' });
        const app = await buildApp({ config, database, jwtSecret: JWT_SECRET });
        await app.services.checklist.installDefaults();
        const today = localTime(new Date(), config.timezone).date;
        await app.services.vehicles.create(null, {
          unit_code: 'LV.07',
          plate_number: 'KT 7007 XY',
          vehicle_type: 'Light Vehicle',
          shift_type: 'shift',
          stnk_expiry: addDays(today, 3),
          kir_expiry: addDays(today, 90),
        });
        await app.http.close();

        // One message per document: the mode this case is about (the default is the daily digest).
        const env = { DATABASE_URL: database.url!, JWT_SECRET, P2H_DEMO: '0', TELEGRAM_BOT_TOKEN: DEFAULT_TOKEN, TELEGRAM_CHAT_ID: '-1009000001', EXPIRY_ALERT_MODE: 'each' };
        const first = await runCli('expiry-check', env);
        assert.equal(first.code, 0, first.output);
        assert.match(first.output, /sudah lewat: 1\n/);
        assert.match(first.output, /Alert baru dicatat: 1\n/);
        assert.match(first.output, /akan dikirim oleh worker/);
        const rows = await database.db.select().from(telegramNotifications);
        assert.equal(rows.length, 1);
        assert.equal(rows[0]!.type, 'stnk_expiry');
        assert.equal(rows[0]!.thresholdKey, 'd3');
        assert.equal(rows[0]!.status, 'pending');
        assert.equal(rows[0]!.recipientChatId, '-1009000001');

        const second = await runCli('expiry-check', env);
        assert.equal(second.code, 0, second.output);
        assert.match(second.output, /Alert baru dicatat: 0 /);
        assert.equal((await database.db.select().from(telegramNotifications)).length, 1);
      } finally {
        await database.close();
      }
    });
  });
});
