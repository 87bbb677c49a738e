/** The PDF's page: A4, the embedded DejaVu fonts, and the few drawing rules every part shares. */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { P2hStatus } from '../values.js';
import { STATUS_COLORS } from './content.js';

// Resolved through the package, not the working directory: the server may start from anywhere.
const require = createRequire(import.meta.url);
const FONT_FILES = { body: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf'), bold: require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf') };
// Read once (about 1.4 MB together) rather than from disk for every PDF; pdfkit embeds only the glyphs used.
let fontBytes: { body: Buffer; bold: Buffer } | undefined;
const fonts = () => (fontBytes ??= { body: fs.readFileSync(FONT_FILES.body), bold: fs.readFileSync(FONT_FILES.bold) });

export type Doc = PDFKit.PDFDocument;

export const INK = '#1a1a1a';
export const MUTED = '#555555';
export const RULE = '#b0b0b0';

/** Room kept below the content for the page number. */
const FOOTER_ROOM = 36;

export function createDocument(title: string): Doc {
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 40, left: 40, right: 40, bottom: 40 + FOOTER_ROOM },
    // Kept so the page numbers ("1 / 3") can be written once the page count is known.
    bufferPages: true,
    info: { Title: title, Creator: 'P2H' },
  });
  // DejaVu has every Indonesian letter and the dashes the status words use; the standard 14 fonts do not embed.
  doc.registerFont('body', fonts().body);
  doc.registerFont('bold', fonts().bold);
  doc.font('body').fontSize(9).fillColor(INK);
  return doc;
}

export const left = (doc: Doc) => doc.page.margins.left;
export const contentWidth = (doc: Doc) => doc.page.width - doc.page.margins.left - doc.page.margins.right;
const bottom = (doc: Doc) => doc.page.height - doc.page.margins.bottom;

/** Starts a new page unless `height` more points fit on this one (keeps a header with what follows it). */
export function ensureSpace(doc: Doc, height: number): void {
  if (doc.y + height > bottom(doc)) doc.addPage();
}

/** A section title with a rule under it. */
export function heading(doc: Doc, text: string, keepWith = 40): void {
  ensureSpace(doc, 22 + keepWith);
  doc.moveDown(0.6);
  doc.font('bold').fontSize(11).fillColor(INK).text(text, left(doc), doc.y);
  const y = doc.y + 2;
  doc.moveTo(left(doc), y).lineTo(left(doc) + contentWidth(doc), y).lineWidth(0.7).strokeColor(RULE).stroke();
  doc.y = y + 5;
  doc.font('body').fontSize(9);
}

/**
 * A status as a coloured square and its word in the same colour, in bold: the colour for the eye,
 * the word for a black-and-white print.
 */
export function statusMark(doc: Doc, status: P2hStatus, words: string, x: number, y: number, width: number, size = 9): number {
  const color = STATUS_COLORS[status];
  doc.rect(x, y + 1, size - 2, size - 2).fillColor(color).fill();
  doc.font('bold').fontSize(size).fillColor(color).text(words, x + size + 2, y, { width: width - size - 2 });
  const end = doc.y;
  doc.font('body').fillColor(INK);
  return end;
}

/** "Halaman 1 / 3" at the foot of every page, written after the last page exists. */
export function numberPages(doc: Doc, footer: string): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    // Writing inside the bottom margin would make pdfkit open a new page; lift the margin for the footer.
    const margin = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    const y = doc.page.height - 30;
    doc.font('body').fontSize(7.5).fillColor(MUTED);
    doc.text(footer, left(doc), y, { width: contentWidth(doc) - 80, lineBreak: false, ellipsis: true });
    doc.text(`Halaman ${i - range.start + 1} / ${range.count}`, left(doc) + contentWidth(doc) - 80, y, { width: 80, align: 'right', lineBreak: false });
    doc.page.margins.bottom = margin;
  }
}

/** The finished document's bytes. */
export function toBuffer(doc: Doc): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.end();
  });
}
