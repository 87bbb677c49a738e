import { and, count, desc, eq, gte, isNull, lte, sql, type SQL } from 'drizzle-orm';
import type { ChecklistService } from '../checklist/service.js';
import { pageOffset } from '../lib/paging.js';
import { uniqueViolation, type Db } from '../db/client.js';
import type { Clock } from '../lib/clock.js';
import { timeZoneAbbreviation } from '../lib/time.js';
import { DomainError, forbidden } from '../lib/errors.js';
import type { PhotoRef } from '../photos/api-schemas.js';
import type { PhotoAttacher, PhotoReader } from '../photos/types.js';
import { seesAllReports } from '../users/rules.js';
import type { Actor, UsersService } from '../users/service.js';
import type { VehicleSummary, VehiclesService } from '../vehicles/service.js';
import { checkAnswers } from './answers.js';
import { complianceBoard, type UnitCompliance } from './compliance.js';
import { operationalDate, SLOTS_PER_DAY, suggestedSlot } from './operational-day.js';
import { p2hReportDetails, p2hReports, type P2hReportRow } from './schema.js';
import { describeOpenSlots, mayReportForUnit, slotDecision } from './slot-rules.js';
import { overallStatus } from './status.js';
import { mayBeConcurrentResend, storedSubmission } from './resubmission.js';
import { insertReport, submitContextReader, type SubmitContext } from './submit-store.js';
import { inspectionInstant, missingDefectPhotos } from './submission-rules.js';
import { toSummary } from './views.js';
import type { ReportAlerts, ReportDefects, ReportDetail, ReportListQuery, ReportSummary, SubmitInput, SubmitOutcome } from './types.js';

export type { UnitCompliance };

export interface P2hDeps {
  vehicles: VehiclesService;
  checklist: ChecklistService;
  users: UsersService;
  alerts: ReportAlerts;
  defects: ReportDefects;
  photos: PhotoAttacher & Pick<PhotoReader, 'forReport'>;
  /** P2H_DEFECT_PHOTO=required: every WARNING/ABNORMAL answer needs a photo. */
  defectPhotoRequired: boolean;
  clock: Clock;
  timezone: string;
  assignedOnly: boolean;
}

/** Above this many matching reports (as the planner expects) the list's total is an estimate. */
const EXACT_TOTAL_UP_TO = 20_000;

export class P2hService {
  private readonly submitContext: (vehicleId: number) => Promise<SubmitContext | undefined>;

  constructor(
    private readonly db: Db,
    private readonly deps: P2hDeps,
  ) {
    this.submitContext = submitContextReader(db);
  }

  /**
   * `at` backdates a submission (demo data, imports): an internal path, so the driver's rules (open
   * slot, assigned unit) do not apply. The HTTP route always uses the clock.
   */
  async submit(actor: Actor, input: SubmitInput, at?: Date): Promise<ReportDetail> {
    return (await this.submitOnce(actor, input, at)).report;
  }

  /** As `submit`, saying whether the report is new or the one this client_submission_id already filed. */
  async submitOnce(actor: Actor, input: SubmitInput, at?: Date): Promise<SubmitOutcome> {
    // Before every rule: a resend after a lost answer finds its slot taken (by itself) or closed by now.
    const stored = await storedSubmission(this.db, actor.id, input.client_submission_id);
    if (stored !== undefined) return { report: await this.get(actor, stored), created: false };
    return this.file(actor, input, at);
  }

