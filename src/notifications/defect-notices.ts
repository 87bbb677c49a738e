/**
 * The defect workflow's messages, written to the outbox in the transaction that changed the defect,
 * so each goes out exactly once through the same worker, retries and 429 handling as P2H alerts.
 */
import type { Executor } from '../db/client.js';
import type { DefectNotices, DefectView } from '../defects/types.js';
import type { TelegramLinkService } from '../users/telegram-link.js';
import { notifyOtherProcesses, routeColumns, type Outbox } from './outbox.js';
import { renderBackInService, renderDefectAlert, renderDefectEscalation, renderDefectRepaired, takeButtons, webLink } from './render-defects.js';
import { routeAdminAlert, SKIP_NOT_LINKED, type Route } from './routing.js';
import { telegramNotifications } from './schema.js';

export interface DefectNoticeOptions {
  botConfigured: boolean;
  groupChatId: string | undefined;
  timezone: string;
  /** P2H_PUBLIC_URL: alerts link to the web app; unset → no link. */
  publicUrl: string | undefined;
}

const WORKSHOP_ROLES = ['mechanic', 'admin', 'superadmin'] as const;

export class DefectOutbox implements DefectNotices {
  constructor(
    private readonly outbox: Outbox,
    private readonly links: TelegramLinkService,
    private readonly options: DefectNoticeOptions,
  ) {}

  async defectsReported(
    tx: Executor,
    event: { reportId: number | null; vehicleId: number; unitCode: string; reporterName: string; defects: DefectView[] },
  ): Promise<boolean> {
    if (!this.options.botConfigured || event.defects.length === 0) return false;
    const recipients = await this.links.linkedChatsOf([...WORKSHOP_ROLES], tx);
    if (recipients.length === 0) return false;
    const link = webLink(this.options.publicUrl, event.reportId === null ? `/defects/${event.defects[0]!.id}` : `/reports/${event.reportId}`);
    const message = renderDefectAlert(event, { timeZone: this.options.timezone, link });
    await tx.insert(telegramNotifications).values(
      recipients.map((r) => ({
        type: 'defect_alert' as const,
        reportId: event.reportId,
        vehicleId: event.vehicleId,
        defectId: event.defects[0]!.id,
        userId: r.userId,
        message,
        replyMarkup: takeButtons(event.defects),
        status: 'pending' as const,
        recipientChatId: r.chatId,
        recipientKind: 'workshop' as const,
      })),
    );
    await notifyOtherProcesses(tx);
    return true;
  }

  async defectRepaired(tx: Executor, defect: DefectView, reporterId: number): Promise<boolean> {
    const message = renderDefectRepaired(defect, { link: webLink(this.options.publicUrl, `/defects/${defect.id}`) });
    return this.toPerson(tx, reporterId, { type: 'defect_repaired', vehicleId: defect.vehicle_id, defectId: defect.id, message });
  }

  async unitBackInService(tx: Executor, event: { vehicleId: number; unitCode: string; userIds: number[] }): Promise<boolean> {
    let queued = false;
    for (const userId of new Set(event.userIds)) {
      queued = (await this.toPerson(tx, userId, { type: 'unit_back_in_service', vehicleId: event.vehicleId, message: renderBackInService(event.unitCode) })) || queued;
    }
    return queued;
  }

  async defectEscalated(tx: Executor, defect: DefectView, minutes: number): Promise<boolean> {
    const route = routeAdminAlert(this.options.groupChatId, this.options.botConfigured);
    const link = webLink(this.options.publicUrl, `/defects/${defect.id}`);
    await tx.insert(telegramNotifications).values({
      type: 'defect_escalation',
      vehicleId: defect.vehicle_id,
      defectId: defect.id,
      message: renderDefectEscalation(defect, minutes, { timeZone: this.options.timezone, link }),
      replyMarkup: takeButtons([defect]),
      ...routeColumns(route),
    });
    await notifyOtherProcesses(tx);
    return route.status === 'pending';
  }

  signal(): void {
    this.outbox.signal();
  }

  /** A message to one person's own chat; recorded as skipped when they have none (no group fallback: it is personal). */
  private async toPerson(
    tx: Executor,
    userId: number,
    row: { type: 'defect_repaired' | 'unit_back_in_service'; vehicleId: number; defectId?: number; message: string },
  ): Promise<boolean> {
    if (!this.options.botConfigured) return false;
    const chat = await this.links.personalChat(userId, tx);
    const route: Route = chat.chatId && chat.reachable ? { status: 'pending', chatId: chat.chatId, kind: 'personal' } : { status: 'skipped', reason: SKIP_NOT_LINKED };
    await tx.insert(telegramNotifications).values({ ...row, userId, ...routeColumns(route) });
    if (route.status === 'pending') await notifyOtherProcesses(tx);
    return route.status === 'pending';
  }
}
