/** The defects this report found or touched: their state, their repair, and their photos when they exist. */
import { DEFECT_STATUS_WORDS, fitInto, localDateTime } from './content.js';
import { contentWidth, ensureSpace, heading, INK, left, MUTED, RULE, statusMark, type Doc } from './document.js';
import type { PdfDefect, PdfPhoto } from './types.js';

const THUMB = { width: 120, height: 90 };
const GAP = 8;

export function drawDefects(doc: Doc, defects: readonly PdfDefect[], timeZone: string): void {
  heading(doc, `Kerusakan (${defects.length})`, defects.length === 0 ? 12 : 60);
  if (defects.length === 0) {
    doc.font('body').fontSize(9).fillColor(MUTED).text('Tidak ada kerusakan tercatat pada laporan ini.', left(doc), doc.y);
    return;
  }
  for (const entry of defects) drawDefect(doc, entry, timeZone);
}

function drawDefect(doc: Doc, { defect, photos, morePhotos }: PdfDefect, timeZone: string): void {
  // The defect's words and its first row of photos stay on one page.
  ensureSpace(doc, 70 + (photos.length > 0 ? THUMB.height + 8 : 0));
  const x = left(doc);
  const width = contentWidth(doc);
  const y = doc.y + 2;
  doc.font('bold').fontSize(9.5).fillColor(INK).text(defect.item_name, x, y, { width: width - 130 });
  const titleEnd = doc.y;
  statusMark(doc, defect.severity, defect.severity.toUpperCase(), x + width - 125, y, 125, 9);
  doc.y = Math.max(titleEnd, y + 12);

  const lines: [string, string][] = [['Status', DEFECT_STATUS_WORDS[defect.status]]];
  if (defect.remark) lines.push(['Keterangan', defect.remark]);
  lines.push(['Dilaporkan', `${localDateTime(defect.opened_at, timeZone)} oleh ${defect.opened_by_name} (${defect.reported_count}× dilaporkan)`]);
  if (defect.assigned_to_name) lines.push(['Ditangani', defect.assigned_to_name]);
  if (defect.repaired_at) lines.push(['Diperbaiki', [localDateTime(defect.repaired_at, timeZone), defect.repair_note].filter(Boolean).join(' — ')]);
  if (defect.verified_at) lines.push(['Terverifikasi', localDateTime(defect.verified_at, timeZone)]);
  if (defect.closed_at) lines.push(['Ditutup', [localDateTime(defect.closed_at, timeZone), defect.close_reason].filter(Boolean).join(' — ')]);
  for (const [label, value] of lines) {
    const rowY = doc.y;
    doc.font('body').fontSize(8).fillColor(MUTED).text(label, x + 8, rowY, { width: 72 });
    doc.fontSize(8.5).fillColor(INK).text(value, x + 82, rowY, { width: width - 82 });
  }
  if (photos.length > 0) drawPhotos(doc, photos, morePhotos);
  const end = doc.y + 4;
  doc.moveTo(x, end).lineTo(x + width, end).lineWidth(0.3).strokeColor(RULE).stroke();
  doc.y = end + 4;
}

/** Thumbnails in rows; a file that is gone or unreadable is a note in its place, never a failed PDF. */
function drawPhotos(doc: Doc, photos: readonly PdfPhoto[], morePhotos: number): void {
  const perRow = Math.max(1, Math.floor((contentWidth(doc) - 8 + GAP) / (THUMB.width + GAP)));
  for (let start = 0; start < photos.length; start += perRow) {
    ensureSpace(doc, THUMB.height + 8);
    const y = doc.y + 4;
    photos.slice(start, start + perRow).forEach((photo, column) => {
      drawPhoto(doc, photo, left(doc) + 8 + column * (THUMB.width + GAP), y);
    });
    doc.y = y + THUMB.height + 2;
  }
  if (morePhotos > 0) doc.font('body').fontSize(8).fillColor(MUTED).text(`+${morePhotos} foto lainnya di aplikasi P2H`, left(doc) + 8, doc.y);
}

function drawPhoto(doc: Doc, photo: PdfPhoto, x: number, y: number): void {
  if (photo.bytes) {
    try {
      const size = fitInto(photo, THUMB);
      doc.image(photo.bytes, x, y, { width: size.width, height: size.height });
      return;
    } catch {
      // Not an image pdfkit can read: fall through to the note, as for a file that is gone.
    }
  }
  doc.rect(x, y, THUMB.width, THUMB.height).lineWidth(0.5).dash(3, { space: 2 }).strokeColor(RULE).stroke().undash();
  doc.font('body').fontSize(7.5).fillColor(MUTED).text(`Foto #${photo.id} tidak tersedia`, x + 4, y + THUMB.height / 2 - 5, { width: THUMB.width - 8, align: 'center' });
}
