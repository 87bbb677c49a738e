import type { Executor } from '../db/client.js';
import type { PreferencesService } from '../preferences/service.js';
import type { LinkEndNotices, LinkEndReason } from '../users/telegram-link.js';
import { notifyOtherProcesses } from './outbox.js';
import { heldLogLine, planRecipient, recipientValues } from './recipient-plan.js';
import { renderLinkEnded } from './render-account.js';
import { SKIP_BOT_NOT_CONFIGURED, type Route } from './routing.js';
import { telegramNotifications } from './schema.js';

export interface AccountNoticeOptions {
  botConfigured: boolean;
  timezone: string;
  now: () => Date;
  /** Where "held for the recipient's quiet hours" goes (info level); absent: not logged. */
  info?: (fields: Record<string, unknown>, message: string) => void;
}

/**
 * `account_notice` rows: a chat that lost a person's link (moved, reset, deactivated) is told once,
 * through the outbox like every other message, in the transaction that ended the link. It has no
 * switch of its own, but it waits out the person's quiet hours like everything but an ABNORMAL.
 */
export class AccountNoticeOutbox implements LinkEndNotices {
  constructor(
    private readonly preferences: Pick<PreferencesService, 'get'>,
    private readonly options: AccountNoticeOptions,
  ) {}

  async linkEnded(tx: Executor, event: { userId: number; chatId: string; reason: LinkEndReason }): Promise<void> {
    const prefs = await this.preferences.get(event.userId, tx);
    // The old chat by its id: the person's link already points elsewhere (or nowhere).
    const route: Route = this.options.botConfigured ? { status: 'pending', chatId: event.chatId, kind: 'explicit' } : { status: 'skipped', reason: SKIP_BOT_NOT_CONFIGURED };
    const plan = planRecipient({ route, prefs, type: 'account_notice', now: this.options.now(), timeZone: this.options.timezone });
    const [row] = await tx
      .insert(telegramNotifications)
      .values({ type: 'account_notice', userId: event.userId, message: renderLinkEnded(event.reason, prefs.language), ...recipientValues(plan) })
      .returning({ id: telegramNotifications.id });
    if (plan.heldUntil) this.options.info?.({ notification_id: row!.id }, heldLogLine(plan.heldUntil, this.options.timezone));
    if (plan.status === 'pending') await notifyOtherProcesses(tx);
  }
}