  private async file(actor: Actor, input: SubmitInput, at: Date | undefined): Promise<SubmitOutcome> {
    // The unit and the items that apply to it in one query: every submission needs both.
    const context = await this.submitContext(input.vehicle_id);
    if (!context) throw new DomainError('VEHICLE_NOT_FOUND', `Unit dengan id ${input.vehicle_id} tidak ditemukan`);
    const { vehicle } = context;
    if (!vehicle.is_active) throw new DomainError('VEHICLE_INACTIVE', `Unit ${vehicle.unit_code} sudah tidak aktif`);

    const now = at ?? this.deps.clock();
    // A report filled offline speaks for the time it was filled: its slot and its day are those of then.
    const inspection = inspectionInstant(now, input.waited_seconds);
    if (!inspection.ok) throw new DomainError('INVALID_INSPECTION_TIME', `Waktu pemeriksaan tidak diterima: ${inspection.detail.message}`, { details: [inspection.detail] });
    const { instant } = inspection;
    const slots = SLOTS_PER_DAY[vehicle.shift_type];
    const shiftNumber = input.shift_number ?? suggestedSlot(instant, this.deps.timezone, vehicle.shift_type);
    if (shiftNumber < 1 || shiftNumber > slots) {
      throw new DomainError('INVALID_SHIFT', `Unit ${vehicle.unit_code} (${vehicle.shift_type}) hanya memiliki shift 1 sampai ${slots}`, {
        details: [{ field: 'shift_number', code: 'invalid_shift', message: `harus 1 sampai ${slots}` }],
      });
    }
    if (at === undefined) this.requireMayFile(actor, vehicle, shiftNumber, instant);

    const checked = checkAnswers(context.items, input.details);
    if (!checked.ok) throw new DomainError('INVALID_ANSWERS', 'Jawaban checklist belum lengkap atau tidak valid', { details: checked.problems });
    const unphotographed = this.deps.defectPhotoRequired ? missingDefectPhotos(input.details) : [];
    if (unphotographed.length > 0) throw new DomainError('PHOTO_REQUIRED', 'Foto wajib dilampirkan untuk setiap jawaban WARNING/ABNORMAL', { details: unphotographed });

    const opDate = operationalDate(instant, this.deps.timezone, vehicle.shift_type);
    const status = overallStatus(checked.answers.map((a) => a.status));
    let alertQueued = false;
    try {
      const created = await this.db.transaction(async (tx) => {
        const row = await insertReport(
          tx,
          {
            vehicleId: vehicle.id,
            userId: actor.id,
            shiftNumber,
            operationalDate: opDate,
            submittedAt: now,
            odometer: input.odometer == null ? null : String(input.odometer),
            overallStatus: status,
            clientSubmissionId: input.client_submission_id ?? null,
            inspectedAt: inspection.inspectedAt,
            latitude: input.location?.latitude ?? null,
            longitude: input.location?.longitude ?? null,
            locationAccuracyM: input.location?.accuracy_m ?? null,
          },
          checked.answers,
        );
        const answers = checked.answers.map((a) => ({ checklistItemId: a.item.id, itemName: a.item.item_name, status: a.status, remark: a.keterangan }));
        const recorded = await this.deps.defects.recordReport(
          tx,
          { reportId: row.id, vehicleId: vehicle.id, userId: actor.id, at: now, answers },
          { unitCode: vehicle.unit_code, reporterName: actor.fullName },
        );
        // The photos before the alert: the alert carries them. A NORMAL answer's photos are kept too (defect_id null).
        const photoRequests = input.details.map((d, i) => ({
          photoIds: d.photo_ids ?? [],
          target: { kind: 'answer' as const, reportId: row.id, checklistItemId: d.checklist_item_id, defectId: recorded.reported.get(d.checklist_item_id)?.defectId ?? null },
          field: `details[${i}].photo_ids`,
        }));
        await this.deps.photos.attach(tx, actor.id, photoRequests);
        const photos = photoRequests.some((r) => r.photoIds.length > 0) ? await this.deps.photos.forReport(row.id, tx) : new Map<number, PhotoRef[]>();
        const report: ReportDetail = {
          ...toSummary(row, vehicle, actor.fullName, []),
          details: checked.answers.map((a) => ({
            checklist_item_id: a.item.id,
            section: a.item.section,
            item_name: a.item.item_name,
            status: a.status,
            keterangan: a.keterangan,
            photos: photos.get(a.item.id) ?? [],
          })),
        };
        alertQueued = (await this.deps.alerts.enqueueReportAlert(tx, report)) || recorded.queued;
        return report;
      });
      // A report this new has no alerts but the one queued here: nothing to read back.
      if (!alertQueued) return { report: created, created: true };
      // Only after the commit: a worker woken earlier would not see the alert yet.
      this.deps.alerts.signal();
      const delivery = await this.deps.alerts.forReports([created.id], actor.role);
      return { report: { ...created, notifications: delivery.get(created.id) ?? [] }, created: true };
    } catch (error) {
      // A concurrent send of the same submission that lost the race answers with the winner's report.
      const winner = mayBeConcurrentResend(error, input.client_submission_id) ? await storedSubmission(this.db, actor.id, input.client_submission_id) : undefined;
      if (winner !== undefined) return { report: await this.get(actor, winner), created: false };
      if (uniqueViolation(error)?.constraint === 'p2h_reports_slot_key') {
        throw new DomainError(
          'SLOT_TAKEN',
          `P2H unit ${vehicle.unit_code} untuk shift ${shiftNumber} tanggal ${opDate} sudah dikirim`,
          { details: [{ field: 'shift_number', code: 'slot_taken', message: `shift ${shiftNumber} tanggal ${opDate} sudah ada` }] },
        );
      }
      throw error;
    }
  }

