import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Bot, GrammyError, HttpError } from 'grammy';
import { DEFAULT_TOKEN, inlineButtons, startFakeTelegram, user, type FakeTelegram, type FakeTelegramOptions } from './server.js';

async function withFake(fn: (fake: FakeTelegram, bot: Bot) => Promise<void>, options?: FakeTelegramOptions): Promise<void> {
  const fake = await startFakeTelegram(options);
  const bot = new Bot(DEFAULT_TOKEN, { client: { apiRoot: fake.apiRoot } });
  try {
    await fn(fake, bot);
  } finally {
    await fake.close();
  }
}

const grammyError = (code: number, extra?: (e: GrammyError) => boolean) => (e: unknown): boolean => {
  assert.ok(e instanceof GrammyError, `expected GrammyError, got ${String(e)}`);
  assert.equal(e.error_code, code, e.description);
  return extra ? extra(e) : true;
};
const httpError = (e: unknown): boolean => {
  assert.ok(e instanceof HttpError, `expected HttpError, got ${String(e)}`);
  return true;
};

describe('fake telegram: basics', () => {
  it('answers getMe through bot.init()', () => withFake(async (fake, bot) => {
    await bot.init();
    assert.equal(bot.botInfo.username, 'p2h_test_bot');
    assert.equal(bot.botInfo.id, 123456);
    assert.equal(bot.botInfo.is_bot, true);
    assert.equal(fake.calls[0]?.method, 'getMe');
    assert.equal(fake.calls[0]?.status, 200);
  }));

  it('records sendMessage and returns realistic Message objects', () => withFake(async (fake, bot) => {
    const m1 = await bot.api.sendMessage(42, 'Halo <b>Budi</b> &amp; co', {
      parse_mode: 'HTML', reply_markup: { inline_keyboard: [[{ text: 'OK', callback_data: 'ok:1' }]] },
      link_preview_options: { is_disabled: true },
    });
    const m2 = await bot.api.sendMessage(42, 'kedua');
    const g = await bot.api.sendMessage(-1001234567890, 'grup');
    const small = await bot.api.sendMessage(-4321, 'grup kecil');
    assert.equal(m1.chat.type, 'private');
    assert.equal(m1.text, 'Halo Budi & co');
    assert.deepEqual(m1.entities, [{ type: 'bold', offset: 5, length: 4 }]);
    assert.equal(m2.message_id, m1.message_id + 1);
    assert.equal(g.chat.type, 'supergroup');
    assert.equal(small.chat.type, 'group');
    assert.equal(fake.sent.length, 4);
    const [first] = fake.messagesTo(42);
    assert.equal(first?.text, 'Halo <b>Budi</b> &amp; co');
    assert.equal(first?.parse_mode, 'HTML');
    assert.deepEqual(first?.reply_markup, { inline_keyboard: [[{ text: 'OK', callback_data: 'ok:1' }]] });
    assert.deepEqual(first?.link_preview_options, { is_disabled: true });
    assert.equal(fake.messagesTo('42').length, 2);
    assert.equal((await fake.waitForMessage({ chatId: -4321 })).text, 'grup kecil');
  }));

  it('rejects unknown tokens with 401, unknown methods with 404, bad bodies with 400', () => withFake(async (fake) => {
    const stranger = new Bot('999:nope', { client: { apiRoot: fake.apiRoot } });
    await assert.rejects(stranger.init(), grammyError(401, (e) => e.description === 'Unauthorized'));
    const notFound = await fetch(fake.url('fooBar'), { method: 'POST' });
    assert.equal(notFound.status, 404);
    assert.deepEqual(await notFound.json(), { ok: false, error_code: 404, description: 'Not Found' });
    const bad = await fetch(fake.url('sendMessage'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"chat_id": 1,' });
    assert.equal(bad.status, 400);
    assert.equal(((await bad.json()) as { ok: boolean }).ok, false);
    const form = await fetch(fake.url('sendMessage'), {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'chat_id=7&text=form+text',
    });
    assert.equal(form.status, 200);
    const query = await fetch(`${fake.url('sendMessage')}?chat_id=8&text=q`);
    assert.equal(query.status, 200);
    assert.deepEqual(fake.sent.map((m) => [m.chat_id, m.text]), [[7, 'form text'], [8, 'q']]);
  }));

  it('never crashes on malformed requests', () => withFake(async (fake, bot) => {
    const post = (path: string, body?: string, type?: string) =>
      fetch(`${fake.apiRoot}${path}`, { method: 'POST', ...(body !== undefined ? { body } : {}), ...(type ? { headers: { 'content-type': type } } : {}) });
    const token = `/bot${DEFAULT_TOKEN}`;
    const cases: Array<[string, string | undefined, string | undefined, number]> = [
      ['/', undefined, undefined, 404],
      ['/bot', undefined, undefined, 404],
      [`${token}/sendMessage`, '[1,2]', 'application/json', 400],
      [`${token}/sendMessage`, 'null', 'application/json', 400],
      [`${token}/sendMessage`, '<xml/>', 'text/xml', 400],
      [`${token}/sendMessage`, '--x\r\n', 'multipart/form-data; boundary=x', 400],
      [`${token}/sendMessage`, 'chat_id=%zz&text=%', 'application/x-www-form-urlencoded', 400],
      [`${token}/sendMessage`, JSON.stringify({ chat_id: { nested: true }, text: 5 }), 'application/json', 400],
      [`${token}/getUpdates`, JSON.stringify({ offset: 'abc', limit: -5, timeout: 'x' }), 'application/json', 200],
      [`${token}/setMyCommands`, JSON.stringify({ commands: 'not json' }), 'application/json', 400],
      [`/bot%E0%A4%A/getMe`, undefined, undefined, 401],
    ];
    for (const [path, body, type, status] of cases) {
      const res = await post(path, body, type);
      assert.equal(res.status, status, `${path} ${body ?? ''}`);
      assert.equal(((await res.json()) as { ok: boolean }).ok, status === 200, path);
    }
    await bot.api.getMe();
  }));

  it('serves several bots with separate identities and queues', () => withFake(async (fake) => {
    const a = new Bot('111:aaa', { client: { apiRoot: fake.apiRoot } });
    const b = new Bot('222:bbb', { client: { apiRoot: fake.apiRoot } });
    await a.init();
    await b.init();
    assert.deepEqual([a.botInfo.username, a.botInfo.id, b.botInfo.username, b.botInfo.id], ['admin_bot', 111, 'p2h_test_bot2', 222]);
    fake.sendText({ from: user(5), text: 'for b', token: '222:bbb' });
    assert.equal((await a.api.getUpdates()).length, 0);
    assert.equal((await b.api.getUpdates())[0]?.message?.text, 'for b');
  }, { tokens: ['111:aaa', '222:bbb'], bot: { username: 'admin_bot' } }));
});

describe('fake telegram: updates and long polling', () => {
  it('drives bot.command handlers through real long polling', () => withFake(async (fake, bot) => {
    const seen: string[] = [];
    bot.command('start', async (ctx) => {
      seen.push(`start:${ctx.match}`);
      await ctx.reply(`Halo ${ctx.from?.first_name}, kode ${ctx.match}`);
    });
    bot.on('message:contact', (ctx) => {
      seen.push(`contact:${ctx.message.contact.phone_number}:${ctx.message.contact.user_id}:${ctx.message.forward_origin?.type ?? 'own'}`);
    });
    bot.on('message:sticker', (ctx) => { seen.push(`sticker:${ctx.message.sticker.emoji}`); });
    bot.on('edited_message:text', (ctx) => { seen.push(`edit:${ctx.editedMessage.text}`); });
    bot.on('my_chat_member', (ctx) => { seen.push(`member:${ctx.myChatMember.new_chat_member.status}`); });
    bot.on('message:text', (ctx) => { seen.push(`${ctx.chat.type}:${ctx.message.text}`); });
    let started!: () => void;
    const onStart = new Promise<void>((r) => { started = r; });
    const running = bot.start({ drop_pending_updates: false, timeout: 1, onStart: () => started() });
    await onStart;
    const budi = user(1001, { first_name: 'Budi' });
    const start = fake.sendText({ from: budi, text: '/start 081234567890' });
    assert.deepEqual(start.message?.entities, [{ type: 'bot_command', offset: 0, length: 6 }]);
    const reply = await fake.waitForMessage({ chatId: 1001, text: /kode 081234567890/ });
    assert.equal(reply.text, 'Halo Budi, kode 081234567890');
    fake.sendContact({ from: budi, contact: { phone_number: '+6281234567890', first_name: 'Budi' } });
    fake.sendContact({ from: budi, contact: { phone_number: '+6289999', first_name: 'Ani' }, forwardedFrom: user(2002) });
    fake.sendSticker({ from: budi, emoji: '🚚' });
    fake.editText({ from: budi, messageId: start.message?.message_id ?? 0, text: 'diedit' });
    fake.myChatMember({ from: budi, status: 'kicked' });
    fake.groupText({ from: budi, chatId: -100200300, text: 'di grup' });
    const deadline = Date.now() + 3000;
    while (seen.length < 7 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 10));
    await bot.stop();
    await running;
    assert.deepEqual(seen, [
      'start:081234567890', 'contact:+6281234567890:1001:own', 'contact:+6289999:undefined:user',
      'sticker:🚚', 'edit:diedit', 'member:kicked', 'group:di grup',
    ]);
    assert.equal(fake.pendingUpdates().length, 0, 'bot.stop() confirmed all updates');
    assert.equal(fake.knownChat(-100200300)?.type, 'group');
  }));

  it('answers a held getUpdates as soon as an update is injected', () => withFake(async (fake, bot) => {
    const t0 = Date.now();
    setTimeout(() => fake.sendText({ from: user(7), text: 'hi' }), 100);
    const updates = await bot.api.getUpdates({ timeout: 10 });
    assert.ok(Date.now() - t0 < 1000, `took ${Date.now() - t0}ms`);
    assert.equal(updates.length, 1);
    // unconfirmed updates come again; an offset confirms them
    assert.equal((await bot.api.getUpdates()).length, 1);
    fake.sendText({ from: user(7), text: 'two' });
    fake.sendText({ from: user(7), text: 'three' });
    const next = await bot.api.getUpdates({ offset: (updates[0]?.update_id ?? 0) + 1, limit: 1 });
    assert.deepEqual(next.map((u) => u.message?.text), ['two']);
    assert.deepEqual((await bot.api.getUpdates({ offset: -1 })).map((u) => u.message?.text), ['three']);
    // a timed-out poll answers []
    const empty = await bot.api.getUpdates({ offset: 999, timeout: 1 });
    assert.deepEqual(empty, []);
    // a second poller terminates the first with 409, like Telegram
    const first = bot.api.getUpdates({ timeout: 5 });
    await new Promise((r) => setTimeout(r, 50));
    const second = bot.api.getUpdates({ offset: 999, timeout: 5 });
    await assert.rejects(first, grammyError(409));
    fake.sendText({ from: user(7), text: 'wake' });
    assert.equal((await second)[0]?.message?.text, 'wake');
  }));

  it('keeps webhook state and refuses getUpdates while a webhook is set', () => withFake(async (fake, bot) => {
    await assert.rejects(bot.api.setWebhook('http://insecure.example'), grammyError(400));
    await bot.api.setWebhook('https://p2h.example/tg');
    assert.equal((await bot.api.getWebhookInfo()).url, 'https://p2h.example/tg');
    await assert.rejects(bot.api.getUpdates(), grammyError(409, (e) => e.description.startsWith('Conflict')));
    fake.sendText({ from: user(3), text: 'x' });
    assert.equal((await bot.api.getWebhookInfo()).pending_update_count, 1);
    await bot.api.deleteWebhook({ drop_pending_updates: true });
    assert.equal((await bot.api.getWebhookInfo()).url, '');
    assert.deepEqual(await bot.api.getUpdates(), []);
  }));

  it('close() ends held long polls promptly', async () => {
    const fake = await startFakeTelegram();
    const bot = new Bot(DEFAULT_TOKEN, { client: { apiRoot: fake.apiRoot } });
    const poll = bot.api.getUpdates({ timeout: 30 });
    while (fake.bot().polling === 0) await new Promise((r) => setTimeout(r, 5));
    const t0 = Date.now();
    await fake.close();
    assert.deepEqual(await poll, []);
    assert.ok(Date.now() - t0 < 1000);
    await fake.close();
  });
});

describe('fake telegram: other methods', () => {
  it('getChat, commands, callbacks, chat actions, edits, blocking', () => withFake(async (fake, bot) => {
    await assert.rejects(bot.api.getChat(555), grammyError(400, (e) => e.description === 'Bad Request: chat not found'));
    fake.registerChat(555);
    assert.equal((await bot.api.getChat(555)).type, 'private');
    await bot.api.setMyCommands([{ command: 'start', description: 'Mulai' }]);
    await bot.api.setMyCommands([{ command: 'admin', description: 'Admin' }], { scope: { type: 'chat', chat_id: 9 } });
    assert.deepEqual(await bot.api.getMyCommands(), [{ command: 'start', description: 'Mulai' }]);
    assert.equal((await bot.api.getMyCommands({ scope: { type: 'chat', chat_id: 9 } }))[0]?.command, 'admin');
    await assert.rejects(bot.api.setMyCommands([{ command: 'Bad-Cmd', description: 'x' }]), grammyError(400));
    await bot.api.deleteMyCommands();
    assert.deepEqual(await bot.api.getMyCommands(), []);
    assert.equal(await bot.api.answerCallbackQuery('cbq-1', { text: 'ok' }), true);
    assert.equal(await bot.api.sendChatAction(555, 'typing'), true);
    const m = await bot.api.sendMessage(555, 'v1');
    const edited = await bot.api.editMessageText(555, m.message_id, '<i>v2</i>', { parse_mode: 'HTML' });
    assert.ok(edited !== true && 'text' in edited && edited.text === 'v2' && edited.edit_date !== undefined);
    await assert.rejects(bot.api.editMessageText(555, m.message_id, '<i>v2</i>', { parse_mode: 'HTML' }), grammyError(400, (e) => /not modified/.test(e.description)));
    await assert.rejects(bot.api.editMessageText(555, 999, 'x'), grammyError(400, (e) => /message to edit not found/.test(e.description)));
    fake.myChatMember({ from: user(555), status: 'kicked' });
    await assert.rejects(bot.api.sendMessage(555, 'blocked?'), grammyError(403, (e) => e.description === 'Forbidden: bot was blocked by the user'));
    fake.myChatMember({ from: user(555), status: 'member' });
    await bot.api.sendMessage(555, 'back');
    fake.migrateGroup(-77, -1000000000077);
    await assert.rejects(bot.api.sendMessage(-77, 'x'), grammyError(400, (e) => e.parameters.migrate_to_chat_id === -1000000000077));
    assert.equal(await bot.api.close(), true);
    assert.equal(await bot.api.logOut(), true);
  }));

  it('a pressed button resolves with the bot\'s answer; an edit may carry the entities it received back', () => withFake(async (fake, bot) => {
    const sent = await bot.api.sendMessage(556, '<b>Rem</b> bocor', { parse_mode: 'HTML', reply_markup: { inline_keyboard: [[{ text: 'Ambil', callback_data: 'defect:take:1' }]] } });
    bot.on('callback_query:data', async (ctx) => {
      await ctx.answerCallbackQuery({ text: `got ${ctx.callbackQuery.data}`, show_alert: true });
      await ctx.editMessageText(`${ctx.callbackQuery.message!.text!}\nok`, { entities: ctx.callbackQuery.message!.entities!, reply_markup: { inline_keyboard: [] } });
    });
    await bot.init();
    const detach = fake.deliverTo((update) => bot.handleUpdate(update));
    assert.deepEqual(await fake.pressButton({ from: user(556), data: 'defect:take:1', message: sent }), { text: 'got defect:take:1', showAlert: true });
    await fake.waitForCall('editMessageText', (p) => Number(p['message_id']) === sent.message_id);
    await detach();
    const edited = fake.botMessage(556, sent.message_id)!;
    assert.equal(edited.text, 'Rem bocor\nok');
    assert.deepEqual(edited.entities, [{ type: 'bold', offset: 0, length: 3 }]);
    assert.equal(edited.reply_markup, undefined, 'an empty keyboard removes the buttons');
    assert.deepEqual(inlineButtons(sent.reply_markup).map((b) => b.text), ['Ambil']);
  }));

  it('strictChats rejects sends to chats it never saw', () => withFake(async (fake, bot) => {
    await assert.rejects(bot.api.sendMessage(31, 'x'), grammyError(400, (e) => e.description === 'Bad Request: chat not found'));
    fake.sendText({ from: user(31), text: '/start' });
    await bot.api.sendMessage(31, 'now known');
  }, { strictChats: true }));

  it('validates text and HTML like Telegram', () => withFake(async (_fake, bot) => {
    const html = (text: string) => bot.api.sendMessage(1, text, { parse_mode: 'HTML' });
    const parseFails = async (text: string, re: RegExp) =>
      assert.rejects(html(text), grammyError(400, (e) => e.description.startsWith("Bad Request: can't parse entities: ") && re.test(e.description)));
    const ok = await html('<b>a</b><strong>b</strong><i>c</i><em>d</em><u>e</u><ins>f</ins><s>g</s><strike>h</strike><del>i</del>' +
      '<a href="https://x.example/?a=1&amp;b=2">j</a><code>k</code><pre><code class="language-ts">l</code></pre>' +
      '<tg-spoiler>m</tg-spoiler><span class="tg-spoiler">n</span><blockquote expandable>o</blockquote> &lt;&gt;&amp;&quot;&#39;&#x41;');
    assert.ok(ok.text?.endsWith(` <>&"'A`));
    assert.deepEqual(ok.entities?.find((e) => e.type === 'text_link'), { type: 'text_link', offset: 9, length: 1, url: 'https://x.example/?a=1&b=2' });
    assert.deepEqual(ok.entities?.find((e) => e.type === 'pre'), { type: 'pre', offset: 11, length: 1, language: 'ts' });
    await parseFails('<foo>x</foo>', /Unsupported start tag "foo" at byte offset 0/);
    await parseFails('<b>unclosed', /Can't find end tag corresponding to start tag "b"/);
    await parseFails('<b><i>x</b></i>', /Unmatched end tag at byte offset 7, expected "<\/i>", found "<\/b>"/);
    await parseFails('x</b>', /Unexpected end tag/);
    await parseFails('jarak < 5 km', /Unsupported start tag "" at byte offset 6/);
    await parseFails('Tom & Jerry', /Unescaped "&"/);
    await parseFails('<span>x</span>', /must have class "tg-spoiler"/);
    await parseFails('<br>', /Unsupported start tag "br"/);
    await assert.rejects(bot.api.sendMessage(1, ''), grammyError(400, (e) => e.description === 'Bad Request: message text is empty'));
    await assert.rejects(bot.api.sendMessage(1, 'x'.repeat(4097)), grammyError(400, (e) => e.description === 'Bad Request: message is too long'));
    await html(`<b>${'x'.repeat(4096)}</b>`); // length counts the visible text
    await assert.rejects(bot.api.sendMessage(1, 'Selesai.', { parse_mode: 'MarkdownV2' }), grammyError(400, (e) => /Character '\.' is reserved/.test(e.description)));
    await bot.api.sendMessage(1, '*Selesai*\\. [link](https://x.example)', { parse_mode: 'MarkdownV2' });
    await assert.rejects(bot.api.sendMessage(1, 'x', { reply_markup: { inline_keyboard: [[{ text: 'a', callback_data: 'd'.repeat(65) }]] } }),
      grammyError(400, (e) => e.description === 'Bad Request: BUTTON_DATA_INVALID'));
  }));

  it('plain text with < and & is fine without parse_mode', () => withFake(async (_fake, bot) => {
    assert.equal((await bot.api.sendMessage(1, '1 < 2 & 3 > 2')).text, '1 < 2 & 3 > 2');
  }));
});

describe('fake telegram: faults, limits, waiting', () => {
  it('injects each fault kind and grammY sees the matching error', () => withFake(async (fake, bot) => {
    const send = (chat = 10) => bot.api.sendMessage(chat, 'hi');
    fake.fail({ method: 'sendMessage', response: { status: 429, retryAfter: 7 } });
    await assert.rejects(send(), grammyError(429, (e) => e.parameters.retry_after === 7 && e.description === 'Too Many Requests: retry after 7'));
    fake.fail({ method: 'sendMessage', response: { status: 403 } });
    await assert.rejects(send(), grammyError(403, (e) => e.description === 'Forbidden: bot was blocked by the user'));
    fake.fail({ method: 'sendMessage', response: { status: 400 } });
    await assert.rejects(send(), grammyError(400, (e) => e.description === 'Bad Request: chat not found'));
    fake.fail({ method: 'sendMessage', response: { status: 400, migrateTo: -100555 } });
    await assert.rejects(send(), grammyError(400, (e) => e.parameters.migrate_to_chat_id === -100555 && /upgraded to a supergroup/.test(e.description)));
    fake.fail({ method: 'sendMessage', response: { status: 500 } });
    await assert.rejects(send(), grammyError(500, (e) => e.description === 'Internal Server Error'));
    fake.fail({ method: 'sendMessage', response: { status: 502 } });
    await assert.rejects(send(), httpError);
    fake.fail({ method: 'sendMessage', response: { drop: true } });
    await assert.rejects(send(), httpError);
    fake.fail({ method: 'sendMessage', response: { garbage: true } });
    await assert.rejects(send(), httpError);
    fake.fail({ method: 'sendMessage', response: { delayMs: 150 } });
    const t0 = Date.now();
    await send();
    assert.ok(Date.now() - t0 >= 140);
    assert.equal(fake.sent.length, 1, 'only the delayed one was delivered');
    assert.deepEqual(fake.calls.filter((c) => c.method === 'sendMessage').map((c) => c.status), [429, 403, 400, 400, 500, 502, 0, 200, 200]);
  }));

  it('matches faults by chat, counts times, and can be persistent', () => withFake(async (fake, bot) => {
    const twice = fake.fail({ method: 'sendmessage', chatId: 1, times: 2, response: { status: 403 } });
    await bot.api.sendMessage(2, 'other chat unaffected');
    await assert.rejects(bot.api.sendMessage(1, 'a'), grammyError(403));
    await assert.rejects(bot.api.sendMessage(1, 'b'), grammyError(403));
    await bot.api.sendMessage(1, 'c');
    assert.equal(twice.hits, 2);
    fake.fail({ method: 'getMe', times: Infinity, response: { status: 500 } });
    for (let i = 0; i < 3; i++) await assert.rejects(bot.api.getMe(), grammyError(500));
    fake.clearFaults();
    await bot.api.getMe();
  }));

  it('enforces Telegram rate limits when asked', () => withFake(async (fake, bot) => {
    await bot.api.sendMessage(1, 'a');
    await assert.rejects(bot.api.sendMessage(1, 'b'), grammyError(429, (e) => e.parameters.retry_after === 1));
    await bot.api.sendMessage(2, 'other chat');
    fake.setLimits({ perChat: 100, perGroupPerMinute: 2 });
    await bot.api.sendMessage(-5, '1');
    await bot.api.sendMessage(-5, '2');
    await assert.rejects(bot.api.sendMessage(-5, '3'), grammyError(429, (e) => (e.parameters.retry_after ?? 0) >= 59));
    fake.setLimits({ global: 3, perChat: 100 });
    await Promise.all([1, 2, 3].map((c) => bot.api.sendMessage(c, 'x')));
    await assert.rejects(bot.api.sendMessage(4, 'x'), grammyError(429));
    assert.equal(fake.rateLimited, 3);
    fake.setLimits(false);
    await bot.api.sendMessage(4, 'x');
  }, { enforceLimits: true }));

  it('waitForMessage waits for future messages and explains timeouts', () => withFake(async (fake, bot) => {
    const waiting = fake.waitForMessage((m) => m.chat_id === 3);
    await bot.api.sendMessage(9, 'ke sembilan');
    setTimeout(() => void bot.api.sendMessage(3, 'ke tiga'), 30);
    assert.equal((await waiting).text, 'ke tiga');
    await assert.rejects(fake.waitForMessage({ text: 'never' }, 100), (e: Error) => {
      assert.match(e.message, /no matching sendMessage within 100ms/);
      assert.match(e.message, /chat 9: "ke sembilan"/);
      return true;
    });
    await assert.rejects(fake.waitForCalls('getChat', 1, 50), /expected 1 'getChat'/);
    fake.reset();
    assert.equal(fake.sent.length + fake.calls.length, 0);
  }));
});
