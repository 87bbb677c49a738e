/** What the PDF of a report is drawn from: gathered by ./report-pdf.ts, drawn by ./render.ts. */
import type { DefectView } from '../../defects/types.js';
import type { ReportDetail } from '../types.js';

/** A photo with its stored bytes; null when the file is gone (drawn as a note, never a failure). */
export interface PdfPhoto {
  id: number;
  width: number;
  height: number;
  bytes: Buffer | null;
}

export interface PdfDefect {
  defect: DefectView;
  photos: PdfPhoto[];
  /** Photos beyond those drawn, counted so the reader knows more exist. */
  morePhotos: number;
}

export interface ReportPdfInput {
  companyName: string;
  timeZone: string;
  report: ReportDetail;
  defects: PdfDefect[];
  printedAt: Date;
}
