/**
 * The bot token must never reach a database row, an API response or a log line, whatever way the
 * Bot API fails. Every log here goes to a pino logger on a memory stream, with no redaction of its
 * own, so the code under test has to keep the token out by itself.
 */
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { Api } from 'grammy';
import { pino, type Logger } from 'pino';
import { DeliveryWorker } from '../../src/notifications/delivery.js';
import { Pacer } from '../../src/notifications/pacer.js';
import { NO_PHOTO_FILES } from '../../src/notifications/send-photos.js';
import { createBot, runBot } from '../../src/telegram/bot.js';
import { DEFAULT_TOKEN, startFakeTelegram, user as tgUser, type FaultResponse } from '../fake-telegram/server.js';
import { startTestApp, type TestContext, type TestUser } from '../support/app.js';
import { DB_KINDS } from '../support/db.js';
import { GROUP_CHAT, submitReport } from '../notifications/harness.js';

const SECRET = DEFAULT_TOKEN.split(':')[1]!;
const INTERNAL = 'internal-secret-for-secrets-test';

/** A pino logger at the most verbose level, writing to memory. */
function captureLog(): { log: Logger; lines: string[] } {
  const lines: string[] = [];
  return { log: pino({ level: 'trace' }, { write: (line: string) => void lines.push(line) }), lines };
}

/** An address where nothing listens: connecting there is refused. */
async function deadApiRoot(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}

function assertNoSecret(where: string, text: string) {
  assert.ok(!text.includes(SECRET), `${where} carries the bot token: ${text.slice(Math.max(0, text.indexOf(SECRET) - 200), text.indexOf(SECRET) + 60)}`);
}

