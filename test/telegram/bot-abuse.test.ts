/**
 * Someone who knows (or guesses) other people's phone numbers must learn nothing from the bot and
 * move no one's link: findings 5 and 6 of issue 9.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { user as tgUser } from '../fake-telegram/server.js';
import { describeEachDatabase } from '../support/app.js';
import { useBot } from './bot-harness.js';

let nextTelegramId = 760_000;
const newTelegramUser = () => tgUser(++nextTelegramId);
const INTERNAL = 'internal-secret-for-abuse-tests';

describeEachDatabase(
  'Telegram bot abuse: phone mode',
  (ctx) => {
    const fake = useBot(ctx, 'phone');

    it('an account linked to another chat is never moved by /start NOMOR_HP; /unlink then reveals nobody', async () => {
      const victim = await ctx().createUser('user', { phone: '081366600001', name: 'Korban Satu' });
      const owner = newTelegramUser();
      fake().sendText({ from: owner, text: '/start 081366600001' });
      const linked = await fake().waitForMessage({ chatId: owner.id, text: /Berhasil Terhubung/ });
      assert.ok(linked.text.includes('Nomor: 0813****0001'), linked.text);
      assert.ok(!linked.text.includes('081366600001'), 'the number is masked');

      const attacker = newTelegramUser();
      fake().sendText({ from: attacker, text: '/start 0813-6660-0001' });
      const refused = await fake().waitForMessage({ chatId: attacker.id });
      assert.match(refused.text, /sudah terhubung dengan chat Telegram lain/);
      assert.match(refused.text, /admin/);
      assert.ok(!refused.text.includes('Korban'), refused.text);
      assert.equal((await ctx().app.services.telegramLinks.status(victim.id)).telegram_chat_id, String(owner.id), 'the link did not move');

      fake().sendText({ from: attacker, text: '/unlink' });
      const unlink = await fake().waitForMessage({ chatId: attacker.id, text: /belum terhubung/ });
      assert.ok(!unlink.text.includes('Korban'));
      assert.equal((await ctx().app.services.telegramLinks.status(victim.id)).telegram_chat_id, String(owner.id));

      // The owner's own chat: linking again is a quiet success; /status and /unlink show no number.
      fake().reset();
      fake().sendText({ from: owner, text: '/start 6281366600001' });
      await fake().waitForMessage({ chatId: owner.id, text: /Berhasil Terhubung/ });
      fake().reset();
      fake().sendText({ from: owner, text: '/status' });
      const status = await fake().waitForMessage({ chatId: owner.id });
      fake().sendText({ from: owner, text: '/unlink' });
      const unlinked = await fake().waitForMessage({ chatId: owner.id, text: /diputuskan/ });
      for (const text of [status.text, unlinked.text]) assert.ok(!/0813|81366600001|\*\*\*\*/.test(text), text);
      const trail = await ctx().app.services.telegramLinks.auditTrail(victim.id);
      assert.deepEqual(trail.map((r) => r.action), ['link', 'unlink']);
    });

    it('one Telegram user gets at most 5 /start NOMOR_HP attempts in 10 minutes, across all chats', async () => {
      const prober = newTelegramUser();
      for (let i = 0; i < 5; i++) {
        fake().sendText({ from: prober, text: `/start 08136669${String(i).padStart(4, '0')}` });
        await fake().waitForMessage({ chatId: prober.id, text: /tidak ditemukan/ });
        fake().reset();
      }
      // A sixth try is refused before the number is even looked up.
      const registered = await ctx().createUser('user', { phone: '081366600099' });
      fake().sendText({ from: prober, text: '/start 081366600099' });
      assert.match((await fake().waitForMessage({ chatId: prober.id })).text, /Terlalu banyak percobaan/);
      assert.equal((await ctx().app.services.telegramLinks.status(registered.id)).is_linked, false);
      ctx().clock.now = new Date(ctx().clock.now.getTime() + 11 * 60_000);
      try {
        fake().reset();
        fake().sendText({ from: prober, text: '/start 081366600099' });
        await fake().waitForMessage({ chatId: prober.id, text: /Berhasil Terhubung/ });
      } finally {
        ctx().clock.now = new Date(ctx().clock.now.getTime() - 11 * 60_000);
      }
    });
  },
  { TELEGRAM_LINK_MODE: 'phone', INTERNAL_API_TOKEN: INTERNAL },
);

describeEachDatabase('Telegram bot abuse: verified mode', (ctx) => {
  const fake = useBot(ctx);

  it('a stranger typing a number gets the same answer whether it is registered or not', async () => {
    await ctx().createUser('user', { phone: '081366600011', name: 'Terdaftar Sekali' });
    const stranger = newTelegramUser();
    fake().sendText({ from: stranger, text: '/start 081366600011' });
    const known = await fake().waitForMessage({ chatId: stranger.id });
    fake().reset();
    fake().sendText({ from: stranger, text: '/start 081366600012' });
    const unknown = await fake().waitForMessage({ chatId: stranger.id });
    assert.equal(known.text.replace('081366600011', 'N'), unknown.text.replace('081366600012', 'N'));
    assert.match(unknown.text, /Bagikan Nomor Saya/);
    // Only the owner of the number, proven by their contact, learns it is not registered.
    fake().sendContact({ from: stranger, contact: { phone_number: '6281366600012' } });
    await fake().waitForMessage({ chatId: stranger.id, text: /tidak ditemukan/ });
  });

  it("the number's real owner on a new chat is told the account is linked elsewhere, not moved", async () => {
    const account = await ctx().createUser('user', { phone: '081366600013' });
    const old = newTelegramUser();
    await ctx().app.services.telegramLinks.linkById(account.id, { chatId: String(old.id), username: null }, 'contact');
    const from = newTelegramUser();
    fake().sendText({ from, text: '/start 081366600013' });
    await fake().waitForMessage({ chatId: from.id, text: /Bagikan Nomor Saya/ });
    fake().sendContact({ from, contact: { phone_number: '6281366600013' } });
    assert.match((await fake().waitForMessage({ chatId: from.id, text: /lain/ })).text, /sudah terhubung dengan chat Telegram lain[\s\S]*admin/);
    assert.equal((await ctx().app.services.telegramLinks.status(account.id)).telegram_chat_id, String(old.id));
  });
});

describeEachDatabase(
  'internal link endpoint: no silent relink',
  (ctx) => {
    it('409 ACCOUNT_LINKED_ELSEWHERE for an account linked to another chat; the same chat again is a no-op success', async () => {
      const account = await ctx().createUser('user', { phone: '081366600021' });
      const link = (chat: string) =>
        ctx().request({
          method: 'POST',
          url: '/api/users/telegram/link',
          headers: { 'x-internal-token': INTERNAL },
          body: { phone_number: '081366600021', telegram_chat_id: chat, telegram_username: null },
        });
      assert.equal((await link('7660021')).status, 200);
      const moved = await link('7660022');
      assert.equal(moved.status, 409, JSON.stringify(moved.body));
      assert.equal(moved.body.payload.code, 'ACCOUNT_LINKED_ELSEWHERE');
      assert.equal((await ctx().app.services.telegramLinks.status(account.id)).telegram_chat_id, '7660021');
      assert.equal((await link('7660021')).status, 200);
      assert.deepEqual((await ctx().app.services.telegramLinks.auditTrail(account.id)).map((r) => r.action), ['link']);
    });
  },
  { INTERNAL_API_TOKEN: INTERNAL },
);
