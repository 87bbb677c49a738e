/**
 * Report alerts with defect photos: the outbox row names them, and the delivery worker sends them
 * over real HTTP to the fake Bot API as a photo with the alert as caption, or an album then the text,
 * each step exactly once across 429s, server errors and resumes.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { it } from 'node:test';
import { eq } from 'drizzle-orm';
import { telegramNotifications } from '../../src/notifications/schema.js';
import type { ReportDetail } from '../../src/p2h/types.js';
import { DEFAULT_TOKEN } from '../fake-telegram/server.js';
import { describeEachDatabase } from '../support/app.js';
import { GROUP_CHAT, linkChat, startFake, submitReport, useWorker, waitForStatus } from './harness.js';
import { memoryPhotos, tinyJpeg } from './photo-support.js';

const fake = await startFake();
const telegramEnv = { TELEGRAM_BOT_TOKEN: DEFAULT_TOKEN, TELEGRAM_API_ROOT: fake.apiRoot, TELEGRAM_CHAT_ID: GROUP_CHAT };
let chatSeq = 710_000;

/** Photo files 1–12 exist; 404 and 405 are "gone". */
const FILES = new Map(Array.from({ length: 12 }, (_, i) => [i + 1, tinyJpeg(`photo ${i + 1}`, 64, 48)] as const));
const sha = (id: number) => createHash('sha256').update(FILES.get(id)!).digest('hex');
const SHORT_ALERT = '❌ <b>P2H ALERT: ABNORMAL</b>\nUnit: <code>P.309</code>\nRem blong &amp; oli bocor';
const LONG_ALERT = `${SHORT_ALERT}\n${'Keterangan panjang sekali. '.repeat(60)}`;
const callsTo = (method: string, chat: number) => fake.calls.filter((c) => c.method === method && String(c.params['chat_id']) === String(chat));

