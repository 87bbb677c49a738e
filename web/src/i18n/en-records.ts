import type { idRecords } from './id-records';

/** Records for audits: a report's PDF and the reports' Excel. */
export const enRecords: Record<keyof typeof idRecords, string> = {
  'report.pdf': 'Download PDF',
  'report.pdfBusy': 'Preparing the PDF…',
  'report.pdfFailed': 'The PDF could not be downloaded: {reason}',
  'exports.downloadExcel': 'Download Excel',
  'exports.preparing': 'Preparing Excel…',
  'exports.range': 'Reports {from} – {to}',
  'exports.failed': 'The Excel file could not be downloaded. Try again in a moment.',
  'exports.offline': 'The Excel file could not be downloaded: no connection to the server.',
  'exports.badRange': 'The Excel file could not be downloaded: the end date may not be before the start date, and the range is at most 366 days.',
  'exports.forbidden': 'Your role may not download reports.',
};
