/**
 * The bot answers in the person's language: their stored choice once linked, Telegram's
 * language_code before that. Through the fake Bot API and the real bot.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { DEFECT_QUESTION, defectText } from '../../src/telegram/defect-messages.js';
import { botText } from '../../src/telegram/messages.js';
import { user as tgUser } from '../fake-telegram/server.js';
import { describeEachDatabase } from '../support/app.js';
import { useBot } from './bot-harness.js';

let chatSeq = 950_000;

it('names roles in words of the language, never the database code', () => {
  const account = { full_name: 'John Doe', phone_number: '+6281344400008', role: 'user' };
  assert.match(botText.id.linked(account), /^✅ Berhasil Terhubung!\n[\s\S]*• Peran: Pengemudi\n/);
  assert.match(botText.en.linked(account), /• Role: Driver\n/);
  assert.match(botText.id.status({ ...account, role: 'mechanic' }), /Peran: Mekanik$/);
  assert.match(botText.en.status({ ...account, role: 'viewer' }), /Role: Viewer$/);
  for (const text of [botText.id.linked(account), botText.id.status(account)]) assert.doesNotMatch(text, /Role|\buser\b/);
});

it('reads the defect id back from its repair-note question in either language', () => {
  for (const language of ['id', 'en'] as const) {
    const question = defectText[language].askRepairNote(42, 'Ban', 'P.309');
    assert.equal(DEFECT_QUESTION.exec(question)?.[1], '42', language);
  }
});

describeEachDatabase('Telegram: the bot in two languages', (ctx) => {
  const fake = useBot(ctx);

  const linkedUser = async (language: 'id' | 'en' | undefined, languageCode: string, role: 'user' | 'mechanic' = 'user') => {
    const account = await ctx().createUser(role);
    const chat = ++chatSeq;
    await ctx().app.services.telegramLinks.linkById(account.id, { chatId: String(chat), username: null }, 'contact');
    if (language) await ctx().app.services.preferences.update(account.id, { language });
    return { account, from: tgUser(chat, { language_code: languageCode }) };
  };

  it("answers /help from an unlinked chat in Telegram's language", async () => {
    const english = tgUser(++chatSeq, { language_code: 'en' });
    fake().sendText({ from: english, text: '/help' });
    assert.equal((await fake().waitForMessage({ chatId: english.id })).text, botText.en.help());

    const indonesian = tgUser(++chatSeq, { language_code: 'id' });
    fake().sendText({ from: indonesian, text: '/help' });
    assert.equal((await fake().waitForMessage({ chatId: indonesian.id })).text, botText.id.help());

    const unknown = tgUser(++chatSeq, { language_code: 'fr' });
    fake().sendText({ from: unknown, text: 'bonjour' });
    assert.equal((await fake().waitForMessage({ chatId: unknown.id })).text, botText.id.hint(), 'Indonesian unless Telegram says English');
  });

  it("answers a linked person in the language they chose, whatever Telegram's says", async () => {
    const { from } = await linkedUser('en', 'id');
    fake().sendText({ from, text: '/help' });
    assert.equal((await fake().waitForMessage({ chatId: from.id })).text, botText.en.help());
    fake().sendText({ from, text: '/status' });
    assert.match((await fake().waitForMessage({ chatId: from.id, text: /^✅ This chat is linked/ })).text, /Role: Driver$/);
    fake().sendText({ from, text: 'hello?' });
    await fake().waitForMessage({ chatId: from.id, text: /^Unknown command/ });

    const other = await linkedUser('id', 'en');
    fake().sendText({ from: other.from, text: '/status' });
    assert.match((await fake().waitForMessage({ chatId: other.from.id })).text, /terhubung[\s\S]*Peran: Pengemudi$/);
  });

  it('switches at once when the person picks another language in /settings', async () => {
    const { account, from } = await linkedUser(undefined, 'id');
    const answer = await fake().pressButton({ from, data: 'settings:language:en' });
    assert.equal(answer.text, 'Saved ✅');
    assert.equal((await ctx().app.services.preferences.get(account.id)).language, 'en');
    fake().sendText({ from, text: '/help' });
    assert.equal((await fake().waitForMessage({ chatId: from.id })).text, botText.en.help());
  });

  it("answers the workshop's buttons in the presser's language", async () => {
    const stranger = tgUser(++chatSeq, { language_code: 'en' });
    assert.equal((await fake().pressButton({ from: stranger, data: 'defect:take:1' })).text, defectText.en.notLinked());
    const { from } = await linkedUser('en', 'id', 'mechanic');
    assert.equal((await fake().pressButton({ from, data: 'defect:nonsense' })).text, defectText.en.unknownButton());
    const refused = await fake().pressButton({ from, data: 'defect:take:999999' });
    assert.equal(refused.text, '⚠️ Defect #999999 was not found.', 'the service speaks Indonesian; its refusal is told in English');
  });

  it('tells an unlinked English chat how to link, in English', async () => {
    const from = tgUser(++chatSeq, { language_code: 'en-GB' });
    fake().sendText({ from, text: '/start' });
    assert.equal((await fake().waitForMessage({ chatId: from.id })).text, botText.en.welcome());
    fake().sendText({ from, text: '/start 0813-5559-0001' });
    const ask = await fake().waitForMessage({ chatId: from.id, text: /Share My Number/ });
    assert.equal((ask.reply_markup as { keyboard: { text: string }[][] }).keyboard[0]![0]!.text, botText.en.shareButton);
  });
});
