import type { ErrorDetail } from '../lib/errors.js';

/**
 * The longest range one export covers: a year (a leap one too). Memory stays flat whatever the
 * range; the cap keeps one click from tying up the database for the whole history.
 */
export const MAX_EXPORT_DAYS = 366;

/** What is wrong with an export's date range (both dates YYYY-MM-DD, inclusive); empty when fine. */
export function exportRangeProblems(dateFrom: string, dateTo: string): ErrorDetail[] {
  if (dateTo < dateFrom) return [{ field: 'querystring.date_to', code: 'date_range', message: 'tidak boleh sebelum date_from' }];
  const days = (Date.parse(`${dateTo}T00:00:00Z`) - Date.parse(`${dateFrom}T00:00:00Z`)) / 86_400_000 + 1;
  if (days > MAX_EXPORT_DAYS) {
    return [{ field: 'querystring.date_to', code: 'date_range', message: `rentang paling panjang ${MAX_EXPORT_DAYS} hari (diminta ${days} hari)` }];
  }
  return [];
}

/** p2h-laporan-2026-11-01_2026-11-30.xlsx */
export const exportFileName = (dateFrom: string, dateTo: string) => `p2h-laporan-${dateFrom}_${dateTo}.xlsx`;
