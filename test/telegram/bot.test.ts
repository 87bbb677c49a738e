import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pino } from 'pino';
import { botText } from '../../src/telegram/messages.js';
import type { TelegramLinkService } from '../../src/users/telegram-link.js';
import { DEFAULT_TOKEN, user as tgUser } from '../fake-telegram/server.js';
import { describeEachDatabase } from '../support/app.js';
import { useBot, usePollingBot } from './bot-harness.js';

let nextTelegramId = 700_000;
const SECRET = DEFAULT_TOKEN.split(':')[1]!;
const newTelegramUser = () => tgUser(++nextTelegramId);

describeEachDatabase('Telegram bot: verified linking', (ctx) => {
  const fake = useBot(ctx);

  // Every other bot test feeds updates to bot.handleUpdate; this one runs runBot's polling loop.
  describe('long polling end to end', () => {
    const fake = usePollingBot(ctx);
    it('registers its commands and answers /start without argument and /help', async () => {
      const commands = fake().calls.find((c) => c.method === 'setMyCommands');
      assert.ok(commands, 'setMyCommands was called');
      const english = fake().calls.find((c) => c.method === 'setMyCommands' && c.params['language_code'] === 'en');
      assert.match(JSON.stringify(english?.params['commands']), /Link your account/, 'an English menu for Telegram apps set to English');
      const polled = fake().calls.find((c) => c.method === 'getUpdates')!;
      const allowed = typeof polled.params['allowed_updates'] === 'string' ? JSON.parse(polled.params['allowed_updates']) : polled.params['allowed_updates'];
      assert.ok((allowed as string[]).includes('callback_query'), 'button presses are polled too');
      const from = newTelegramUser();
      fake().sendText({ from, text: '/start' });
      assert.match((await fake().waitForMessage({ chatId: from.id, text: /Selamat datang/ })).text, /\/start NOMOR_HP/);
      fake().sendText({ from, text: '/help' });
      const help = await fake().waitForMessage({ chatId: from.id, text: /Perintah bot P2H/ });
      for (const command of ['/start', '/status', '/unlink', '/help']) assert.ok(help.text.includes(command));
    });
  });

  // The error boundary: a failure that is not Telegram's (here the links service, as if the
  // database were down) gets the failure text and a log line without the token.
  describe('a failing handler', () => {
    const lines: string[] = [];
    const log = pino({ level: 'trace' }, { write: (line: string) => void lines.push(line) });
    const fake = useBot(ctx, 'verified', undefined, { log, links: databaseDown });

    it('answers botText.id.failure() and logs the error without the token', async () => {
      const from = tgUser(780_001);
      fake().sendText({ from, text: '/status' });
      assert.equal((await fake().waitForMessage({ chatId: from.id })).text, botText.id.failure());
      fake().reset();
      fake().sendText({ from, text: '/unlink' });
      assert.equal((await fake().waitForMessage({ chatId: from.id })).text, botText.id.failure());
      assert.equal(fake().messagesTo(from.id).length, 1, 'one answer per command, nothing else');

      const failures = lines.filter((l) => l.includes('telegram handler failed'));
      assert.equal(failures.length, 2);
      assert.match(failures[0]!, /Connection terminated unexpectedly/);
      for (const line of lines) assert.ok(!line.includes(SECRET), line);

      // What does not need the failing part still works.
      fake().sendText({ from, text: '/help' });
      await fake().waitForMessage({ chatId: from.id, text: /Perintah bot P2H/ });
    });
  });

  it('/start NOMOR_HP asks to share the own contact, and links only when it is the sender\'s own number', async () => {
    const account = await ctx().createUser('user', { phone: '081344400001', name: 'Budi <Santoso> & Co' });
    const from = newTelegramUser();
    fake().sendText({ from, text: '/start 0813-4440-0001' });
    const ask = await fake().waitForMessage({ chatId: from.id, text: /Bagikan Nomor Saya/ });
    assert.deepEqual((ask.reply_markup as { keyboard: { request_contact: boolean }[][] }).keyboard[0]![0]!.request_contact, true);
    assert.equal((await ctx().app.services.telegramLinks.status(account.id)).is_linked, false, 'a typed number alone links nothing');

    fake().sendContact({ from, contact: { phone_number: '6281344400001', first_name: 'Budi' } });
    const done = await fake().waitForMessage({ chatId: from.id, text: /Berhasil Terhubung/ });
    assert.ok(done.text.startsWith('✅ Berhasil Terhubung!'));
    assert.ok(done.text.includes('Nama: Budi &lt;Santoso&gt; &amp; Co'), done.text);
    assert.ok(done.text.includes('Nomor: 0813****0001'), 'the number is masked');
    assert.ok(done.text.includes('Peran: Pengemudi'), 'the role in words, not the code "user"');
    assert.ok(done.text.includes('🔔'));
    const status = await ctx().app.services.telegramLinks.status(account.id);
    assert.equal(status.telegram_chat_id, String(from.id));
    assert.equal(status.telegram_username, from.username);
    const trail = await ctx().app.services.telegramLinks.auditTrail(account.id);
    assert.deepEqual(trail.map((r) => [r.action, r.method]), [['link', 'contact']]);
  });

  it('refuses someone else\'s contact, a forwarded contact and a number that differs from the typed one', async () => {
    const victim = await ctx().createUser('user', { phone: '081344400002' });
    await ctx().createUser('user', { phone: '081344400003' });
    const attacker = newTelegramUser();
    fake().sendText({ from: attacker, text: '/start 081344400002' });
    await fake().waitForMessage({ chatId: attacker.id, text: /Bagikan Nomor Saya/ });

    fake().sendContact({ from: attacker, contact: { phone_number: '6281344400002', user_id: attacker.id + 1 } });
    assert.match((await fake().waitForMessage({ chatId: attacker.id, text: /bukan milik Anda/ })).text, /Bagikan Nomor Saya/);
    fake().reset();
    fake().sendContact({ from: attacker, contact: { phone_number: '6281344400002', user_id: attacker.id }, forwardedFrom: tgUser(attacker.id + 1) });
    await fake().waitForMessage({ chatId: attacker.id, text: /bukan milik Anda/ });
    fake().sendContact({ from: attacker, contact: { phone_number: '+62 813-4440-0003' } });
    await fake().waitForMessage({ chatId: attacker.id, text: /tidak sama dengan nomor yang Anda ketik/ });
    assert.equal((await ctx().app.services.telegramLinks.status(victim.id)).is_linked, false);
    assert.equal(await ctx().app.services.telegramLinks.findByChat(String(attacker.id)), undefined);
  });

  it('unknown numbers, garbage, long arguments and letters get clear replies and link nothing', async () => {
    const from = newTelegramUser();
    // An unknown number gets the same answer as a known one; its owner learns more by sharing the contact.
    const owner = newTelegramUser();
    fake().sendText({ from: owner, text: '/start 081344409999' });
    await fake().waitForMessage({ chatId: owner.id, text: /Bagikan Nomor Saya/ });
    fake().sendContact({ from: owner, contact: { phone_number: '6281344409999' } });
    assert.match((await fake().waitForMessage({ chatId: owner.id, text: /tidak ditemukan/ })).text, /6281344409999/);
    for (const text of ['/start abc!!', `/start ${'9'.repeat(4000)}`, '/start 0812abc34567', '/start <script>']) {
      fake().reset();
      fake().sendText({ from, text });
      assert.match((await fake().waitForMessage({ chatId: from.id })).text, /Format tidak dikenali/, text.slice(0, 30));
    }
    fake().reset();
    fake().editText({ from, messageId: 1, text: '/start 081344400001' });
    fake().sendSticker({ from });
    assert.match((await fake().waitForMessage({ chatId: from.id, text: /\/help/ })).text, /tidak dikenal/);
    assert.equal(fake().messagesTo(from.id).length, 1, 'the edited message got no answer');
    assert.equal(await ctx().app.services.telegramLinks.findByChat(String(from.id)), undefined);
  });

  it('a chat linked to one user cannot be claimed for another; /status and /unlink work from the chat', async () => {
    const first = await ctx().createUser('user', { phone: '081344400004', email: 'rahasia@p2h.id' });
    await ctx().createUser('user', { phone: '081344400005' });
    const from = newTelegramUser();
    fake().sendText({ from, text: '/status' });
    await fake().waitForMessage({ chatId: from.id, text: /belum terhubung/ });
    fake().sendText({ from, text: '/start 081344400004' });
    await fake().waitForMessage({ chatId: from.id, text: /Bagikan Nomor Saya/ });
    fake().sendContact({ from, contact: { phone_number: '6281344400004' } });
    await fake().waitForMessage({ chatId: from.id, text: /Berhasil Terhubung/ });

    fake().sendText({ from, text: '/start 081344400005' });
    await fake().waitForMessage({ chatId: from.id, text: /sudah terhubung dengan akun P2H lain/ });

    fake().reset();
    fake().sendText({ from, text: '/status' });
    const status = await fake().waitForMessage({ chatId: from.id, text: /terhubung dengan akun P2H/ });
    assert.ok(!status.text.includes('rahasia@p2h.id'), 'no email in /status');

    fake().sendText({ from, text: '/unlink' });
    await fake().waitForMessage({ chatId: from.id, text: /diputuskan/ });
    assert.equal((await ctx().app.services.telegramLinks.status(first.id)).is_linked, false);
  });

  it('a one-time web link token links once; a replay or an expired token is refused; two chats racing get one link', async () => {
    const account = await ctx().createUser('user');
    const links = ctx().app.services.telegramLinks;
    const { token } = await links.createToken(account.id);
    const from = newTelegramUser();
    const rival = newTelegramUser();
    fake().sendText({ from, text: `/start ${token}` });
    fake().sendText({ from: rival, text: `/start ${token}` });
    const answers = await Promise.all([fake().waitForMessage({ chatId: from.id }), fake().waitForMessage({ chatId: rival.id })]);
    assert.deepEqual(answers.map((a) => /Berhasil Terhubung/.test(a.text)).sort(), [false, true]);
    assert.ok(answers.some((a) => /kedaluwarsa atau sudah dipakai/.test(a.text)));
    const linkedChat = (await links.status(account.id)).telegram_chat_id;
    assert.ok(linkedChat === String(from.id) || linkedChat === String(rival.id));

    const other = await ctx().createUser('user');
    const expired = await links.createToken(other.id);
    ctx().clock.now = new Date(ctx().clock.now.getTime() + 11 * 60_000);
    try {
      const late = newTelegramUser();
      fake().sendText({ from: late, text: `/start ${expired.token}` });
      await fake().waitForMessage({ chatId: late.id, text: /kedaluwarsa/ });
      assert.equal((await links.status(other.id)).is_linked, false);
    } finally {
      ctx().clock.now = new Date(ctx().clock.now.getTime() - 11 * 60_000);
    }
  });

  it('group chats get a pointer to the private chat and link nothing', async () => {
    await ctx().createUser('user', { phone: '081344400006' });
    const from = newTelegramUser();
    fake().groupText({ from, chatId: -100555, text: '/start 081344400006' });
    await fake().waitForMessage({ chatId: -100555, text: /chat pribadi/ });
    assert.equal(await ctx().app.services.telegramLinks.findByChat('-100555'), undefined);
  });

  it('blocking the bot marks the link unreachable; unblocking restores it', async () => {
    const account = await ctx().createUser('user', { phone: '081344400007' });
    const from = newTelegramUser();
    await ctx().app.services.telegramLinks.linkById(account.id, { chatId: String(from.id), username: null }, 'contact');
    fake().myChatMember({ from, status: 'kicked' });
    await waitUntil(async () => (await ctx().app.services.telegramLinks.status(account.id)).is_reachable === false);
    fake().myChatMember({ from, status: 'member' });
    await waitUntil(async () => (await ctx().app.services.telegramLinks.status(account.id)).is_reachable === true);
    const actions = (await ctx().app.services.telegramLinks.auditTrail(account.id)).map((r) => r.action);
    assert.deepEqual(actions, ['link', 'blocked', 'unblocked']);
  });

  it('floods from one chat are cut off; updates without a sender and failing sends do not stop polling', async () => {
    const from = newTelegramUser();
    fake().reset();
    for (let i = 0; i < 20; i++) fake().sendText({ from, text: '/status' });
    await fake().waitForMessage({ chatId: from.id, text: /Terlalu banyak perintah/ });
    await new Promise((r) => setTimeout(r, 300));
    assert.ok(fake().messagesTo(from.id).length <= 7, `${fake().messagesTo(from.id).length} replies to a flood`);

    fake().injectUpdate({ message: { message_id: 1, date: 0, chat: { id: -1009, type: 'channel', title: 'x' } } as never });
    const other = newTelegramUser();
    fake().fail({ method: 'sendMessage', chatId: other.id, response: { status: 500 } });
    fake().sendText({ from: other, text: '/help' });
    await fake().waitForCalls('sendMessage', 1, 5000);
    fake().sendText({ from: other, text: '/help' });
    await fake().waitForMessage({ chatId: other.id, text: /Perintah bot P2H/ });
  });
});

