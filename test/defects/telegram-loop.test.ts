/**
 * The whole loop of issue 11 through Telegram, against each database and the fake Bot API: the
 * delivery worker sends the outbox's messages to the fake over HTTP, and the real bot answers the
 * presses and replies injected there.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { DEFAULT_TOKEN, inlineButtons, user as tgUser } from '../fake-telegram/server.js';
import { GROUP_CHAT, linkChat, startFake, useWorker } from '../notifications/harness.js';
import { describeEachDatabase, type TestContext } from '../support/app.js';
import { useBot } from '../telegram/bot-harness.js';

const fake = await startFake();
const telegramEnv = { TELEGRAM_BOT_TOKEN: DEFAULT_TOKEN, TELEGRAM_API_ROOT: fake.apiRoot, TELEGRAM_CHAT_ID: GROUP_CHAT };
let chatSeq = 910_000;

async function answers(ctx: TestContext, flagged: Record<number, ['warning' | 'abnormal', string]> = {}) {
  const items = await ctx.app.services.checklist.applicableItems('Light Vehicle');
  return items.map((item, index) => {
    const problem = flagged[index];
    return problem ? { checklist_item_id: item.id, status: problem[0], keterangan: problem[1] } : { checklist_item_id: item.id, status: 'normal' };
  });
}

describeEachDatabase(
  'the workshop loop through Telegram',
  (ctx) => {
    useWorker(ctx, fake);
    useBot(ctx, 'verified', fake);
    const at = (iso: string) => (ctx().clock.now = new Date(iso));

    it('ABNORMAL → 🔧 Tangani → ✅ Selesai → repair note as a reply → back in service → NORMAL verifies, every step in the timeline', async () => {
      at('2026-01-21T06:42:00+08:00');
      const driver = await ctx().createUser('user', { name: 'Budi Driver' });
      const mechanic = await ctx().createUser('mechanic', { name: 'Joko Mekanik' });
      const admin = await ctx().createUser('admin');
      const driverChat = ++chatSeq;
      const mechanicChat = ++chatSeq;
      await linkChat(ctx(), driver, driverChat);
      await linkChat(ctx(), mechanic, mechanicChat);
      const joko = tgUser(mechanicChat, { first_name: 'Joko' });
      const vehicleId = await ctx().createVehicle({ unitCode: 'P.309' });

      const report = await ctx().request({
        method: 'POST',
        url: '/api/p2h/reports',
        token: driver.token,
        body: { vehicle_id: vehicleId, shift_number: 1, details: await answers(ctx(), { 4: ['abnormal', 'rem tangan tidak mengunci'] }) },
      });
      assert.equal(report.status, 201, JSON.stringify(report.body));
      const unit = await ctx().request({ method: 'GET', url: `/api/vehicles/${vehicleId}`, token: admin.token });
      assert.equal(unit.body.payload.operational_status, 'out_of_service');

      // The mechanic's own chat has the alert with one 🔧 Tangani button for the defect.
      const alert = await fake.waitForMessage({ chatId: mechanicChat, text: /DEFECT BARU — P\.309/ }, 10_000);
      const [take] = inlineButtons(alert.reply_markup);
      assert.ok(take && 'callback_data' in take, JSON.stringify(alert.reply_markup));
      assert.match(take.text, /^🔧 Tangani #\d+ /);
      const defectId = Number(/^defect:take:(\d+)$/.exec(take.callback_data!)![1]);

      // Pressing it takes the defect as Joko, and his message now says who has it, with ✅ Selesai.
      at('2026-01-21T07:12:00+08:00');
      const taken = await fake.pressButton({ from: joko, data: take.callback_data!, message: alert.message });
      assert.match(taken.text, new RegExp(`Defect #${defectId} .*sekarang Anda tangani`));
      await fake.waitForCall('editMessageText', (p) => Number(p['message_id']) === alert.message_id && String(p['chat_id']) === String(mechanicChat));
      const edited = fake.botMessage(mechanicChat, alert.message_id)!;
      assert.match(edited.text!, /ditangani oleh Joko Mekanik/);
      assert.ok(edited.text!.startsWith(alert.message.text!), 'the alert itself is kept above');
      const [done] = inlineButtons(edited.reply_markup);
      assert.ok(done && 'callback_data' in done);
      assert.equal(done.callback_data, `defect:done:${defectId}`);
      assert.match(done.text, /^✅ Selesai/);
      const inProgress = await ctx().request({ method: 'GET', url: `/api/defects/${defectId}`, token: admin.token });
      assert.equal(inProgress.body.payload.status, 'in_progress');
      assert.equal(inProgress.body.payload.assigned_to_id, mechanic.id);

      // ✅ Selesai asks for the note with a question that names the defect; the reply signs the repair.
      const asked = await fake.pressButton({ from: joko, data: done.callback_data!, message: edited });
      assert.match(asked.text, /catatan perbaikan/i);
      const question = await fake.waitForMessage({ chatId: mechanicChat, text: new RegExp(`catatan perbaikan untuk defect #${defectId} \\(DPN/BELAKANG`) });
      assert.deepEqual((question.reply_markup as { force_reply?: boolean }).force_reply, true);
      at('2026-01-21T09:42:00+08:00');
      fake.sendText({ from: joko, text: 'ganti kabel rem tangan', replyTo: question.message });
      await fake.waitForMessage({ chatId: mechanicChat, text: new RegExp(`Defect #${defectId} .*diperbaiki`) });

      // The old ✅ Selesai (or 🔧 Tangani) pressed again after the repair says so and changes nothing.
      assert.match((await fake.pressButton({ from: joko, data: done.callback_data!, message: edited })).text, /sudah diperbaiki/);
      assert.match((await fake.pressButton({ from: joko, data: take.callback_data! })).text, /sudah diperbaiki/);

      const repaired = await ctx().request({ method: 'GET', url: `/api/defects/${defectId}`, token: admin.token });
      assert.equal(repaired.body.payload.status, 'repaired');
      assert.equal(repaired.body.payload.repair_note, 'ganti kabel rem tangan');
      const ready = await ctx().request({ method: 'GET', url: `/api/vehicles/${vehicleId}`, token: admin.token });
      assert.equal(ready.body.payload.operational_status, 'ready');

      // The driver who reported it hears both: the repair, and that the unit may run again.
      await fake.waitForMessage({ chatId: driverChat, text: /Defect diperbaiki — P\.309[\s\S]*ganti kabel rem tangan/ }, 10_000);
      await fake.waitForMessage({ chatId: driverChat, text: /P\.309 boleh beroperasi lagi/ }, 10_000);

      // The out-of-service time is what the clock said: 06:42 to 09:42.
      const availability = await ctx().request({ method: 'GET', url: `/api/vehicles/${vehicleId}/availability?from=2026-01-21&to=2026-01-21`, token: admin.token });
      assert.equal(availability.status, 200, JSON.stringify(availability.body));
      assert.equal(availability.body.payload.hours_out_of_service, 3);
      assert.equal(availability.body.payload.periods.length, 1);

      // The next P2H answers the item NORMAL: the repair is verified.
      at('2026-01-21T15:42:00+08:00');
      const next = await ctx().request({ method: 'POST', url: '/api/p2h/reports', token: driver.token, body: { vehicle_id: vehicleId, details: await answers(ctx()) } });
      assert.equal(next.status, 201, JSON.stringify(next.body));
      const verified = await ctx().request({ method: 'GET', url: `/api/defects/${defectId}`, token: admin.token });
      assert.equal(verified.body.payload.status, 'verified');
      const events = verified.body.payload.events as { action: string; actor_id: number | null; note: string | null; report_id: number | null }[];
      assert.deepEqual(events.map((e) => e.action), ['opened', 'taken', 'repaired', 'verified']);
      assert.equal(events[0]!.report_id, report.body.payload.id);
      assert.equal(events[1]!.actor_id, mechanic.id);
      assert.equal(events[2]!.note, 'ganti kabel rem tangan');
      assert.equal(events[3]!.report_id, next.body.payload.id);

      // Each message went through the outbox and is in the log with its type (the fake may have it
      // a moment before the worker records 'sent', so the log is only asked what exists).
      const log = await ctx().request({ method: 'GET', url: '/api/notifications?page_size=100', token: admin.token });
      const types = (log.body.payload.items as { type: string }[]).map((n) => n.type);
      for (const type of ['p2h_abnormal', 'defect_alert', 'defect_repaired', 'unit_back_in_service']) assert.ok(types.includes(type), `${type} in ${types.join(', ')}`);
    });
  },
  telegramEnv,
);
