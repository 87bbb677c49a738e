/** Signature lines for the driver, the supervisor and the mechanic, with blanks for name and date. */
import { contentWidth, ensureSpace, heading, INK, left, MUTED, type Doc } from './document.js';

export const SIGNATURE_ROLES = ['Pengemudi', 'Pengawas', 'Mekanik'] as const;

const BLOCK_HEIGHT = 110;

export function drawSignatures(doc: Doc): void {
  heading(doc, 'Tanda tangan', BLOCK_HEIGHT);
  ensureSpace(doc, BLOCK_HEIGHT);
  const gap = 18;
  const width = (contentWidth(doc) - gap * (SIGNATURE_ROLES.length - 1)) / SIGNATURE_ROLES.length;
  const top = doc.y + 4;
  SIGNATURE_ROLES.forEach((role, column) => {
    const x = left(doc) + column * (width + gap);
    doc.font('bold').fontSize(9).fillColor(INK).text(role, x, top, { width, align: 'center' });
    const lineY = top + 62;
    doc.moveTo(x, lineY).lineTo(x + width, lineY).lineWidth(0.7).strokeColor(INK).stroke();
    doc.font('body').fontSize(8).fillColor(MUTED);
    doc.text('Nama: ______________________', x, lineY + 6, { width });
    doc.text('Tanggal: ____________________', x, lineY + 20, { width });
  });
  doc.y = top + BLOCK_HEIGHT - 10;
}
