import assert from 'node:assert/strict';
import { it } from 'node:test';
import { DEFAULT_TOKEN } from '../fake-telegram/server.js';
import { describeEachDatabase } from '../support/app.js';
import { GROUP_CHAT, linkChat, startFake, submitReport, useWorker, waitForStatus } from './harness.js';

const fake = await startFake();
const telegramEnv = { TELEGRAM_BOT_TOKEN: DEFAULT_TOKEN, TELEGRAM_API_ROOT: fake.apiRoot, TELEGRAM_CHAT_ID: GROUP_CHAT };
let chatSeq = 610_000;

describeEachDatabase(
  'notification routing and delivery',
  (ctx) => {
    useWorker(ctx, fake);

    it('an ABNORMAL report reaches the linked submitter\'s private chat; NORMAL creates nothing', async () => {
      const driver = await ctx().createUser('user', { name: 'Budi <b>Berani</b>' });
      const chat = ++chatSeq;
      await linkChat(ctx(), driver, chat);
      const report = await submitReport(ctx(), driver, [{ status: 'abnormal', keterangan: 'Rem blong <script>alert(1)</script> & oli bocor 🛢️' }], 'P.<i>309</i>');
      assert.equal(report.notifications.length, 1);
      assert.equal(report.notifications[0]!.recipient_kind, 'personal');
      const message = await fake.waitForMessage({ chatId: chat, text: /HASIL P2H: ABNORMAL/ });
      assert.equal(message.parse_mode, 'HTML');
      assert.ok(message.text.includes('&lt;script&gt;alert(1)&lt;/script&gt; &amp; oli bocor 🛢️'), message.text);
      assert.ok(message.text.includes('P.&lt;i&gt;309&lt;/i&gt;'));
      assert.ok(message.text.includes('Budi &lt;b&gt;Berani&lt;/b&gt;'));
      const sent = await waitForStatus(ctx(), report.notifications[0]!.id, ['sent']);
      assert.equal(sent.telegram_message_id, String(message.message_id));
      assert.ok(sent.sent_at);

      const normal = await submitReport(ctx(), driver, []);
      assert.equal(normal.overall_status, 'normal');
      assert.deepEqual(normal.notifications, []);

      const detail = await ctx().request({ method: 'GET', url: `/api/p2h/reports/${report.id}`, token: driver.token });
      assert.equal(detail.body.payload.notifications[0].status, 'sent');
    });

    it('an unlinked submitter\'s WARNING goes to the default group', async () => {
      const driver = await ctx().createUser('user');
      const report = await submitReport(ctx(), driver, [{ status: 'warning', keterangan: 'Ban aus' }]);
      assert.equal(report.notifications[0]!.recipient_kind, 'fallback_group');
      await fake.waitForMessage({ chatId: GROUP_CHAT, text: /HASIL P2H: WARNING/ });
      await waitForStatus(ctx(), report.notifications[0]!.id, ['sent']);
    });

    it('a user who blocked the bot: marked unreachable, alert rerouted to the group', async () => {
      const driver = await ctx().createUser('user');
      const chat = ++chatSeq;
      await linkChat(ctx(), driver, chat);
      fake.fail({ method: 'sendMessage', chatId: chat, response: { status: 403 } });
      const report = await submitReport(ctx(), driver, [{ status: 'abnormal', keterangan: 'blocked case' }]);
      const done = await waitForStatus(ctx(), report.notifications[0]!.id, ['sent', 'failed']);
      assert.equal(done.status, 'sent');
      assert.equal(done.recipient_chat_id, GROUP_CHAT);
      assert.equal(done.recipient_kind, 'fallback_group');
      assert.match(done.last_error ?? '', /403/);
      assert.equal((await ctx().app.services.telegramLinks.status(driver.id)).is_reachable, false);
      const next = await submitReport(ctx(), driver, [{ status: 'warning', keterangan: 'after block' }]);
      assert.equal(next.notifications[0]!.recipient_kind, 'fallback_group', 'later alerts skip the blocked chat');
    });

    it('429 waits retry_after without counting an attempt; 5xx, timeouts, dropped connections and garbage are retried', async () => {
      const driver = await ctx().createUser('user');
      const chat = ++chatSeq;
      await linkChat(ctx(), driver, chat);
      fake.fail({ method: 'sendMessage', chatId: chat, response: { status: 429, retryAfter: 1 } });
      const limited = await submitReport(ctx(), driver, [{ status: 'abnormal', keterangan: 'rate limited' }]);
      const started = Date.now();
      const sent = await waitForStatus(ctx(), limited.notifications[0]!.id, ['sent', 'failed']);
      assert.equal(sent.status, 'sent');
      assert.ok(Date.now() - started >= 900, 'waited as Telegram said');
      assert.equal(sent.attempts, 1, 'the 429 did not count as an attempt');

      for (const response of [{ status: 500 }, { status: 502 }, { drop: true }, { garbage: true }, { delayMs: 4_000 }] as const) {
        fake.fail({ method: 'sendMessage', chatId: chat, response: response as never });
        const report = await submitReport(ctx(), driver, [{ status: 'warning', keterangan: JSON.stringify(response) }]);
        const done = await waitForStatus(ctx(), report.notifications[0]!.id, ['sent', 'failed'], 20_000);
        assert.equal(done.status, 'sent', JSON.stringify(response));
        assert.equal(done.attempts, 2, JSON.stringify(response));
      }
    });

    it('gives up after the bounded attempts with the reason kept; chat not found fails at once; resend queues it again', async () => {
      const driver = await ctx().createUser('user');
      const chat = ++chatSeq;
      await linkChat(ctx(), driver, chat);
      fake.fail({ method: 'sendMessage', chatId: chat, times: 4, response: { status: 500 } });
      const report = await submitReport(ctx(), driver, [{ status: 'abnormal', keterangan: 'down' }]);
      const failed = await waitForStatus(ctx(), report.notifications[0]!.id, ['failed', 'sent'], 20_000);
      assert.equal(failed.status, 'failed');
      assert.equal(failed.attempts, 4);
      assert.match(failed.last_error ?? '', /500/);

      const admin = await ctx().createUser('admin');
      const resend = await ctx().request({ method: 'POST', url: `/api/notifications/${failed.id}/resend`, token: admin.token });
      assert.equal(resend.status, 200);
      await waitForStatus(ctx(), failed.id, ['sent']);
      const again = await ctx().request({ method: 'POST', url: `/api/notifications/${failed.id}/resend`, token: admin.token });
      assert.equal(again.status, 409);

      const lost = ++chatSeq;
      const other = await ctx().createUser('user');
      await linkChat(ctx(), other, lost);
      fake.fail({ method: 'sendMessage', chatId: lost, response: { status: 400, description: 'Bad Request: chat not found' } });
      const gone = await submitReport(ctx(), other, [{ status: 'abnormal', keterangan: 'nowhere' }]);
      const notFound = await waitForStatus(ctx(), gone.notifications[0]!.id, ['failed', 'sent']);
      assert.equal(notFound.status, 'failed');
      assert.match(notFound.last_error ?? '', /chat not found/);
      assert.equal(notFound.attempts, 1);
    });

    it('a group upgraded to a supergroup: resent to the new id', async () => {
      const driver = await ctx().createUser('user');
      fake.fail({ method: 'sendMessage', chatId: GROUP_CHAT, response: { status: 400, migrateTo: -1009999999999 } });
      const report = await submitReport(ctx(), driver, [{ status: 'warning', keterangan: 'migrated' }]);
      const done = await waitForStatus(ctx(), report.notifications[0]!.id, ['sent', 'failed']);
      assert.equal(done.status, 'sent');
      assert.equal(done.recipient_chat_id, '-1009999999999');
    });

    it('a message over 4096 characters still arrives, in parts', async () => {
      const driver = await ctx().createUser('user');
      const chat = ++chatSeq;
      await linkChat(ctx(), driver, chat);
      const problems = Array.from({ length: 30 }, (_, i) => ({ status: 'abnormal' as const, keterangan: `${i}: ${'Kerusakan <parah> & perlu ganti 🔧 '.repeat(28)}`.slice(0, 1000) }));
      const report = await submitReport(ctx(), driver, problems);
      const done = await waitForStatus(ctx(), report.notifications[0]!.id, ['sent', 'failed'], 20_000);
      assert.equal(done.status, 'sent', done.last_error ?? '');
      const parts = fake.messagesTo(chat);
      assert.ok(parts.length >= 2, `${parts.length} parts`);
      for (const part of parts) assert.ok(part.text.length <= 4096);
      assert.ok(parts.map((p) => p.text).join('').includes('29: Kerusakan'));
    });
  },
  telegramEnv,
);

describeEachDatabase(
  'notifications without a recipient',
  (ctx) => {
    it('unlinked submitter and no TELEGRAM_CHAT_ID: recorded as skipped with the reason', async () => {
      const driver = await ctx().createUser('user');
      const report = await submitReport(ctx(), driver, [{ status: 'abnormal', keterangan: 'x' }]);
      assert.equal(report.notifications[0]!.status, 'skipped');
      assert.match(report.notifications[0]!.last_error ?? '', /belum link telegram/);
    });
  },
  { TELEGRAM_BOT_TOKEN: DEFAULT_TOKEN, TELEGRAM_API_ROOT: fake.apiRoot },
);

describeEachDatabase('notifications without a bot', (ctx) => {
  it('are recorded as skipped: bot not configured; the submit is unaffected', async () => {
    const driver = await ctx().createUser('user');
    const report = await submitReport(ctx(), driver, [{ status: 'warning', keterangan: 'x' }]);
    assert.equal(report.notifications[0]!.status, 'skipped');
    assert.equal(report.notifications[0]!.last_error, 'bot not configured');
  });
});
