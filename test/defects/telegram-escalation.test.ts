/**
 * Escalation and the outbox around the workshop's messages: an ABNORMAL defect nobody took within
 * DEFECT_ESCALATE_MINUTES is announced once to the group (and can be taken from there), and a
 * workshop alert that failed can be sent again with its buttons.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { DEFAULT_TOKEN, inlineButtons, user as tgUser } from '../fake-telegram/server.js';
import { GROUP_CHAT, linkChat, startFake, useWorker, waitForStatus } from '../notifications/harness.js';
import { describeEachDatabase, type TestContext, type TestUser } from '../support/app.js';
import { useBot } from '../telegram/bot-harness.js';

const fake = await startFake();
const telegramEnv = { TELEGRAM_BOT_TOKEN: DEFAULT_TOKEN, TELEGRAM_API_ROOT: fake.apiRoot, TELEGRAM_CHAT_ID: GROUP_CHAT };
let chatSeq = 950_000;

/** A defect reported outside a P2H on a fresh unit. */
async function report(ctx: TestContext, driver: TestUser, severity: 'warning' | 'abnormal', remark: string): Promise<number> {
  const vehicleId = await ctx.createVehicle();
  const [item] = await ctx.app.services.checklist.applicableItems('Light Vehicle');
  const res = await ctx.request({ method: 'POST', url: '/api/defects', token: driver.token, body: { vehicle_id: vehicleId, checklist_item_id: item!.id, severity, remark } });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.payload.id;
}

