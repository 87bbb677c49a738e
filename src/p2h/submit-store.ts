/**
 * The database side of a submission, in as few round trips as the rules allow: it is the busiest
 * write of the app (every driver, every shift), and each round trip costs CPU on both ends.
 */
import { eq, sql } from 'drizzle-orm';
import type { ApplicableItem } from '../checklist/api-schemas.js';
import { applicableTo } from '../checklist/service.js';
import { checklistItems } from '../checklist/schema.js';
import type { Db, Executor } from '../db/client.js';
import { vehicles } from '../vehicles/schema.js';
import { vehicleSummaryColumns, type VehicleSummary } from '../vehicles/service.js';
import type { CheckedAnswer } from './answers.js';
import { p2hReportDetails, p2hReports, type P2hReportRow } from './schema.js';

export interface SubmitContext {
  vehicle: VehicleSummary;
  /** The items that apply to the unit's type, in checklist order. */
  items: ApplicableItem[];
}

/**
 * The unit and the checklist items that apply to it, in one query, prepared once (PostgreSQL
 * keeps the plan per connection): the two lookups every submission starts with.
 */
export function submitContextReader(db: Db): (vehicleId: number) => Promise<SubmitContext | undefined> {
  const item = sql`json_build_object('id', ${checklistItems.id}, 'section', ${checklistItems.section}, 'item_name', ${checklistItems.itemName}, 'order', ${checklistItems.order})`;
  const items = sql<ApplicableItem[]>`(
    select coalesce(json_agg(${item} order by ${checklistItems.order}, ${checklistItems.id}), '[]'::json)
    from ${checklistItems} where ${applicableTo(vehicles.vehicleType)})`;
  const query = db
    .select({
      ...vehicleSummaryColumns,
      items,
    } satisfies Record<keyof VehicleSummary | 'items', unknown>)
    .from(vehicles)
    .where(eq(vehicles.id, sql.placeholder('vehicleId')))
    .prepare('p2h_submit_context');
  return async (vehicleId) => {
    const [row] = await query.execute({ vehicleId });
    if (!row) return undefined;
    const { items: applicable, ...vehicle } = row;
    return { vehicle, items: applicable };
  };
}

export type NewReport = Pick<
  P2hReportRow,
  | 'vehicleId'
  | 'userId'
  | 'shiftNumber'
  | 'operationalDate'
  | 'submittedAt'
  | 'odometer'
  | 'overallStatus'
  | 'clientSubmissionId'
  | 'inspectedAt'
  | 'latitude'
  | 'longitude'
  | 'locationAccuracyM'
>;

/**
 * The report and all its answers in one statement (a CTE): the answers travel as one JSON
 * parameter instead of six parameters per answer. Returns the stored row; the odometer comes
 * back from the database because the column rounds it to one decimal.
 */
export async function insertReport(tx: Executor, report: NewReport, answers: CheckedAnswer[]): Promise<P2hReportRow> {
  const details = JSON.stringify(
    answers.map((a, n) => ({ n, checklist_item_id: a.item.id, section: a.item.section, item_name: a.item.item_name, status: a.status, keterangan: a.keterangan })),
  );
  const result = await tx.execute(sql`
    with report as (
      insert into ${p2hReports} (vehicle_id, user_id, shift_number, operational_date, submitted_at, odometer, overall_status,
                                 client_submission_id, inspected_at, latitude, longitude, location_accuracy_m)
      values (${report.vehicleId}, ${report.userId}, ${report.shiftNumber}, ${report.operationalDate}, ${report.submittedAt.toISOString()}::timestamptz,
              ${report.odometer}, ${report.overallStatus}::p2h_status, ${report.clientSubmissionId}::uuid, ${report.inspectedAt?.toISOString() ?? null}::timestamptz,
              ${report.latitude}::double precision, ${report.longitude}::double precision, ${report.locationAccuracyM}::real)
      returning id, odometer, location_accuracy_m
    ), details as (
      insert into ${p2hReportDetails} (report_id, checklist_item_id, section, item_name, status, keterangan)
      select report.id, d.checklist_item_id, d.section, d.item_name, d.status::p2h_status, d.keterangan
      from report, json_to_recordset(${details}::json)
        as d(n integer, checklist_item_id integer, section text, item_name text, status text, keterangan text)
      order by d.n
    )
    select id, odometer::text as odometer, location_accuracy_m from report`);
  const [row] = (result as unknown as { rows: { id: number; odometer: string | null; location_accuracy_m: number | null }[] }).rows;
  // The accuracy back from the database too: a real keeps fewer digits than the number sent.
  return { ...report, id: row!.id, odometer: row!.odometer, locationAccuracyM: row!.location_accuracy_m, deletedAt: null, deletedBy: null };
}
