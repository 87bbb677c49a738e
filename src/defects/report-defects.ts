/**
 * Reads for the reports export (src/exports): which defects each report found (opened, reported
 * again or reopened), with the defect's state and repair now. One row per report and defect, so a
 * report's defect count is its rows here.
 */
import { and, asc, count, desc, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { defectEvents, defects } from './schema.js';
import type { DefectAction, DefectStatus, Severity } from './values.js';

/** The steps by which a report names a defect. */
const REPORTING_ACTIONS: DefectAction[] = ['opened', 'reported_again', 'reopened'];

export interface ReportedDefect {
  reportId: number;
  defectId: number;
  itemName: string;
  severity: Severity;
  status: DefectStatus;
  /** What the driver wrote in that report. */
  remark: string | null;
  repairedAt: Date | null;
  repairNote: string | null;
  /** Who marked the latest repair; null when not repaired. */
  repairedById: number | null;
}

/** How many defects each of these reports named (reports that named none are absent). */
export async function defectCountsByReport(db: Executor, reportIds: number[]): Promise<Map<number, number>> {
  if (reportIds.length === 0) return new Map();
  const rows = await db
    .select({ reportId: defectEvents.reportId, n: count() })
    .from(defectEvents)
    .where(and(inArray(defectEvents.reportId, reportIds), inArray(defectEvents.action, REPORTING_ACTIONS)))
    .groupBy(defectEvents.reportId);
  return new Map(rows.map((row) => [row.reportId!, row.n]));
}

/** The defects these reports named, by report then in the order they were named. */
export async function defectsOfReports(db: Executor, reportIds: number[]): Promise<ReportedDefect[]> {
  if (reportIds.length === 0) return [];
  const rows = await db
    .select({
      reportId: defectEvents.reportId,
      defectId: defects.id,
      itemName: defects.itemName,
      severity: defects.severity,
      status: defects.status,
      remark: defectEvents.note,
      repairedAt: defects.repairedAt,
      repairNote: defects.repairNote,
    })
    .from(defectEvents)
    .innerJoin(defects, eq(defects.id, defectEvents.defectId))
    .where(and(inArray(defectEvents.reportId, reportIds), inArray(defectEvents.action, REPORTING_ACTIONS)))
    .orderBy(asc(defectEvents.reportId), asc(defectEvents.id));
  const repairedIds = [...new Set(rows.filter((row) => row.repairedAt !== null).map((row) => row.defectId))];
  const repairers = new Map<number, number | null>();
  if (repairedIds.length > 0) {
    const steps = await db
      .select({ defectId: defectEvents.defectId, actorId: defectEvents.actorId })
      .from(defectEvents)
      .where(and(inArray(defectEvents.defectId, repairedIds), eq(defectEvents.action, 'repaired')))
      .orderBy(desc(defectEvents.id));
    // Newest first: the first step seen per defect is its latest repair.
    for (const step of steps) if (!repairers.has(step.defectId)) repairers.set(step.defectId, step.actorId);
  }
  return rows.map((row) => ({ ...row, reportId: row.reportId!, repairedById: repairers.get(row.defectId) ?? null }));
}
