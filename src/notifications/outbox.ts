import { and, asc, count, desc, eq, exists, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import { pageOffset } from '../lib/paging.js';
import type { Db, Executor } from '../db/client.js';
import { DomainError } from '../lib/errors.js';
import type { ReportDetail } from '../p2h/types.js';
import type { PreferencesService } from '../preferences/service.js';
import type { Role } from '../users/schema.js';
import type { TelegramLinkService } from '../users/telegram-link.js';
import { documentsExpiringBefore, type ExpiringDocument } from '../vehicles/documents.js';
import { dueExpiryKeySql } from './expiry-rules.js';
import { alertPhotoIds } from './photo-plan.js';
import { heldLogLine, isPersonalRoute, planRecipient, recipientValues, type RecipientColumns } from './recipient-plan.js';
import { renderP2hAlert } from './render.js';
import { resendRoute, routeAdminAlert, routeP2hAlert, type Route } from './routing.js';
import { toView, type NotificationListQuery, type NotificationView } from './views.js';
import { visibleLastError } from './visibility.js';
import { telegramNotifications, type NotificationType } from './schema.js';

export { toView, type NotificationListQuery, type NotificationView } from './views.js';

export interface OutboxOptions {
  botConfigured: boolean;
  /** TELEGRAM_CHAT_ID: fallback for unlinked users and the admin group. */
  groupChatId: string | undefined;
  timezone: string;
  now: () => Date;
  warn: (fields: Record<string, unknown>, message: string) => void;
  /** Where "held for the recipient's quiet hours" goes (info level); absent: not logged. */
  info?: (fields: Record<string, unknown>, message: string) => void;
}

/** One message to one chat (or recorded as skipped), decided by the caller: see `enqueueMessage`. */
export interface OutgoingMessage {
  type: NotificationType;
  message: string;
  route: Route;
  /** The person the message is for or about, so a resend can choose their chat again. */
  userId?: number | null;
  reportId?: number | null;
  vehicleId?: number | null;
  defectId?: number | null;
  /** Once-only: a second row with the same key is not written (a day's digest, a day's summary to one chat). */
  dedupeKey?: string;
  /** Send without sound (`disable_notification`). */
  silent?: boolean;
  /** Hold until then (the recipient's quiet hours); null or absent: send now. */
  notBefore?: Date | null;
}

/** Postgres channel that wakes delivery workers in other processes when a row is written. */
export const OUTBOX_CHANNEL = 'p2h_outbox';

/** Route → the columns that record it. */
export function routeColumns(route: Route) {
  return route.status === 'pending'
    ? { status: 'pending' as const, recipientChatId: route.chatId, recipientKind: route.kind, lastError: null }
    : { status: 'skipped' as const, recipientChatId: null, recipientKind: null, lastError: route.reason };
}

/** Writes notifications (in the caller's transaction) and answers questions about them. */
export class Outbox {
  private readonly listeners: (() => void)[] = [];

  constructor(
    private readonly db: Db,
    private readonly links: TelegramLinkService,
    private readonly preferences: Pick<PreferencesService, 'get'>,
    private readonly options: OutboxOptions,
  ) {}

  /** Called after a commit that wrote rows: wakes this process's worker at once. */
  onWritten(listener: () => void): void {
    this.listeners.push(listener);
  }

  signal(): void {
    for (const listener of this.listeners) listener();
  }

  /**
   * Writes one message in the caller's transaction (or on its own). Returns false when a row with the
   * same `dedupeKey` already exists, so any number of schedulers and restarts queue it once.
   */
  async enqueueMessage(executor: Executor, outgoing: OutgoingMessage): Promise<boolean> {
    const inserted = await executor
      .insert(telegramNotifications)
      .values({
        type: outgoing.type,
        message: outgoing.message,
        userId: outgoing.userId ?? null,
        reportId: outgoing.reportId ?? null,
        vehicleId: outgoing.vehicleId ?? null,
        defectId: outgoing.defectId ?? null,
        dedupeKey: outgoing.dedupeKey ?? null,
        disableNotification: outgoing.silent ?? false,
        ...(outgoing.notBefore ? { nextAttemptAt: outgoing.notBefore } : {}),
        ...routeColumns(outgoing.route),
      })
      .onConflictDoNothing({ target: telegramNotifications.dedupeKey, where: sql`${telegramNotifications.dedupeKey} is not null` })
      .returning({ id: telegramNotifications.id });
    if (inserted[0] && outgoing.notBefore) this.options.info?.({ notification_id: inserted[0].id }, heldLogLine(outgoing.notBefore, this.options.timezone));
    if (inserted.length > 0 && outgoing.route.status === 'pending') await notifyOtherProcesses(executor);
    return inserted.length > 0;
  }

  /**
   * The WARNING/ABNORMAL alert for a report, in the report's own transaction: to the submitter's own
   * chat as their preferences say (their language, silent, off, quiet hours), or to the group.
   */
  async enqueueReportAlert(tx: Executor, report: ReportDetail): Promise<boolean> {
    if (report.overall_status === 'normal') return false;
    const chat = await this.links.personalChat(report.user.id, tx);
    const route = routeP2hAlert(chat, this.options.groupChatId, this.options.botConfigured);
    if (route.warning) {
      const where = route.status === 'pending' ? 'goes to the default group' : 'has no recipient (TELEGRAM_CHAT_ID is not set)';
      this.options.warn({ user_id: report.user.id, report_id: report.id, reason: route.warning }, `${route.warning}: P2H alert ${where}`);
    }
    const type = report.overall_status === 'abnormal' ? 'p2h_abnormal' : 'p2h_warning';
    const prefs = isPersonalRoute(route) ? await this.preferences.get(report.user.id, tx) : null;
    const plan = planRecipient({ route, prefs, type, now: this.options.now(), timeZone: this.options.timezone });
    const [row] = await tx
      .insert(telegramNotifications)
      .values({
        type,
        reportId: report.id,
        userId: report.user.id,
        // A group reads Indonesian; a person reads their own language.
        message: renderP2hAlert(report, { timeZone: this.options.timezone, language: prefs?.language ?? 'id' }),
        // The row carries its photos wherever it goes: a reroute to the group sends them there too.
        photoIds: alertPhotoIds(report),
        ...recipientValues(plan),
      })
      .returning({ id: telegramNotifications.id });
    this.planned(row!.id, plan);
    await notifyOtherProcesses(tx);
    return true;
  }

  /** Logs a row held for its recipient's quiet hours: the id and until when, nothing personal. */
  planned(notificationId: number, plan: RecipientColumns): void {
    if (plan.heldUntil) this.options.info?.({ notification_id: notificationId }, heldLogLine(plan.heldUntil, this.options.timezone));
  }

  /**
   * Documents of active units expiring on or before `cutoff` whose current slot (as of `today`) has
   * no alert yet, soonest first: already-announced slots are left out in the database (an
   * anti-join on the outbox's unique key), so a repeat scan reads, renders and inserts nothing.
   */
  unannouncedExpiryDocuments(today: string, cutoff: string, page?: { after?: ExpiringDocument; limit: number }): Promise<ExpiringDocument[]> {
    // Qualified: inside the subquery a bare expiry_date would be the outbox's. `today` is YYYY-MM-DD.
    const key = sql.raw(dueExpiryKeySql(`("vehicle_documents"."expiry_date" - '${today.replace(/[^0-9-]/g, '')}'::date)`));
    return documentsExpiringBefore(this.db, cutoff, {
      ...page,
      unless: (document) =>
        exists(
          this.db
            .select({ one: sql`1` })
            .from(telegramNotifications)
            .where(
              and(
                eq(telegramNotifications.vehicleId, document.vehicleId),
                eq(telegramNotifications.documentType, document.documentType),
                eq(telegramNotifications.expiryDate, document.expiryDate),
                sql`${telegramNotifications.thresholdKey} = ${key}`,
              ),
            ),
        ),
    });
  }

  /**
   * Expiry alerts, once per document, expiry date and threshold: the unique index decides, so
   * several schedulers or a rerun never announce the same thing twice. Returns how many were new.
   */
  async enqueueExpiryAlerts(
    alerts: { vehicleId: number; documentType: 'stnk' | 'kir' | 'pajak'; expiryDate: string; thresholdKey: string; message: string }[],
  ): Promise<number> {
    const route = routeColumns(routeAdminAlert(this.options.groupChatId, this.options.botConfigured));
    let created = 0;
    // One array parameter per column and chunk: building a 300 000-parameter insert costs far more than
    // the insert, and PostgreSQL reads arrays several times faster than json_to_recordset's JSON.
    for (let start = 0; start < alerts.length; start += 5_000) {
      const chunk = alerts.slice(start, start + 5_000);
      const column = <T>(pick: (alert: (typeof alerts)[number]) => T) => sql.param(chunk.map(pick));
      const inserted = await this.db.execute(sql`
        insert into telegram_notifications
          (type, vehicle_id, document_type, expiry_date, threshold_key, message, status, recipient_chat_id, recipient_kind, last_error)
        select (t.document_type || '_expiry')::notification_type, t.vehicle_id, t.document_type::document_type, t.expiry_date, t.threshold_key, t.message,
               ${route.status}::notification_status, ${route.recipientChatId}, ${route.recipientKind}::notification_recipient_kind, ${route.lastError}
        from unnest(${column((a) => a.vehicleId)}::int[], ${column((a) => a.documentType)}::text[], ${column((a) => a.expiryDate)}::date[],
                    ${column((a) => a.thresholdKey)}::text[], ${column((a) => a.message)}::text[])
          as t(vehicle_id, document_type, expiry_date, threshold_key, message)
        on conflict (vehicle_id, document_type, expiry_date, threshold_key) where threshold_key is not null do nothing
        returning id`);
      created += (inserted as unknown as { rows: unknown[] }).rows.length;
      await new Promise((resolve) => setImmediate(resolve)); // let requests through between chunks
    }
    if (created > 0) {
      await notifyOtherProcesses(this.db);
      this.signal();
    }
    return created;
  }

  async list(query: NotificationListQuery): Promise<{ items: NotificationView[]; total: number }> {
    const filters: SQL[] = [];
    if (query.status) filters.push(eq(telegramNotifications.status, query.status));
    if (query.type) filters.push(eq(telegramNotifications.type, query.type));
    // Dates are days in P2H_TIMEZONE, as people on site count them.
    const localDay = sql`(${telegramNotifications.createdAt} at time zone ${this.options.timezone})::date`;
    if (query.date_from) filters.push(gte(localDay, query.date_from));
    if (query.date_to) filters.push(lte(localDay, query.date_to));
    const where = filters.length ? and(...filters) : undefined;
    const [rows, [total]] = await Promise.all([
      this.db
        .select()
        .from(telegramNotifications)
        .where(where)
        .orderBy(desc(telegramNotifications.createdAt), desc(telegramNotifications.id))
        .limit(query.page_size)
        .offset(pageOffset(query)),
      this.db.select({ total: count() }).from(telegramNotifications).where(where),
    ]);
    return { items: rows.map(toView), total: total?.total ?? 0 };
  }

  async get(id: number): Promise<NotificationView> {
    const [row] = await this.db.select().from(telegramNotifications).where(eq(telegramNotifications.id, id));
    if (!row) throw new DomainError('NOTIFICATION_NOT_FOUND', `Notifikasi dengan id ${id} tidak ditemukan`);
    return toView(row);
  }

  /** The alerts about these reports, as `viewer` may see them (last_error only for admins). */
  async forReports(reportIds: number[], viewer: Role): Promise<Map<number, NotificationView[]>> {
    const byReport = new Map<number, NotificationView[]>();
    if (reportIds.length === 0) return byReport;
    const rows = await this.db
      .select()
      .from(telegramNotifications)
      // The report's own alert; the workshop's messages about its defects are the defects' story.
      .where(and(inArray(telegramNotifications.reportId, reportIds), inArray(telegramNotifications.type, ['p2h_abnormal', 'p2h_warning'])))
      .orderBy(asc(telegramNotifications.id));
    for (const row of rows) {
      const view = toView(row);
      byReport.set(row.reportId!, [...(byReport.get(row.reportId!) ?? []), { ...view, last_error: visibleLastError(viewer, view) }]);
    }
    return byReport;
  }

  /**
   * Queues a failed or skipped notification again, to the recipient that would be chosen now and as
   * their preferences say now (a type they turned off goes silently: an admin asked for it).
   */
  async resend(id: number): Promise<NotificationView> {
    const [row] = await this.db.select().from(telegramNotifications).where(eq(telegramNotifications.id, id));
    if (!row) throw new DomainError('NOTIFICATION_NOT_FOUND', `Notifikasi dengan id ${id} tidak ditemukan`);
    if (row.status !== 'failed' && row.status !== 'skipped') {
      throw new DomainError('NOTIFICATION_NOT_RESENDABLE', `Notifikasi berstatus ${row.status}; hanya yang failed atau skipped yang dapat dikirim ulang`);
    }
    const chat = row.userId === null ? null : await this.links.personalChat(row.userId);
    const route = resendRoute(row, chat, this.options.groupChatId, this.options.botConfigured);
    const prefs = isPersonalRoute(route) && row.userId !== null ? await this.preferences.get(row.userId) : null;
    const now = this.options.now();
    const plan = planRecipient({ route, prefs, type: row.type, now, timeZone: this.options.timezone, resentByAdmin: true });
    const [updated] = await this.db
      .update(telegramNotifications)
      .set({ ...recipientValues(plan), attempts: 0, partsSent: 0, updatedAt: now })
      .where(eq(telegramNotifications.id, id))
      .returning();
    this.planned(id, plan);
    await notifyOtherProcesses(this.db);
    this.signal();
    return toView(updated!);
  }

  /** For readiness: how much is waiting and how much gave up. */
  async counts(): Promise<{ pending: number; failed: number; oldest_pending_seconds: number | null }> {
    const [row] = await this.db
      .select({
        pending: sql<number>`count(*) filter (where ${telegramNotifications.status} in ('pending', 'sending'))`.mapWith(Number),
        failed: sql<number>`count(*) filter (where ${telegramNotifications.status} = 'failed')`.mapWith(Number),
        oldest: sql<Date | null>`min(${telegramNotifications.createdAt}) filter (where ${telegramNotifications.status} in ('pending', 'sending'))`,
      })
      .from(telegramNotifications);
    const oldest = row?.oldest ? new Date(row.oldest) : null;
    return {
      pending: row?.pending ?? 0,
      failed: row?.failed ?? 0,
      oldest_pending_seconds: oldest ? Math.max(0, Math.round((this.options.now().getTime() - oldest.getTime()) / 1000)) : null,
    };
  }
}

/** NOTIFY is delivered at commit, so other processes' workers wake when the row is visible. */
export async function notifyOtherProcesses(executor: Executor): Promise<void> {
  await executor.execute(sql`select pg_notify(${OUTBOX_CHANNEL}, '')`);
}
