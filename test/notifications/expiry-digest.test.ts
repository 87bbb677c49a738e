/**
 * EXPIRY_ALERT_MODE=digest against the fake Bot API: a day's documents go out as one digest, split
 * into as few messages as its text needs, once a day whatever the number of runs, workers and restarts.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { eq, like } from 'drizzle-orm';
import { addDays } from '../../src/lib/time.js';
import { queueExpiryDigest } from '../../src/notifications/digest.js';
import { digestDeps } from '../../src/notifications/schedules.js';
import { telegramNotifications } from '../../src/notifications/schema.js';
import { TELEGRAM_TEXT_LIMIT } from '../../src/notifications/split.js';
import { buildServices } from '../../src/services.js';
import { vehicleDocuments, vehicles } from '../../src/vehicles/schema.js';
import { searchKey } from '../../src/vehicles/unit-code.js';
import { DEFAULT_TOKEN } from '../fake-telegram/server.js';
import { describeEachDatabase, type TestContext } from '../support/app.js';
import { GROUP_CHAT, startFake, useWorker } from './harness.js';

const TZ = 'Asia/Makassar';
/** 07:00 WITA on a given day: when the daily check runs. */
const at = (day: string) => new Date(`${day}T07:00:00+08:00`);

const fake = await startFake();
const telegramEnv = { TELEGRAM_BOT_TOKEN: DEFAULT_TOKEN, TELEGRAM_API_ROOT: fake.apiRoot, TELEGRAM_CHAT_ID: GROUP_CHAT, EXPIRY_ALERT_MODE: 'digest' };

/** `count` active units whose STNK expires on `expiry`, written in one statement each (300 creates through the API would take long). */
async function unitsExpiring(ctx: TestContext, prefix: string, count: number, expiry: string): Promise<string[]> {
  const codes = Array.from({ length: count }, (_, i) => `${prefix}.${String(i + 1).padStart(3, '0')}`);
  const rows = await ctx.database.db
    .insert(vehicles)
    .values(codes.map((code, i) => ({ unitCode: code, unitCodeKey: searchKey(code), plateNumber: `KT ${1000 + i} DG`, plateKey: searchKey(`KT ${1000 + i} DG`), vehicleType: 'Light Vehicle', shiftType: 'shift' as const })))
    .returning({ id: vehicles.id });
  await ctx.database.db.insert(vehicleDocuments).values(rows.map((r) => ({ vehicleId: r.id, documentType: 'stnk' as const, expiryDate: expiry })));
  return codes;
}

async function digestRows(ctx: TestContext, day: string) {
  const rows = await ctx.database.db.select().from(telegramNotifications).where(like(telegramNotifications.dedupeKey, `expiry_digest:${day}:%`));
  return rows.sort((a, b) => a.id - b.id);
}

