/** Images and multipart bodies the photo tests send, all made here (no fixture files). */
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';
import type { TestContext } from '../support/app.js';

const GREY = { r: 120, g: 130, b: 140 };

/** A JPEG carrying EXIF with a camera, a GPS position (a mine near Sangatta) and maker-ish fields. */
export function jpegWithGps(width = 2000, height = 1500): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: GREY } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'TestPhone', Model: 'P2H Camera', Software: 'camera 1.0' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '0/1 30/1 1234/100', GPSLongitudeRef: 'E', GPSLongitude: '117/1 32/1 100/100' },
    })
    .toBuffer();
}

/** A 600×400 JPEG whose EXIF says "rotate 90° clockwise" (Orientation 6), as phones write portrait shots. */
export function jpegRotated(): Promise<Buffer> {
  return sharp({ create: { width: 600, height: 400, channels: 3, background: GREY } }).jpeg().withMetadata({ orientation: 6 }).toBuffer();
}

export const png = (width = 300, height = 200) => sharp({ create: { width, height, channels: 3, background: GREY } }).png().toBuffer();
export const webp = (width = 300, height = 200) => sharp({ create: { width, height, channels: 3, background: GREY } }).webp().toBuffer();

/**
 * A decompression bomb: a ~12 KB PNG that decodes to 10 000 × 10 000 pixels (100 megapixels),
 * written by hand so the test never has to hold the huge image itself.
 */
export function pngBomb(side = 10_000): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header[8] = 1; // bit depth 1
  header[9] = 0; // greyscale
  const row = Buffer.alloc(1 + Math.ceil(side / 8)); // filter byte + packed bits, all zero
  const raw = Buffer.alloc(row.length * side);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) {
    crc ^= byte;
    for (let k = 0; k < 8; k += 1) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

export const SVG_WITH_SCRIPT = Buffer.from(
  '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><script>alert(document.cookie)</script><rect width="100" height="100"/></svg>',
);

export interface FilePart {
  field?: string;
  data: Buffer;
  filename?: string;
  type?: string;
}

/** A multipart/form-data body as a browser's FormData sends it. */
export async function formBody(files: FilePart[], fields: Record<string, string> = {}): Promise<{ payload: Buffer; contentType: string }> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  for (const file of files) {
    form.append(file.field ?? 'file', new Blob([file.data], { type: file.type ?? 'image/jpeg' }), file.filename ?? 'photo.jpg');
  }
  const encoded = new Response(form);
  return { payload: Buffer.from(await encoded.arrayBuffer()), contentType: encoded.headers.get('content-type')! };
}

/** POST /api/photos through the app, answered as JSON. */
export async function uploadPhoto(ctx: TestContext, token: string, files: FilePart[], fields: Record<string, string> = {}) {
  const { payload, contentType } = await formBody(files, fields);
  const response = await ctx.app.http.inject({ method: 'POST', url: '/api/photos', headers: { authorization: `Bearer ${token}`, 'content-type': contentType }, payload });
  return { status: response.statusCode, body: response.json() as { success: boolean; message: string; payload: any } };
}

/** GET /api/photos/:id as bytes. */
export async function downloadPhoto(ctx: TestContext, token: string, id: number, size?: 'thumb' | 'full') {
  const response = await ctx.app.http.inject({ method: 'GET', url: `/api/photos/${id}${size ? `?size=${size}` : ''}`, headers: { authorization: `Bearer ${token}` } });
  return { status: response.statusCode, headers: response.headers, bytes: response.rawPayload, json: () => response.json() as { payload: { code: string } } };
}
