import { and, asc, count, desc, eq, exists, gte, inArray, lte, sql, type SQL } from 'drizzle-orm';
import { pageOffset } from '../lib/paging.js';
import type { Db, Executor } from '../db/client.js';
import { DomainError } from '../lib/errors.js';
import type { ReportDetail } from '../p2h/types.js';
import type { Role } from '../users/schema.js';
import type { TelegramLinkService } from '../users/telegram-link.js';
import { documentsExpiringBefore, type ExpiringDocument } from '../vehicles/documents.js';
import { dueExpiryKeySql } from './expiry-rules.js';
import { alertPhotoIds } from './photo-plan.js';
import { renderP2hAlert } from './render.js';
import { routeAdminAlert, routeP2hAlert, SKIP_NOT_LINKED, type Route } from './routing.js';
import { visibleLastError } from './visibility.js';
import { telegramNotifications, type NotificationRow, type NotificationStatus, type NotificationType, type RecipientKind } from './schema.js';

export interface OutboxOptions {
  botConfigured: boolean;
  /** TELEGRAM_CHAT_ID: fallback for unlinked users and the admin group. */
  groupChatId: string | undefined;
  timezone: string;
  now: () => Date;
  warn: (fields: Record<string, unknown>, message: string) => void;
}

export interface NotificationView {
  id: number;
  type: NotificationType;
  report_id: number | null;
  vehicle_id: number | null;
  /** The defect a workshop message is about (an alert's first defect, a repair, an escalation). */
  defect_id: number | null;
  document_type: string | null;
  expiry_date: string | null;
  threshold_key: string | null;
  user_id: number | null;
  recipient_chat_id: string | null;
  recipient_kind: RecipientKind | null;
  status: NotificationStatus;
  last_error: string | null;
  attempts: number;
  next_attempt_at: string;
  sent_at: string | null;
  telegram_message_id: string | null;
  created_at: string;
  message: string;
}

export interface NotificationListQuery {
  page: number;
  page_size: number;
  status?: NotificationStatus;
  type?: NotificationType;
  date_from?: string;
  date_to?: string;
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

export function toView(row: NotificationRow): NotificationView {
  return {
    id: row.id,
    type: row.type,
    report_id: row.reportId,
    vehicle_id: row.vehicleId,
    defect_id: row.defectId,
    document_type: row.documentType,
    expiry_date: row.expiryDate,
    threshold_key: row.thresholdKey,
    user_id: row.userId,
    recipient_chat_id: row.recipientChatId,
    recipient_kind: row.recipientKind,
    status: row.status,
    last_error: row.lastError,
    attempts: row.attempts,
    next_attempt_at: row.nextAttemptAt.toISOString(),
    sent_at: row.sentAt?.toISOString() ?? null,
    telegram_message_id: row.telegramMessageId,
    created_at: row.createdAt.toISOString(),
    message: row.message,
  };
}

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
    if (inserted.length > 0 && outgoing.route.status === 'pending') await notifyOtherProcesses(executor);
    return inserted.length > 0;
  }

  /** The WARNING/ABNORMAL alert for a report, in the report's own transaction. */
  async enqueueReportAlert(tx: Executor, report: ReportDetail): Promise<boolean> {
    if (report.overall_status === 'normal') return false;
    const chat = await this.links.personalChat(report.user.id, tx);
    const route = routeP2hAlert(chat, this.options.groupChatId, this.options.botConfigured);
    if (route.status === 'pending' && route.warning) {
      this.options.warn({ user_id: report.user.id, report_id: report.id, reason: route.warning }, `${route.warning}: P2H alert goes to the default group`);
    }
    await tx.insert(telegramNotifications).values({
      type: report.overall_status === 'abnormal' ? 'p2h_abnormal' : 'p2h_warning',
      reportId: report.id,
      userId: report.user.id,
      message: renderP2hAlert(report, { timeZone: this.options.timezone }),
      // The row carries its photos wherever it goes: a reroute to the group sends them there too.
      photoIds: alertPhotoIds(report),
      ...routeColumns(route),
    });
    await notifyOtherProcesses(tx);
    return true;
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

  /** Queues a failed or skipped notification again, to the recipient that would be chosen now. */
  async resend(id: number): Promise<NotificationView> {
    const [row] = await this.db.select().from(telegramNotifications).where(eq(telegramNotifications.id, id));
    if (!row) throw new DomainError('NOTIFICATION_NOT_FOUND', `Notifikasi dengan id ${id} tidak ditemukan`);
    if (row.status !== 'failed' && row.status !== 'skipped') {
      throw new DomainError('NOTIFICATION_NOT_RESENDABLE', `Notifikasi berstatus ${row.status}; hanya yang failed atau skipped yang dapat dikirim ulang`);
    }
    const route = await this.currentRoute(row);
    const [updated] = await this.db
      .update(telegramNotifications)
      .set({ ...routeColumns(route), attempts: 0, partsSent: 0, nextAttemptAt: this.options.now(), updatedAt: this.options.now() })
      .where(eq(telegramNotifications.id, id))
      .returning();
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

  private async currentRoute(row: NotificationRow): Promise<Route> {
    if (row.recipientKind === 'explicit' && row.recipientChatId) {
      return this.options.botConfigured ? { status: 'pending', chatId: row.recipientChatId, kind: 'explicit' } : routeAdminAlert(undefined, false);
    }
    // Messages to one person (a workshop alert, a repair, a unit back in service) go to their chat as it is now.
    if (row.userId !== null && (row.recipientKind === 'workshop' || row.type === 'defect_repaired' || row.type === 'unit_back_in_service')) {
      const chat = await this.links.personalChat(row.userId);
      if (!this.options.botConfigured) return routeAdminAlert(undefined, false);
      return chat.chatId && chat.reachable
        ? { status: 'pending', chatId: chat.chatId, kind: row.recipientKind === 'workshop' ? 'workshop' : 'personal' }
        : { status: 'skipped', reason: SKIP_NOT_LINKED };
    }
    if (row.userId !== null && (row.type === 'p2h_abnormal' || row.type === 'p2h_warning')) {
      return routeP2hAlert(await this.links.personalChat(row.userId), this.options.groupChatId, this.options.botConfigured);
    }
    return routeAdminAlert(this.options.groupChatId, this.options.botConfigured);
  }
}

/** NOTIFY is delivered at commit, so other processes' workers wake when the row is visible. */
export async function notifyOtherProcesses(executor: Executor): Promise<void> {
  await executor.execute(sql`select pg_notify(${OUTBOX_CHANNEL}, '')`);
}
