/** What the defects feature shows and what it needs from others; beside its schema, free of services. */
import type { Executor } from '../db/client.js';
import type { DefectPhotoLink, LinkRequest } from '../photos/links.js';
import type { Defect, DefectDetail, DefectEvent, KnownDefect } from './api-schemas.js';
import type { DefectStatus, Severity } from './values.js';

/** The wire shapes are the route schemas' types. */
export type DefectView = Defect;
export type DefectEventView = DefectEvent;
export type { DefectDetail, KnownDefect };

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

/** Which defect, and which of its timeline steps, each WARNING/ABNORMAL answer landed on, by checklist item id. */
export type ReportedDefects = Map<number, { defectId: number; eventId: number }>;

export interface RecordedReport {
  /** A workshop message was queued (the caller wakes the outbox after the commit). */
  queued: boolean;
  reported: ReportedDefects;
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

/** What the defect workflow needs of photos (src/photos/links.ts implements it). */
export interface DefectPhotos {
  /** In the caller's transaction; refuses (and so rolls back) any id that is not the uploader's own, unattached photo. */
  attach(tx: Executor, uploaderId: number, requests: readonly LinkRequest[]): Promise<void>;
  forDefectTimeline(defectId: number, executor?: Executor): Promise<DefectPhotoLink[]>;
}
