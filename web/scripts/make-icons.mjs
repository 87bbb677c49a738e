/**
 * Draws the app icons (web/public/icons/*.png): a white check mark on the app's blue, the same
 * picture as favicon.svg. Kept as a script, not an image editor file, so anyone can redraw them:
 *   node web/scripts/make-icons.mjs
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

const BLUE = [0x0b, 0x3d, 0x91];
const WHITE = [0xff, 0xff, 0xff];
const outDir = path.resolve(import.meta.dirname, '../public/icons');

/** Distance from point p to the segment a–b, all in unit-square coordinates. */
function distanceToSegment(px, py, ax, ay, bx, by) {
  const t = Math.max(0, Math.min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return Math.hypot(px - (ax + t * (bx - ax)), py - (ay + t * (by - ay)));
}

/** Maskable icons keep their picture inside the middle 80 %: the check mark stays well inside. */
function pixel(x, y) {
  const stroke = 0.07;
  const d = Math.min(distanceToSegment(x, y, 0.28, 0.52, 0.44, 0.68), distanceToSegment(x, y, 0.44, 0.68, 0.74, 0.34));
  return d < stroke ? WHITE : BLUE;
}

function crc32(bytes) {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k += 1) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function png(size) {
  const rows = [];
  for (let y = 0; y < size; y += 1) {
    const row = Buffer.alloc(1 + size * 3); // filter byte 0, then RGB
    for (let x = 0; x < size; x += 1) row.set(pixel((x + 0.5) / size, (y + 0.5) / size), 1 + x * 3);
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(rows), { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

fs.mkdirSync(outDir, { recursive: true });
for (const size of [192, 512]) fs.writeFileSync(path.join(outDir, `icon-${size}.png`), png(size));
fs.writeFileSync(path.join(outDir, 'apple-touch-icon.png'), png(180));
console.log(`icons written to ${outDir}`);