describeEachDatabase(
  'expiry digest',
  (ctx) => {
    useWorker(ctx, fake);
    const queue = (day: string, services = ctx().app.services) => queueExpiryDigest(digestDeps(services, ctx().database.db, ctx().config), at(day), TZ);

    it('300 documents due on one day: one digest, in as few messages as its text needs, and no per-document messages', async () => {
      const day = '2027-04-03';
      const prefix = `${ctx().kind === 'postgres' ? 'PG' : 'PL'}DG`;
      const codes = await unitsExpiring(ctx(), prefix, 300, addDays(day, 7));

      const result = await queue(day);
      assert.equal(result.documents_listed, 300);
      assert.equal(result.already_queued, false);
      const rows = await digestRows(ctx(), day);
      assert.equal(rows.length, result.messages_queued);
      assert.deepEqual(rows.map((r) => r.dedupeKey), rows.map((_, i) => `expiry_digest:${day}:part-${i + 1}`));
      const texts = rows.map((r) => r.message);

      // Expected count, from the text: every document line once, in a message Telegram accepts, and
      // no message with room left for the next message's first line (so no fewer messages could hold it).
      const lines = texts.flatMap((t) => t.split('\n').filter((l) => l.startsWith('• ')));
      assert.deepEqual(lines.map((l) => /<code>([^<]+)<\/code>/.exec(l)![1]).sort(), codes);
      const total = texts.reduce((n, t) => n + t.length, 0);
      assert.ok(texts.length >= Math.ceil(total / TELEGRAM_TEXT_LIMIT));
      texts.forEach((text, i) => {
        assert.ok(text.length <= TELEGRAM_TEXT_LIMIT, `message ${i + 1}: ${text.length} characters`);
        assert.ok(text.startsWith(`📋 <b>Rekap Dokumen Kendaraan</b> (${i + 1}/${texts.length})\n`), text.slice(0, 80));
        const next = texts[i + 1]?.split('\n').find((l) => l.startsWith('• '));
        if (next) assert.ok(text.length + 1 + next.length > TELEGRAM_TEXT_LIMIT, `message ${i + 1} had room for the next line`);
      });
      assert.ok(texts.length >= 4, `${texts.length} messages for 300 lines`);
      assert.match(texts[0]!, /🟠 <b>Habis ≤ 7 hari<\/b> \(300\)/);
      assert.match(texts[1]!, /🟠 <b>Habis ≤ 7 hari<\/b> \(lanjutan\)/);
      for (const row of rows) {
        assert.equal(row.type, 'expiry_digest');
        assert.equal(row.recipientChatId, GROUP_CHAT);
        assert.equal(row.recipientKind, 'admin_group');
      }
      const perDocument = await ctx().database.db.select().from(telegramNotifications).where(eq(telegramNotifications.type, 'stnk_expiry'));
      assert.equal(perDocument.length, 0, 'no per-document messages in digest mode');

      // A second run, three at once, and a restart (new services over the same database) queue nothing more.
      assert.equal((await queue(day)).already_queued, true);
      await Promise.all([queue(day), queue(day), queue(day)]);
      const restarted = buildServices({ config: ctx().config, database: ctx().database, clock: () => at(day), log: { warn: () => {} } });
      const again = await queue(day, restarted);
      assert.deepEqual(again, { today: day, documents_listed: 0, messages_queued: 0, already_queued: true });
      assert.equal((await digestRows(ctx(), day)).length, rows.length);

      // The worker delivers each part, in order, to the group.
      const deadline = Date.now() + 20_000;
      let sent = await digestRows(ctx(), day);
      while (sent.some((r) => r.status !== 'sent') && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
        sent = await digestRows(ctx(), day);
      }
      assert.deepEqual(sent.map((r) => r.status), rows.map(() => 'sent'), sent.map((r) => r.lastError).join('; '));
      const delivered = fake.messagesTo(GROUP_CHAT).filter((m) => m.text.includes(`${prefix}.`));
      assert.equal(delivered.length, texts.length, 'one Telegram message per digest part, none split further');
      for (const row of sent) assert.ok(delivered.some((m) => String(m.message_id) === row.telegramMessageId));
    });

    it('the next day lists only what reached a threshold since, plus every expired document', async () => {
      const first = '2027-06-01';
      const prefix = `${ctx().kind === 'postgres' ? 'PG' : 'PL'}NX`;
      // The digests of this suite's first test are older; this one starts the sequence of June.
      await unitsExpiring(ctx(), `${prefix}A`, 1, addDays(first, 8)); // d14 on the 1st, d7 on the 2nd
      await unitsExpiring(ctx(), `${prefix}B`, 1, addDays(first, 20)); // d30 on both days
      await unitsExpiring(ctx(), `${prefix}C`, 1, addDays(first, -3)); // expired: listed every day
      // Three workers at once on a day nobody has queued yet: one rendering is written, the others none.
      const runs = await Promise.all([queue(first), queue(first), queue(first)]);
      assert.equal(runs.filter((r) => !r.already_queued).length, 1);
      const firstRows = await digestRows(ctx(), first);
      assert.deepEqual(firstRows.map((r) => r.dedupeKey), firstRows.map((_, i) => `expiry_digest:${first}:part-${i + 1}`));
      assert.equal(firstRows.length, runs.find((r) => !r.already_queued)!.messages_queued);
      const next = await queue(addDays(first, 1));
      assert.ok(next.messages_queued >= 1);
      // The first test's 300 documents have expired by now: they are listed again, under "Sudah habis".
      const text = (await digestRows(ctx(), addDays(first, 1))).map((r) => r.message).join('\n');
      assert.match(text, new RegExp(`${prefix}A\\.001`));
      assert.match(text, new RegExp(`${prefix}C\\.001`));
      assert.doesNotMatch(text, new RegExp(`${prefix}B\\.001`));
      assert.match(text, /⛔ <b>Sudah habis<\/b> \(301\)/);
    });
  },
  telegramEnv,
);
