import type { default as Sharp } from 'sharp';
import { DomainError } from '../lib/errors.js';

/** The longest side of a stored photo: enough to read a tyre's tread or a leak, small on a phone's data plan. */
export const MAX_PHOTO_SIDE = 1600;
/** The longest side of a thumbnail, the size lists and Telegram previews show. */
export const MAX_THUMB_SIDE = 320;
/** Largest upload accepted, as the contract says. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
/**
 * A decoded image may have at most 50 megapixels: a 12 MP phone photo (4000×3000) and a 48 MP one
 * (8000×6000) pass, while a small file that claims a huge canvas (a decompression bomb) is refused
 * from its header, before sharp allocates its pixels.
 */
export const MAX_INPUT_PIXELS = 50_000_000;
/** Encodes in flight at once; each holds a decoded image (up to ~150 MB for 50 MP), so two keep memory bounded. */
export const MAX_CONCURRENT_ENCODES = 2;

let loaded: Promise<typeof Sharp> | undefined;
/** sharp (libvips, ~20 MB of RSS) is loaded at the first upload: the worker, the bot and an idle server never pay for it. */
function loadSharp(): Promise<typeof Sharp> {
  loaded ??= import('sharp').then(({ default: sharp }) => {
    // One libvips thread per image: several uploads share the (small) machine instead of one taking every core.
    sharp.concurrency(1);
    // Each photo is read once: libvips' operation cache would only hold on to memory.
    sharp.cache(false);
    return sharp;
  });
  return loaded;
}

export type ImageKind = 'jpeg' | 'png' | 'webp';

/** The image type by its first bytes; the file's name and declared content type are never believed. */
export function sniffImageKind(bytes: Uint8Array): ImageKind | null {
  const startsWith = (signature: number[], at = 0) => bytes.length >= at + signature.length && signature.every((b, i) => bytes[at + i] === b);
  if (startsWith([0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  // RIFF <size> WEBP
  if (startsWith([0x52, 0x49, 0x46, 0x46]) && startsWith([0x57, 0x45, 0x42, 0x50], 8)) return 'webp';
  return null;
}

export interface ProcessedPhoto {
  full: Buffer;
  thumb: Buffer;
  width: number;
  height: number;
}

/** A counting semaphore: at most `limit` tasks run, the others wait in arrival order. */
export class Semaphore {
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running += 1;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next waiter, so `running` stays counted.
      if (next) next();
      else this.running -= 1;
    }
  }
}

const encodes = new Semaphore(MAX_CONCURRENT_ENCODES);

/**
 * Checks an upload by its bytes and re-encodes it: a JPEG with the orientation applied, at most
 * MAX_PHOTO_SIDE px, every piece of metadata (EXIF, GPS, maker notes, XMP, ICC) dropped — sharp
 * keeps none unless asked — and a thumbnail. Refusals are DomainErrors with their own code.
 */
export async function processPhoto(upload: Buffer): Promise<ProcessedPhoto> {
  if (upload.length === 0) throw new DomainError('PHOTO_EMPTY', 'File foto kosong (0 byte)');
  if (!sniffImageKind(upload)) throw new DomainError('PHOTO_NOT_IMAGE', 'File bukan foto: hanya JPEG, PNG atau WebP yang diterima');
  const sharp = await loadSharp();
  return encodes.run(async () => {
    try {
      // failOn 'error': a truncated or broken file is refused; mere warnings (common in phone JPEGs) are not.
      const { data: full, info } = await sharp(upload, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
        .rotate()
        .resize(MAX_PHOTO_SIDE, MAX_PHOTO_SIDE, { fit: 'inside', withoutEnlargement: true })
        .jpeg({ quality: 80 })
        .toBuffer({ resolveWithObject: true });
      // From the already small JPEG: decoding it again costs far less than the original.
      const thumb = await sharp(full)
        .resize(MAX_THUMB_SIDE, MAX_THUMB_SIDE, { fit: 'inside', withoutEnlargement: true })
        .jpeg({ quality: 70 })
        .toBuffer();
      return { full, thumb, width: info.width, height: info.height };
    } catch (error) {
      throw refusalOf(error);
    }
  });
}

function refusalOf(error: unknown): DomainError {
  const message = error instanceof Error ? error.message : String(error);
  if (/pixel limit/i.test(message)) {
    return new DomainError('PHOTO_TOO_MANY_PIXELS', `Resolusi foto terlalu besar (maksimal ${MAX_INPUT_PIXELS / 1_000_000} megapiksel)`);
  }
  return new DomainError('PHOTO_CORRUPT', 'File foto rusak atau terpotong, silakan ambil ulang fotonya');
}
