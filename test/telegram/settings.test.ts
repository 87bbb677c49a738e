/** /settings: the same preferences as the web profile, changed with buttons, the message edited in place. */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { parseSettingsButton, renderSettings } from '../../src/telegram/settings-view.js';
import { DEFAULT_PREFERENCES } from '../../src/preferences/rules.js';
import { user as tgUser } from '../fake-telegram/server.js';
import { describeEachDatabase } from '../support/app.js';
import { useBot } from './bot-harness.js';

let chatSeq = 940_000;

it('reads only the buttons it offers: ABNORMAL off, other presets and forged data are refused', () => {
  assert.deepEqual(parseSettingsButton('settings:p2h_warning:off'), { p2h_warning: 'off' });
  assert.deepEqual(parseSettingsButton('settings:language:en'), { language: 'en' });
  assert.deepEqual(parseSettingsButton('settings:quiet:0'), { quiet_hours_start: '22:00', quiet_hours_end: '05:00' });
  assert.deepEqual(parseSettingsButton('settings:quiet:off'), { quiet_hours_start: null, quiet_hours_end: null });
  assert.equal(parseSettingsButton('settings:noop'), 'noop');
  for (const data of ['settings:p2h_abnormal:off', 'settings:quiet:7', 'settings:quiet:0100-0200', 'settings:language:fr', 'settings:volume:on', 'settings:p2h_warning:on ', undefined, '']) {
    assert.equal(parseSettingsButton(data), undefined, String(data));
  }
  // Every button the screen shows parses back to a change (or the label no-op).
  for (const row of renderSettings(DEFAULT_PREFERENCES).keyboard) {
    for (const button of row) assert.notEqual(parseSettingsButton((button as { callback_data: string }).callback_data), undefined, JSON.stringify(button));
  }
});

describeEachDatabase('Telegram: /settings', (ctx) => {
  const fake = useBot(ctx);

  const linked = async () => {
    const account = await ctx().createUser('user');
    const chat = ++chatSeq;
    await ctx().app.services.telegramLinks.linkById(account.id, { chatId: String(chat), username: null }, 'contact');
    return { account, from: tgUser(chat) };
  };

  it('a press saves the preference, edits the screen in place, and the web profile shows it', async () => {
    const { account, from } = await linked();
    fake().sendText({ from, text: '/settings' });
    const screen = await fake().waitForMessage({ chatId: from.id, text: /Pengaturan Notifikasi/ });
    assert.match(screen.text, /P2H WARNING: 🔕 Senyap/);

    const answer = await fake().pressButton({ from, data: 'settings:p2h_warning:on', message: screen.message });
    assert.equal(answer.text, 'Tersimpan ✅');
    await fake().waitForCall('editMessageText', (p) => Number(p['message_id']) === screen.message_id);
    assert.match(fake().botMessage(from.id, screen.message_id)!.text ?? '', /P2H WARNING: 🔔 Bunyi/);

    const web = await ctx().request({ method: 'GET', url: '/api/users/me/notification-preferences', token: account.token });
    assert.equal(web.body.payload.p2h_warning, 'on');

    // Language too: the screen answers in English from then on.
    const english = await fake().pressButton({ from, data: 'settings:language:en', message: screen.message });
    assert.equal(english.text, 'Saved ✅');
    await fake().waitForCall('editMessageText', (p) => Number(p['message_id']) === screen.message_id && /Notification settings/.test(String(p['text'])));
  });

  it('pressing the option already chosen answers, and the unchanged message is not an error', async () => {
    const { from } = await linked();
    fake().sendText({ from, text: '/settings' });
    const screen = await fake().waitForMessage({ chatId: from.id, text: /Pengaturan Notifikasi/ });
    const answer = await fake().pressButton({ from, data: 'settings:p2h_warning:silent', message: screen.message });
    assert.equal(answer.text, 'Tersimpan ✅');
  });

  it("a new link takes Telegram's language first, and never overrides a choice already made", async () => {
    const english = await ctx().createUser('user', { phone: '081355500001' });
    const from = tgUser(++chatSeq, { language_code: 'en' });
    fake().sendText({ from, text: '/start 081355500001' });
    await fake().waitForMessage({ chatId: from.id, text: /Share My Number/ });
    fake().sendContact({ from, contact: { phone_number: '6281355500001', first_name: 'Eng' } });
    await fake().waitForMessage({ chatId: from.id, text: /Linked successfully/ });
    assert.equal((await ctx().app.services.preferences.get(english.id)).language, 'en');

    const chose = await ctx().createUser('user', { phone: '081355500002' });
    await ctx().app.services.preferences.update(chose.id, { language: 'id' });
    const from2 = tgUser(++chatSeq, { language_code: 'en-US' });
    fake().sendText({ from: from2, text: '/start 081355500002' });
    // Unlinked, the chat hears Telegram's English; once linked, the account's own choice (Indonesian).
    await fake().waitForMessage({ chatId: from2.id, text: /Share My Number/ });
    fake().sendContact({ from: from2, contact: { phone_number: '6281355500002', first_name: 'Id' } });
    await fake().waitForMessage({ chatId: from2.id, text: /Berhasil Terhubung/ });
    assert.equal((await ctx().app.services.preferences.get(chose.id)).language, 'id');
  });

  it('an unlinked chat is told to link first, and its presses change nothing', async () => {
    const from = tgUser(++chatSeq);
    fake().sendText({ from, text: '/settings' });
    await fake().waitForMessage({ chatId: from.id, text: /belum terhubung/ });
    const answer = await fake().pressButton({ from, data: 'settings:p2h_warning:off' });
    assert.match(answer.text, /belum terhubung/);
    assert.equal(answer.showAlert, true);
  });
});
