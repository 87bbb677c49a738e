/**
 * The shapes of a P2H report as the rest of the system sees it. They live beside the schema, not in
 * the service, so notifications can import them without importing the P2H service.
 */
import type { Executor } from '../db/client.js';
import type { ReportForDefects } from '../defects/types.js';
import type { Role } from '../users/schema.js';
import type { ShiftType } from '../vehicles/schema.js';
import type { AnswerInput } from './answers.js';
import type { P2hStatus } from './schema.js';

export interface SubmitInput {
  vehicle_id: number;
  shift_number?: number;
  odometer?: number | null;
  details: AnswerInput[];
}

export interface ReportSummary {
  id: number;
  vehicle: { id: number; unit_code: string; plate_number: string; vehicle_type: string; shift_type: ShiftType; brand: string | null };
  user: { id: number; full_name: string };
  shift_number: number;
  operational_date: string;
  submitted_at: string;
  odometer: number | null;
  overall_status: P2hStatus;
  /** Delivery state of the Telegram alerts about this report. */
  notifications: DeliveryState[];
}

export interface DeliveryState {
  id: number;
  type: string;
  status: string;
  recipient_kind: string | null;
  attempts: number;
  last_error: string | null;
  sent_at: string | null;
}

export interface ReportDetail extends ReportSummary {
  details: { checklist_item_id: number; section: string; item_name: string; status: P2hStatus; keterangan: string | null }[];
}

export interface ReportListQuery {
  page: number;
  page_size: number;
  date_from?: string;
  date_to?: string;
  vehicle_id?: number;
  user_id?: number;
  status?: P2hStatus;
}

/**
 * What P2H needs from the notifications feature (the outbox implements it). A constructor argument,
 * so a P2hService cannot exist that silently queues no alerts.
 */
export interface ReportAlerts {
  /** Runs inside the submit transaction, so the alert commits or rolls back with the report. True when one was queued. */
  enqueueReportAlert(tx: Executor, report: ReportDetail): Promise<boolean>;
  /** Wakes the delivery worker; called after the commit. */
  signal(): void;
  /** `viewer` is the reader's role: what they may see of the delivery is the alerts' rule. */
  forReports(reportIds: number[], viewer: Role): Promise<Map<number, DeliveryState[]>>;
}

/**
 * What P2H needs from the defects feature: the report's answers become defects in the same
 * transaction, so a report never exists without its defects (nor the unit's stop that follows).
 */
export interface ReportDefects {
  /** True when a workshop message was queued (the caller wakes the outbox after the commit). */
  recordReport(tx: Executor, report: ReportForDefects, context: { unitCode: string; reporterName: string }): Promise<boolean>;
}
