/**
 * The expiry digest's text, in Indonesian (it goes to the group, which has no personal language).
 * Every value from the database goes through escapeHtml; tags open and close on one line.
 */
import { escapeHtml } from '../telegram/messages.js';
import type { DocumentType } from '../vehicles/schema.js';
import { DIGEST_GROUPS, packSections, type DigestEntry, type DigestGroup, type TextSection } from './digest-rules.js';
import { footer, formatDateDmy, formatDateId } from './render-format.js';
import { TELEGRAM_TEXT_LIMIT } from './split.js';

const DOCUMENT_SHORT: Record<DocumentType, string> = { stnk: 'STNK', kir: 'KIR', pajak: 'Pajak' };

const GROUP_HEADING: Record<DigestGroup, string> = {
  expired: '⛔ <b>Sudah habis</b>',
  within3: '🔴 <b>Habis ≤ 3 hari</b>',
  within7: '🟠 <b>Habis ≤ 7 hari</b>',
  within14: '🟡 <b>Habis ≤ 14 hari</b>',
  within30: '🟢 <b>Habis ≤ 30 hari</b>',
};

export const DIGEST_TITLE = '📋 <b>Rekap Dokumen Kendaraan</b>';

function whenText(daysLeft: number): string {
  if (daysLeft > 0) return `${daysLeft} hari lagi`;
  if (daysLeft === 0) return 'habis hari ini';
  return `lewat ${-daysLeft} hari`;
}

/** One document: `• P.309 · KT 1234 AB · STNK · 08/12/2026 (7 hari lagi)`. */
export function digestLine(entry: DigestEntry): string {
  const { document: doc } = entry;
  return `• <code>${escapeHtml(doc.unit_code)}</code> · ${escapeHtml(doc.plate_number)} · ${DOCUMENT_SHORT[doc.document_type]} · ${formatDateDmy(doc.expiry_date)} (${whenText(entry.daysLeft)})`;
}

/** The digest's sections: an intro line, one section per non-empty group, the closing line. */
export function digestSections(entries: readonly DigestEntry[], today: string): TextSection[] {
  const sections: TextSection[] = [
    { heading: null, lines: [`<i>${formatDateId(today)} · ${entries.length} dokumen mencapai batas pengingat hari ini atau sudah habis</i>`] },
  ];
  for (const group of DIGEST_GROUPS) {
    const lines = entries.filter((e) => e.group === group).map(digestLine);
    if (lines.length === 0) continue;
    const heading = `${GROUP_HEADING[group]} (${lines.length})`;
    sections.push({ heading, continued: `${GROUP_HEADING[group]} (lanjutan)`, lines });
  }
  sections.push({ heading: null, lines: ['', '📌 Segera perpanjang dokumen di atas. Unit dengan dokumen habis tidak boleh dioperasikan.', footer('id')] });
  return sections;
}

/** The day's digest as the messages to send, in order; empty when there is nothing to list. */
export function renderExpiryDigest(entries: readonly DigestEntry[], today: string, limit = TELEGRAM_TEXT_LIMIT): string[] {
  if (entries.length === 0) return [];
  return packSections(DIGEST_TITLE, digestSections(entries, today), limit);
}