describeEachDatabase(
  'Telegram bot: TELEGRAM_LINK_MODE=phone',
  (ctx) => {
    const fake = useBot(ctx, 'phone');
    it('links in one step on /start NOMOR_HP, as the seed describes', async () => {
      const account = await ctx().createUser('user', { phone: '081344400008', name: 'John Doe' });
      const from = newTelegramUser();
      fake().sendText({ from, text: '/start 081344400008' });
      const reply = await fake().waitForMessage({ chatId: from.id, text: /Berhasil Terhubung/ });
      assert.match(reply.text, /Nama: John Doe\n• Nomor: 0813\*\*\*\*0008\n• Peran: Pengemudi/);
      assert.equal((await ctx().app.services.telegramLinks.status(account.id)).telegram_chat_id, String(from.id));
      fake().sendText({ from, text: '/start 081344409998' });
      await fake().waitForMessage({ chatId: from.id, text: /tidak ditemukan/ });
    });
  },
  { TELEGRAM_LINK_MODE: 'phone' },
);

/** The real service, except that reading or dropping a chat's link fails like a lost connection. */
function databaseDown(real: TelegramLinkService): TelegramLinkService {
  const down = () => Promise.reject(new Error('Connection terminated unexpectedly'));
  return Object.assign(Object.create(real) as TelegramLinkService, { findByChat: down, unlinkChat: down });
}

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail('condition not reached in time');
}
