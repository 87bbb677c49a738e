import { Writable } from 'node:stream';
import { after, before, describe } from 'node:test';
import { Api } from 'grammy';
import { createLogger } from '../../src/config/logger.js';
import { DeliveryWorker, type DeliveryOptions } from '../../src/notifications/delivery.js';
import { Pacer } from '../../src/notifications/pacer.js';
import { DEFAULT_TOKEN, startFakeTelegram, type FakeTelegram } from '../fake-telegram/server.js';
import { startTestApp, type TestContext, type TestUser } from '../support/app.js';
import { DB_KINDS } from '../support/db.js';
import { silentLog } from '../telegram/bot-harness.js';

export const GROUP_CHAT = '-1001234567890';

/** The fake Telegram is started before the app, so TELEGRAM_API_ROOT can point at it. */
export async function startFake(): Promise<FakeTelegram> {
  const fake = await startFakeTelegram({ maxPollSeconds: 1 });
  after(() => fake.close());
  return fake;
}

/** A delivery worker for the suite's app, fast enough for tests (short backoff, generous pacing). */
export function useWorker(ctx: () => TestContext, fake: FakeTelegram, overrides: Partial<DeliveryOptions> = {}): () => DeliveryWorker {
  let worker: DeliveryWorker | undefined;
  before(() => {
    worker = new DeliveryWorker({
      db: ctx().database.db,
      api: new Api(DEFAULT_TOKEN, { apiRoot: fake.apiRoot, timeoutSeconds: 3 }),
      links: ctx().app.services.telegramLinks,
      groupChatId: GROUP_CHAT,
      log: silentLog,
      pollMs: 200,
      backoff: () => 100,
      maxAttempts: 4,
      pacer: new Pacer({ perSecond: 1000, privateIntervalMs: 0, groupIntervalMs: 0 }),
      // The app's own photo store (local disk in DATA_DIR), as npm start wires it.
      photos: ctx().app.services.photos,
      ...overrides,
    });
    ctx().app.services.outbox.onWritten(() => worker!.wake());
    worker.start();
  });
  after(() => worker?.stop());
  return () => worker!;
}

/** Submits a report for a fresh unit with the given problem answers. */
export async function submitReport(
  ctx: TestContext,
  driver: TestUser,
  problems: { status: 'warning' | 'abnormal'; keterangan: string }[],
  unitCode?: string,
) {
  const vehicleId = await ctx.createVehicle(unitCode ? { unitCode } : {});
  const items = await ctx.app.services.checklist.applicableItems('Light Vehicle');
  const details = items.map((item, i) => {
    const problem = problems[i];
    return problem ? { checklist_item_id: item.id, ...problem } : { checklist_item_id: item.id, status: 'normal' };
  });
  const res = await ctx.request({ method: 'POST', url: '/api/p2h/reports', token: driver.token, body: { vehicle_id: vehicleId, shift_number: 1, details } });
  if (res.status !== 201) throw new Error(`submit failed: ${JSON.stringify(res.body)}`);
  return res.body.payload as { id: number; overall_status: string; notifications: { id: number; status: string; recipient_kind: string | null; last_error: string | null }[] };
}

export async function waitForStatus(ctx: TestContext, notificationId: number, statuses: string[], timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  let last: { status: string } | undefined;
  while (Date.now() < deadline) {
    last = await ctx.app.services.outbox.get(notificationId);
    if (statuses.includes(last.status)) return ctx.app.services.outbox.get(notificationId);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`notification ${notificationId} still ${last?.status}, wanted ${statuses.join('/')}`);
}

export async function linkChat(ctx: TestContext, user: TestUser, chatId: number) {
  await ctx.app.services.telegramLinks.linkById(user.id, { chatId: String(chatId), username: null }, 'contact');
}

/** The app's log lines (JSON, info and up), for tests of what the log says. */
export interface LogLines {
  lines: () => Record<string, unknown>[];
}

/** As describeEachDatabase, with the app's logger captured, on PostgreSQL and PGlite. */
export function describeEachDatabaseLogged(title: string, suite: (ctx: () => TestContext, logs: LogLines) => void, env: Record<string, string> = {}) {
  for (const kind of DB_KINDS) {
    describe(`${title} [${kind}]`, () => {
      const captured: Record<string, unknown>[] = [];
      const destination = new Writable({
        write(chunk, _encoding, done) {
          for (const line of String(chunk).split('\n').filter(Boolean)) captured.push(JSON.parse(line) as Record<string, unknown>);
          done();
        },
      });
      let context: (TestContext & { close(): Promise<void> }) | undefined;
      before(async () => {
        context = await startTestApp(kind, env, { logger: createLogger({ level: 'info', destination }) });
      });
      after(async () => context?.close());
      suite(() => context!, { lines: () => captured });
    });
  }
}
