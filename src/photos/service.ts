import { and, asc, eq, inArray, isNull, lt } from 'drizzle-orm';
import type { Logger } from 'pino';
import path from 'node:path';
import type { PhotoStorageConfig } from '../config/photo-config.js';
import type { Db } from '../db/client.js';
import type { Clock } from '../lib/clock.js';
import { DomainError } from '../lib/errors.js';
import type { Role } from '../users/schema.js';
import type { Photo } from './api-schemas.js';
import { processPhoto } from './process.js';
import { abandonedBefore, maySeePhoto } from './rules.js';
import { photos, type PhotoRow } from './schema.js';
import { S3PhotoStorage } from './s3-storage.js';
import { LocalPhotoStorage, photoKeys, type PhotoStorage } from './storage.js';
import type { PhotoReader } from './types.js';

export type PhotoSize = 'full' | 'thumb';

/** Abandoned photos removed per statement: a long backlog is worked off in bounded steps. */
const CLEANUP_BATCH = 200;

const notFound = () => new DomainError('PHOTO_NOT_FOUND', 'Foto tidak ditemukan');

/**
 * Uploads (checked, re-encoded, stored, recorded), serves and cleans up photos. Attaching them
 * to what they are evidence for, and listing them, is src/photos/links.ts.
 */
export class PhotosService implements Pick<PhotoReader, 'read'> {
  constructor(
    private readonly db: Db,
    private readonly deps: { storage: PhotoStorage; clock: Clock; log: Pick<Logger, 'warn'> },
  ) {}

  /** Stores an upload for its uploader, unattached. Refused uploads store nothing. */
  async upload(uploaderId: number, bytes: Buffer): Promise<Photo> {
    const image = await processPhoto(bytes);
    const now = this.deps.clock();
    const keys = photoKeys(now);
    const { storage } = this.deps;
    try {
      await storage.put(keys.storageKey, image.full);
      await storage.put(keys.thumbKey, image.thumb);
      const [row] = await this.db
        .insert(photos)
        .values({ uploaderId, ...keys, width: image.width, height: image.height, bytes: image.full.length, createdAt: now })
        .returning({ id: photos.id });
      return { id: row!.id, width: image.width, height: image.height, bytes: image.full.length, content_type: 'image/jpeg' };
    } catch (error) {
      // Nothing half-stored: files without a row would never be cleaned up.
      await this.removeFiles([keys.storageKey, keys.thumbKey]);
      throw error;
    }
  }

  /** The photo's JPEG for this caller; 404 PHOTO_NOT_FOUND when it is gone or not theirs to see. */
  async open(actor: { id: number; role: Role }, photoId: number, size: PhotoSize): Promise<Buffer> {
    const row = await this.find(photoId);
    if (!row || !maySeePhoto(actor, row)) throw notFound();
    const bytes = await this.deps.storage.get(keyOf(row, size));
    if (!bytes) throw notFound();
    return bytes;
  }

  /** PhotoReader.read: the stored JPEG or thumbnail, for the Telegram delivery; null when gone. */
  async read(photoId: number, size: PhotoSize): Promise<Buffer | null> {
    const row = await this.find(photoId);
    return row ? this.deps.storage.get(keyOf(row, size)) : null;
  }

  /**
   * Removes the photos nobody attached within 24 hours: rows first, each only while still
   * unattached (an attach racing with this keeps its photo), then their files. Returns how many.
   */
  async removeAbandoned(): Promise<number> {
    const cutoff = abandonedBefore(this.deps.clock());
    let removed = 0;
    for (;;) {
      const batch = await this.db
        .select({ id: photos.id })
        .from(photos)
        .where(and(isNull(photos.attachedAt), lt(photos.createdAt, cutoff)))
        .orderBy(asc(photos.createdAt))
        .limit(CLEANUP_BATCH);
      if (batch.length === 0) return removed;
      const gone = await this.db
        .delete(photos)
        .where(and(inArray(photos.id, batch.map((row) => row.id)), isNull(photos.attachedAt)))
        .returning({ storageKey: photos.storageKey, thumbKey: photos.thumbKey });
      await this.removeFiles(gone.flatMap((row) => [row.storageKey, row.thumbKey]));
      removed += gone.length;
      if (batch.length < CLEANUP_BATCH) return removed;
    }
  }

  private async find(photoId: number): Promise<PhotoRow | undefined> {
    const [row] = await this.db.select().from(photos).where(eq(photos.id, photoId));
    return row;
  }

  /** Best effort: a file that cannot be removed now is logged (an orphan file harms nobody but the disk). */
  private async removeFiles(keys: string[]): Promise<void> {
    const results = await Promise.allSettled(keys.map((key) => this.deps.storage.delete(key)));
    const failed = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
    if (failed.length > 0) this.deps.log.warn({ err: failed[0]!.reason, failed: failed.length }, 'could not remove stored photo files');
  }
}

/** PHOTO_STORAGE: `<DATA_DIR>/photos/` by default, or the S3-compatible store configured. */
export function photoStorageFor(settings: PhotoStorageConfig, dataDir: string): PhotoStorage {
  return settings.kind === 's3' ? new S3PhotoStorage(settings) : new LocalPhotoStorage(path.join(dataDir, 'photos'));
}

const keyOf = (row: PhotoRow, size: PhotoSize) => (size === 'thumb' ? row.thumbKey : row.storageKey);
