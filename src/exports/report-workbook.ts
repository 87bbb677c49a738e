/**
 * The reports workbook (Laporan, Detail, Defect) written straight to a stream: reports are read in
 * keyset pages and each row is committed as it is made, so memory holds a page, never the range.
 * The sheets are written one after another (a streamed xlsx cannot interleave them), so the
 * reports are read once per sheet.
 */
import type { Writable } from 'node:stream';
import ExcelJS from 'exceljs';
import type { Executor } from '../db/client.js';
import { defectCountsByReport, defectsOfReports } from '../defects/report-defects.js';
import { safeText } from '../lib/spreadsheet-safety.js';
import { timeZoneAbbreviation } from '../lib/time.js';
import { answersOfReports, reportPages, type ExportedReport, type ReportExportFilter } from '../p2h/export-query.js';
import type { UsersService } from '../users/service.js';
import type { VehicleSummary, VehiclesService } from '../vehicles/service.js';
import { SheetSeries, type ColumnSpec } from './sheet-series.js';
import { calendarDate, wallClock } from './cell-values.js';

export interface ReportWorkbookDeps {
  db: Executor;
  vehicles: Pick<VehiclesService, 'summariesByIds'>;
  users: Pick<UsersService, 'namesByIds'>;
  timeZone: string;
  /** P2H_COMPANY_NAME: every printed page's heading (the streamed writer has no company property). */
  companyName: string;
  /** Reports read per query (default 1 000). */
  pageSize?: number;
  /** Data rows per sheet before it continues in the next (default Excel's limit). */
  maxRowsPerSheet?: number;
}

const DATE = 'yyyy-mm-dd';
const DATE_TIME = 'yyyy-mm-dd hh:mm';

/** Writes the workbook of the filter's reports to `output` and ends it; resolves with the report count. */
export async function writeReportsWorkbook(output: Writable, filter: ReportExportFilter, deps: ReportWorkbookDeps): Promise<{ reports: number }> {
  const zone = timeZoneAbbreviation(deps.timeZone);
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  workbook.creator = 'P2H';
  const pages = () => namedPages(filter, deps);

  const laporan = new SheetSeries(workbook, 'Laporan', laporanColumns(zone), deps.maxRowsPerSheet, deps.companyName);
  let reports = 0;
  for await (const { page, vehicles, drivers } of pages()) {
    const defectCounts = await defectCountsByReport(deps.db, page.map((r) => r.id));
    for (const report of page) {
      const unit = vehicles.get(report.vehicleId);
      laporan.addRow([
        report.id,
        calendarDate(report.operationalDate),
        report.shiftNumber,
        safeText(unit?.unit_code),
        safeText(unit?.plate_number),
        safeText(drivers.get(report.userId)),
        report.overallStatus.toUpperCase(),
        report.odometer === null ? null : Number(report.odometer),
        wallClock(report.submittedAt, deps.timeZone),
        defectCounts.get(report.id) ?? 0,
      ]);
    }
    reports += page.length;
    await drained(output);
  }
  await laporan.finish();

  const detail = new SheetSeries(workbook, 'Detail', DETAIL_COLUMNS, deps.maxRowsPerSheet, deps.companyName);
  for await (const { page, vehicles } of pages()) {
    const byId = new Map(page.map((r) => [r.id, r]));
    for (const answer of await answersOfReports(deps.db, page.map((r) => r.id))) {
      const report = byId.get(answer.reportId)!;
      detail.addRow([
        report.id,
        calendarDate(report.operationalDate),
        safeText(vehicles.get(report.vehicleId)?.unit_code),
        safeText(answer.section),
        safeText(answer.itemName),
        answer.status.toUpperCase(),
        safeText(answer.remark),
      ]);
    }
    await drained(output);
  }
  await detail.finish();

  const defectSheet = new SheetSeries(workbook, 'Defect', defectColumns(zone), deps.maxRowsPerSheet, deps.companyName);
  for await (const { page, vehicles } of pages()) {
    const byId = new Map(page.map((r) => [r.id, r]));
    const found = await defectsOfReports(deps.db, page.map((r) => r.id));
    const repairers = await deps.users.namesByIds(found.flatMap((d) => (d.repairedById === null ? [] : [d.repairedById])));
    for (const defect of found) {
      const report = byId.get(defect.reportId)!;
      defectSheet.addRow([
        defect.defectId,
        report.id,
        calendarDate(report.operationalDate),
        safeText(vehicles.get(report.vehicleId)?.unit_code),
        safeText(defect.itemName),
        defect.severity.toUpperCase(),
        defect.status,
        safeText(defect.remark),
        defect.repairedById === null ? null : safeText(repairers.get(defect.repairedById)),
        defect.repairedAt === null ? null : wallClock(defect.repairedAt, deps.timeZone),
        safeText(defect.repairNote),
      ]);
    }
    await drained(output);
  }
  await defectSheet.finish();

  await workbook.commit();
  return { reports };
}

