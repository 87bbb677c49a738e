/** Downloads of files the API serves only with the Bearer token: fetched as a blob, saved through an object URL. */
import { apiBlob } from './client';
import { saveBlob } from './save-file';
import type { ReportsExportQuery } from '../../../src/exports/api-schemas';

/** The export's query as the server declares it (ReportsExportQuerySchema). */
export type ReportsExportFilter = ReportsExportQuery;

/** The name the server gives it too (Content-Disposition), so both agree. */
export const reportsExportFileName = (filter: ReportsExportFilter) => `p2h-laporan-${filter.date_from}_${filter.date_to}.xlsx`;

/** Fetches the reports workbook of the filter and saves it; throws ApiError when it fails. */
export async function downloadReportsExcel(filter: ReportsExportFilter): Promise<void> {
  const query = new URLSearchParams({ date_from: filter.date_from, date_to: filter.date_to });
  if (filter.vehicle_id !== undefined) query.set('vehicle_id', String(filter.vehicle_id));
  if (filter.status) query.set('status', filter.status);
  saveBlob(await apiBlob(`/api/exports/reports.xlsx?${query}`), reportsExportFileName(filter));
}

/** The first day of a YYYY-MM-DD date's month: the range used when the list has no start date. */
export const monthStart = (date: string) => `${date.slice(0, 7)}-01`;
