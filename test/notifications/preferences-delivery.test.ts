/**
 * Each recipient's notification preferences, applied by the outbox and the delivery worker, over
 * real HTTP to the fake Bot API: how loudly (disable_notification), whether at all (off), when
 * (quiet hours, on the app's controllable clock), and in which language.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { SKIP_NO_RECIPIENT, SKIP_TURNED_OFF } from '../../src/notifications/routing.js';
import { RESENT_DESPITE_OFF } from '../../src/notifications/recipient-plan.js';
import { renderP2hAlert } from '../../src/notifications/render.js';
import { telegramNotifications } from '../../src/notifications/schema.js';
import { DEFAULT_TOKEN } from '../fake-telegram/server.js';
import { describeEachDatabase, type TestContext, type TestUser } from '../support/app.js';
import { describeEachDatabaseLogged, GROUP_CHAT, linkChat, startFake, submitReport, useWorker, waitForStatus } from './harness.js';
import { memoryPhotos, tinyJpeg } from './photo-support.js';

const fake = await startFake();
const telegramEnv = { TELEGRAM_BOT_TOKEN: DEFAULT_TOKEN, TELEGRAM_API_ROOT: fake.apiRoot, TELEGRAM_CHAT_ID: GROUP_CHAT };
let chatSeq = 810_000;

const MORNING = new Date('2026-01-21T06:42:00+08:00'); // the test app's clock: inside 06:00–07:00 quiet hours
const QUIET_END = new Date('2026-01-21T07:00:00+08:00');
const silentFlag = (params: Record<string, unknown>) => String(params['disable_notification'] ?? '') === 'true';

async function setPreferences(ctx: TestContext, user: TestUser, body: Record<string, unknown>) {
  const res = await ctx.request({ method: 'PUT', url: '/api/users/me/notification-preferences', token: user.token, body });
  assert.equal(res.status, 200, JSON.stringify(res.body));
}

async function linkedUser(ctx: TestContext, role: 'user' | 'mechanic' = 'user') {
  const user = await ctx.createUser(role);
  const chat = ++chatSeq;
  await linkChat(ctx, user, chat);
  return { user, chat };
}

describeEachDatabase(
  'notification preferences applied to delivery',
  (ctx) => {
    // The worker reads the app's clock, so a test moves time to the end of quiet hours.
    const worker = useWorker(ctx, fake, { now: () => ctx().clock.now, photos: memoryPhotos(new Map([[1, tinyJpeg('a')], [2, tinyJpeg('b')]])) });

    it('a WARNING to a linked driver goes with disable_notification: true; an ABNORMAL without it', async () => {
      ctx().clock.now = MORNING;
      const { user, chat } = await linkedUser(ctx());
      const warning = await submitReport(ctx(), user, [{ status: 'warning', keterangan: 'Ban aus' }]);
      const quiet = await fake.waitForMessage({ chatId: chat, text: /HASIL P2H: WARNING/ });
      assert.equal(quiet.params['disable_notification'], true);
      assert.equal((await waitForStatus(ctx(), warning.notifications[0]!.id, ['sent'])).status, 'sent');

      await submitReport(ctx(), user, [{ status: 'abnormal', keterangan: 'Rem blong' }]);
      const loud = await fake.waitForMessage({ chatId: chat, text: /HASIL P2H: ABNORMAL/ });
      assert.equal(loud.params['disable_notification'], undefined);
    });

    it('an unlinked driver\'s WARNING to the group is silent too, and an ABNORMAL there is loud', async () => {
      ctx().clock.now = MORNING;
      const driver = await ctx().createUser('user');
      await submitReport(ctx(), driver, [{ status: 'warning', keterangan: 'group quiet' }]);
      await submitReport(ctx(), driver, [{ status: 'abnormal', keterangan: 'group loud' }]);
      const warning = await fake.waitForMessage({ chatId: GROUP_CHAT, text: /group quiet/ });
      const abnormal = await fake.waitForMessage({ chatId: GROUP_CHAT, text: /group loud/ });
      assert.equal(warning.params['disable_notification'], true);
      assert.equal(abnormal.params['disable_notification'], undefined);
    });

    it('during quiet hours a WARNING is held and sent at their end; an ABNORMAL goes now', async () => {
      ctx().clock.now = MORNING;
      const { user, chat } = await linkedUser(ctx());
      await setPreferences(ctx(), user, { quiet_hours_start: '06:00', quiet_hours_end: '07:00' });
      const warning = await submitReport(ctx(), user, [{ status: 'warning', keterangan: 'held until seven' }]);
      const held = await ctx().app.services.outbox.get(warning.notifications[0]!.id);
      assert.equal(held.status, 'pending');
      assert.equal(held.next_attempt_at, QUIET_END.toISOString());

      await submitReport(ctx(), user, [{ status: 'abnormal', keterangan: 'stop now' }]);
      await fake.waitForMessage({ chatId: chat, text: /stop now/ });
      // The worker has been round since: the WARNING is still waiting, nothing of it was sent.
      await worker().deliverDue();
      assert.equal((await ctx().app.services.outbox.get(warning.notifications[0]!.id)).status, 'pending');
      assert.equal(fake.messagesTo(chat).filter((m) => m.text.includes('held until seven')).length, 0);

      ctx().clock.now = QUIET_END;
      worker().wake();
      const sent = await fake.waitForMessage({ chatId: chat, text: /held until seven/ });
      assert.equal(sent.params['disable_notification'], true);
      await waitForStatus(ctx(), warning.notifications[0]!.id, ['sent']);
      ctx().clock.now = MORNING;
    });

    it('defects turned off: the mechanic\'s defect alert is a skipped row and nothing is sent; an admin\'s resend goes silently', async () => {
      ctx().clock.now = MORNING;
      const mechanic = await linkedUser(ctx(), 'mechanic');
      await setPreferences(ctx(), mechanic.user, { defects: 'off' });
      const driver = await ctx().createUser('user');
      const report = await submitReport(ctx(), driver, [{ status: 'abnormal', keterangan: 'defect nobody hears' }]);
      const [row] = await ctx()
        .database.db.select()
        .from(telegramNotifications)
        .where(and(eq(telegramNotifications.reportId, report.id), eq(telegramNotifications.userId, mechanic.user.id)));
      assert.equal(row?.type, 'defect_alert');
      assert.equal(row.status, 'skipped');
      assert.equal(row.lastError, SKIP_TURNED_OFF);
      await fake.waitForMessage({ chatId: GROUP_CHAT, text: /defect nobody hears/ });
      await worker().deliverDue();
      assert.deepEqual(fake.messagesTo(mechanic.chat), []);

      const admin = await ctx().createUser('admin');
      const resend = await ctx().request({ method: 'POST', url: `/api/notifications/${row.id}/resend`, token: admin.token });
      assert.equal(resend.status, 200);
      assert.equal(resend.body.payload.last_error, RESENT_DESPITE_OFF, 'the admin is told it goes silently');
      const message = await fake.waitForMessage({ chatId: mechanic.chat, text: /defect nobody hears/ });
      assert.equal(message.params['disable_notification'], true);
    });

    it('an English-speaking driver\'s alert is rendered with language en and goes through', async () => {
      ctx().clock.now = MORNING;
      const { user, chat } = await linkedUser(ctx());
      await setPreferences(ctx(), user, { language: 'en' });
      const report = await submitReport(ctx(), user, [{ status: 'abnormal', keterangan: 'english please' }]);
      const detail = await ctx().app.services.p2h.get({ id: user.id, role: 'user', fullName: '' }, report.id);
      const row = await ctx().app.services.outbox.get(report.notifications[0]!.id);
      assert.equal(row.message, renderP2hAlert(detail, { timeZone: ctx().config.timezone, language: 'en' }));
      await fake.waitForMessage({ chatId: chat, text: /english please/ });
      await waitForStatus(ctx(), row.id, ['sent']);
    });

    it('a silent row is silent on every step: the album and the text after it', async () => {
      const chat = ++chatSeq;
      const [row] = await ctx()
        .database.db.insert(telegramNotifications)
        .values({
          type: 'p2h_warning',
          message: '⚠️ <b>P2H ALERT: WARNING</b>\nalbum then text',
          photoIds: [1, 2],
          recipientChatId: String(chat),
          recipientKind: 'personal',
          disableNotification: true,
          nextAttemptAt: ctx().clock.now,
        })
        .returning();
      worker().wake();
      await waitForStatus(ctx(), row!.id, ['sent']);
      const album = fake.calls.filter((c) => c.method === 'sendMediaGroup' && String(c.params['chat_id']) === String(chat));
      assert.equal(album.length, 1);
      assert.ok(silentFlag(album[0]!.params), JSON.stringify(album[0]!.params));
      const texts = fake.messagesTo(chat);
      assert.equal(texts.length, 1);
      assert.equal(texts[0]!.params['disable_notification'], true);
    });
  },
  telegramEnv,
);

describeEachDatabaseLogged(
  'what the log says about preferences and missing recipients',
  (ctx, logs) => {
    useWorker(ctx, fake, { now: () => ctx().clock.now, groupChatId: undefined });

    it('an unlinked driver with no group to fall back to: the row is skipped and "user belum link telegram" is logged once', async () => {
      ctx().clock.now = MORNING;
      const driver = await ctx().createUser('user');
      const report = await submitReport(ctx(), driver, [{ status: 'warning', keterangan: 'nobody' }]);
      const row = await ctx().app.services.outbox.get(report.notifications[0]!.id);
      assert.deepEqual([row.status, row.last_error], ['skipped', SKIP_NO_RECIPIENT]);
      const warnings = logs.lines().filter((l) => l['report_id'] === report.id && String(l['msg']).startsWith('user belum link telegram'));
      assert.equal(warnings.length, 1);
      assert.equal(warnings[0]!['level'], 40);
    });

    it('a message held for quiet hours says until when, with its id and nothing personal', async () => {
      ctx().clock.now = MORNING;
      const { user } = await linkedUser(ctx());
      await setPreferences(ctx(), user, { quiet_hours_start: '06:00', quiet_hours_end: '07:00' });
      const report = await submitReport(ctx(), user, [{ status: 'warning', keterangan: 'quiet please' }]);
      const id = report.notifications[0]!.id;
      const line = logs.lines().find((l) => l['notification_id'] === id && l['level'] === 30);
      assert.ok(line, 'logged at info');
      assert.equal(line['msg'], "held for the recipient's quiet hours until 07:00 WITA");
      assert.deepEqual(Object.keys(line).filter((k) => !['level', 'time', 'pid', 'hostname', 'msg'].includes(k)), ['notification_id']);
    });
  },
  { TELEGRAM_BOT_TOKEN: DEFAULT_TOKEN, TELEGRAM_API_ROOT: fake.apiRoot },
);
