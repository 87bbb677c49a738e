/** Photos for delivery tests without an image library: a PhotoReader over an in-memory Map. */
import type { PhotoFiles } from '../../src/notifications/send-photos.js';

export { tinyJpeg } from '../fake-telegram/images.js';

/** A PhotoReader over a Map; a missing id reads as a file that is gone. Counts reads per id. */
export function memoryPhotos(files: Map<number, Buffer>): PhotoFiles & { reads: number[] } {
  const reads: number[] = [];
  return {
    reads,
    async read(photoId: number) {
      reads.push(photoId);
      return files.get(photoId) ?? null;
    },
  };
}
