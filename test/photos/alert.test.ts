/**
 * The whole path of a photo, with nothing in between replaced: uploaded over HTTP, re-encoded and
 * stored on disk, attached to an ABNORMAL answer, and sent by the delivery worker to the driver's
 * chat on the fake Bot API as the alert's photo — the same bytes the app serves back.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { it } from 'node:test';
import { DEFAULT_TOKEN } from '../fake-telegram/server.js';
import { GROUP_CHAT, linkChat, startFake, useWorker, waitForStatus } from '../notifications/harness.js';
import { describeEachDatabase } from '../support/app.js';
import { downloadPhoto, jpegWithGps, uploadPhoto } from './images.js';

const fake = await startFake();
let chatSeq = 760_000;
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describeEachDatabase(
  'a defect photo from upload to Telegram',
  (ctx) => {
    useWorker(ctx, fake);

    it('an ABNORMAL answer with a photo reaches the driver as a Telegram photo with the alert as caption, once', async () => {
      const driver = await ctx().createUser('user');
      const chat = ++chatSeq;
      await linkChat(ctx(), driver, chat);
      const upload = await uploadPhoto(ctx(), driver.token, [{ data: await jpegWithGps(2400, 1800), filename: 'rem.jpg' }]);
      assert.equal(upload.status, 201, JSON.stringify(upload.body));
      const photoId = upload.body.payload.id as number;

      const vehicleId = await ctx().createVehicle();
      const items = await ctx().app.services.checklist.applicableItems('Light Vehicle');
      const details = items.map((item, i) =>
        i === 0 ? { checklist_item_id: item.id, status: 'abnormal', keterangan: 'Rem blong', photo_ids: [photoId] } : { checklist_item_id: item.id, status: 'normal' },
      );
      const res = await ctx().request({ method: 'POST', url: '/api/p2h/reports', token: driver.token, body: { vehicle_id: vehicleId, shift_number: 1, details } });
      assert.equal(res.status, 201, JSON.stringify(res.body));
      assert.deepEqual(res.body.payload.details[0].photos, [{ id: photoId, width: 1600, height: 1200 }]);

      const [sent] = await fake.waitForPhotos(chat, 1, 15_000);
      assert.equal(sent!.method, 'sendPhoto');
      assert.match(sent!.caption ?? '', /ABNORMAL/);
      const stored = await downloadPhoto(ctx(), driver.token, photoId);
      assert.equal(sent!.sha256, sha256(stored.bytes), 'Telegram got the stored, metadata-free JPEG');

      const alert = res.body.payload.notifications.find((n: { recipient_kind: string }) => n.recipient_kind === 'personal');
      assert.equal((await waitForStatus(ctx(), alert.id, ['sent', 'failed'], 15_000)).status, 'sent');
      await new Promise((r) => setTimeout(r, 300));
      assert.equal(fake.photosTo(chat).length, 1, 'exactly once');
    });
  },
  { TELEGRAM_BOT_TOKEN: DEFAULT_TOKEN, TELEGRAM_API_ROOT: fake.apiRoot, TELEGRAM_CHAT_ID: GROUP_CHAT },
);
