/** Photo rows straight in the database: the upload route and its storage are another feature's tests. */
import { eq, inArray } from 'drizzle-orm';
import { photos, type PhotoRow } from '../../src/photos/schema.js';
import type { TestContext } from './app.js';

/** `count` unattached photos uploaded by `uploaderId`; returns their ids in upload order. */
export async function createPhotos(ctx: TestContext, uploaderId: number, count = 1): Promise<number[]> {
  const rows = await ctx.database.db
    .insert(photos)
    .values(Array.from({ length: count }, (_, n) => ({ uploaderId, storageKey: `test/${uploaderId}/${n}.jpg`, thumbKey: `test/${uploaderId}/${n}.thumb.jpg`, width: 1600, height: 1200, bytes: 1000 + n })))
    .returning({ id: photos.id });
  return rows.map((r) => r.id);
}

export async function photoRows(ctx: TestContext, ids: number[]): Promise<PhotoRow[]> {
  if (ids.length === 0) return [];
  return ctx.database.db.select().from(photos).where(inArray(photos.id, ids)).orderBy(photos.id);
}

export async function photoRow(ctx: TestContext, id: number): Promise<PhotoRow | undefined> {
  const [row] = await ctx.database.db.select().from(photos).where(eq(photos.id, id));
  return row;
}

/** As the API shows a photo beside what it is evidence for. */
export const ref = (id: number) => ({ id, width: 1600, height: 1200 });