describeEachDatabase(
  'defect escalation and the workshop outbox',
  (ctx) => {
    useWorker(ctx, fake);
    useBot(ctx, 'verified', fake);
    const at = (iso: string) => (ctx().clock.now = new Date(iso));
    const escalations = async () => {
      const admin = await ctx().createUser('admin');
      const log = await ctx().request({ method: 'GET', url: '/api/notifications?type=defect_escalation&page_size=100', token: admin.token });
      assert.equal(log.status, 200, JSON.stringify(log.body));
      return log.body.payload.items as { id: number; defect_id: number; recipient_chat_id: string; recipient_kind: string }[];
    };

    it('announces an ABNORMAL defect nobody took once, to the group, after DEFECT_ESCALATE_MINUTES; not a WARNING, not a taken one', async () => {
      at('2026-02-02T08:00:00+08:00');
      const driver = await ctx().createUser('user');
      const mechanic = await ctx().createUser('mechanic', { name: 'Joko Mekanik' });
      const mechanicChat = ++chatSeq;
      await linkChat(ctx(), mechanic, mechanicChat);
      const untaken = await report(ctx(), driver, 'abnormal', 'rem blong');
      const warning = await report(ctx(), driver, 'warning', 'sein redup');
      const taken = await report(ctx(), driver, 'abnormal', 'ban sobek');
      at('2026-02-02T08:10:00+08:00');
      await ctx().app.services.defects.take({ id: mechanic.id, role: 'mechanic', fullName: 'Joko Mekanik' }, taken);

      const defects = ctx().app.services.defects;
      at('2026-02-02T08:29:59+08:00');
      assert.equal(await defects.escalateDue(), 0, 'not before the limit');
      at('2026-02-02T08:30:00+08:00');
      // Two schedulers at the same minute (two workers): one announcement between them.
      const [a, b] = await Promise.all([defects.escalateDue(), defects.escalateDue()]);
      assert.equal(a + b, 1);
      at('2026-02-02T10:00:00+08:00');
      assert.equal(await defects.escalateDue(), 0, 'once per defect');

      const rows = await escalations();
      assert.equal(rows.length, 1);
      assert.equal(rows[0]!.recipient_chat_id, GROUP_CHAT);
      assert.equal(rows[0]!.defect_id, untaken, 'the log says which defect');
      const detail = await defects.get(untaken);
      assert.deepEqual(detail.events.map((e) => e.action), ['opened', 'escalated']);
      assert.equal(detail.events[1]!.actor_id, null);
      for (const id of [warning, taken]) assert.ok(!(await defects.get(id)).events.some((e) => e.action === 'escalated'), `defect ${id}`);

      // The group sees it with a 🔧 Tangani button; a linked mechanic takes it from there.
      const announced = await fake.waitForMessage({ chatId: GROUP_CHAT, text: new RegExp(`ESKALASI[\\s\\S]*#${untaken} `) }, 10_000);
      const [take] = inlineButtons(announced.reply_markup);
      assert.ok(take && 'callback_data' in take);
      assert.equal(take.callback_data, `defect:take:${untaken}`);
      const joko = tgUser(mechanicChat, { first_name: 'Joko' });
      assert.match((await fake.pressButton({ from: joko, data: take.callback_data!, message: announced.message })).text, /sekarang Anda tangani/);
      await fake.waitForCall('editMessageText', (p) => String(p['chat_id']) === GROUP_CHAT && Number(p['message_id']) === announced.message_id);
      const edited = fake.botMessage(GROUP_CHAT, announced.message_id)!;
      assert.match(edited.text!, /ditangani oleh Joko Mekanik/);
      const [done] = inlineButtons(edited.reply_markup);
      assert.ok(done && 'callback_data' in done);

      // ✅ Selesai pressed in the group: the question goes to his own chat, where his reply is heard.
      const asked = await fake.pressButton({ from: joko, data: done.callback_data!, message: edited });
      assert.match(asked.text, /chat pribadi/);
      const question = await fake.waitForMessage({ chatId: mechanicChat, text: `catatan perbaikan untuk defect #${untaken} ` });
      fake.sendText({ from: joko, text: 'ganti selang rem', replyTo: question.message });
      await fake.waitForMessage({ chatId: mechanicChat, text: new RegExp(`Defect #${untaken} .*diperbaiki`) });
      assert.equal((await defects.get(untaken)).status, 'repaired');
      assert.equal(fake.messagesTo(GROUP_CHAT).filter((m) => m.text.includes('catatan perbaikan untuk')).length, 0, 'nothing asked in the group');
    });

    it('a workshop alert that failed is sent again with its buttons, to the mechanic\'s chat as it is now', async () => {
      at('2026-02-03T08:00:00+08:00');
      const driver = await ctx().createUser('user');
      const admin = await ctx().createUser('admin');
      const mechanic = await ctx().createUser('mechanic');
      const oldChat = ++chatSeq;
      await linkChat(ctx(), mechanic, oldChat);
      fake.fail({ method: 'sendMessage', chatId: oldChat, response: { status: 400, description: 'Bad Request: chat not found' } });
      const defectId = await report(ctx(), driver, 'abnormal', 'oli bocor');

      const list = await ctx().request({ method: 'GET', url: '/api/notifications?type=defect_alert&page_size=100', token: admin.token });
      const row = (list.body.payload.items as { id: number; user_id: number; recipient_kind: string }[]).find((n) => n.user_id === mechanic.id)!;
      assert.equal(row.recipient_kind, 'workshop');
      assert.equal((await waitForStatus(ctx(), row.id, ['failed', 'sent'])).status, 'failed');

      // He links a new chat; the resend goes there, buttons and all.
      await ctx().app.services.telegramLinks.unlinkUser(mechanic.id, 'admin', { id: admin.id, fullName: 'Admin' });
      const newChat = ++chatSeq;
      await linkChat(ctx(), mechanic, newChat);
      const resent = await ctx().request({ method: 'POST', url: `/api/notifications/${row.id}/resend`, token: admin.token });
      assert.equal(resent.status, 200, JSON.stringify(resent.body));
      assert.equal(resent.body.payload.recipient_chat_id, String(newChat));
      assert.equal(resent.body.payload.recipient_kind, 'workshop');
      const message = await fake.waitForMessage({ chatId: newChat, text: /DEFECT BARU/ }, 10_000);
      assert.equal(inlineButtons(message.reply_markup)[0]!.text.startsWith(`🔧 Tangani #${defectId} `), true);
      assert.equal((await waitForStatus(ctx(), row.id, ['sent', 'failed'])).status, 'sent');
    });
  },
  telegramEnv,
);