describeEachDatabase(
  'report alerts with defect photos',
  (ctx) => {
    const photos = memoryPhotos(FILES);
    const worker = useWorker(ctx, fake, { photos });

    /** An alert row as the outbox writes it, to a fresh private chat. */
    async function queue(photoIds: number[], message = SHORT_ALERT, extra: Partial<typeof telegramNotifications.$inferInsert> = {}) {
      const chat = ++chatSeq;
      const [row] = await ctx()
        .database.db.insert(telegramNotifications)
        .values({ type: 'p2h_abnormal', message, photoIds, recipientChatId: String(chat), recipientKind: 'personal', ...extra })
        .returning();
      worker().wake();
      return { chat, id: row!.id };
    }
    const rowOf = async (id: number) => (await ctx().database.db.select().from(telegramNotifications).where(eq(telegramNotifications.id, id)))[0]!;
    const sent = (id: number) => waitForStatus(ctx(), id, ['sent', 'failed'], 15_000);

    it('the alert of a report with one defect photo reaches the fake Bot API as a photo with the alert as caption', async () => {
      // Unlinked: the report's own (photo-less) alert goes to the group, out of this test's way.
      const driver = await ctx().createUser('user');
      const report = await submitReport(ctx(), driver, [{ status: 'abnormal', keterangan: 'Rem blong' }]);
      await waitForStatus(ctx(), report.notifications[0]!.id, ['sent']);
      // The same report's alert again, now that its answer has a photo (filled in on submit once photos are merged).
      const chat = ++chatSeq;
      await linkChat(ctx(), driver, chat);
      const detail = (await ctx().request({ method: 'GET', url: `/api/p2h/reports/${report.id}`, token: driver.token })).body.payload as ReportDetail;
      const withPhotos = { ...detail, details: detail.details.map((d) => ({ ...d, photos: d.status === 'abnormal' ? [{ id: 7, width: 64, height: 48 }] : [] })) };
      await ctx().database.db.transaction((tx) => ctx().app.services.outbox.enqueueReportAlert(tx, withPhotos));
      ctx().app.services.outbox.signal();

      const [photo] = await fake.waitForPhotos(chat, 1);
      assert.equal(photo!.method, 'sendPhoto');
      assert.equal(photo!.sha256, sha(7));
      assert.equal(photo!.parse_mode, 'HTML');
      assert.match(photo!.caption ?? '', /HASIL P2H: ABNORMAL/);
      assert.match(photo!.message.caption ?? '', /Rem blong/);
      const [row] = await ctx().database.db.select().from(telegramNotifications).where(eq(telegramNotifications.reportId, report.id)).orderBy(telegramNotifications.id).offset(1);
      assert.deepEqual(row!.photoIds, [7]);
      const done = await sent(row!.id);
      assert.equal(done.status, 'sent');
      assert.equal(done.telegram_message_id, String(photo!.message_id));
      assert.equal(fake.messagesTo(chat).length, 0, 'no separate text message');
    });

    it('one photo and a short alert: one sendPhoto with the caption and the buttons, no sendMessage', async () => {
      const markup = { inline_keyboard: [[{ text: '🔧 Tangani', callback_data: 'defect:1' }]] };
      const { chat, id } = await queue([3], SHORT_ALERT, { replyMarkup: markup });
      const done = await sent(id);
      assert.equal(done.status, 'sent', done.last_error ?? '');
      const photos = fake.photosTo(chat);
      assert.equal(photos.length, 1);
      assert.equal(photos[0]!.caption, SHORT_ALERT);
      assert.deepEqual(photos[0]!.reply_markup, markup);
      assert.equal(callsTo('sendMessage', chat).length, 0);
      assert.equal((await rowOf(id)).partsSent, 1);
    });

    it('three photos: one album of three, then the text, each once; the album\'s first message is the notification\'s', async () => {
      const { chat, id } = await queue([1, 2, 3]);
      const done = await sent(id);
      assert.equal(done.status, 'sent', done.last_error ?? '');
      const photos = fake.photosTo(chat);
      assert.deepEqual(photos.map((p) => p.sha256), [sha(1), sha(2), sha(3)]);
      assert.equal(new Set(photos.map((p) => p.media_group_id)).size, 1);
      assert.equal(callsTo('sendMediaGroup', chat).length, 1);
      assert.deepEqual(fake.messagesTo(chat).map((m) => m.text), [SHORT_ALERT]);
      assert.equal(done.telegram_message_id, String(photos[0]!.message_id));
      assert.ok(photos[0]!.timestamp <= fake.messagesTo(chat)[0]!.timestamp, 'album first, then the text');
      assert.equal((await rowOf(id)).partsSent, 2);
    });

    it('429 on the album: waits as told and sends the album once, then the text', async () => {
      const chat = chatSeq + 1;
      fake.fail({ method: 'sendMediaGroup', chatId: chat, response: { status: 429, retryAfter: 1 } });
      const queued = await queue([4, 5]);
      assert.equal(queued.chat, chat);
      const done = await sent(queued.id);
      assert.equal(done.status, 'sent', done.last_error ?? '');
      assert.equal(callsTo('sendMediaGroup', chat).length, 2, 'the refused album was tried again');
      assert.equal(fake.photosTo(chat).length, 2, 'and arrived once');
      assert.equal(fake.messagesTo(chat).length, 1);
      assert.equal(done.attempts, 1, 'the 429 was no attempt');
    });

    it('429 or 5xx on the text after the album: the album is not sent again, the text once; no token in last_error', async () => {
      for (const response of [{ status: 429, retryAfter: 1 }, { status: 500 }, { status: 502 }] as const) {
        const chat = chatSeq + 1;
        fake.fail({ method: 'sendMessage', chatId: chat, response });
        const queued = await queue([6, 7, 8]);
        const done = await sent(queued.id);
        assert.equal(done.status, 'sent', `${JSON.stringify(response)}: ${done.last_error}`);
        assert.equal(callsTo('sendMediaGroup', chat).length, 1, JSON.stringify(response));
        assert.equal(fake.photosTo(chat).length, 3);
        assert.equal(fake.messagesTo(chat).length, 1);
        assert.equal(done.telegram_message_id, String(fake.photosTo(chat)[0]!.message_id), 'still the album\'s first message');
        assert.ok(done.last_error && !done.last_error.includes(DEFAULT_TOKEN.split(':')[1]!), done.last_error ?? '');
      }
    });

    it('a row resumed after its album was accepted (a crash) sends only the text and reads no file', async () => {
      const before = photos.reads.length;
      const { chat, id } = await queue([9, 10], LONG_ALERT, { partsSent: 1, telegramMessageId: '555' });
      const done = await sent(id);
      assert.equal(done.status, 'sent', done.last_error ?? '');
      assert.equal(fake.photosTo(chat).length, 0);
      assert.equal(fake.messagesTo(chat).length, 1);
      assert.equal(done.telegram_message_id, '555');
      assert.equal(photos.reads.length, before);
    });

    it('one photo and an alert too long for a caption: the photo alone, then the text', async () => {
      const { chat, id } = await queue([11], LONG_ALERT);
      const done = await sent(id);
      assert.equal(done.status, 'sent', done.last_error ?? '');
      const [photo] = fake.photosTo(chat);
      assert.equal(photo!.method, 'sendPhoto');
      assert.equal(photo!.caption, undefined);
      assert.deepEqual(fake.messagesTo(chat).map((m) => m.text), [LONG_ALERT]);
    });

    it('several photos and an alert over 4096 characters: the album, then the text in parts', async () => {
      const longest = `${SHORT_ALERT}\n${'Kerusakan parah, perlu ganti. '.repeat(200)}`;
      const { chat, id } = await queue([1, 2], longest);
      const done = await sent(id);
      assert.equal(done.status, 'sent', done.last_error ?? '');
      assert.equal(fake.photosTo(chat).length, 2);
      const parts = fake.messagesTo(chat);
      assert.ok(parts.length >= 2);
      assert.equal((await rowOf(id)).partsSent, 1 + parts.length);
    });

    it('photo files that are gone are left out: with none left the alert goes as text, with one left as a captioned photo', async () => {
      const none = await queue([404, 405]);
      const text = await sent(none.id);
      assert.equal(text.status, 'sent', text.last_error ?? '');
      assert.equal(fake.photosTo(none.chat).length, 0);
      assert.deepEqual(fake.messagesTo(none.chat).map((m) => m.text), [SHORT_ALERT]);
      assert.match(text.last_error ?? '', /photo file gone: 404, 405/);
      assert.deepEqual((await rowOf(none.id)).photoIds, []);

      const one = await queue([404, 12]);
      assert.equal((await sent(one.id)).status, 'sent');
      assert.deepEqual(fake.photosTo(one.chat).map((p) => [p.method, p.sha256, p.caption]), [['sendPhoto', sha(12), SHORT_ALERT]]);
      assert.equal(fake.messagesTo(one.chat).length, 0);
    });

    it('a caption Telegram cannot parse goes again as plain text, still as one photo', async () => {
      const { chat, id } = await queue([5], 'Rem <b>blong');
      const done = await sent(id);
      assert.equal(done.status, 'sent', done.last_error ?? '');
      const photos = fake.photosTo(chat);
      assert.equal(photos.length, 1);
      assert.equal(photos[0]!.caption, 'Rem blong');
      assert.equal(photos[0]!.parse_mode, undefined);
    });

    it('a submitter who blocked the bot: the alert and its photos go to the group instead', async () => {
      const driver = await ctx().createUser('user');
      const chat = ++chatSeq;
      await linkChat(ctx(), driver, chat);
      fake.fail({ method: 'sendMediaGroup', chatId: chat, response: { status: 403 } });
      const groupPhotosBefore = fake.photosTo(GROUP_CHAT).length;
      const [row] = await ctx()
        .database.db.insert(telegramNotifications)
        .values({ type: 'p2h_warning', message: SHORT_ALERT, photoIds: [1, 2], recipientChatId: String(chat), recipientKind: 'personal', userId: driver.id })
        .returning();
      worker().wake();
      const done = await sent(row!.id);
      assert.equal(done.status, 'sent', done.last_error ?? '');
      assert.equal(done.recipient_chat_id, GROUP_CHAT);
      assert.equal(fake.photosTo(GROUP_CHAT).length - groupPhotosBefore, 2);
    });
  },
  telegramEnv,
);
