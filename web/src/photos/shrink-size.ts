/** Pure sizing rules for photos taken on the phone (no imports: unit-tested in test/unit/photo-shrink.test.ts). */

/** The long side of a photo sent to the server: plenty to see a leak or a crack, ~200–400 KB as JPEG. */
export const MAX_PHOTO_SIDE = 1600;
export const JPEG_QUALITY = 0.8;

/** The size to draw a width × height image at so its long side is at most maxSide; never enlarges. */
export function fitWithin(width: number, height: number, maxSide = MAX_PHOTO_SIDE): { width: number; height: number } {
  if (!(width > 0) || !(height > 0)) throw new Error(`bad image size ${width}×${height}`);
  const scale = Math.min(1, maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** How many more photos an answer may take. */
export function photosLeft(current: number, max: number): number {
  return Math.max(0, max - current);
}