/** Each page of reports with its units and drivers, looked up through their own features. */
async function* namedPages(filter: ReportExportFilter, deps: ReportWorkbookDeps) {
  for await (const page of reportPages(deps.db, filter, deps.pageSize ?? 1000)) {
    const [vehicles, drivers] = await Promise.all([
      deps.vehicles.summariesByIds([...new Set(page.map((r) => r.vehicleId))]),
      deps.users.namesByIds([...new Set(page.map((r) => r.userId))]),
    ]);
    const named: { page: ExportedReport[]; vehicles: Map<number, VehicleSummary>; drivers: Map<number, string> } = { page, vehicles, drivers };
    yield named;
  }
}

/** Waits while the client is slower than the export, so unsent bytes never pile up in memory; stops when it left. */
async function drained(output: Writable): Promise<void> {
  if (!output.destroyed && output.writableNeedDrain) {
    await new Promise<void>((resolve) => {
      const done = () => {
        output.off('drain', done);
        output.off('close', done);
        resolve();
      };
      output.on('drain', done);
      output.on('close', done);
    });
  }
  if (output.destroyed) throw new ExportAborted();
}

/** The client went away mid-download: not a failure of the export. */
export class ExportAborted extends Error {
  constructor() {
    super('the client closed the download');
    this.name = 'ExportAborted';
  }
}

function laporanColumns(zone: string): ColumnSpec[] {
  return [
    { header: 'ID laporan', width: 11 },
    { header: 'Tanggal', width: 12, numFmt: DATE },
    { header: 'Shift', width: 7 },
    { header: 'Unit', width: 14 },
    { header: 'Plat nomor', width: 14 },
    { header: 'Pengemudi', width: 26 },
    { header: 'Status', width: 11 },
    { header: 'Odometer (km)', width: 14, numFmt: '#,##0.0' },
    { header: `Dikirim (${zone})`, width: 18, numFmt: DATE_TIME },
    { header: 'Jumlah defect', width: 14 },
  ];
}

const DETAIL_COLUMNS: ColumnSpec[] = [
  { header: 'ID laporan', width: 11 },
  { header: 'Tanggal', width: 12, numFmt: DATE },
  { header: 'Unit', width: 14 },
  { header: 'Bagian', width: 24 },
  { header: 'Item', width: 36 },
  { header: 'Status', width: 11 },
  { header: 'Keterangan', width: 48 },
];

function defectColumns(zone: string): ColumnSpec[] {
  return [
    { header: 'ID defect', width: 10 },
    { header: 'ID laporan', width: 11 },
    { header: 'Tanggal', width: 12, numFmt: DATE },
    { header: 'Unit', width: 14 },
    { header: 'Item', width: 36 },
    { header: 'Tingkat', width: 11 },
    { header: 'Status defect', width: 14 },
    { header: 'Keterangan', width: 40 },
    { header: 'Diperbaiki oleh', width: 24 },
    { header: `Diperbaiki pada (${zone})`, width: 22, numFmt: DATE_TIME },
    { header: 'Catatan perbaikan', width: 40 },
  ];
}
