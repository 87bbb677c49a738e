/** What the defects feature shows and what it needs from others; beside its schema, free of services. */
import type { Executor } from '../db/client.js';
import type { DefectAction, DefectStatus, Severity } from './values.js';

export interface DefectView {
  id: number;
  vehicle_id: number;
  unit_code: string;
  checklist_item_id: number;
  item_name: string;
  severity: Severity;
  status: DefectStatus;
  remark: string | null;
  reported_count: number;
  opened_at: string;
  opened_by_id: number;
  opened_by_name: string;
  opened_report_id: number | null;
  last_report_id: number | null;
  assigned_to_id: number | null;
  assigned_to_name: string | null;
  repaired_at: string | null;
  repair_note: string | null;
  verified_at: string | null;
  closed_at: string | null;
  close_reason: string | null;
}

export interface DefectEventView {
  at: string;
  action: DefectAction;
  actor_id: number | null;
  actor_name: string | null;
  note: string | null;
  report_id: number | null;
}

export interface DefectDetail extends DefectView {
  events: DefectEventView[];
}

/** What the driver sees on a checklist item that already has a live defect. */
export interface KnownDefect {
  id: number;
  severity: Severity;
  status: DefectStatus;
  remark: string | null;
  opened_at: string;
  reported_count: number;
  opened_by_name: string;
  assigned_to_name: string | null;
}

export interface DefectListQuery {
  page: number;
  page_size: number;
  status?: DefectStatus;
  vehicle_id?: number;
  severity?: Severity;
  assigned_to_id?: number;
  /** The defects a report opened, added to, reopened or verified. */
  report_id?: number;
  /** Only defects opened at least this many hours ago (the board's "age" filter). */
  older_than_hours?: number;
}

export interface ReportForDefects {
  /** null for a defect reported outside a P2H. */
  reportId: number | null;
  vehicleId: number;
  userId: number;
  at: Date;
  answers: { checklistItemId: number; itemName: string; status: 'normal' | Severity; remark: string | null }[];
}

/**
 * The messages the defect workflow causes (the outbox implements it). Each runs inside the
 * transaction that changed the defect, so a message exists exactly when the change committed.
 */
export interface DefectNotices {
  /** New (or reopened) defects of one report or one stand-alone report: one message to the workshop. */
  defectsReported(tx: Executor, event: { reportId: number | null; vehicleId: number; unitCode: string; reporterName: string; defects: DefectView[] }): Promise<boolean>;
  /** Tells the driver who reported it that it was repaired. */
  defectRepaired(tx: Executor, defect: DefectView, reporterId: number): Promise<boolean>;
  /** Tells the drivers who reported the unit's defects that it may run again. */
  unitBackInService(tx: Executor, event: { vehicleId: number; unitCode: string; userIds: number[] }): Promise<boolean>;
  /** Announces an ABNORMAL defect nobody took in time to the group. */
  defectEscalated(tx: Executor, defect: DefectView, minutes: number): Promise<boolean>;
  /** Wakes the delivery worker after the commit. */
  signal(): void;
}
