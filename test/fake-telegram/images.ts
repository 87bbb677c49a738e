/** Test images without an image library. */

const segment = (marker: number, body: number[]) => [0xff, marker, ((body.length + 2) >> 8) & 0xff, (body.length + 2) & 0xff, ...body];

/**
 * A valid baseline JPEG of a flat grey `width`×`height` image: every 8×8 block is "DC difference 0,
 * end of block", each a one-bit Huffman code, so the scan is zero bits padded with ones. `label`
 * goes into a comment segment, so two labels give two different files (and SHA-256s).
 */
export function tinyJpeg(label: string, width = 8, height = 8): Buffer {
  const blocks = Math.ceil(width / 8) * Math.ceil(height / 8);
  const bits = blocks * 2;
  const scan = [...new Array<number>(Math.floor(bits / 8)).fill(0), ...(bits % 8 ? [0xff >> bits % 8] : [])];
  const oneCode = (tableClass: number) => [(tableClass << 4) | 0, 1, ...new Array<number>(15).fill(0), 0x00];
  return Buffer.from([
    0xff, 0xd8,
    ...segment(0xfe, [...Buffer.from(label, 'utf8')]),
    ...segment(0xdb, [0x00, ...new Array<number>(64).fill(1)]),
    ...segment(0xc0, [8, height >> 8, height & 0xff, width >> 8, width & 0xff, 1, 1, 0x11, 0]),
    ...segment(0xc4, oneCode(0)),
    ...segment(0xc4, oneCode(1)),
    ...segment(0xda, [1, 1, 0x00, 0, 63, 0]),
    ...scan,
    0xff, 0xd9,
  ]);
}
