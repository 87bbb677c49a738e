import { and, asc, count, eq, inArray, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { AuditLog } from '../audit/service.js';
import type { ChecklistService } from '../checklist/service.js';
import type { Db, Executor } from '../db/client.js';
import { DomainError, forbidden } from '../lib/errors.js';
import { pageOffset } from '../lib/paging.js';
import type { Clock } from '../lib/clock.js';
import type { Actor, UsersService } from '../users/service.js';
import type { VehicleSummary, VehiclesService } from '../vehicles/service.js';
import { addEvent, applyReport, defectStopReason, liveDefectsOf, lockUnitDefects, reportersOf, update } from './record.js';
import { isDueForEscalation, refuseAssign, refuseClose, refuseRepair, refuseTake, type StepRefusal } from './rules.js';
import { defectEvents, defects, type DefectRow } from './schema.js';
import type { DefectDetail, DefectListQuery, DefectNotices, DefectPhotos, DefectView, KnownDefect, RecordedReport, ReportForDefects } from './types.js';
import { REPAIR_NOTE_MAX_LENGTH, type Severity } from './values.js';
import { photosByEvent, toDefectViews, toEventViews } from './views.js';

export interface DefectsDeps {
  vehicles: VehiclesService;
  users: UsersService;
  checklist: ChecklistService;
  notices: DefectNotices;
  photos: DefectPhotos;
  audit: AuditLog;
  clock: Clock;
  /** DEFECT_ESCALATE_MINUTES: an ABNORMAL defect nobody took this long is announced to the group. */
  escalateMinutes: number;
}

export interface StandaloneDefectInput {
  vehicle_id: number;
  checklist_item_id: number;
  severity: Severity;
  remark: string;
  photo_ids?: number[];
}

/** The defect workflow: from a report's answer to a verified repair, and the unit's stop that follows. */
export class DefectsService {
  constructor(
    private readonly db: Db,
    private readonly deps: DefectsDeps,
  ) {}

  /**
   * Inside the P2H submit transaction: opens, adds to, reopens or verifies the unit's defects, keeps
   * the unit's stop reason and queues the workshop's message. Says which defect each answer landed
   * on, so the answer's photos can show it too.
   */
  async recordReport(tx: Executor, report: ReportForDefects, context: { unitCode: string; reporterName: string }): Promise<RecordedReport> {
    const applied = await applyReport(tx, report);
    if (applied.touchesStop) await this.refreshStop(tx, report.vehicleId, report.at, []);
    if (applied.fresh.length === 0) return { queued: false, reported: applied.reported };
    const views = await toDefectViews(applied.fresh, this.deps, tx);
    const actor = { id: report.userId, fullName: context.reporterName };
    await this.deps.audit.record(
      tx,
      views.map((view) => ({ actor, action: applied.reopenedIds.has(view.id) ? 'reopen' : 'create', entity: 'defect', entityId: view.id, before: null, after: view }) as const),
    );
    const queued = await this.deps.notices.defectsReported(tx, { reportId: report.reportId, vehicleId: report.vehicleId, ...context, defects: views });
    return { queued, reported: applied.reported };
  }

  /** A defect seen mid-shift, without a whole checklist: the same de-duplication as a report. */
  async report(actor: Actor, input: StandaloneDefectInput): Promise<DefectDetail> {
    const vehicle = await this.deps.vehicles.summary(input.vehicle_id);
    if (!vehicle) throw new DomainError('VEHICLE_NOT_FOUND', `Unit dengan id ${input.vehicle_id} tidak ditemukan`);
    if (!vehicle.is_active) throw new DomainError('VEHICLE_INACTIVE', `Unit ${vehicle.unit_code} sudah tidak aktif`);
    const item = (await this.deps.checklist.applicableItems(vehicle.vehicle_type)).find((i) => i.id === input.checklist_item_id);
    if (!item) {
      throw new DomainError('ITEM_NOT_APPLICABLE', `Item checklist ${input.checklist_item_id} tidak berlaku untuk unit ${vehicle.unit_code}`, {
        details: [{ field: 'checklist_item_id', code: 'item_not_applicable', message: 'tidak berlaku untuk unit ini' }],
      });
    }
    const remark = input.remark.trim();
    if (!remark) throw new DomainError('VALIDATION_ERROR', 'Keterangan wajib diisi', { details: [{ field: 'remark', code: 'remark_required', message: 'wajib diisi' }] });
    const at = this.deps.clock();
    const answer = { checklistItemId: item.id, itemName: item.item_name, status: input.severity, remark };
    const { queued, defectId } = await this.db.transaction(async (tx) => {
      const report = { reportId: null, vehicleId: vehicle.id, userId: actor.id, at, answers: [answer] };
      const recorded = await this.recordReport(tx, report, { unitCode: vehicle.unit_code, reporterName: actor.fullName });
      // The photos go on the defect and on the timeline step this report became (opened or reported again).
      const step = recorded.reported.get(item.id)!;
      const target = { kind: 'defect' as const, defectId: step.defectId, defectEventId: step.eventId };
      await this.deps.photos.attach(tx, actor.id, [{ photoIds: input.photo_ids ?? [], target, field: 'photo_ids' }]);
      return { queued: recorded.queued, defectId: step.defectId };
    });
    if (queued) this.deps.notices.signal();
    return this.get(defectId);
  }

  async list(query: DefectListQuery): Promise<{ items: DefectView[]; total: number }> {
    const filters: SQL[] = [];
    if (query.status) filters.push(eq(defects.status, query.status));
    if (query.vehicle_id !== undefined) filters.push(eq(defects.vehicleId, query.vehicle_id));
    if (query.severity) filters.push(eq(defects.severity, query.severity));
    if (query.assigned_to_id !== undefined) filters.push(eq(defects.assignedToId, query.assigned_to_id));
    if (query.report_id !== undefined) {
      filters.push(inArray(defects.id, this.db.selectDistinct({ id: defectEvents.defectId }).from(defectEvents).where(eq(defectEvents.reportId, query.report_id))));
    }
    if (query.older_than_hours !== undefined) {
      filters.push(lte(defects.openedAt, new Date(this.deps.clock().getTime() - query.older_than_hours * 3_600_000)));
    }
    const where = and(...filters);
    const [rows, [total]] = await Promise.all([
      this.db
        .select()
        .from(defects)
        .where(where)
        // ABNORMAL before WARNING, then the oldest first: the order a workshop works in.
        .orderBy(sql`${defects.severity} = 'abnormal' desc`, asc(defects.openedAt), asc(defects.id))
        .limit(query.page_size)
        .offset(pageOffset(query)),
      this.db.select({ total: count() }).from(defects).where(where),
    ]);
    return { items: await toDefectViews(rows, this.deps), total: total?.total ?? 0 };
  }

  async get(id: number): Promise<DefectDetail> {
    return this.detail(await this.requireRow(this.db, id));
  }

  /** Each checklist item's live defect on a unit, for the driver's checklist. */
  async knownOn(vehicleId: number): Promise<Map<number, KnownDefect>> {
    const views = await toDefectViews(await liveDefectsOf(this.db, vehicleId), this.deps);
    return new Map(
      views.map((d) => [
        d.checklist_item_id,
        {
          id: d.id,
          severity: d.severity,
          status: d.status,
          remark: d.remark,
          opened_at: d.opened_at,
          reported_count: d.reported_count,
          opened_by_name: d.opened_by_name,
          assigned_to_name: d.assigned_to_name,
        },
      ]),
    );
  }

  take(actor: Actor, id: number): Promise<DefectDetail> {
    return this.step(actor, 'take', id, (row) => refuseTake(actor.role, row), async (tx, row, at) => {
      await update(tx, id, { status: 'in_progress', assignedToId: actor.id, updatedAt: at });
      await addEvent(tx, { defectId: id, at, action: 'taken', actorId: actor.id });
      return row;
    });
  }

  async assign(actor: Actor, id: number, userId: number): Promise<DefectDetail> {
    const assignee = await this.deps.users.findById(userId);
    if (!assignee || !assignee.isActive || assignee.role !== 'mechanic') {
      throw new DomainError('ASSIGNEE_NOT_MECHANIC', `User ${userId} bukan mekanik yang aktif`, { details: [{ field: 'user_id', code: 'not_mechanic', message: 'harus mekanik yang aktif' }] });
    }
    return this.step(actor, 'assign', id, (row) => refuseAssign(actor.role, row), async (tx, row, at) => {
      await update(tx, id, { status: 'in_progress', assignedToId: userId, updatedAt: at });
      await addEvent(tx, { defectId: id, at, action: 'assigned', actorId: actor.id, note: assignee.fullName });
      return row;
    });
  }

  /** `photoIds`: the mechanic's own photos of the repair (the bot's repair flow sends none). */
  repair(actor: Actor, id: number, note: string, photoIds: readonly number[] = []): Promise<DefectDetail> {
    const text = note.trim();
    if (text.length > REPAIR_NOTE_MAX_LENGTH) {
      throw new DomainError('VALIDATION_ERROR', `Catatan perbaikan paling panjang ${REPAIR_NOTE_MAX_LENGTH} karakter`, {
        details: [{ field: 'note', code: 'max_length', message: `paling panjang ${REPAIR_NOTE_MAX_LENGTH} karakter` }],
      });
    }
    if (!text) throw new DomainError('VALIDATION_ERROR', 'Catatan perbaikan wajib diisi', { details: [{ field: 'note', code: 'required', message: 'wajib diisi' }] });
    return this.step(actor, 'repair', id, (row) => refuseRepair(actor.role, actor.id, row), async (tx, row, at) => {
      const assignedToId = row.assignedToId ?? actor.id;
      const repaired = await update(tx, id, { status: 'repaired', repairedAt: at, repairNote: text, assignedToId, updatedAt: at });
      const defectEventId = await addEvent(tx, { defectId: id, at, action: 'repaired', actorId: actor.id, note: text });
      await this.deps.photos.attach(tx, actor.id, [{ photoIds, target: { kind: 'repair', defectId: id, defectEventId }, field: 'photo_ids' }]);
      const [view] = await toDefectViews([repaired], this.deps, tx);
      for (const reporter of await reportersOf(tx, [id])) await this.deps.notices.defectRepaired(tx, view!, reporter);
      return repaired;
    });
  }

  close(actor: Actor, id: number, reason: string): Promise<DefectDetail> {
    const text = reason.trim();
    if (!text) throw new DomainError('VALIDATION_ERROR', 'Alasan wajib diisi', { details: [{ field: 'reason', code: 'required', message: 'wajib diisi' }] });
    return this.step(actor, 'close', id, (row) => refuseClose(actor.role, row), async (tx, row, at) => {
      const closed = await update(tx, id, { status: 'closed', closedAt: at, closeReason: text, updatedAt: at });
      await addEvent(tx, { defectId: id, at, action: 'closed', actorId: actor.id, note: text });
      return closed;
    });
  }

  /**
   * Announces, once each, the ABNORMAL defects still open DEFECT_ESCALATE_MINUTES after they opened.
   * Safe with several workers: a claimed row is skipped by the others, and escalated_at is set in
   * the transaction that queues the message.
   */
  async escalateDue(): Promise<number> {
    const now = this.deps.clock();
    const minutes = this.deps.escalateMinutes;
    const cutoff = new Date(now.getTime() - minutes * 60_000);
    const count = await this.db.transaction(async (tx) => {
      const due = await tx
        .select()
        .from(defects)
        .where(and(eq(defects.status, 'open'), eq(defects.severity, 'abnormal'), isNull(defects.escalatedAt), lte(defects.openedAt, cutoff)))
        .orderBy(asc(defects.openedAt))
        .limit(100)
        .for('update', { skipLocked: true });
      const rows = due.filter((d) => isDueForEscalation(d, now, minutes));
      for (const row of rows) {
        const escalated = await update(tx, row.id, { escalatedAt: now });
        await addEvent(tx, { defectId: row.id, at: now, action: 'escalated', actorId: null, note: `belum ditangani ${minutes} menit` });
        const [view] = await toDefectViews([escalated], this.deps, tx);
        await this.deps.notices.defectEscalated(tx, view!, minutes);
      }
      return rows.length;
    });
    if (count > 0) this.deps.notices.signal();
    return count;
  }

  /**
   * One workflow step on a locked defect: refuse with the reason, or apply it, keep the unit's stop
   * reason, tell the drivers when the unit may run again, and commit with the messages it caused.
   */
  private async step(
    actor: Actor,
    action: 'take' | 'assign' | 'repair' | 'close',
    id: number,
    refuse: (row: DefectRow) => StepRefusal | null,
    apply: (tx: Executor, row: DefectRow, at: Date) => Promise<DefectRow>,
  ): Promise<DefectDetail> {
    const at = this.deps.clock();
    await this.db.transaction(async (tx) => {
      const current = await this.requireRow(tx, id);
      await lockUnitDefects(tx, current.vehicleId);
      const row = await this.requireRow(tx, id, true);
      const refusal = refuse(row);
      if (refusal) throw await this.refusalError(refusal, row, tx);
      await apply(tx, row, at);
      const [before, after] = await toDefectViews([row, await this.requireRow(tx, id)], this.deps, tx);
      await this.deps.audit.record(tx, { actor, action, entity: 'defect', entityId: id, before, after });
      if (row.severity === 'abnormal') await this.refreshStop(tx, row.vehicleId, at, [id]);
    });
    this.deps.notices.signal();
    return this.get(id);
  }

  /** Recomputes the unit's stop reason; when the unit may run again, its reporters are told. */
  private async refreshStop(tx: Executor, vehicleId: number, at: Date, resolvedIds: number[]): Promise<void> {
    const change = await this.deps.vehicles.setDefectStop(tx, vehicleId, await defectStopReason(tx, vehicleId), at);
    if (change?.before === 'out_of_service' && change.after === 'ready' && resolvedIds.length > 0) {
      const vehicle = (await this.deps.vehicles.summary(vehicleId, tx)) as VehicleSummary;
      await this.deps.notices.unitBackInService(tx, { vehicleId, unitCode: vehicle.unit_code, userIds: await reportersOf(tx, resolvedIds) });
    }
  }

  /**
   * Why this actor may not sign this defect's repair now, as the error `repair` would throw; null
   * when they may. The bot asks before it asks for the note.
   */
  repairRefusal(actor: Actor, defect: Pick<DefectDetail, 'id' | 'item_name' | 'status' | 'assigned_to_id'>): Promise<DomainError | null> | null {
    const row = { id: defect.id, itemName: defect.item_name, status: defect.status, assignedToId: defect.assigned_to_id };
    const refusal = refuseRepair(actor.role, actor.id, row);
    return refusal ? this.refusalError(refusal, row, this.db) : null;
  }

  private async refusalError(refusal: StepRefusal, row: Pick<DefectRow, 'id' | 'itemName' | 'status' | 'assignedToId'>, tx: Executor): Promise<DomainError> {
    const holder = async () => {
      if (row.assignedToId === null) return undefined;
      return (await this.deps.users.namesByIds([row.assignedToId], tx)).get(row.assignedToId);
    };
    switch (refusal) {
      case 'FORBIDDEN':
        return forbidden('Tidak ada akses');
      case 'DEFECT_ALREADY_TAKEN':
        return new DomainError('DEFECT_ALREADY_TAKEN', `Defect #${row.id} (${row.itemName}) sudah ditangani oleh ${(await holder()) ?? 'orang lain'}`);
      case 'DEFECT_NOT_ASSIGNED_TO_YOU': {
        const who = await holder();
        return new DomainError('DEFECT_NOT_ASSIGNED_TO_YOU', `Defect #${row.id} tidak ditugaskan kepada Anda${who ? ` (ditangani oleh ${who})` : '; ambil dulu dengan Tangani'}`);
      }
      case 'DEFECT_NOT_ACTIVE':
        return new DomainError('DEFECT_NOT_ACTIVE', `Defect #${row.id} (${row.itemName}) sudah ${STATUS_WORD[row.status]}`);
    }
  }

  private async requireRow(db: Executor, id: number, lock = false): Promise<DefectRow> {
    const query = db.select().from(defects).where(eq(defects.id, id));
    const [row] = lock ? await query.for('update') : await query;
    if (!row) throw new DomainError('DEFECT_NOT_FOUND', `Defect dengan id ${id} tidak ditemukan`);
    return row;
  }

  private async detail(row: DefectRow): Promise<DefectDetail> {
    const [events, photos] = await Promise.all([
      this.db.select().from(defectEvents).where(eq(defectEvents.defectId, row.id)).orderBy(asc(defectEvents.at), asc(defectEvents.id)),
      this.deps.photos.forDefectTimeline(row.id),
    ]);
    const [[view], eventViews] = await Promise.all([toDefectViews([row], this.deps), toEventViews(events, this.deps, photosByEvent(events, photos))]);
    return { ...view!, photos: photos.map((p) => p.photo), events: eventViews };
  }
}

/** A defect's status in the words its refusals use (the API's messages and the bot's answers). */
const STATUS_WORD: Record<DefectRow['status'], string> = {
  open: 'terbuka',
  in_progress: 'sedang ditangani',
  repaired: 'diperbaiki',
  verified: 'diverifikasi',
  closed: 'ditutup',
};

