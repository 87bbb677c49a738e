/** The top of the PDF: the company, the title, who/what/when, the final result, then every answer by section. */
import type { ReportAnswer } from '../api-schemas.js';
import { ANSWER_STATUS_WORDS, FINAL_STATUS_WORDS, groupBySection, indonesianDate, localDateTime, slotLabel, STATUS_COLORS } from './content.js';
import { contentWidth, ensureSpace, heading, INK, left, MUTED, RULE, statusMark, type Doc } from './document.js';
import type { ReportPdfInput } from './types.js';

export const PDF_TITLE = 'Laporan P2H (Pemeriksaan Harian)';

export function drawHeader(doc: Doc, input: ReportPdfInput): void {
  const { report } = input;
  doc.font('bold').fontSize(14).fillColor(INK).text(input.companyName, left(doc), doc.y, { width: contentWidth(doc) });
  doc.font('body').fontSize(12).text(PDF_TITLE);
  doc.font('body').fontSize(7.5).fillColor(MUTED).text(`No. laporan ${report.id} · dicetak ${localDateTime(input.printedAt.toISOString(), input.timeZone)}`);
  doc.moveDown(0.5);

  const rows: [string, string][] = [
    ['Kode unit', report.vehicle.unit_code],
    ['Jenis', [report.vehicle.vehicle_type, report.vehicle.brand].filter(Boolean).join(' · ')],
    ['No. polisi', report.vehicle.plate_number],
    ['Pengemudi', report.user.full_name],
    ['Slot / shift', slotLabel(report.shift_number, report.vehicle.shift_type)],
    ['Tanggal operasional', indonesianDate(report.operational_date)],
    ['Dikirim', localDateTime(report.submitted_at, input.timeZone)],
  ];
  if (report.inspected_at) rows.push(['Diperiksa', localDateTime(report.inspected_at, input.timeZone)]);
  if (report.odometer !== null) rows.push(['Odometer', `${report.odometer.toLocaleString('id-ID')} km`]);
  drawFacts(doc, rows);

  doc.moveDown(0.4);
  const y = doc.y;
  const color = STATUS_COLORS[report.overall_status];
  doc.rect(left(doc), y, contentWidth(doc), 26).lineWidth(1.5).strokeColor(color).stroke();
  doc.font('bold').fontSize(9).fillColor(INK).text('Status akhir', left(doc) + 8, y + 8.5, { lineBreak: false });
  statusMark(doc, report.overall_status, FINAL_STATUS_WORDS[report.overall_status], left(doc) + 90, y + 6.5, contentWidth(doc) - 100, 12);
  doc.y = y + 32;
}

/** Label–value pairs in two columns. */
function drawFacts(doc: Doc, rows: [string, string][]): void {
  const half = contentWidth(doc) / 2;
  for (let i = 0; i < rows.length; i += 2) {
    const y = doc.y;
    let end = y;
    for (const [column, row] of [rows[i], rows[i + 1]].entries()) {
      if (!row) continue;
      const x = left(doc) + column * half;
      doc.font('body').fontSize(8).fillColor(MUTED).text(row[0], x, y, { width: 95 });
      doc.font('bold').fontSize(9).fillColor(INK).text(row[1] || '–', x + 95, y, { width: half - 100 });
      end = Math.max(end, doc.y);
    }
    doc.y = end + 2;
  }
  doc.font('body');
}

const COLUMNS = { number: 22, item: 206, status: 82 };

function rowHeight(doc: Doc, answer: ReportAnswer, remark: string): number {
  doc.font('body').fontSize(8.5);
  const remarkWidth = contentWidth(doc) - COLUMNS.number - COLUMNS.item - COLUMNS.status - 12;
  return Math.max(doc.heightOfString(answer.item_name, { width: COLUMNS.item - 8 }), remark ? doc.heightOfString(remark, { width: remarkWidth }) : 0, 11) + 6;
}

function remarkOf(answer: ReportAnswer): string {
  const photos = answer.photos.length > 0 ? `(${answer.photos.length} foto)` : '';
  return [answer.keterangan?.trim() ?? '', photos].filter(Boolean).join(' ');
}

export function drawAnswers(doc: Doc, answers: readonly ReportAnswer[]): void {
  heading(doc, `Hasil pemeriksaan (${answers.length} item)`);
  let number = 0;
  for (const group of groupBySection(answers)) {
    const first = group.answers[0]!;
    // A section header never ends a page: it moves with its first row.
    ensureSpace(doc, 18 + rowHeight(doc, first, remarkOf(first)));
    const y = doc.y + 3;
    doc.rect(left(doc), y, contentWidth(doc), 14).fillColor('#eeeeee').fill();
    doc.font('bold').fontSize(9).fillColor(INK).text(group.section, left(doc) + 4, y + 2.5, { width: contentWidth(doc) - 8, lineBreak: false });
    doc.y = y + 16;
    for (const answer of group.answers) {
      number += 1;
      drawAnswer(doc, number, answer);
    }
  }
}

function drawAnswer(doc: Doc, number: number, answer: ReportAnswer): void {
  const remark = remarkOf(answer);
  const height = rowHeight(doc, answer, remark);
  ensureSpace(doc, height);
  const y = doc.y;
  const x = left(doc);
  const remarkX = x + COLUMNS.number + COLUMNS.item + COLUMNS.status + 8;
  doc.font('body').fontSize(8.5).fillColor(MUTED).text(String(number), x, y + 3, { width: COLUMNS.number - 4, align: 'right' });
  doc.fillColor(INK).text(answer.item_name, x + COLUMNS.number + 2, y + 3, { width: COLUMNS.item - 8 });
  statusMark(doc, answer.status, ANSWER_STATUS_WORDS[answer.status], x + COLUMNS.number + COLUMNS.item + 4, y + 3, COLUMNS.status, 8.5);
  if (remark) doc.font('body').fontSize(8.5).fillColor(INK).text(remark, remarkX, y + 3, { width: x + contentWidth(doc) - remarkX });
  doc.moveTo(x, y + height).lineTo(x + contentWidth(doc), y + height).lineWidth(0.3).strokeColor(RULE).stroke();
  doc.y = y + height;
}
