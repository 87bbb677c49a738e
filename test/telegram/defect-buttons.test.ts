/**
 * The workshop's buttons take untrusted input: callback data anyone can forge, presses from people
 * who lost their link or their account, buttons pressed twice or by the wrong person, replies that
 * only look like answers. Each gets an answer that says what happened, and nothing changes wrongly.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pino } from 'pino';
import { eq } from 'drizzle-orm';
import { Api } from 'grammy';
import type { Message } from 'grammy/types';
import { takeButtons } from '../../src/notifications/render-defects.js';
import { parseDefectButton } from '../../src/telegram/composers/defects.js';
import { defectText } from '../../src/telegram/defect-messages.js';
import { botText } from '../../src/telegram/messages.js';
import { users } from '../../src/users/schema.js';
import type { TelegramLinkService } from '../../src/users/telegram-link.js';
import { DEFAULT_TOKEN, user as tgUser } from '../fake-telegram/server.js';
import { describeEachDatabase } from '../support/app.js';
import { useBot } from './bot-harness.js';

let chatSeq = 930_000;

describeEachDatabase('Telegram: defect buttons refuse what they must', (ctx) => {
  const fake = useBot(ctx);
  const api = () => new Api(DEFAULT_TOKEN, { apiRoot: fake().apiRoot });

  /** A linked P2H user and the Telegram user who presses for them. */
  const linked = async (role: 'mechanic' | 'admin' | 'user' | 'viewer', name: string) => {
    const account = await ctx().createUser(role, { name });
    const chat = ++chatSeq;
    await ctx().app.services.telegramLinks.linkById(account.id, { chatId: String(chat), username: null }, 'contact');
    return { account, from: tgUser(chat, { first_name: name }) };
  };

  /** An open ABNORMAL defect, reported by a driver outside a P2H. */
  const openDefect = async () => {
    const driver = await ctx().createUser('user');
    const vehicleId = await ctx().createVehicle();
    const [item] = await ctx().app.services.checklist.applicableItems('Light Vehicle');
    const res = await ctx().request({
      method: 'POST',
      url: '/api/defects',
      token: driver.token,
      body: { vehicle_id: vehicleId, checklist_item_id: item!.id, severity: 'abnormal', remark: 'rem blong' },
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    return res.body.payload as { id: number; item_name: string; vehicle_id: number };
  };

  /** The alert as the bot really sent it to someone's chat, so edits have a message to change. */
  const alertIn = async (chatId: number, defect: { id: number; item_name: string }): Promise<Message> =>
    api().sendMessage(chatId, `🔧 DEFECT BARU #${defect.id}`, { reply_markup: takeButtons([defect as never]) });

  const statusOf = async (id: number) => (await ctx().app.services.defects.get(id)).status;

  it('reads only well-formed defect buttons', () => {
    assert.deepEqual(parseDefectButton('defect:take:12'), { action: 'take', defectId: 12 });
    assert.deepEqual(parseDefectButton('defect:done:7'), { action: 'done', defectId: 7 });
    for (const data of [undefined, '', 'defect:take:', 'defect:take:0', 'defect:take:012', 'defect:take:-1', 'defect:take:1e3', 'defect:take:9999999999', 'defect:close:1', ' defect:take:1', 'defect:take:1\n']) {
      assert.equal(parseDefectButton(data), undefined, String(data));
    }
  });

  it('forged or unknown callback data is answered and changes nothing', async () => {
    const { from } = await linked('mechanic', 'Mekanik Curiga');
    const defect = await openDefect();
    for (const data of ['defect:take:abc', 'defect:take:0', `defect:take:${defect.id}0000000000`, `defect:close:${defect.id}`, 'x'.repeat(64)]) {
      const answer = await fake().pressButton({ from, data });
      assert.equal(answer.text, defectText.id.unknownButton(), data);
      assert.equal(answer.showAlert, true);
    }
    const missing = await fake().pressButton({ from, data: 'defect:take:999999' });
    assert.match(missing.text, /tidak ditemukan/);
    assert.equal(await statusOf(defect.id), 'open');
  });

  it('a stranger, a driver, a viewer and a deactivated mechanic cannot take it', async () => {
    const defect = await openDefect();
    const stranger = await fake().pressButton({ from: tgUser(++chatSeq), data: `defect:take:${defect.id}` });
    assert.equal(stranger.text, defectText.id.notLinked());
    for (const role of ['user', 'viewer'] as const) {
      const { from } = await linked(role, `Bukan Mekanik ${role}`);
      const refused = await fake().pressButton({ from, data: `defect:take:${defect.id}` });
      assert.equal(refused.text, defectText.id.noAccess(), role);
      assert.equal(refused.showAlert, true);
    }
    const gone = await linked('mechanic', 'Mantan Mekanik');
    await ctx().database.db.update(users).set({ isActive: false }).where(eq(users.id, gone.account.id));
    assert.equal((await fake().pressButton({ from: gone.from, data: `defect:take:${defect.id}` })).text, defectText.id.inactive());
    assert.equal(await statusOf(defect.id), 'open', 'nobody took it');
    assert.equal(fake().calls.filter((c) => c.method === 'editMessageText').length, 0);
  });

  it('taken once: the taker pressing again keeps it, anyone else hears who has it', async () => {
    const defect = await openDefect();
    const joko = await linked('mechanic', 'Joko Mekanik');
    const rudi = await linked('mechanic', 'Rudi Mekanik');
    const jokoAlert = await alertIn(joko.from.id, defect);
    const rudiAlert = await alertIn(rudi.from.id, defect);

    assert.match((await fake().pressButton({ from: joko.from, data: `defect:take:${defect.id}`, message: jokoAlert })).text, /sekarang Anda tangani/);
    const other = await fake().pressButton({ from: rudi.from, data: `defect:take:${defect.id}`, message: rudiAlert });
    assert.match(other.text, /sudah ditangani oleh Joko Mekanik/);
    assert.equal(other.showAlert, true);
    assert.equal(fake().botMessage(rudi.from.id, rudiAlert.message_id)!.text, rudiAlert.text, "Rudi's message is not changed");

    // Joko presses the old 🔧 Tangani again (say, on a copy whose edit was lost): still his.
    const again = await fake().pressButton({ from: joko.from, data: `defect:take:${defect.id}`, message: jokoAlert });
    assert.equal(again.text, defectText.id.alreadyYours(defect.id, defect.item_name));
    const detail = await ctx().app.services.defects.get(defect.id);
    assert.equal(detail.assigned_to_id, joko.account.id);
    assert.deepEqual(detail.events.map((e) => e.action), ['opened', 'taken'], 'one take, not two');

    // Rudi cannot finish Joko's defect, not even with a forwarded ✅ Selesai.
    const notHis = await fake().pressButton({ from: rudi.from, data: `defect:done:${defect.id}` });
    assert.match(notHis.text, /tidak ditugaskan kepada Anda \(ditangani oleh Joko Mekanik\)/);
    const driver = await linked('user', 'Sopir Iseng');
    assert.equal((await fake().pressButton({ from: driver.from, data: `defect:done:${defect.id}` })).text, defectText.id.noAccess());
    assert.equal(fake().messagesTo(rudi.from.id).filter((m) => /catatan perbaikan untuk/.test(m.text)).length, 0, 'no question asked');
  });

  it('only a reply to the bot\'s own question signs a repair, with a real note, while the defect is still open', async () => {
    const defect = await openDefect();
    const joko = await linked('mechanic', 'Joko Mekanik');
    await fake().pressButton({ from: joko.from, data: `defect:take:${defect.id}` });
    await fake().pressButton({ from: joko.from, data: `defect:done:${defect.id}` });
    const question = await fake().waitForMessage({ chatId: joko.from.id, text: `catatan perbaikan untuk defect #${defect.id} ` });

    // A look-alike question written by the user is not the bot's: the reply is not a repair note.
    const lookAlike = { ...question.message, from: joko.from, message_id: question.message_id + 1000 } as Message;
    fake().sendText({ from: joko.from, text: 'sudah beres', replyTo: lookAlike });
    await fake().waitForMessage({ chatId: joko.from.id, text: /Perintah tidak dikenal/ });
    assert.equal(await statusOf(defect.id), 'in_progress');

    // A sticker is not a note: the bot says so and asks again.
    fake().sendSticker({ from: joko.from, replyTo: question.message });
    await fake().waitForMessage({ chatId: joko.from.id, text: defectText.id.noteRequired() });
    await fake().waitForMessage((m) => m.chat_id === joko.from.id && m.message_id > question.message_id && m.text.includes(`catatan perbaikan untuk defect #${defect.id} `));
    assert.equal(await statusOf(defect.id), 'in_progress');

    // An admin closes it meanwhile: Joko's late note is refused with the reason.
    const admin = await ctx().createUser('admin');
    await ctx().request({ method: 'POST', url: `/api/defects/${defect.id}/close`, token: admin.token, body: { reason: 'unit dijual' } });
    fake().sendText({ from: joko.from, text: 'ganti master rem', replyTo: question.message });
    await fake().waitForMessage({ chatId: joko.from.id, text: /sudah ditutup/ });
    assert.equal(await statusOf(defect.id), 'closed');
  });

  it('a mechanic unlinked since the question was asked cannot answer it', async () => {
    const defect = await openDefect();
    const joko = await linked('mechanic', 'Joko Mekanik');
    await fake().pressButton({ from: joko.from, data: `defect:take:${defect.id}` });
    await fake().pressButton({ from: joko.from, data: `defect:done:${defect.id}` });
    const question = await fake().waitForMessage({ chatId: joko.from.id, text: `catatan perbaikan untuk defect #${defect.id} ` });
    await ctx().app.services.telegramLinks.unlinkUser(joko.account.id, 'admin', null);
    fake().sendText({ from: joko.from, text: 'ganti kampas', replyTo: question.message });
    await fake().waitForMessage({ chatId: joko.from.id, text: /belum terhubung/ });
    assert.equal(await statusOf(defect.id), 'in_progress');
  });

  // What fails around a press: the database (the user is told, the spinner stops) and the edit after
  // a take (the take stands). Neither log line carries the bot token.
  describe('failures', () => {
    const lines: string[] = [];
    const log = pino({ level: 'trace' }, { write: (line: string) => void lines.push(line) });
    const DOWN_FOR = 939_999;
    const fake = useBot(ctx, 'verified', undefined, { log, links: (real) => databaseDownFor(real, String(DOWN_FOR)) });

    it('answers botText.id.failure() when the database fails, keeps a take whose edit fails, and logs no token', async () => {
      const defect = await openDefect();
      const down = await fake().pressButton({ from: tgUser(DOWN_FOR), data: `defect:take:${defect.id}` });
      assert.equal(down.text, botText.id.failure());
      assert.equal(down.showAlert, true);
      assert.ok(lines.some((l) => l.includes('telegram handler failed')));

      const joko = await linked('mechanic', 'Joko Mekanik');
      const alert = await new Api(DEFAULT_TOKEN, { apiRoot: fake().apiRoot }).sendMessage(joko.from.id, 'alert', { reply_markup: takeButtons([defect as never]) });
      fake().fail({ method: 'editMessageText', response: { drop: true } });
      assert.match((await fake().pressButton({ from: joko.from, data: `defect:take:${defect.id}`, message: alert })).text, /sekarang Anda tangani/);
      await fake().waitForCalls('editMessageText', 1);
      for (let i = 0; i < 100 && !lines.some((l) => l.includes('could not edit')); i++) await new Promise((r) => setTimeout(r, 20));
      assert.ok(lines.some((l) => l.includes('could not edit the defect message')), 'the lost edit is logged');
      assert.equal((await ctx().app.services.defects.get(defect.id)).status, 'in_progress');
      const secret = DEFAULT_TOKEN.split(':')[1]!;
      for (const line of lines) assert.ok(!line.includes(secret), line);
    });
  });
});

/** The links service as if the database were down, for one Telegram user only. */
function databaseDownFor(real: TelegramLinkService, chatId: string): TelegramLinkService {
  const findByChat = (id: string) => (id === chatId ? Promise.reject(new Error('Connection terminated unexpectedly')) : real.findByChat(id));
  return Object.assign(Object.create(real) as TelegramLinkService, { findByChat });
}