  /** `instant`: when the report was filled (now minus waited_seconds, else now). */
  private requireMayFile(actor: Actor, vehicle: VehicleSummary, slot: number, instant: Date): void {
    const assignedOnly = this.deps.assignedOnly;
    if (!mayReportForUnit({ assignedOnly, assignedDriverId: vehicle.assigned_driver_id, actorId: actor.id, role: actor.role })) {
      throw new DomainError('UNIT_NOT_ASSIGNED', `Unit ${vehicle.unit_code} ditugaskan ke pengemudi lain; hanya pengemudi tersebut atau admin yang dapat mengirim P2H-nya`);
    }
    const { timezone } = this.deps;
    const decision = slotDecision({ instant, timeZone: timezone, shiftType: vehicle.shift_type, slot, role: actor.role });
    if (!decision.ok) {
      const open = describeOpenSlots(decision.open, timeZoneAbbreviation(timezone));
      const message = `Shift ${slot} unit ${vehicle.unit_code} tidak dibuka sekarang. Yang dibuka: ${open}`;
      throw new DomainError('SLOT_NOT_OPEN', message, { details: [{ field: 'shift_number', code: 'slot_not_open', message }] });
    }
  }

  async list(actor: Actor, query: ReportListQuery): Promise<{ items: ReportSummary[]; total: number }> {
    const filters: SQL[] = [isNull(p2hReports.deletedAt)];
    // A driver only ever sees their own reports, whatever filter they send.
    if (!seesAllReports(actor.role)) filters.push(eq(p2hReports.userId, actor.id));
    else if (query.user_id !== undefined) filters.push(eq(p2hReports.userId, query.user_id));
    if (query.date_from) filters.push(gte(p2hReports.operationalDate, query.date_from));
    if (query.date_to) filters.push(lte(p2hReports.operationalDate, query.date_to));
    if (query.vehicle_id !== undefined) filters.push(eq(p2hReports.vehicleId, query.vehicle_id));
    if (query.status) filters.push(eq(p2hReports.overallStatus, query.status));
    const where = and(...filters);

    const offset = pageOffset(query);
    const [rows, total] = await Promise.all([
      this.db
        .select()
        .from(p2hReports)
        .where(where)
        .orderBy(desc(p2hReports.submittedAt), desc(p2hReports.id))
        .limit(query.page_size)
        .offset(offset),
      this.countReports(where),
    ]);
    let value = total.value;
    if (!total.exact) {
      // A partly filled page is the last one, which makes the total exact; otherwise the estimate
      // must at least cover the rows given and say that more follow a full page.
      if (rows.length > 0 && rows.length < query.page_size) value = offset + rows.length;
      else value = Math.max(value, offset + rows.length + (rows.length === query.page_size ? 1 : 0));
    }
    return { items: await this.summarize(rows, actor), total: value };
  }

