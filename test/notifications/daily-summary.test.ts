/**
 * The daily summary against the fake Bot API: to the group and to each linked admin who wants it,
 * in their language and loudness, once a day.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { like } from 'drizzle-orm';
import { queueDailySummary, summaryKey } from '../../src/notifications/daily-summary.js';
import { summaryDeps } from '../../src/notifications/schedules.js';
import { telegramNotifications } from '../../src/notifications/schema.js';
import { DEFAULT_TOKEN } from '../fake-telegram/server.js';
import { describeEachDatabase } from '../support/app.js';
import { GROUP_CHAT, linkChat, startFake, submitReport, useWorker } from './harness.js';

const TZ = 'Asia/Makassar';
const fake = await startFake();
const telegramEnv = { TELEGRAM_BOT_TOKEN: DEFAULT_TOKEN, TELEGRAM_API_ROOT: fake.apiRoot, TELEGRAM_CHAT_ID: GROUP_CHAT };
let chatSeq = 730_000;

describeEachDatabase(
  'daily summary',
  (ctx) => {
    useWorker(ctx, fake);

    it('names the missing units, the units out of service and the day’s defects; admins get it as they chose; once a day', async () => {
      const p = ctx().kind === 'postgres' ? 'PG' : 'PL';
      const services = ctx().app.services;
      // The report and the hold happen at 06:42 WITA on a day after the real clock's, so the message held
      // over quiet hours is still in the future for the worker (which reads the real clock).
      ctx().clock.now = new Date('2027-06-15T06:42:00+08:00');
      const driver = await ctx().createUser('user');
      await submitReport(ctx(), driver, [{ status: 'warning', keterangan: 'lampu redup' }], `${p}S.DONE`);
      await ctx().createVehicle({ unitCode: `${p}S.MISS1` });
      await ctx().createVehicle({ unitCode: `${p}S.MISS2` });
      const held = await ctx().createVehicle({ unitCode: `${p}S.HOLD` });
      await services.vehicles.holdOutOfService(null, held, 'Servis berkala');

      const wantsIt = await ctx().createUser('admin');
      const turnedOff = await ctx().createUser('admin');
      const english = await ctx().createUser('superadmin');
      const chats = { wantsIt: ++chatSeq, turnedOff: ++chatSeq, english: ++chatSeq };
      await linkChat(ctx(), wantsIt, chats.wantsIt);
      await linkChat(ctx(), turnedOff, chats.turnedOff);
      await linkChat(ctx(), english, chats.english);
      await services.preferences.update(turnedOff.id, { daily_summary: 'off' });
      await services.preferences.update(english.id, { daily_summary: 'silent', language: 'en', quiet_hours_start: '17:00', quiet_hours_end: '07:00' });

      const now = new Date('2027-06-15T18:00:00+08:00');
      const queue = () => queueDailySummary(summaryDeps(services, ctx().database.db, ctx().config), now, TZ);
      const result = await queue();
      assert.deepEqual(result, { today: '2027-06-15', queued: 3, already_queued: 0, turned_off: 1 });

      const rows = await ctx().database.db.select().from(telegramNotifications).where(like(telegramNotifications.dedupeKey, 'daily_summary:2027-06-15:%'));
      const byKey = new Map(rows.map((r) => [r.dedupeKey, r]));
      assert.equal(byKey.has(summaryKey('2027-06-15', turnedOff.id)), false, 'daily_summary off: no copy at all');

      const group = byKey.get(summaryKey('2027-06-15', 'group'))!;
      assert.equal(group.type, 'daily_summary');
      assert.equal(group.recipientChatId, GROUP_CHAT);
      assert.match(group.message, /Ringkasan Harian P2H/);
      const missingLine = group.message.split('\n').find((l) => l.startsWith('Belum P2H'))!;
      assert.ok(missingLine.includes(`<code>${p}S.MISS1</code>`) && missingLine.includes(`<code>${p}S.MISS2</code>`), missingLine);
      assert.ok(!missingLine.includes(`${p}S.DONE`) && !missingLine.includes(`${p}S.HOLD`), 'inspected and out-of-service units are not missing');
      assert.match(group.message, new RegExp(`<code>${p}S\\.HOLD</code> — Servis berkala \\(sejak 15 Jun 2027 06:42 WITA\\)`));
      assert.match(group.message, /Defect hari ini<\/b>: 1 dibuka, 0 diperbaiki/);
      assert.match(group.message, new RegExp(`<code>${p}S\\.DONE</code> — .+ \\(WARNING\\)`));

      const personal = byKey.get(summaryKey('2027-06-15', wantsIt.id))!;
      assert.equal(personal.recipientChatId, String(chats.wantsIt));
      assert.equal(personal.disableNotification, false);
      assert.match(personal.message, /Ringkasan Harian P2H/);

      const inEnglish = byKey.get(summaryKey('2027-06-15', english.id))!;
      assert.match(inEnglish.message, /P2H Daily Summary/);
      assert.match(inEnglish.message, /No P2H yet \(\d+\):/);
      assert.doesNotMatch(inEnglish.message, /Belum P2H|Ringkasan/);
      assert.equal(inEnglish.disableNotification, true, 'silent');
      assert.equal(inEnglish.nextAttemptAt.toISOString(), new Date('2027-06-16T07:00:00+08:00').toISOString(), 'held until quiet hours end');

      assert.deepEqual(await queue(), { today: '2027-06-15', queued: 0, already_queued: 3, turned_off: 1 }, 'a second run queues nothing');

      const delivered = await fake.waitForMessage({ chatId: GROUP_CHAT, text: new RegExp(`${p}S\\.MISS1`) });
      assert.match(delivered.text, /Ringkasan Harian P2H/);
      await fake.waitForMessage({ chatId: chats.wantsIt, text: /Ringkasan Harian P2H/ });
      assert.equal(fake.messagesTo(chats.turnedOff).filter((m) => /Ringkasan|Summary/.test(m.text)).length, 0);
    });
  },
  telegramEnv,
);
