import { and, between, isNull, sql } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { p2hReports, type P2hStatus } from './schema.js';

export interface FiledDay {
  vehicle_id: number;
  date: string;
  slots: number[];
  statuses: P2hStatus[];
}

/** Each unit's filed slots and report statuses per operational day of [first, last], in one grouped query. */
export async function filedDays(db: Executor, first: string, last: string): Promise<FiledDay[]> {
  const rows = await db
    .select({
      vehicle_id: p2hReports.vehicleId,
      date: p2hReports.operationalDate,
      slots: sql<number[]>`array_agg(distinct ${p2hReports.shiftNumber})`,
      statuses: sql<P2hStatus[]>`array_agg(distinct ${p2hReports.overallStatus}::text)`,
    })
    .from(p2hReports)
    .where(and(between(p2hReports.operationalDate, first, last), isNull(p2hReports.deletedAt)))
    .groupBy(p2hReports.vehicleId, p2hReports.operationalDate);
  // node-postgres parses the arrays; PGlite too, but smallint arrays may come back as strings elsewhere.
  return rows.map((r) => ({ ...r, slots: r.slots.map(Number), statuses: r.statuses }));
}
