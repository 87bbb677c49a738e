import assert from 'node:assert/strict';
import { it } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { telegramNotifications } from '../../src/notifications/schema.js';
import { DEFAULT_TOKEN } from '../fake-telegram/server.js';
import { GROUP_CHAT, linkChat, startFake, useWorker } from '../notifications/harness.js';
import { describeEachDatabase, type TestContext } from '../support/app.js';

const fake = await startFake();
const telegramEnv = { TELEGRAM_BOT_TOKEN: DEFAULT_TOKEN, TELEGRAM_API_ROOT: fake.apiRoot, TELEGRAM_CHAT_ID: GROUP_CHAT };
let chatSeq = 940_000;

async function noticesTo(ctx: TestContext, chatId: number) {
  return ctx.database.db
    .select()
    .from(telegramNotifications)
    .where(and(eq(telegramNotifications.type, 'account_notice'), eq(telegramNotifications.recipientChatId, String(chatId))));
}

describeEachDatabase(
  'a chat that loses a person\'s link is told',
  (ctx) => {
    useWorker(ctx, fake);

    it('a link moved by a one-time web link tells the previous chat, once, and not the new one', async () => {
      const driver = await ctx().createUser('user');
      const oldChat = ++chatSeq;
      const newChat = ++chatSeq;
      await linkChat(ctx(), driver, oldChat);
      await ctx().app.services.telegramLinks.linkById(driver.id, { chatId: String(newChat), username: null }, 'token');

      const told = await fake.waitForMessage({ chatId: oldChat, text: /sekarang terhubung dengan chat Telegram lain/ });
      assert.match(told.text, /Chat ini tidak lagi menerima notifikasi P2H/);
      const rows = await noticesTo(ctx(), oldChat);
      assert.equal(rows.length, 1);
      assert.equal(rows[0]!.userId, driver.id);
      assert.deepEqual(await noticesTo(ctx(), newChat), []);

      // Linking the same chat again is not a move: nothing more is said.
      await ctx().app.services.telegramLinks.linkById(driver.id, { chatId: String(newChat), username: null }, 'token');
      assert.equal((await noticesTo(ctx(), oldChat)).length + (await noticesTo(ctx(), newChat)).length, 1);
    });

    it('deactivating a user removes the link and tells their chat, in their language', async () => {
      const admin = await ctx().createUser('admin');
      const driver = await ctx().createUser('user');
      const chat = ++chatSeq;
      await linkChat(ctx(), driver, chat);
      await ctx().app.services.preferences.update(driver.id, { language: 'en' });

      const res = await ctx().request({ method: 'DELETE', url: `/api/users/${driver.id}`, token: admin.token });
      assert.equal(res.status, 200);
      assert.equal(res.body.payload.telegram_linked, false);
      const told = await fake.waitForMessage({ chatId: chat, text: /deactivated by an admin/ });
      assert.match(told.text, /no longer receives P2H notifications/);
      assert.doesNotMatch(told.text, /\/start/, 'a deactivated account is not invited to link again');
    });

    it('an admin reset and an unlink from the web profile tell the chat; /unlink from the chat itself does not', async () => {
      const admin = await ctx().createUser('admin');
      const reset = await ctx().createUser('user');
      const selfWeb = await ctx().createUser('user');
      const selfChat = await ctx().createUser('user');
      const [resetChat, webChat, botChat] = [++chatSeq, ++chatSeq, ++chatSeq];
      await linkChat(ctx(), reset, resetChat);
      await linkChat(ctx(), selfWeb, webChat);
      await linkChat(ctx(), selfChat, botChat);

      assert.equal((await ctx().request({ method: 'DELETE', url: `/api/users/${reset.id}/telegram`, token: admin.token })).status, 200);
      assert.equal((await ctx().request({ method: 'DELETE', url: '/api/users/me/telegram/unlink', token: selfWeb.token })).status, 200);
      await ctx().app.services.telegramLinks.unlinkChat(String(botChat));

      await fake.waitForMessage({ chatId: resetChat, text: /Admin P2H mereset koneksi Telegram/ });
      await fake.waitForMessage({ chatId: webChat, text: /diputuskan dari menu Profil/ });
      assert.deepEqual(await noticesTo(ctx(), botChat), [], 'the bot answers /unlink itself');
    });
  },
  telegramEnv,
);
