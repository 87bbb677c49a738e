import { and, asc, gte, lt } from 'drizzle-orm';
import type { Executor } from '../db/client.js';
import { defects } from './schema.js';
import type { Severity } from './values.js';

export interface DefectActivityItem {
  defect_id: number;
  vehicle_id: number;
  item_name: string;
  severity: Severity;
}

export interface DefectActivity {
  opened: DefectActivityItem[];
  repaired: DefectActivityItem[];
}

/** Defects opened, and defects marked repaired, in [from, to): a day's workshop activity for the daily summary. */
export async function defectActivityBetween(db: Executor, from: Date, to: Date): Promise<DefectActivity> {
  const columns = { defect_id: defects.id, vehicle_id: defects.vehicleId, item_name: defects.itemName, severity: defects.severity };
  const [opened, repaired] = await Promise.all([
    db.select(columns).from(defects).where(and(gte(defects.openedAt, from), lt(defects.openedAt, to))).orderBy(asc(defects.openedAt), asc(defects.id)),
    db.select(columns).from(defects).where(and(gte(defects.repairedAt, from), lt(defects.repairedAt, to))).orderBy(asc(defects.repairedAt), asc(defects.id)),
  ]);
  return { opened, repaired };
}
