import type { NotificationType, RecipientKind } from './values.js';

export interface PersonalChat {
  chatId: string | null;
  /** False once the user blocked the bot. */
  reachable: boolean;
}

export type Route =
  | { status: 'pending'; chatId: string; kind: RecipientKind; warning?: string }
  | { status: 'skipped'; reason: string; warning?: string };

export const SKIP_BOT_NOT_CONFIGURED = 'bot not configured';
export const SKIP_NO_RECIPIENT = 'no recipient: user belum link telegram and TELEGRAM_CHAT_ID is not set';
const SKIP_BLOCKED_NO_GROUP = 'no recipient: user memblokir bot and TELEGRAM_CHAT_ID is not set';
const SKIP_NO_GROUP = 'no recipient: TELEGRAM_CHAT_ID is not set';
/** A personal message (a repair, a unit back in service) to someone without a linked chat. */
export const SKIP_NOT_LINKED = 'no recipient: user belum link telegram';
/** The recipient turned this type of message off in their notification preferences. */
export const SKIP_TURNED_OFF = 'turned off by the recipient (notification preferences)';
/** Every reason a notification is skipped: fixed words of ours, with no secret and no personal data. */
export const SKIP_REASONS: readonly string[] = [SKIP_BOT_NOT_CONFIGURED, SKIP_NO_RECIPIENT, SKIP_BLOCKED_NO_GROUP, SKIP_NO_GROUP, SKIP_NOT_LINKED, SKIP_TURNED_OFF];

/**
 * Who receives a P2H alert: the submitter's own chat when linked and reachable; otherwise the
 * default group; otherwise nobody. Both carry the seed's warning ("user belum link telegram"), so
 * it reaches the log whether or not there was a group to fall back to.
 */
export function routeP2hAlert(submitter: PersonalChat, fallbackChatId: string | undefined, botConfigured: boolean): Route {
  if (!botConfigured) return { status: 'skipped', reason: SKIP_BOT_NOT_CONFIGURED };
  if (submitter.chatId && submitter.reachable) return { status: 'pending', chatId: submitter.chatId, kind: 'personal' };
  const why = submitter.chatId ? 'user memblokir bot' : 'user belum link telegram';
  if (fallbackChatId) return { status: 'pending', chatId: fallbackChatId, kind: 'fallback_group', warning: why };
  return { status: 'skipped', reason: submitter.chatId ? SKIP_BLOCKED_NO_GROUP : SKIP_NO_RECIPIENT, warning: why };
}

/** Document-expiry alerts go to the admin group only. */
export function routeAdminAlert(adminChatId: string | undefined, botConfigured: boolean): Route {
  if (!botConfigured) return { status: 'skipped', reason: SKIP_BOT_NOT_CONFIGURED };
  if (adminChatId) return { status: 'pending', chatId: adminChatId, kind: 'admin_group' };
  return { status: 'skipped', reason: SKIP_NO_GROUP };
}

/**
 * Where a resent notification goes now: an explicit chat stays; a message to one person (a workshop
 * alert, a repair, a unit back in service, an admin's daily summary) goes to their chat as it is now; a P2H alert is routed
 * again; the rest go to the admin group. A skipped row has lost its kind, so the type decides too.
 */
export function resendRoute(
  row: { type: NotificationType; userId: number | null; recipientKind: RecipientKind | null; recipientChatId: string | null },
  person: PersonalChat | null,
  groupChatId: string | undefined,
  botConfigured: boolean,
): Route {
  if (!botConfigured) return { status: 'skipped', reason: SKIP_BOT_NOT_CONFIGURED };
  if (row.recipientKind === 'explicit' && row.recipientChatId) return { status: 'pending', chatId: row.recipientChatId, kind: 'explicit' };
  const workshop = row.recipientKind === 'workshop' || row.type === 'defect_alert';
  if (person && (workshop || row.type === 'defect_repaired' || row.type === 'unit_back_in_service' || row.type === 'daily_summary')) {
    return person.chatId && person.reachable ? { status: 'pending', chatId: person.chatId, kind: workshop ? 'workshop' : 'personal' } : { status: 'skipped', reason: SKIP_NOT_LINKED };
  }
  if (person && (row.type === 'p2h_abnormal' || row.type === 'p2h_warning')) return routeP2hAlert(person, groupChatId, botConfigured);
  return routeAdminAlert(groupChatId, botConfigured);
}
