import type { Executor } from '../db/client.js';
import type { PreferencesService } from '../preferences/service.js';
import type { LinkEndNotices, LinkEndReason } from '../users/telegram-link.js';
import { notifyOtherProcesses, routeColumns } from './outbox.js';
import { renderLinkEnded } from './render-account.js';
import { SKIP_BOT_NOT_CONFIGURED, type Route } from './routing.js';
import { telegramNotifications } from './schema.js';

/**
 * `account_notice` rows: a chat that lost a person's link (moved, reset, deactivated) is told once,
 * through the outbox like every other message, in the transaction that ended the link.
 */
export class AccountNoticeOutbox implements LinkEndNotices {
  constructor(
    private readonly preferences: Pick<PreferencesService, 'get'>,
    private readonly options: { botConfigured: boolean },
  ) {}

  async linkEnded(tx: Executor, event: { userId: number; chatId: string; reason: LinkEndReason }): Promise<void> {
    const { language } = await this.preferences.get(event.userId, tx);
    // The old chat by its id: the person's link already points elsewhere (or nowhere).
    const route: Route = this.options.botConfigured ? { status: 'pending', chatId: event.chatId, kind: 'explicit' } : { status: 'skipped', reason: SKIP_BOT_NOT_CONFIGURED };
    await tx.insert(telegramNotifications).values({
      type: 'account_notice',
      userId: event.userId,
      message: renderLinkEnded(event.reason, language),
      ...routeColumns(route),
    });
    if (route.status === 'pending') await notifyOtherProcesses(tx);
  }
}
