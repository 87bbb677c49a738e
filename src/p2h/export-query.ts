/**
 * Reads for the reports export (src/exports): the reports of a filter in keyset pages and the answers
 * of a page, so a year of reports is read a page at a time and never held whole.
 */
import { and, asc, eq, gte, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { p2hReportDetails, p2hReports, type P2hStatus } from './schema.js';

export interface ReportExportFilter {
  /** Operational dates, both inclusive. */
  dateFrom: string;
  dateTo: string;
  vehicleId?: number;
  status?: P2hStatus;
}

export interface ExportedReport {
  id: number;
  vehicleId: number;
  userId: number;
  shiftNumber: number;
  operationalDate: string;
  submittedAt: Date;
  /** numeric(12,1) as PostgreSQL gives it: text. */
  odometer: string | null;
  overallStatus: P2hStatus;
}

export interface ExportedAnswer {
  reportId: number;
  section: string;
  itemName: string;
  status: P2hStatus;
  remark: string | null;
}

/** The filter's reports, oldest day first, in pages of `pageSize`, each page read after the previous one is used. */
export async function* reportPages(db: Executor, filter: ReportExportFilter, pageSize: number): AsyncGenerator<ExportedReport[]> {
  const filters: SQL[] = [isNull(p2hReports.deletedAt), gte(p2hReports.operationalDate, filter.dateFrom), lte(p2hReports.operationalDate, filter.dateTo)];
  if (filter.vehicleId !== undefined) filters.push(eq(p2hReports.vehicleId, filter.vehicleId));
  if (filter.status) filters.push(eq(p2hReports.overallStatus, filter.status));
  let after: { date: string; id: number } | undefined;
  for (;;) {
    // Keyset, not offset: each page starts where the last ended, so page 100 costs what page 1 does.
    const keyset = after ? [sql`(${p2hReports.operationalDate}, ${p2hReports.id}) > (${after.date}::date, ${after.id}::int)`] : [];
    const page: ExportedReport[] = await db
      .select({
        id: p2hReports.id,
        vehicleId: p2hReports.vehicleId,
        userId: p2hReports.userId,
        shiftNumber: p2hReports.shiftNumber,
        operationalDate: p2hReports.operationalDate,
        submittedAt: p2hReports.submittedAt,
        odometer: p2hReports.odometer,
        overallStatus: p2hReports.overallStatus,
      })
      .from(p2hReports)
      .where(and(...filters, ...keyset))
      .orderBy(asc(p2hReports.operationalDate), asc(p2hReports.id))
      .limit(pageSize);
    if (page.length === 0) return;
    yield page;
    if (page.length < pageSize) return;
    const last = page[page.length - 1]!;
    after = { date: last.operationalDate, id: last.id };
  }
}

/** The answers of these reports, by report then in the order they were stored (the checklist's). */
export async function answersOfReports(db: Executor, reportIds: number[]): Promise<ExportedAnswer[]> {
  if (reportIds.length === 0) return [];
  return db
    .select({
      reportId: p2hReportDetails.reportId,
      section: p2hReportDetails.section,
      itemName: p2hReportDetails.itemName,
      status: p2hReportDetails.status,
      remark: p2hReportDetails.keterangan,
    })
    .from(p2hReportDetails)
    .where(inArray(p2hReportDetails.reportId, reportIds))
    .orderBy(asc(p2hReportDetails.reportId), asc(p2hReportDetails.id));
}
