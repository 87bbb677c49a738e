import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { createLogger } from '../../src/config/logger.js';
import { S3PhotoStorage } from '../../src/photos/s3-storage.js';
import { photos } from '../../src/photos/schema.js';
import { describeEachDatabase, startTestApp, type TestContext } from '../support/app.js';
import { startTestS3 } from '../support/s3.js';
import { downloadPhoto, jpegWithGps, png, uploadPhoto } from './images.js';

const s3 = await startTestS3();
after(() => s3.stop());
const bucket = () => new S3PhotoStorage({ kind: 's3', endpoint: s3.endpoint, region: 'us-east-1', bucket: s3.bucket, accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' });

describeEachDatabase(
  'photos on S3 (PHOTO_STORAGE=s3, s3rver)',
  (ctx) => {
    it('uploads to the bucket, serves from it, and the cleanup removes from it', async () => {
      const driver = await ctx().createUser('user');
      const upload = await uploadPhoto(ctx(), driver.token, [{ data: await jpegWithGps(1800, 1200) }]);
      assert.equal(upload.status, 201, JSON.stringify(upload.body));
      const { id } = upload.body.payload;
      const [row] = await ctx().database.db.select().from(photos).where(eq(photos.id, id));
      const inBucket = await bucket().get(row!.storageKey);
      assert.ok(inBucket, 'the JPEG is in the bucket');
      assert.ok(await bucket().get(row!.thumbKey), 'the thumbnail is in the bucket');

      const download = await downloadPhoto(ctx(), driver.token, id, 'thumb');
      assert.equal(download.status, 200);
      const thumb = await sharp(download.bytes).metadata();
      assert.ok(Math.max(thumb.width!, thumb.height!) <= 320);
      assert.deepEqual((await downloadPhoto(ctx(), driver.token, id)).bytes, inBucket);

      const start = ctx().clock.now;
      try {
        ctx().clock.now = new Date(start.getTime() + 25 * 60 * 60 * 1000);
        assert.ok((await ctx().app.services.photos.removeAbandoned()) >= 1);
      } finally {
        ctx().clock.now = start;
      }
      assert.equal(await bucket().get(row!.storageKey), null);
      assert.equal(await bucket().get(row!.thumbKey), null);
    });
  },
  s3.env,
);

/** A logger whose lines the test reads back. */
function capturedLogger() {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { log: createLogger({ level: 'debug', destination }), text: () => lines.join('') };
}

const SECRET = 'wJalrXUtnFEMI-K7MDENG-bPxRfiCYEXAMPLEKEY';

for (const [label, env] of [
  ['wrong credentials', { S3_ACCESS_KEY_ID: 'NOT-AN-ACCOUNT' }],
  ['an unreachable store', { S3_ENDPOINT: 'http://127.0.0.1:1' }],
] as const) {
  describe(`photos on S3 failing (${label}): the secret is never logged nor answered [pglite]`, () => {
    const captured = capturedLogger();
    let ctx: TestContext & { close(): Promise<void> };
    before(async () => {
      ctx = await startTestApp('pglite', { ...s3.env, S3_SECRET_ACCESS_KEY: SECRET, ...env }, { logger: captured.log });
    });
    after(async () => ctx?.close());

    it('answers 500 without the secret, logs the S3 error without the secret, stores no row', async () => {
      const driver = await ctx.createUser('user');
      const upload = await uploadPhoto(ctx, driver.token, [{ data: await png() }]);
      assert.equal(upload.status, 500);
      assert.equal(upload.body.payload.code, 'INTERNAL_ERROR');
      assert.ok(!JSON.stringify(upload.body).includes(SECRET));
      const logged = captured.text();
      assert.match(logged, /S3 put of /, 'the failure is logged');
      assert.ok(!logged.includes(SECRET), 'the secret is not in the log');
      assert.equal((await ctx.database.db.select().from(photos)).length, 0);
    });
  });
}
