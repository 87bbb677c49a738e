/**
 * A report's PDF for a caller: the report through P2H's own `get` (so exactly its access rules and
 * its 403/404), the defects it touched through the defects feature's list, their photos through the
 * photos feature's reader.
 */
import type { DefectListQuery, DefectView } from '../../defects/types.js';
import type { PhotoRef } from '../../photos/api-schemas.js';
import type { PhotoReader } from '../../photos/types.js';
import { seesAllReports } from '../../users/rules.js';
import type { Actor } from '../../users/service.js';
import type { ReportDetail } from '../types.js';
import { pdfFileName } from './content.js';
import type { PdfDefect, PdfPhoto } from './types.js';

/** More would only make the file heavy; the app shows every photo. */
const MAX_PHOTOS_PER_DEFECT = 6;
/** A report has at most 200 answers, so far fewer defects; one page of the list holds them. */
const MAX_DEFECTS = 100;

export interface ReportPdfDeps {
  reports: { get(actor: Actor, id: number): Promise<ReportDetail> };
  defects: { list(query: DefectListQuery): Promise<{ items: DefectView[] }> };
  photoLinks: Pick<PhotoReader, 'forDefects'>;
  photoFiles: Pick<PhotoReader, 'read'>;
  companyName: string;
  timeZone: string;
  clock: () => Date;
}

export interface ReportPdfFile {
  fileName: string;
  bytes: Buffer;
}

export class ReportPdf {
  constructor(private readonly deps: ReportPdfDeps) {}

  async render(actor: Actor, reportId: number): Promise<ReportPdfFile> {
    const report = await this.deps.reports.get(actor, reportId);
    const { items } = await this.deps.defects.list({ report_id: report.id, page: 1, page_size: MAX_DEFECTS });
    const photos = await this.defectPhotos(actor, report, items);
    const defects: PdfDefect[] = [];
    for (const defect of items) {
      const refs = photos.get(defect.id) ?? [];
      const shown = await Promise.all(refs.slice(0, MAX_PHOTOS_PER_DEFECT).map((ref) => this.photo(ref)));
      defects.push({ defect, photos: shown, morePhotos: Math.max(0, refs.length - MAX_PHOTOS_PER_DEFECT) });
    }
    // pdfkit (~12 MB once loaded) is loaded with the first PDF, not at every start.
    const { renderReportPdf } = await import('./render.js');
    const bytes = await renderReportPdf({ companyName: this.deps.companyName, timeZone: this.deps.timeZone, report, defects, printedAt: this.deps.clock() });
    return { fileName: pdfFileName(report.vehicle.unit_code, report.operational_date, report.shift_number), bytes };
  }

  /**
   * Every photo of each defect for those who may see any attached photo; a driver sees only their own
   * (the photos feature's rule), so their PDF shows the photos of this report's answers.
   */
  private async defectPhotos(actor: Actor, report: ReportDetail, defects: DefectView[]): Promise<Map<number, PhotoRef[]>> {
    if (defects.length === 0) return new Map();
    if (seesAllReports(actor.role)) return this.deps.photoLinks.forDefects(defects.map((d) => d.id));
    const answerPhotos = new Map(report.details.map((answer) => [answer.checklist_item_id, answer.photos]));
    return new Map(defects.map((defect) => [defect.id, answerPhotos.get(defect.checklist_item_id) ?? []]));
  }

  /** The thumbnail (small enough for print at this size); a storage failure is a missing photo, not a failed PDF. */
  private async photo(ref: { id: number; width: number; height: number }): Promise<PdfPhoto> {
    const bytes = await this.deps.photoFiles.read(ref.id, 'thumb').catch(() => null);
    return { ...ref, bytes: bytes && bytes.length > 0 ? bytes : null };
  }
}
