/**
 * The shapes of a P2H report as the rest of the system sees it. The wire shapes are the route
 * schemas' types (./api-schemas.ts); they live beside the schema, not in the service, so
 * notifications can import them without importing the P2H service.
 */
import type { Executor } from '../db/client.js';
import type { RecordedReport, ReportForDefects } from '../defects/types.js';
import type { Paging } from '../lib/paging.js';
import type { Role } from '../users/values.js';
import type { DeliveryState, ReportDetail, ReportQuery } from './api-schemas.js';

export type { DeliveryState, ReportDetail, ReportSummary, SubmitInput } from './api-schemas.js';

/** A report list query with its paging filled in. */
export type ReportListQuery = ReportQuery & Paging;

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
  /** Says whether a workshop message was queued (the caller wakes the outbox after the commit) and each answer's defect. */
  recordReport(tx: Executor, report: ReportForDefects, context: { unitCode: string; reporterName: string }): Promise<RecordedReport>;
}

/** What a submission ended as: a new report (201), or the one this submission id already filed (200). */
export interface SubmitOutcome {
  report: ReportDetail;
  created: boolean;
}
