import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * Where photo bytes live: the local disk (default) or an S3-compatible store. Keys are made by
 * the photos service (`photoKeys`), never by a client.
 */
export interface PhotoStorage {
  /** Writes (or overwrites) the object. */
  put(key: string, data: Buffer): Promise<void>;
  /** The object's bytes; null when there is none. */
  get(key: string): Promise<Buffer | null>;
  /** Removes the object; a key already gone is not an error. */
  delete(key: string): Promise<void>;
}

/** An error of the storage itself (disk, network, S3): carries no credentials, only what went wrong. */
export class PhotoStorageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PhotoStorageError';
  }
}

// Generated keys only: a month folder and a UUID, so a key can never leave the storage root.
const KEY_PATTERN = /^\d{4}-\d{2}\/[0-9a-f-]{36}(-thumb)?\.jpg$/;

export function assertPhotoKey(key: string): void {
  if (!KEY_PATTERN.test(key)) throw new PhotoStorageError(`not a photo key: ${JSON.stringify(key.slice(0, 80))}`);
}

/** A new photo's two keys, grouped by month (UTC) so no folder grows without end. */
export function photoKeys(now: Date): { storageKey: string; thumbKey: string } {
  const month = now.toISOString().slice(0, 7);
  const id = randomUUID();
  return { storageKey: `${month}/${id}.jpg`, thumbKey: `${month}/${id}-thumb.jpg` };
}

/** Photos as files under `<DATA_DIR>/photos/`. */
export class LocalPhotoStorage implements PhotoStorage {
  constructor(private readonly root: string) {}

  private pathOf(key: string): string {
    assertPhotoKey(key);
    return path.join(this.root, key);
  }

  async put(key: string, data: Buffer): Promise<void> {
    const file = this.pathOf(key);
    await fs.mkdir(path.dirname(file), { recursive: true });
    // Written aside and renamed: a reader never sees half a photo, even after a crash.
    const partial = `${file}.${process.pid}.${randomUUID()}.partial`;
    try {
      await fs.writeFile(partial, data);
      await fs.rename(partial, file);
    } catch (error) {
      await fs.rm(partial, { force: true });
      throw error;
    }
  }

  async get(key: string): Promise<Buffer | null> {
    try {
      return await fs.readFile(this.pathOf(key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await fs.rm(this.pathOf(key), { force: true });
  }
}
