import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, it } from 'node:test';
import { eq, inArray } from 'drizzle-orm';
import { photos } from '../../src/photos/schema.js';
import { describeEachDatabase } from '../support/app.js';
import { png, uploadPhoto } from './images.js';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'p2h-photo-cleanup-'));
after(() => fs.rmSync(dataDir, { recursive: true, force: true }));
const HOUR = 60 * 60 * 1000;

describeEachDatabase(
  'photos: unattached photos are removed after 24 hours',
  (ctx) => {
    it('removes an abandoned photo with its files; keeps an attached one and a recent one', async () => {
      const driver = await ctx().createUser('user');
      const start = new Date(ctx().clock.now);
      const upload = async () => (await uploadPhoto(ctx(), driver.token, [{ data: await png() }])).body.payload.id as number;
      const abandoned = await upload();
      const attached = await upload();
      await ctx().database.db.update(photos).set({ attachedAt: start, attachedTo: 'defect' }).where(eq(photos.id, attached));
      try {
        ctx().clock.now = new Date(start.getTime() + 23 * HOUR);
        const recent = await upload();
        const rows = await ctx().database.db.select().from(photos).where(inArray(photos.id, [abandoned, attached, recent]));
        const files = (id: number) => {
          const row = rows.find((r) => r.id === id)!;
          return [row.storageKey, row.thumbKey].map((key) => path.join(dataDir, 'photos', key));
        };
        for (const file of [abandoned, attached, recent].flatMap(files)) assert.ok(fs.existsSync(file), file);

        assert.equal(await ctx().app.services.photos.removeAbandoned(), 0, 'nothing is 24 hours old yet');
        ctx().clock.now = new Date(start.getTime() + 24 * HOUR + 60_000);
        assert.equal(await ctx().app.services.photos.removeAbandoned(), 1);

        const left = await ctx().database.db.select({ id: photos.id }).from(photos).where(inArray(photos.id, [abandoned, attached, recent]));
        assert.deepEqual(left.map((r) => r.id).sort((a, b) => a - b), [attached, recent]);
        for (const file of files(abandoned)) assert.ok(!fs.existsSync(file), `${file} removed`);
        for (const file of [...files(attached), ...files(recent)]) assert.ok(fs.existsSync(file), `${file} kept`);
        assert.equal(await ctx().app.services.photos.read(abandoned, 'full'), null, 'the reader no longer finds it');
        assert.ok(await ctx().app.services.photos.read(attached, 'thumb'), 'the attached one is still read');
        assert.equal(await ctx().app.services.photos.removeAbandoned(), 0, 'running again removes nothing more');
      } finally {
        ctx().clock.now = start;
      }
    });
  },
  { DATA_DIR: dataDir },
);
