/**
 * How one outbox row goes out: the chat its route chose, and — for a message to a person's own chat —
 * that person's preferences (off, silent, quiet hours). A plain function over the route, the
 * preferences and the clock, so the outbox, the defect notices, the account notices and a resend
 * decide the same way.
 */
import { localTime, timeZoneAbbreviation } from '../lib/time.js';
import type { NotificationPreferences } from '../preferences/api-schemas.js';
import { DEFAULT_PREFERENCES, planDelivery, quietHoursEnd } from '../preferences/rules.js';
import type { PreferenceTopic } from '../preferences/values.js';
import { SKIP_TURNED_OFF, type Route } from './routing.js';
import type { NotificationStatus, NotificationType, RecipientKind } from './values.js';

/** The columns of a row that record who gets it, how loudly and when. */
export interface RecipientColumns {
  status: Extract<NotificationStatus, 'pending' | 'skipped'>;
  recipientChatId: string | null;
  recipientKind: RecipientKind | null;
  lastError: string | null;
  disableNotification: boolean;
  /** When it may be sent: now, or the end of the recipient's quiet hours. */
  nextAttemptAt: Date;
  /** Set when the row waits for the recipient's quiet hours (for the log line). */
  heldUntil: Date | null;
}

export interface RecipientPlanInput {
  route: Route;
  /** The recipient's preferences; null for a group (or when nobody's are known: the defaults apply to a personal chat). */
  prefs: NotificationPreferences | null;
  type: NotificationType;
  now: Date;
  timeZone: string;
  /**
   * An admin's resend: a type the recipient turned off is sent anyway, silently — the admin asked
   * for this one message, and it should not ring a phone whose owner said no.
   */
  resentByAdmin?: boolean;
}

/** last_error of a row an admin resent although its recipient turned that type off: it goes silently. */
export const RESENT_DESPITE_OFF = 'resent by an admin although turned off by the recipient: sent silently';

/** The preference that governs a type of message; null: no switch of its own (it is always sent). */
export function preferenceTopic(type: NotificationType): PreferenceTopic | null {
  switch (type) {
    case 'p2h_warning':
    case 'p2h_abnormal':
    case 'daily_summary':
      return type;
    case 'defect_alert':
    case 'defect_repaired':
    case 'unit_back_in_service':
    case 'defect_escalation':
      return 'defects';
    case 'stnk_expiry':
    case 'kir_expiry':
    case 'pajak_expiry':
    case 'expiry_digest':
      return 'expiry';
    case 'test':
    case 'account_notice':
      return null;
  }
}

/** Chats of one person, where their preferences apply; the groups follow the group rule. */
const PERSONAL_KINDS: readonly RecipientKind[] = ['personal', 'workshop', 'explicit'];

export function isPersonalRoute(route: Route): boolean {
  return route.status === 'pending' && PERSONAL_KINDS.includes(route.kind);
}

/** A group hears a WARNING without sound and everything else as before; nothing waits for anyone's night. */
export function silentInGroup(type: NotificationType): boolean {
  return type === 'p2h_warning';
}

export function planRecipient(input: RecipientPlanInput): RecipientColumns {
  const { route, now } = input;
  if (route.status === 'skipped') return skipped(route.reason, now);
  const sendTo = { status: 'pending' as const, recipientChatId: route.chatId, recipientKind: route.kind, lastError: null };
  if (!PERSONAL_KINDS.includes(route.kind)) {
    return { ...sendTo, disableNotification: silentInGroup(input.type), nextAttemptAt: now, heldUntil: null };
  }
  const prefs = input.prefs ?? DEFAULT_PREFERENCES;
  const topic = preferenceTopic(input.type);
  if (topic === null) {
    const heldUntil = quietHoursEnd(prefs, now, input.timeZone);
    return { ...sendTo, disableNotification: false, nextAttemptAt: heldUntil ?? now, heldUntil };
  }
  // An ABNORMAL alert is never off, whatever a stored row says; planDelivery never holds it.
  const effective = topic === 'p2h_abnormal' && prefs.p2h_abnormal !== 'silent' ? { ...prefs, p2h_abnormal: 'on' as const } : prefs;
  const plan = planDelivery(effective, topic, now, input.timeZone);
  if (!plan.send) {
    if (!input.resentByAdmin) return skipped(SKIP_TURNED_OFF, now);
    const heldUntil = quietHoursEnd(prefs, now, input.timeZone);
    return { ...sendTo, lastError: RESENT_DESPITE_OFF, disableNotification: true, nextAttemptAt: heldUntil ?? now, heldUntil };
  }
  return { ...sendTo, disableNotification: plan.silent, nextAttemptAt: plan.notBefore ?? now, heldUntil: plan.notBefore };
}

function skipped(reason: string, now: Date): RecipientColumns {
  return { status: 'skipped', recipientChatId: null, recipientKind: null, lastError: reason, disableNotification: false, nextAttemptAt: now, heldUntil: null };
}

/** The columns to write (everything but the note for the log). */
export function recipientValues(plan: RecipientColumns): Omit<RecipientColumns, 'heldUntil'> {
  const { heldUntil: _held, ...columns } = plan;
  return columns;
}

/** "held for the recipient's quiet hours until 06:00 WITA": why a row waits, and until when. */
export function heldLogLine(until: Date, timeZone: string): string {
  const { hour, minute } = localTime(until, timeZone);
  const hhmm = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
  return `held for the recipient's quiet hours until ${hhmm} ${timeZoneAbbreviation(timeZone) || timeZone}`;
}
