/**
 * Who hears what, and how loudly: plain functions over a person's preferences and the clock, so the
 * outbox, the delivery worker, the bot's /settings and the tests share one rule.
 */
import type { NotificationPreferences } from './api-schemas.js';
import type { DeliveryMode, PreferenceTopic } from './values.js';

export const DEFAULT_PREFERENCES: Readonly<NotificationPreferences> = {
  p2h_warning: 'silent',
  p2h_abnormal: 'on',
  defects: 'on',
  expiry: 'on',
  daily_summary: 'on',
  quiet_hours_start: null,
  quiet_hours_end: null,
  language: 'id',
};

/** What to do with one message to one person. */
export type DeliveryPlan = { send: false } | { send: true; silent: boolean; notBefore: Date | null };

/**
 * `off` drops it; `silent` sends without sound; during quiet hours it waits until they end —
 * except an ABNORMAL alert, which is never off and never held (a unit that must stop cannot wait).
 */
export function planDelivery(prefs: NotificationPreferences, topic: PreferenceTopic, now: Date, timeZone: string): DeliveryPlan {
  const mode: DeliveryMode = prefs[topic];
  if (mode === 'off') return { send: false };
  const silent = mode === 'silent';
  if (topic === 'p2h_abnormal') return { send: true, silent, notBefore: null };
  return { send: true, silent, notBefore: quietHoursEnd(prefs, now, timeZone) };
}

/** When the quiet hours `now` falls in end, or null when `now` is not in quiet hours (or none are set). */
export function quietHoursEnd(prefs: Pick<NotificationPreferences, 'quiet_hours_start' | 'quiet_hours_end'>, now: Date, timeZone: string): Date | null {
  const { quiet_hours_start: start, quiet_hours_end: end } = prefs;
  if (!start || !end || start === end) return null;
  const local = localMinutes(now, timeZone);
  const from = toMinutes(start);
  const to = toMinutes(end);
  const inside = from < to ? local >= from && local < to : local >= from || local < to;
  if (!inside) return null;
  // Minutes until the end, counted on the local clock, then added to now (to the whole minute).
  const wait = (to - local + 1440) % 1440 || 1440;
  const atMinute = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  return new Date(atMinute.getTime() + wait * 60_000);
}

function toMinutes(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return h! * 60 + m!;
}

function localMinutes(instant: Date, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(instant);
  const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return get('hour') * 60 + get('minute');
}

/** Quiet hours are both set or both null: a half-set pair is refused. */
export function quietHoursProblem(start: string | null | undefined, end: string | null | undefined): string | null {
  if ((start ?? null) === null && (end ?? null) === null) return null;
  if (!start || !end) return 'quiet_hours_start dan quiet_hours_end harus diisi bersama (atau dikosongkan bersama)';
  if (start === end) return 'jam tenang tidak boleh mulai dan berakhir pada menit yang sama';
  return null;
}

/** The bot's language the first time: Telegram's language_code, Indonesian unless it says English. */
export function languageFromTelegram(languageCode: string | undefined): 'id' | 'en' {
  return languageCode?.toLowerCase().startsWith('en') ? 'en' : 'id';
}
