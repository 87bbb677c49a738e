/** Defect rows → what the API shows, with the names other features own looked up through their services. */
import type { Executor } from '../db/client.js';
import type { PhotoRef } from '../photos/api-schemas.js';
import type { DefectPhotoLink } from '../photos/links.js';
import type { UsersService } from '../users/service.js';
import type { VehiclesService } from '../vehicles/service.js';
import type { DefectEventRow, DefectRow } from './schema.js';
import type { DefectEventView, DefectView } from './types.js';

export interface NameSources {
  vehicles: Pick<VehiclesService, 'summariesByIds'>;
  users: Pick<UsersService, 'namesByIds'>;
}

const iso = (at: Date | null) => at?.toISOString() ?? null;

/** `executor`: the open transaction when called inside one. */
export async function toDefectViews(rows: DefectRow[], sources: NameSources, executor?: Executor): Promise<DefectView[]> {
  const [units, names] = await Promise.all([
    sources.vehicles.summariesByIds(rows.map((r) => r.vehicleId), executor),
    sources.users.namesByIds(rows.flatMap((r) => (r.assignedToId === null ? [r.openedById] : [r.openedById, r.assignedToId])), executor),
  ]);
  return rows.map((row) => ({
    id: row.id,
    vehicle_id: row.vehicleId,
    unit_code: units.get(row.vehicleId)?.unit_code ?? '',
    checklist_item_id: row.checklistItemId,
    item_name: row.itemName,
    severity: row.severity,
    status: row.status,
    remark: row.remark,
    reported_count: row.reportedCount,
    opened_at: row.openedAt.toISOString(),
    opened_by_id: row.openedById,
    opened_by_name: names.get(row.openedById) ?? '',
    opened_report_id: row.openedReportId,
    last_report_id: row.lastReportId,
    assigned_to_id: row.assignedToId,
    assigned_to_name: row.assignedToId === null ? null : (names.get(row.assignedToId) ?? ''),
    repaired_at: iso(row.repairedAt),
    repair_note: row.repairNote,
    verified_at: iso(row.verifiedAt),
    closed_at: iso(row.closedAt),
    close_reason: row.closeReason,
  }));
}

/** `photos`: each event's photos by event id (see photosByEvent). */
export async function toEventViews(rows: DefectEventRow[], sources: Pick<NameSources, 'users'>, photos: Map<number, PhotoRef[]> = new Map()): Promise<DefectEventView[]> {
  const names = await sources.users.namesByIds(rows.flatMap((r) => (r.actorId === null ? [] : [r.actorId])));
  return rows.map((row) => ({
    at: row.at.toISOString(),
    action: row.action,
    actor_id: row.actorId,
    actor_name: row.actorId === null ? null : (names.get(row.actorId) ?? ''),
    note: row.note,
    report_id: row.reportId,
    photos: photos.get(row.id) ?? [],
  }));
}

const REPORTING_ACTIONS = new Set<DefectEventRow['action']>(['opened', 'reported_again', 'reopened']);

/**
 * Places a defect's photos on its timeline: a repair's and a defect report's on the step they were
 * attached with, an answer's on the step its report caused. Photos linked to no step stay only in
 * the defect's own list.
 */
export function photosByEvent(events: readonly DefectEventRow[], links: readonly DefectPhotoLink[]): Map<number, PhotoRef[]> {
  const byEvent = new Map<number, PhotoRef[]>();
  for (const link of links) {
    const eventId =
      link.defectEventId ??
      (link.attachedTo === 'answer' && link.reportId !== null
        ? events.find((e) => e.reportId === link.reportId && REPORTING_ACTIONS.has(e.action))?.id
        : undefined);
    if (eventId === undefined) continue;
    byEvent.set(eventId, [...(byEvent.get(eventId) ?? []), link.photo]);
  }
  return byEvent;
}
