/**
 * Writing defect changes inside a transaction: the report's answers, a stand-alone report, and the
 * unit's stop reason that follows from its unresolved ABNORMAL defects.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { PgUpdateSetSource } from 'drizzle-orm/pg-core';
import type { Executor } from '../db/client.js';
import { defectChangesForAnswers, LIVE_STATUSES, UNRESOLVED_STATUSES, type DefectChange } from './rules.js';
import { defectEvents, defects, type DefectRow } from './schema.js';
import type { ReportedDefects, ReportForDefects } from './types.js';
import type { DefectAction } from './values.js';

// Any constant: the first key of the per-unit advisory lock; the unit's id is the second.
const UNIT_DEFECTS_LOCK = 7_202_611;

/**
 * Serialises defect changes of one unit until the transaction ends, so two reports filed at once
 * cannot both open the same defect (the unique index would refuse the second report instead).
 */
export async function lockUnitDefects(tx: Executor, vehicleId: number): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${UNIT_DEFECTS_LOCK}, ${vehicleId})`);
}

export async function liveDefectsOf(tx: Executor, vehicleId: number): Promise<DefectRow[]> {
  return tx
    .select()
    .from(defects)
    .where(and(eq(defects.vehicleId, vehicleId), inArray(defects.status, [...LIVE_STATUSES])));
}

export async function addEvent(
  tx: Executor,
  event: { defectId: number; at: Date; action: DefectAction; actorId: number | null; note?: string | null; reportId?: number | null },
): Promise<number> {
  const [row] = await tx.insert(defectEvents).values({ ...event, note: event.note ?? null, reportId: event.reportId ?? null }).returning({ id: defectEvents.id });
  return row!.id;
}

export interface AppliedChanges {
  /** Opened or reopened: what the workshop is told about. */
  fresh: DefectRow[];
  /** Which of `fresh` were reopened rather than opened new (the audit log tells them apart). */
  reopenedIds: Set<number>;
  /** Whether the set of unresolved ABNORMAL defects may have changed (the unit's stop reason). */
  touchesStop: boolean;
  /** Each WARNING/ABNORMAL answer's defect and its timeline step, by checklist item: where its photos go. */
  reported: ReportedDefects;
}

/** Applies what one report's answers do to the unit's live defects (see defectChangesForAnswers). */
export async function applyReport(tx: Executor, report: ReportForDefects): Promise<AppliedChanges> {
  // Most reports are all NORMAL: they can only verify repairs, which one statement does.
  if (!report.answers.some((a) => a.status !== 'normal')) {
    await verifyRepaired(tx, report);
    return { fresh: [], reopenedIds: new Set(), touchesStop: false, reported: new Map() };
  }
  await lockUnitDefects(tx, report.vehicleId);
  const live = await liveDefectsOf(tx, report.vehicleId);
  const changes = defectChangesForAnswers(live, report.answers);
  const result: AppliedChanges = { fresh: [], reopenedIds: new Set(), touchesStop: false, reported: new Map() };
  for (const change of changes) {
    const { row, eventId } = await applyChange(tx, change, report);
    if (change.kind !== 'verified') result.reported.set(row.checklistItemId, { defectId: row.id, eventId });
    if (change.kind === 'open' || change.kind === 'reopened') result.fresh.push(row);
    if (change.kind === 'reopened') result.reopenedIds.add(row.id);
    if (change.kind !== 'verified' && row.severity === 'abnormal') result.touchesStop = true;
  }
  return result;
}

async function applyChange(tx: Executor, change: DefectChange, report: ReportForDefects): Promise<{ row: DefectRow; eventId: number }> {
  const at = report.at;
  const base = { at, actorId: report.userId, reportId: report.reportId };
  switch (change.kind) {
    case 'open': {
      const [row] = await tx
        .insert(defects)
        .values({
          vehicleId: report.vehicleId,
          checklistItemId: change.checklistItemId,
          itemName: change.itemName,
          severity: change.severity,
          remark: change.remark,
          openedAt: at,
          openedById: report.userId,
          openedReportId: report.reportId,
          lastReportId: report.reportId,
          updatedAt: at,
        })
        .returning();
      const eventId = await addEvent(tx, { ...base, defectId: row!.id, action: 'opened', note: change.remark });
      return { row: row!, eventId };
    }
    case 'reported_again': {
      const row = await update(tx, change.defectId, {
        severity: change.severity,
        remark: change.remark,
        reportedCount: sql`${defects.reportedCount} + 1`,
        ...lastReport(report),
        updatedAt: at,
      });
      const eventId = await addEvent(tx, { ...base, defectId: row.id, action: 'reported_again', note: change.remark });
      return { row, eventId };
    }
    case 'reopened': {
      const row = await update(tx, change.defectId, {
        status: 'open',
        severity: change.severity,
        remark: change.remark,
        reportedCount: sql`${defects.reportedCount} + 1`,
        ...lastReport(report),
        assignedToId: null,
        escalatedAt: null,
        openedAt: at,
        updatedAt: at,
      });
      const eventId = await addEvent(tx, { ...base, defectId: row.id, action: 'reopened', note: change.remark });
      return { row, eventId };
    }
    case 'verified': {
      const row = await update(tx, change.defectId, { status: 'verified', verifiedAt: at, ...lastReport(report), updatedAt: at });
      const eventId = await addEvent(tx, { ...base, defectId: row.id, action: 'verified' });
      return { row, eventId };
    }
  }
}

/** An all-NORMAL report: its repaired defects become verified, in one statement (and their events in a second). */
async function verifyRepaired(tx: Executor, report: ReportForDefects): Promise<void> {
  const verified = await tx
    .update(defects)
    .set({ status: 'verified', verifiedAt: report.at, ...lastReport(report), updatedAt: report.at })
    .where(
      and(
        eq(defects.vehicleId, report.vehicleId),
        eq(defects.status, 'repaired'),
        inArray(defects.checklistItemId, report.answers.map((a) => a.checklistItemId)),
      ),
    )
    .returning({ id: defects.id });
  if (verified.length === 0) return;
  await tx.insert(defectEvents).values(verified.map((d) => ({ defectId: d.id, at: report.at, action: 'verified' as const, actorId: report.userId, reportId: report.reportId })));
}

/** A stand-alone report (no P2H) leaves the last report as it was. */
const lastReport = (report: ReportForDefects) => (report.reportId === null ? {} : { lastReportId: report.reportId });

export async function update(tx: Executor, id: number, changes: PgUpdateSetSource<typeof defects>): Promise<DefectRow> {
  const [row] = await tx.update(defects).set(changes).where(eq(defects.id, id)).returning();
  return row!;
}

/** The stop reason that follows from the unit's unresolved ABNORMAL defects; null when there are none. */
export async function defectStopReason(tx: Executor, vehicleId: number): Promise<string | null> {
  const rows = await tx
    .select({ itemName: defects.itemName })
    .from(defects)
    .where(and(eq(defects.vehicleId, vehicleId), eq(defects.severity, 'abnormal'), inArray(defects.status, [...UNRESOLVED_STATUSES])))
    .orderBy(asc(defects.openedAt), asc(defects.id));
  if (rows.length === 0) return null;
  return `ABNORMAL: ${rows.map((r) => r.itemName).join(', ')}`;
}

/** Everyone who reported a defect still tied to the unit's last stop: told when it may run again. */
export async function reportersOf(tx: Executor, defectIds: number[]): Promise<number[]> {
  if (defectIds.length === 0) return [];
  const rows = await tx
    .selectDistinct({ actorId: defectEvents.actorId })
    .from(defectEvents)
    .where(and(inArray(defectEvents.defectId, defectIds), inArray(defectEvents.action, ['opened', 'reported_again', 'reopened'])));
  return rows.flatMap((r) => (r.actorId === null ? [] : [r.actorId]));
}