  /**
   * `total` for the report list: exact when the planner expects at most EXACT_TOTAL_UP_TO rows,
   * else the planner's estimate. An exact count(*) over a million reports costs ~250 ms (every
   * matching row is visited) while a page costs a few ms; past a few thousand rows nobody pages
   * to the end (paging stops at MAX_PAGING_DEPTH anyway), so an estimate serves the pager.
   */
  private async countReports(where: SQL | undefined): Promise<{ value: number; exact: boolean }> {
    const matching = this.db.select({ one: sql`1` }).from(p2hReports).where(where);
    const explained = await this.db.execute(sql`explain (format json) ${matching}`);
    const cell = (explained as unknown as { rows: Record<string, unknown>[] }).rows[0]?.['QUERY PLAN'];
    const plan = (typeof cell === 'string' ? JSON.parse(cell) : cell) as [{ Plan: { 'Plan Rows': number } }] | undefined;
    const estimate = plan?.[0]?.Plan['Plan Rows'];
    if (estimate !== undefined && estimate > EXACT_TOTAL_UP_TO) return { value: Math.round(estimate), exact: false };
    const [row] = await this.db.select({ total: count() }).from(p2hReports).where(where);
    return { value: row?.total ?? 0, exact: true };
  }

  async get(actor: Actor, id: number): Promise<ReportDetail> {
    const [row] = await this.db
      .select()
      .from(p2hReports)
      .where(and(eq(p2hReports.id, id), isNull(p2hReports.deletedAt)));
    if (!row) throw new DomainError('REPORT_NOT_FOUND', `Laporan P2H dengan id ${id} tidak ditemukan`);
    if (!seesAllReports(actor.role) && row.userId !== actor.id) throw forbidden('Anda hanya dapat melihat laporan P2H Anda sendiri');
    const [[summary], photos, details] = await Promise.all([
      this.summarize([row], actor),
      this.deps.photos.forReport(id),
      this.db
      .select({
        checklist_item_id: p2hReportDetails.checklistItemId,
        section: p2hReportDetails.section,
        item_name: p2hReportDetails.itemName,
        status: p2hReportDetails.status,
        keterangan: p2hReportDetails.keterangan,
      })
      .from(p2hReportDetails)
      .where(eq(p2hReportDetails.reportId, id))
      .orderBy(p2hReportDetails.id),
    ]);
    return { ...summary!, details: details.map((d) => ({ ...d, photos: photos.get(d.checklist_item_id) ?? [] })) };
  }

  /** Soft delete by an admin: the report leaves lists and its slot is free again. */
  async remove(actor: Actor, id: number): Promise<void> {
    const deleted = await this.db
      .update(p2hReports)
      .set({ deletedAt: this.deps.clock(), deletedBy: actor.id })
      .where(and(eq(p2hReports.id, id), isNull(p2hReports.deletedAt)))
      .returning({ id: p2hReports.id });
    if (deleted.length === 0) throw new DomainError('REPORT_NOT_FOUND', `Laporan P2H dengan id ${id} tidak ditemukan`);
  }

  /** The compliance board as this actor sees it (the slots they may still file differ by role and unit). */
  async compliance(actor: Actor, date?: string): Promise<UnitCompliance[]> {
    const { timezone, assignedOnly } = this.deps;
    return complianceBoard(this.db, { actor, units: await this.deps.vehicles.listActiveSummaries(), now: this.deps.clock(), timezone, assignedOnly, date });
  }

  private async summarize(rows: P2hReportRow[], actor: Actor): Promise<ReportSummary[]> {
    const [vehicles, names, delivery] = await Promise.all([
      this.deps.vehicles.summariesByIds(rows.map((r) => r.vehicleId)),
      this.deps.users.namesByIds(rows.map((r) => r.userId)),
      this.deps.alerts.forReports(rows.map((r) => r.id), actor.role),
    ]);
    return rows.map((row) => toSummary(row, vehicles.get(row.vehicleId)!, names.get(row.userId) ?? '', delivery.get(row.id) ?? []));
  }
}
