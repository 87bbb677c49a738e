import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, it } from 'node:test';
import { count, eq } from 'drizzle-orm';
import exifReader from 'exif-reader';
import sharp from 'sharp';
import { photos } from '../../src/photos/schema.js';
import { describeEachDatabase, type TestContext } from '../support/app.js';
import { downloadPhoto, formBody, jpegRotated, jpegWithGps, png, pngBomb, SVG_WITH_SCRIPT, uploadPhoto, webp } from './images.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'p2h-photo-upload-'));
after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const storedFiles = () => (fs.existsSync(path.join(dataDir, 'photos')) ? fs.readdirSync(path.join(dataDir, 'photos'), { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).length : 0);
const photoRows = async (ctx: TestContext) => (await ctx.database.db.select({ n: count() }).from(photos))[0]!.n;

describeEachDatabase(
  'photos: upload and download',
  (ctx) => {
    it('stores a GPS-tagged photo as a JPEG ≤ 1600 px with no EXIF at all', async () => {
      const original = await jpegWithGps(2000, 1500);
      const exif = (await sharp(original).metadata()).exif;
      assert.ok(exif, 'the original carries EXIF');
      assert.ok(exifReader(exif).GPSInfo?.GPSLatitude, 'the original carries a GPS position');

      const driver = await ctx().createUser('user');
      const upload = await uploadPhoto(ctx(), driver.token, [{ data: original, filename: 'IMG_0001.jpg' }]);
      assert.equal(upload.status, 201, JSON.stringify(upload.body));
      const photo = upload.body.payload;
      assert.deepEqual({ width: photo.width, height: photo.height, content_type: photo.content_type }, { width: 1600, height: 1200, content_type: 'image/jpeg' });
      assert.ok(Number.isInteger(photo.id) && photo.bytes > 0);

      const download = await downloadPhoto(ctx(), driver.token, photo.id);
      assert.equal(download.status, 200);
      assert.equal(download.headers['content-type'], 'image/jpeg');
      assert.equal(download.headers['cache-control'], 'private, max-age=31536000, immutable');
      assert.equal(download.headers['x-content-type-options'], 'nosniff');
      assert.equal(download.bytes.length, photo.bytes);
      const stored = await sharp(download.bytes).metadata();
      assert.equal(stored.format, 'jpeg');
      assert.deepEqual([stored.width, stored.height], [1600, 1200]);
      assert.equal(stored.exif, undefined, 'no EXIF (so no GPS) left');
      assert.equal(stored.xmp, undefined);
      assert.equal(stored.iptc, undefined);
      assert.ok(!download.bytes.includes(Buffer.from('TestPhone')), 'not even the camera name survives');

      const thumb = await downloadPhoto(ctx(), driver.token, photo.id, 'thumb');
      assert.equal(thumb.status, 200);
      const small = await sharp(thumb.bytes).metadata();
      assert.ok(Math.max(small.width!, small.height!) <= 320, `thumb ${small.width}×${small.height}`);
      assert.equal(small.exif, undefined);
    });

    it('applies the EXIF orientation (a portrait shot stays portrait)', async () => {
      const driver = await ctx().createUser('user');
      const upload = await uploadPhoto(ctx(), driver.token, [{ data: await jpegRotated() }]);
      assert.equal(upload.status, 201, JSON.stringify(upload.body));
      assert.deepEqual([upload.body.payload.width, upload.body.payload.height], [400, 600]);
      const stored = await sharp((await downloadPhoto(ctx(), driver.token, upload.body.payload.id)).bytes).metadata();
      assert.deepEqual([stored.width, stored.height, stored.orientation], [400, 600, undefined]);
    });

    it('takes PNG and WebP by their bytes, whatever the name and declared type say', async () => {
      const driver = await ctx().createUser('user');
      const fromPng = await uploadPhoto(ctx(), driver.token, [{ data: await png(), filename: 'notes.txt', type: 'text/plain' }]);
      assert.equal(fromPng.status, 201, JSON.stringify(fromPng.body));
      const fromWebp = await uploadPhoto(ctx(), driver.token, [{ data: await webp(), filename: 'x.jpg', type: 'image/jpeg' }]);
      assert.equal(fromWebp.status, 201, JSON.stringify(fromWebp.body));
      const stored = await sharp((await downloadPhoto(ctx(), driver.token, fromWebp.body.payload.id)).bytes).metadata();
      assert.equal(stored.format, 'jpeg');
    });

    it('shows an unattached photo only to its uploader; once attached, to who sees every report', async () => {
      const owner = await ctx().createUser('user');
      const otherDriver = await ctx().createUser('user');
      const admin = await ctx().createUser('admin');
      const { id } = (await uploadPhoto(ctx(), owner.token, [{ data: await png() }])).body.payload;

      for (const caller of [otherDriver, admin]) {
        for (const size of ['full', 'thumb'] as const) {
          const refused = await downloadPhoto(ctx(), caller.token, id, size);
          assert.equal(refused.status, 404);
          assert.equal(refused.json().payload.code, 'PHOTO_NOT_FOUND');
        }
      }
      assert.equal((await downloadPhoto(ctx(), owner.token, id)).status, 200);
      assert.equal((await downloadPhoto(ctx(), owner.token, 2_147_483_647)).json().payload.code, 'PHOTO_NOT_FOUND');

      await ctx().database.db.update(photos).set({ attachedAt: ctx().clock.now }).where(eq(photos.id, id));
      assert.equal((await downloadPhoto(ctx(), admin.token, id)).status, 200);
      assert.equal((await downloadPhoto(ctx(), owner.token, id)).status, 200);
      assert.equal((await downloadPhoto(ctx(), otherDriver.token, id)).status, 404, "another driver never sees someone else's photo");
    });

    it('refuses every bad upload with its own code and stores nothing', async () => {
      const driver = await ctx().createUser('user');
      const rowsBefore = await photoRows(ctx());
      const filesBefore = storedFiles();
      const jpeg = await jpegWithGps(800, 600);
      const cases: [string, () => Promise<{ status: number; body: any }>, number, string][] = [
        ['text that says it is a JPEG', () => uploadPhoto(ctx(), driver.token, [{ data: Buffer.from('hello, not a photo at all'), filename: 'a.jpg', type: 'image/jpeg' }]), 415, 'PHOTO_NOT_IMAGE'],
        ['an SVG with a script', () => uploadPhoto(ctx(), driver.token, [{ data: SVG_WITH_SCRIPT, filename: 'a.jpg', type: 'image/svg+xml' }]), 415, 'PHOTO_NOT_IMAGE'],
        ['a PDF named .png', () => uploadPhoto(ctx(), driver.token, [{ data: Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'), filename: 'a.png', type: 'image/png' }]), 415, 'PHOTO_NOT_IMAGE'],
        ['0 bytes', () => uploadPhoto(ctx(), driver.token, [{ data: Buffer.alloc(0) }]), 400, 'PHOTO_EMPTY'],
        ['a truncated JPEG', () => uploadPhoto(ctx(), driver.token, [{ data: jpeg.subarray(0, Math.floor(jpeg.length / 2)) }]), 422, 'PHOTO_CORRUPT'],
        ['a JPEG header and garbage', () => uploadPhoto(ctx(), driver.token, [{ data: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(5000, 7)]) }]), 422, 'PHOTO_CORRUPT'],
        ['a decompression bomb (100 MP in a small PNG)', () => uploadPhoto(ctx(), driver.token, [{ data: pngBomb() }]), 422, 'PHOTO_TOO_MANY_PIXELS'],
        ['50 MB', () => uploadPhoto(ctx(), driver.token, [{ data: Buffer.concat([jpeg, Buffer.alloc(50 * 1024 * 1024)]) }]), 413, 'PHOTO_TOO_LARGE'],
        ['no file field', () => uploadPhoto(ctx(), driver.token, [], { note: 'no photo' }), 400, 'FILE_MISSING'],
        ['the file in another field', () => uploadPhoto(ctx(), driver.token, [{ field: 'photo', data: jpeg }]), 400, 'FILE_MISSING'],
        ['a second file', () => uploadPhoto(ctx(), driver.token, [{ data: jpeg }, { data: jpeg, filename: 'b.jpg' }]), 400, 'PHOTO_TOO_MANY_FILES'],
        ['JSON instead of a form', () => ctx().request({ method: 'POST', url: '/api/photos', token: driver.token, body: { file: 'x' } }), 400, 'FILE_MISSING'],
      ];
      for (const [label, send, status, code] of cases) {
        const answer = await send();
        assert.equal(answer.body.payload?.code, code, `${label}: ${JSON.stringify(answer.body)}`);
        assert.equal(answer.status, status, label);
        assert.equal(answer.body.success, false, label);
      }
      assert.equal(await photoRows(ctx()), rowsBefore, 'no photo row');
      assert.equal(storedFiles(), filesBefore, 'no stored file');
    });

    it('refuses a 50 MB upload over a real socket before it has all arrived, and the server keeps serving', async () => {
      const driver = await ctx().createUser('user');
      await ctx().app.http.listen({ port: 0, host: '127.0.0.1' });
      const { port } = ctx().app.http.server.address() as AddressInfo;
      const { payload, contentType } = await formBody([{ data: await png() }]);
      const fileEnd = payload.lastIndexOf(Buffer.from('\r\n--'));
      // The form as sent: its head and the PNG, then 50 MB more of the file, made as they are read.
      let sent = 0;
      const padding = Buffer.alloc(64 * 1024);
      const body = new ReadableStream<Uint8Array>({
        start: (controller) => controller.enqueue(payload.subarray(0, fileEnd)),
        pull(controller) {
          if (sent >= 50 * 1024 * 1024) {
            controller.enqueue(payload.subarray(fileEnd));
            controller.close();
            return;
          }
          sent += padding.length;
          controller.enqueue(padding);
        },
      });
      const response = await fetch(`http://127.0.0.1:${port}/api/photos`, {
        method: 'POST',
        headers: { authorization: `Bearer ${driver.token}`, 'content-type': contentType },
        body,
        duplex: 'half',
      } as RequestInit);
      const sentWhenAnswered = sent;
      assert.equal(response.status, 413);
      assert.equal(((await response.json()) as { payload: { code: string } }).payload.code, 'PHOTO_TOO_LARGE');
      assert.ok(sentWhenAnswered < 40 * 1024 * 1024, `answered after ${(sentWhenAnswered / 2 ** 20).toFixed(1)} MB of 50`);
      assert.equal((await fetch(`http://127.0.0.1:${port}/api/health`)).status, 200);
    });

    it('refuses a form whose multipart boundary is broken', async () => {
      const driver = await ctx().createUser('user');
      const { payload } = await formBody([{ data: await png() }]);
      const response = await ctx().app.http.inject({
        method: 'POST',
        url: '/api/photos',
        headers: { authorization: `Bearer ${driver.token}`, 'content-type': 'multipart/form-data; boundary=not-the-one-used' },
        payload,
      });
      assert.ok(response.statusCode >= 400 && response.statusCode < 500, String(response.statusCode));
      assert.equal(response.json().success, false);
    });

    it('asks for a login', async () => {
      const { payload, contentType } = await formBody([{ data: await png() }]);
      const response = await ctx().app.http.inject({ method: 'POST', url: '/api/photos', headers: { 'content-type': contentType }, payload });
      assert.equal(response.statusCode, 401);
    });
  },
  { DATA_DIR: dataDir },
);
