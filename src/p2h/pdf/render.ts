/** Draws a report's PDF: header, answers by section, defects with photos, signatures, page numbers. */
import { createDocument, numberPages, toBuffer } from './document.js';
import { drawDefects } from './defects-part.js';
import { drawAnswers, drawHeader, PDF_TITLE } from './report-part.js';
import { drawSignatures } from './signatures-part.js';
import type { ReportPdfInput } from './types.js';

export async function renderReportPdf(input: ReportPdfInput): Promise<Buffer> {
  const doc = createDocument(`${PDF_TITLE} ${input.report.vehicle.unit_code} ${input.report.operational_date}`);
  drawHeader(doc, input);
  drawAnswers(doc, input.report.details);
  drawDefects(doc, input.defects, input.timeZone);
  drawSignatures(doc);
  numberPages(doc, `${input.companyName} · P2H ${input.report.vehicle.unit_code} · ${input.report.operational_date} · shift ${input.report.shift_number}`);
  return toBuffer(doc);
}
