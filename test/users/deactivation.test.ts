import assert from 'node:assert/strict';
import { it } from 'node:test';
import { eq } from 'drizzle-orm';
import { telegramNotifications } from '../../src/notifications/schema.js';
import { users } from '../../src/users/schema.js';
import { GROUP_CHAT, linkChat, submitReport } from '../notifications/harness.js';
import { describeEachDatabase, type TestContext, type TestUser } from '../support/app.js';

// A bot is configured so alerts are routed (pending); no worker runs, so nothing is sent.
const BOT_ENV = { TELEGRAM_BOT_TOKEN: '123456:test-token-for-routing-only-xx', TELEGRAM_CHAT_ID: GROUP_CHAT, TELEGRAM_API_ROOT: 'http://127.0.0.1:9' };

async function failedAlertOf(ctx: TestContext, driver: TestUser, chatId: number): Promise<number> {
  await linkChat(ctx, driver, chatId);
  const report = await submitReport(ctx, driver, [{ status: 'abnormal', keterangan: 'Rem blong' }]);
  const notification = report.notifications[0]!;
  assert.equal(notification.recipient_kind, 'personal');
  await ctx.database.db.update(telegramNotifications).set({ status: 'failed', lastError: 'network: down' }).where(eq(telegramNotifications.id, notification.id));
  return notification.id;
}

describeEachDatabase(
  'deactivating a user ends their Telegram link',
  (ctx) => {
    for (const how of ['DELETE', 'PATCH'] as const) {
      it(`${how} unlinks in the same change, with an audit row, and a resend goes to the group, not the old chat`, async () => {
        const admin = await ctx().createUser('admin');
        const driver = await ctx().createUser('user');
        const chatId = 8_800_000 + driver.id;
        const notificationId = await failedAlertOf(ctx(), driver, chatId);

        const res =
          how === 'DELETE'
            ? await ctx().request({ method: 'DELETE', url: `/api/users/${driver.id}`, token: admin.token })
            : await ctx().request({ method: 'PATCH', url: `/api/users/${driver.id}`, token: admin.token, body: { is_active: false } });
        assert.equal(res.status, 200, JSON.stringify(res.body));
        assert.equal(res.body.payload.telegram_linked, false);
        const status = await ctx().app.services.telegramLinks.status(driver.id);
        assert.equal(status.is_linked, false);
        const trail = await ctx().app.services.telegramLinks.auditTrail(driver.id);
        const last = trail.at(-1)!;
        assert.deepEqual([last.action, last.chatId, last.method, last.actorUserId], ['unlink', String(chatId), 'deactivated', admin.id]);

        const resend = await ctx().request({ method: 'POST', url: `/api/notifications/${notificationId}/resend`, token: admin.token });
        assert.equal(resend.status, 200);
        assert.equal(resend.body.payload.recipient_chat_id, GROUP_CHAT);
        assert.equal(resend.body.payload.recipient_kind, 'fallback_group');
      });
    }

    it('routing skips an inactive user whose chat is still on record', async () => {
      const admin = await ctx().createUser('admin');
      const driver = await ctx().createUser('user');
      const notificationId = await failedAlertOf(ctx(), driver, 8_900_000 + driver.id);
      // As if deactivated before this fix, or by hand in the database: the chat is still there.
      await ctx().database.db.update(users).set({ isActive: false }).where(eq(users.id, driver.id));
      const resend = await ctx().request({ method: 'POST', url: `/api/notifications/${notificationId}/resend`, token: admin.token });
      assert.equal(resend.status, 200);
      assert.equal(resend.body.payload.recipient_chat_id, GROUP_CHAT);
    });

    it('reactivating does not bring the link back, and deactivating an unlinked user writes no audit row', async () => {
      const admin = await ctx().createUser('admin');
      const driver = await ctx().createUser('user');
      assert.equal((await ctx().request({ method: 'DELETE', url: `/api/users/${driver.id}`, token: admin.token })).status, 200);
      assert.deepEqual(await ctx().app.services.telegramLinks.auditTrail(driver.id), []);
      const back = await ctx().request({ method: 'PATCH', url: `/api/users/${driver.id}`, token: admin.token, body: { is_active: true } });
      assert.equal(back.status, 200);
      assert.equal(back.body.payload.telegram_linked, false);
    });
  },
  BOT_ENV,
);
