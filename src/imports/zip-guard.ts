import { inflateRawSync } from 'node:zlib';

/**
 * What an .xlsx (a zip) unpacks to, measured before exceljs reads it: a zip bomb dressed as a
 * workbook (a few KB that inflate to gigabytes) must be refused before anything inflates it in full.
 * The central directory's declared sizes are checked first; then every entry is inflated with a
 * cap of its declared size, so a directory that lies is caught too.
 */
export type ArchiveVerdict =
  | { ok: true; unpackedBytes: number; largestSheetRows: number }
  | { ok: false; reason: 'corrupt' | 'not_workbook' | 'too_large' };

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const ZIP64_MARK = 0xffffffff;
const MAX_ENTRIES = 10_000;
const STORED = 0;
const DEFLATED = 8;

interface Entry {
  name: string;
  method: number;
  compressedSize: number;
  declaredSize: number;
  localOffset: number;
}

export function inspectXlsxArchive(bytes: Buffer, maxUnpackedBytes: number): ArchiveVerdict {
  const entries = centralDirectory(bytes);
  if (entries === 'corrupt' || entries === 'too_large') return { ok: false, reason: entries };
  if (!entries.some((e) => e.name === 'xl/workbook.xml')) return { ok: false, reason: 'not_workbook' };
  const declared = entries.reduce((sum, e) => sum + e.declaredSize, 0);
  if (declared > maxUnpackedBytes) return { ok: false, reason: 'too_large' };

  let largestSheetRows = 0;
  for (const entry of entries) {
    const data = entryData(bytes, entry);
    if (data === undefined) return { ok: false, reason: 'corrupt' };
    let unpacked: Buffer;
    if (entry.method === STORED) unpacked = data;
    else if (entry.method === DEFLATED) {
      try {
        // One byte over the declared size is enough to know it lied; inflating stops there.
        unpacked = inflateRawSync(data, { maxOutputLength: entry.declaredSize + 1 });
      } catch (error) {
        return { ok: false, reason: (error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE' ? 'too_large' : 'corrupt' };
      }
    } else return { ok: false, reason: 'corrupt' };
    if (unpacked.length > entry.declaredSize) return { ok: false, reason: 'too_large' };
    if (unpacked.length !== entry.declaredSize) return { ok: false, reason: 'corrupt' };
    if (/^xl\/worksheets\/[^/]+\.xml$/.test(entry.name)) largestSheetRows = Math.max(largestSheetRows, countRows(unpacked));
  }
  return { ok: true, unpackedBytes: declared, largestSheetRows };
}

/** `<row` elements in a sheet's XML: how many rows exceljs would build, counted without parsing. */
function countRows(xml: Buffer): number {
  let count = 0;
  for (let at = xml.indexOf('<row'); at !== -1; at = xml.indexOf('<row', at + 4)) {
    const next = xml[at + 4];
    if (next === 0x20 || next === 0x3e || next === 0x2f) count += 1; // "<row ", "<row>", "<row/>", not "<rows"
  }
  return count;
}

function centralDirectory(bytes: Buffer): Entry[] | 'corrupt' | 'too_large' {
  const eocd = findEndOfCentralDirectory(bytes);
  if (eocd === -1) return 'corrupt';
  const count = bytes.readUInt16LE(eocd + 10);
  const size = bytes.readUInt32LE(eocd + 12);
  const offset = bytes.readUInt32LE(eocd + 16);
  // Zip64 is for archives past 4 GB or 65 535 entries: never a sheet this import takes.
  if (count === 0xffff || size === ZIP64_MARK || offset === ZIP64_MARK) return 'too_large';
  if (count > MAX_ENTRIES) return 'too_large';
  if (offset + size > bytes.length) return 'corrupt';
  const entries: Entry[] = [];
  let at = offset;
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== CENTRAL_SIGNATURE) return 'corrupt';
    const method = bytes.readUInt16LE(at + 10);
    const compressedSize = bytes.readUInt32LE(at + 20);
    const declaredSize = bytes.readUInt32LE(at + 24);
    const nameLength = bytes.readUInt16LE(at + 28);
    const extraLength = bytes.readUInt16LE(at + 30);
    const commentLength = bytes.readUInt16LE(at + 32);
    const localOffset = bytes.readUInt32LE(at + 42);
    if (compressedSize === ZIP64_MARK || declaredSize === ZIP64_MARK || localOffset === ZIP64_MARK) return 'too_large';
    const name = bytes.toString('utf8', at + 46, at + 46 + nameLength);
    entries.push({ name, method, compressedSize, declaredSize, localOffset });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** The end record sits in the last 22 bytes plus an optional comment of up to 65 535 bytes. */
function findEndOfCentralDirectory(bytes: Buffer): number {
  const lowest = Math.max(0, bytes.length - 22 - 0xffff);
  for (let at = bytes.length - 22; at >= lowest; at -= 1) {
    if (bytes.readUInt32LE(at) === EOCD_SIGNATURE) return at;
  }
  return -1;
}

function entryData(bytes: Buffer, entry: Entry): Buffer | undefined {
  const at = entry.localOffset;
  if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== LOCAL_SIGNATURE) return undefined;
  const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  return end > bytes.length ? undefined : bytes.subarray(start, end);
}
