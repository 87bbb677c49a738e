/**
 * Linking uploaded photos to what they are evidence for (an answer, a defect report, a repair) and
 * reading those links back. Upload, storage and the image bytes are src/photos/service.ts.
 */
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Executor } from '../db/client.js';
import { DomainError, type ErrorDetail } from '../lib/errors.js';
import type { Clock } from '../lib/clock.js';
import type { PhotoRef } from './api-schemas.js';
import { photos } from './schema.js';
import type { AttachRequest, AttachTarget, PhotoAttacher, PhotoReader } from './types.js';
import { MAX_PHOTOS_PER_ANSWER, type PhotoAttachment } from './values.js';

/**
 * A defect reported outside a P2H may also name the timeline step (opened or reported again) it
 * became, so the defect's timeline shows its photos on that step.
 */
export type LinkTarget = AttachTarget | { kind: 'defect'; defectId: number; defectEventId: number };
export type LinkRequest = Omit<AttachRequest, 'target'> & { target: LinkTarget };

/** A photo of a defect with what it was attached to: enough to place it on the defect's timeline. */
export interface DefectPhotoLink {
  photo: PhotoRef;
  attachedTo: PhotoAttachment;
  reportId: number | null;
  defectEventId: number | null;
}

const refColumns = { id: photos.id, width: photos.width, height: photos.height };

export class PhotoLinks implements PhotoAttacher, Pick<PhotoReader, 'forReport' | 'forDefects'> {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async attach(tx: Executor, uploaderId: number, requests: readonly LinkRequest[]): Promise<void> {
    const problems = requestProblems(requests);
    if (problems.length > 0) throw notAttachable(problems);
    const rows = requests.flatMap((request) => request.photoIds.map((id) => ({ id, ...targetColumns(request.target) })));
    if (rows.length === 0) return;
    // One statement for every request: only the uploader's own, unattached photos change. A photo
    // another transaction is attaching at the same moment is re-checked after its lock and skipped.
    const result = await tx.execute(sql`
      update ${photos} set
        attached_at = ${this.clock().toISOString()}::timestamptz,
        attached_to = r.kind::photo_attachment,
        report_id = r.report_id,
        checklist_item_id = r.checklist_item_id,
        defect_id = r.defect_id,
        defect_event_id = r.defect_event_id
      from json_to_recordset(${JSON.stringify(rows)}::json)
        as r(id integer, kind text, report_id integer, checklist_item_id integer, defect_id integer, defect_event_id integer)
      where ${photos.id} = r.id and ${photos.uploaderId} = ${uploaderId} and ${photos.attachedAt} is null
      returning ${photos.id} as id`);
    const attached = new Set((result as unknown as { rows: { id: number }[] }).rows.map((r) => r.id));
    if (attached.size === rows.length) return;
    // The refusal path only: why each left-over id was not attachable. Throwing rolls back the caller.
    const missing = rows.map((r) => r.id).filter((id) => !attached.has(id));
    const found = await tx
      .select({ id: photos.id, uploaderId: photos.uploaderId, attachedAt: photos.attachedAt })
      .from(photos)
      .where(inArray(photos.id, missing));
    const byId = new Map(found.map((f) => [f.id, f]));
    const fieldOf = new Map(requests.flatMap((request) => request.photoIds.map((id) => [id, request.field] as const)));
    throw notAttachable(
      missing.map((id) => {
        const photo = byId.get(id);
        const field = fieldOf.get(id)!;
        if (!photo) return { field, code: 'photo_not_found', message: `Foto ${id} tidak ditemukan` };
        if (photo.uploaderId !== uploaderId) return { field, code: 'photo_not_yours', message: `Foto ${id} bukan unggahan Anda` };
        return { field, code: 'photo_already_attached', message: `Foto ${id} sudah dipakai sebagai bukti lain` };
      }),
    );
  }

  async forReport(reportId: number, executor: Executor = this.db): Promise<Map<number, PhotoRef[]>> {
    const rows = await executor
      .select({ ...refColumns, checklistItemId: photos.checklistItemId })
      .from(photos)
      .where(and(eq(photos.reportId, reportId), eq(photos.attachedTo, 'answer')))
      .orderBy(asc(photos.id));
    return groupBy(rows, (row) => row.checklistItemId);
  }

  async forDefects(defectIds: readonly number[], executor: Executor = this.db): Promise<Map<number, PhotoRef[]>> {
    if (defectIds.length === 0) return new Map();
    const rows = await executor
      .select({ ...refColumns, defectId: photos.defectId })
      .from(photos)
      .where(inArray(photos.defectId, [...defectIds]))
      .orderBy(asc(photos.id));
    return groupBy(rows, (row) => row.defectId);
  }

  /** Every photo of one defect with its link, oldest first (the defect's detail and timeline). */
  async forDefectTimeline(defectId: number, executor: Executor = this.db): Promise<DefectPhotoLink[]> {
    const rows = await executor
      .select({ ...refColumns, attachedTo: photos.attachedTo, reportId: photos.reportId, defectEventId: photos.defectEventId })
      .from(photos)
      .where(eq(photos.defectId, defectId))
      .orderBy(asc(photos.id));
    return rows.map((row) => ({
      photo: { id: row.id, width: row.width, height: row.height },
      attachedTo: row.attachedTo!,
      reportId: row.reportId,
      defectEventId: row.defectEventId,
    }));
  }
}

/** What is wrong with the requests before the database is asked: too many ids, or one id twice. */
export function requestProblems(requests: readonly Pick<AttachRequest, 'photoIds' | 'field'>[]): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const seen = new Set<number>();
  for (const request of requests) {
    if (request.photoIds.length > MAX_PHOTOS_PER_ANSWER) {
      problems.push({ field: request.field, code: 'max_items', message: `paling banyak ${MAX_PHOTOS_PER_ANSWER} foto` });
    }
    for (const id of request.photoIds) {
      if (seen.has(id)) problems.push({ field: request.field, code: 'photo_already_attached', message: `Foto ${id} dipakai lebih dari sekali` });
      seen.add(id);
    }
  }
  return problems;
}

function targetColumns(target: LinkTarget) {
  switch (target.kind) {
    case 'answer':
      return { kind: target.kind, report_id: target.reportId, checklist_item_id: target.checklistItemId, defect_id: target.defectId, defect_event_id: null };
    case 'defect':
      return { kind: target.kind, report_id: null, checklist_item_id: null, defect_id: target.defectId, defect_event_id: 'defectEventId' in target ? target.defectEventId : null };
    case 'repair':
      return { kind: target.kind, report_id: null, checklist_item_id: null, defect_id: target.defectId, defect_event_id: target.defectEventId };
  }
}

function notAttachable(details: ErrorDetail[]): DomainError {
  return new DomainError('PHOTO_NOT_ATTACHABLE', 'Foto tidak dapat dilampirkan: hanya foto unggahan Anda sendiri yang belum dipakai', { details });
}

function groupBy<T extends PhotoRef>(rows: T[], keyOf: (row: T) => number | null): Map<number, PhotoRef[]> {
  const grouped = new Map<number, PhotoRef[]>();
  for (const row of rows) {
    const key = keyOf(row);
    if (key === null) continue;
    grouped.set(key, [...(grouped.get(key) ?? []), { id: row.id, width: row.width, height: row.height }]);
  }
  return grouped;
}
