/**
 * The defect life cycle as plain functions: what a report's answers do to the defects already known
 * on the unit, which step a person may take, and whether a unit may run. No I/O here.
 */
import type { DefectAction, DefectStatus, Severity } from './values.js';

export type { DefectAction, DefectStatus, Severity };

/** A defect still being worked on: a new answer on its item adds to it instead of opening another. */
export const UNRESOLVED_STATUSES: readonly DefectStatus[] = ['open', 'in_progress'];
/** At most one defect per unit and item is in one of these; verified and closed ones are history. */
export const LIVE_STATUSES: readonly DefectStatus[] = ['open', 'in_progress', 'repaired'];

export interface LiveDefect {
  id: number;
  checklistItemId: number;
  status: DefectStatus;
  severity: Severity;
}

export interface AnswerForDefects {
  checklistItemId: number;
  itemName: string;
  status: 'normal' | Severity;
  remark: string | null;
}

export type DefectChange =
  | { kind: 'open'; checklistItemId: number; itemName: string; severity: Severity; remark: string | null }
  | { kind: 'reported_again'; defectId: number; severity: Severity; remark: string | null }
  | { kind: 'reopened'; defectId: number; severity: Severity; remark: string | null }
  | { kind: 'verified'; defectId: number };

const RANK: Record<Severity, number> = { warning: 1, abnormal: 2 };
export const worseSeverity = (a: Severity, b: Severity): Severity => (RANK[b] > RANK[a] ? b : a);

/**
 * What one report does to the unit's live defects:
 * - WARNING/ABNORMAL on an item with an unresolved defect → reported again (severity only rises);
 * - WARNING/ABNORMAL on a repaired item → reopened (the repair did not hold);
 * - WARNING/ABNORMAL on any other item → a new defect;
 * - NORMAL on a repaired item → verified; NORMAL on an unresolved one changes nothing (only the
 *   workshop resolves a defect; a driver's NORMAL does not make a reported brake fixed).
 */
export function defectChangesForAnswers(live: readonly LiveDefect[], answers: readonly AnswerForDefects[]): DefectChange[] {
  const byItem = new Map(live.map((d) => [d.checklistItemId, d]));
  const changes: DefectChange[] = [];
  for (const answer of answers) {
    const known = byItem.get(answer.checklistItemId);
    if (answer.status === 'normal') {
      if (known?.status === 'repaired') changes.push({ kind: 'verified', defectId: known.id });
      continue;
    }
    if (!known) {
      changes.push({ kind: 'open', checklistItemId: answer.checklistItemId, itemName: answer.itemName, severity: answer.status, remark: answer.remark });
    } else if (known.status === 'repaired') {
      changes.push({ kind: 'reopened', defectId: known.id, severity: answer.status, remark: answer.remark });
    } else {
      changes.push({ kind: 'reported_again', defectId: known.id, severity: worseSeverity(known.severity, answer.status), remark: answer.remark });
    }
  }
  return changes;
}

export type WorkshopRole = 'superadmin' | 'admin' | 'mechanic' | 'user' | 'viewer';
const isAdminRole = (role: WorkshopRole) => role === 'admin' || role === 'superadmin';

export interface DefectState {
  status: DefectStatus;
  assignedToId: number | null;
}

/** Why a step is refused; the service turns it into an error with the defect's own words. */
export type StepRefusal = 'FORBIDDEN' | 'DEFECT_ALREADY_TAKEN' | 'DEFECT_NOT_ACTIVE' | 'DEFECT_NOT_ASSIGNED_TO_YOU';

/** Taking: mechanics and admins, only while nobody has it. */
export function refuseTake(role: WorkshopRole, defect: DefectState): StepRefusal | null {
  if (role !== 'mechanic' && !isAdminRole(role)) return 'FORBIDDEN';
  if (defect.status === 'in_progress') return 'DEFECT_ALREADY_TAKEN';
  if (defect.status !== 'open') return 'DEFECT_NOT_ACTIVE';
  return null;
}

/** Assigning (or re-assigning) to a mechanic: admins, while unresolved. */
export function refuseAssign(role: WorkshopRole, defect: DefectState): StepRefusal | null {
  if (!isAdminRole(role)) return 'FORBIDDEN';
  if (!UNRESOLVED_STATUSES.includes(defect.status)) return 'DEFECT_NOT_ACTIVE';
  return null;
}

/** Signing the repair: the mechanic who has it, or an admin (who may also sign an untaken one). */
export function refuseRepair(role: WorkshopRole, actorId: number, defect: DefectState): StepRefusal | null {
  if (role !== 'mechanic' && !isAdminRole(role)) return 'FORBIDDEN';
  if (!UNRESOLVED_STATUSES.includes(defect.status)) return 'DEFECT_NOT_ACTIVE';
  if (!isAdminRole(role) && (defect.status !== 'in_progress' || defect.assignedToId !== actorId)) return 'DEFECT_NOT_ASSIGNED_TO_YOU';
  return null;
}

/** Closing as needing no repair: admins, from any live status. */
export function refuseClose(role: WorkshopRole, defect: DefectState): StepRefusal | null {
  if (!isAdminRole(role)) return 'FORBIDDEN';
  if (!LIVE_STATUSES.includes(defect.status)) return 'DEFECT_NOT_ACTIVE';
  return null;
}

/** A unit may not run while an ABNORMAL defect is unresolved, or while an admin holds it. */
export function isOutOfService(state: { heldByAdmin: boolean; unresolvedAbnormal: number }): boolean {
  return state.heldByAdmin || state.unresolvedAbnormal > 0;
}

/** An ABNORMAL defect nobody took within the limit is announced (once) to the group. */
export function isDueForEscalation(defect: { severity: Severity; status: DefectStatus; openedAt: Date }, now: Date, minutes: number): boolean {
  return defect.severity === 'abnormal' && defect.status === 'open' && now.getTime() - defect.openedAt.getTime() >= minutes * 60_000;
}
