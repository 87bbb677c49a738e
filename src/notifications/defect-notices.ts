/**
 * The defect workflow's messages, written to the outbox in the transaction that changed the defect,
 * so each goes out exactly once through the same worker, retries and 429 handling as P2H alerts.
 */
import type { Executor } from '../db/client.js';
import type { DefectNotices, DefectView } from '../defects/types.js';
import type { PreferencesService } from '../preferences/service.js';
import type { Language } from '../preferences/values.js';
import type { TelegramLinkService } from '../users/telegram-link.js';
import { notifyOtherProcesses, type Outbox } from './outbox.js';
import { planRecipient, recipientValues } from './recipient-plan.js';
import { renderBackInService, renderDefectAlert, renderDefectEscalation, renderDefectRepaired, takeButtons, webLink } from './render-defects.js';
import { routeAdminAlert, SKIP_NOT_LINKED, type Route } from './routing.js';
import { telegramNotifications, type NotificationType } from './schema.js';

export interface DefectNoticeOptions {
  botConfigured: boolean;
  groupChatId: string | undefined;
  timezone: string;
  /** P2H_PUBLIC_URL: alerts link to the web app; unset → no link. */
  publicUrl: string | undefined;
  now: () => Date;
}

const WORKSHOP_ROLES = ['mechanic', 'admin', 'superadmin'] as const;

/** Topic `defects` of each person's preferences decides; the group's escalation follows the group rule. */
export class DefectOutbox implements DefectNotices {
  constructor(
    private readonly outbox: Outbox,
    private readonly links: TelegramLinkService,
    private readonly preferences: Pick<PreferencesService, 'get' | 'forUsers'>,
    private readonly options: DefectNoticeOptions,
  ) {}

  async defectsReported(
    tx: Executor,
    event: { reportId: number | null; vehicleId: number; unitCode: string; reporterName: string; defects: DefectView[] },
  ): Promise<boolean> {
    if (!this.options.botConfigured || event.defects.length === 0) return false;
    const recipients = await this.links.linkedChatsOf([...WORKSHOP_ROLES], tx);
    if (recipients.length === 0) return false;
    const prefs = await this.preferences.forUsers(recipients.map((r) => r.userId), tx);
    const link = webLink(this.options.publicUrl, event.reportId === null ? `/defects/${event.defects[0]!.id}` : `/reports/${event.reportId}`);
    const rendered = new Map<Language, string>();
    const messageIn = (language: Language) => {
      if (!rendered.has(language)) rendered.set(language, renderDefectAlert(event, { timeZone: this.options.timezone, link, language }));
      return rendered.get(language)!;
    };
    const now = this.options.now();
    const planned = recipients.map((r) => {
      const mine = prefs.get(r.userId)!;
      const route: Route = { status: 'pending', chatId: r.chatId, kind: 'workshop' };
      return { r, language: mine.language, plan: planRecipient({ route, prefs: mine, type: 'defect_alert', now, timeZone: this.options.timezone }) };
    });
    const rows = await tx
      .insert(telegramNotifications)
      .values(
        planned.map(({ r, language, plan }) => ({
          type: 'defect_alert' as const,
          reportId: event.reportId,
          vehicleId: event.vehicleId,
          defectId: event.defects[0]!.id,
          userId: r.userId,
          message: messageIn(language),
          replyMarkup: takeButtons(event.defects, language),
          ...recipientValues(plan),
        })),
      )
      .returning({ id: telegramNotifications.id });
    rows.forEach((row, i) => this.outbox.planned(row.id, planned[i]!.plan));
    const queued = planned.some(({ plan }) => plan.status === 'pending');
    if (queued) await notifyOtherProcesses(tx);
    return queued;
  }

  async defectRepaired(tx: Executor, defect: DefectView, reporterId: number): Promise<boolean> {
    const link = webLink(this.options.publicUrl, `/defects/${defect.id}`);
    return this.toPerson(tx, reporterId, { type: 'defect_repaired', vehicleId: defect.vehicle_id, defectId: defect.id }, (language) =>
      renderDefectRepaired(defect, { link, language }),
    );
  }

  async unitBackInService(tx: Executor, event: { vehicleId: number; unitCode: string; userIds: number[] }): Promise<boolean> {
    let queued = false;
    for (const userId of new Set(event.userIds)) {
      const sent = await this.toPerson(tx, userId, { type: 'unit_back_in_service', vehicleId: event.vehicleId }, (language) =>
        renderBackInService(event.unitCode, language),
      );
      queued = sent || queued;
    }
    return queued;
  }

  /** To the group (Indonesian, loud, never held: nobody's night decides for the group). */
  async defectEscalated(tx: Executor, defect: DefectView, minutes: number): Promise<boolean> {
    const route = routeAdminAlert(this.options.groupChatId, this.options.botConfigured);
    const plan = planRecipient({ route, prefs: null, type: 'defect_escalation', now: this.options.now(), timeZone: this.options.timezone });
    const link = webLink(this.options.publicUrl, `/defects/${defect.id}`);
    await tx.insert(telegramNotifications).values({
      type: 'defect_escalation',
      vehicleId: defect.vehicle_id,
      defectId: defect.id,
      message: renderDefectEscalation(defect, minutes, { timeZone: this.options.timezone, link }),
      replyMarkup: takeButtons([defect]),
      ...recipientValues(plan),
    });
    await notifyOtherProcesses(tx);
    return route.status === 'pending';
  }

  signal(): void {
    this.outbox.signal();
  }

  /**
   * A message to one person's own chat, in their language and as their preferences say; recorded as
   * skipped when they have none (no group fallback: it is personal) or turned defect messages off.
   */
  private async toPerson(
    tx: Executor,
    userId: number,
    row: { type: Extract<NotificationType, 'defect_repaired' | 'unit_back_in_service'>; vehicleId: number; defectId?: number },
    render: (language: Language) => string,
  ): Promise<boolean> {
    if (!this.options.botConfigured) return false;
    const chat = await this.links.personalChat(userId, tx);
    const route: Route = chat.chatId && chat.reachable ? { status: 'pending', chatId: chat.chatId, kind: 'personal' } : { status: 'skipped', reason: SKIP_NOT_LINKED };
    const prefs = await this.preferences.get(userId, tx);
    const plan = planRecipient({ route, prefs, type: row.type, now: this.options.now(), timeZone: this.options.timezone });
    const [inserted] = await tx
      .insert(telegramNotifications)
      .values({ ...row, userId, message: render(prefs.language), ...recipientValues(plan) })
      .returning({ id: telegramNotifications.id });
    this.outbox.planned(inserted!.id, plan);
    if (plan.status === 'pending') await notifyOtherProcesses(tx);
    return plan.status === 'pending';
  }
}