const waitFor = async (check: () => boolean, what: string, timeoutMs = 10_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

/** Every way the fake Bot API can fail a sendMessage. */
const FAULTS: [string, FaultResponse][] = [
  ['dropped connection', { drop: true }],
  ['500', { status: 500 }],
  ['502 HTML page', { status: 502 }],
  ['malformed JSON', { garbage: true }],
  ['timeout', { delayMs: 2_500 }],
  ['401', { status: 401 }],
  ['429', { status: 429, retryAfter: 1 }],
];

for (const kind of DB_KINDS) {
  describe(`the bot token stays secret [${kind}]`, () => {
    const fake = startFakeTelegram({ maxPollSeconds: 1 });
    const app = captureLog();
    let ctx: TestContext & { close(): Promise<void> };
    let roles: Record<'superadmin' | 'admin' | 'user' | 'viewer', TestUser>;

    before(async () => {
      const env = { TELEGRAM_BOT_TOKEN: DEFAULT_TOKEN, TELEGRAM_API_ROOT: (await fake).apiRoot, TELEGRAM_CHAT_ID: GROUP_CHAT, INTERNAL_API_TOKEN: INTERNAL };
      ctx = await startTestApp(kind, env, { logger: app.log });
      roles = {
        superadmin: await ctx.createUser('superadmin'),
        admin: await ctx.createUser('admin'),
        user: await ctx.createUser('user'),
        viewer: await ctx.createUser('viewer'),
      };
    });
    after(async () => {
      await ctx?.close();
      await (await fake).close();
    });

    it('delivery failures of every kind leave no token in rows, responses or logs; only admins read last_error', async () => {
      const telegram = await fake;
      const worker = captureLog();
      const deliver = (apiRoot: string) =>
        new DeliveryWorker({
          db: ctx.database.db,
          api: new Api(DEFAULT_TOKEN, { apiRoot, timeoutSeconds: 1 }),
          links: ctx.app.services.telegramLinks,
          groupChatId: GROUP_CHAT,
          log: worker.log,
          backoff: () => 3_600_000,
          maxAttempts: 2,
          pacer: new Pacer({ perSecond: 1000, privateIntervalMs: 0, groupIntervalMs: 0 }),
          photos: NO_PHOTO_FILES,
        }).deliverDue();

      const reports: number[] = [];
      const driver = roles.user;
      const down = await submitReport(ctx, driver, [{ status: 'abnormal', keterangan: 'network down' }]);
      reports.push(down.id);
      await deliver(await deadApiRoot());
      for (const [name, response] of FAULTS) {
        const report = await submitReport(ctx, driver, [{ status: 'abnormal', keterangan: name }]);
        reports.push(report.id);
        telegram.fail({ method: 'sendMessage', response });
        await deliver(telegram.apiRoot);
        const row = await ctx.app.services.outbox.get(report.notifications[0]!.id);
        assert.ok(row.last_error, `${name}: the failure is recorded`);
      }

      const refused = await ctx.app.services.outbox.get(down.notifications[0]!.id);
      assert.match(refused.last_error ?? '', /^network: ECONNREFUSED/, 'the admin still learns why');

      // Every row of every table, as text.
      const tables = (await ctx.database.db.execute(
        sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`,
      )) as unknown as { rows: { table_name: string }[] };
      assert.ok(tables.rows.length >= 5);
      for (const { table_name } of tables.rows) {
        const dump = (await ctx.database.db.execute(sql.raw(`select t::text as row from "${table_name}" t`))) as unknown as { rows: { row: string }[] };
        for (const { row } of dump.rows) assertNoSecret(`table ${table_name}`, row);
      }

      // Every response, for every role.
      // Telegram answering garbage to getMe too: readiness and the link-token route must say so safely.
      telegram.fail({ method: 'getMe', response: { garbage: true }, times: Infinity });
      for (const [role, who] of Object.entries(roles)) {
        const urls = ['/api/p2h/reports?page_size=100', ...reports.map((id) => `/api/p2h/reports/${id}`), '/api/notifications?page_size=100', '/api/health/ready', '/api/users?page_size=100', '/api/users/me'];
        for (const url of urls) {
          const res = await ctx.request({ method: 'GET', url, token: who.token });
          assertNoSecret(`${role} GET ${url}`, JSON.stringify(res.body));
        }
        const list = await ctx.request({ method: 'GET', url: '/api/p2h/reports?page_size=100', token: who.token });
        const errors = list.body.payload.items.flatMap((r: { notifications: { last_error: string | null }[] }) => r.notifications.map((n) => n.last_error));
        if (role === 'admin' || role === 'superadmin') assert.ok(errors.some((e: string | null) => e?.startsWith('network: ECONNREFUSED')), `${role} reads last_error`);
        else assert.deepEqual(errors.filter((e: string | null) => e !== null), [], `${role} does not read last_error`);
      }
      const submitted = await submitReport(ctx, driver, [{ status: 'warning', keterangan: 'after' }]);
      assert.equal(submitted.notifications[0]!.last_error, null);
      const linkToken = await ctx.request({ method: 'POST', url: '/api/users/me/telegram/link-token', token: driver.token });
      assert.equal(linkToken.status, 503);
      assertNoSecret('link-token response', JSON.stringify(linkToken.body));
      telegram.clearFaults();

      for (const line of [...worker.lines, ...app.lines]) assertNoSecret('log line', line);
      assert.ok(worker.lines.some((l) => l.includes('will retry')), 'the worker did log the failures');
      assert.ok(app.lines.some((l) => l.includes('getMe failed')), 'the link-token route did log the failure');
    });

    it("the bot's own failures (setMyCommands, polling, replies) log no token", async () => {
      const telegram = await fake;
      const bot = captureLog();
      const links = ctx.app.services.telegramLinks;

      // Telegram unreachable at boot: setMyCommands is refused, retried with backoff.
      const offline = runBot(createBot({ token: DEFAULT_TOKEN, apiRoot: await deadApiRoot(), linkMode: 'verified', links, defects: ctx.app.services.defects, preferences: ctx.app.services.preferences, log: bot.log }), bot.log);
      await waitFor(() => bot.lines.some((l) => l.includes('retrying')), 'the offline bot to log its failure');
      await offline.stop();

      // A proxy answering garbage at boot, then a reply that cannot be sent.
      telegram.fail({ method: 'setMyCommands', response: { garbage: true } });
      const online = runBot(createBot({ token: DEFAULT_TOKEN, apiRoot: telegram.apiRoot, linkMode: 'verified', links, defects: ctx.app.services.defects, preferences: ctx.app.services.preferences, log: bot.log }), bot.log);
      await waitFor(() => bot.lines.filter((l) => l.includes('retrying')).length >= 2, 'the garbage answer to be logged');
      await telegram.waitForCalls('getUpdates', 1, 10_000);
      const from = tgUser(990_001);
      telegram.fail({ method: 'sendMessage', chatId: from.id, response: { status: 502 } });
      telegram.sendText({ from, text: '/help' });
      await waitFor(() => bot.lines.some((l) => l.includes('telegram update failed')), 'the failed reply to be logged');
      await online.stop();

      for (const line of bot.lines) assertNoSecret('bot log line', line);
    });
  });
}
