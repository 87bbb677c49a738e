/**
 * What every Telegram alert shares: the separator, the footer and the dates and times, in the
 * recipient's language. Pure functions.
 */
import { localTime, timeZoneAbbreviation } from '../lib/time.js';
import type { Language } from '../preferences/values.js';

export const SEPARATOR = '━━━━━━━━━━━━━━━━━━━━';
/** The Indonesian footer, as the first wave wrote it; footer(language) for either language. */
export const FOOTER = '<i>Notifikasi Sistem P2H</i>';
const FOOTERS: Record<Language, string> = { id: FOOTER, en: '<i>P2H System Notification</i>' };

export function footer(language: Language = 'id'): string {
  return FOOTERS[language];
}

const MONTHS: Record<Language, readonly string[]> = {
  id: ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'],
  en: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
};

function dateParts(date: string): { year: string; month: number; day: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) throw new RangeError(`Invalid date (expected YYYY-MM-DD): ${JSON.stringify(date)}`);
  const month = Number(m[2]);
  if (month < 1 || month > 12) throw new RangeError(`Invalid date: ${date}`);
  return { year: m[1]!, month, day: Number(m[3]) };
}

/** "2026-01-21" → "21 Jan 2026"; Indonesian month abbreviations (Mei, Agu, Okt, Des) unless English. */
export function formatDate(date: string, language: Language = 'id'): string {
  const { year, month, day } = dateParts(date);
  return `${day} ${MONTHS[language][month - 1]} ${year}`;
}

/** "2026-01-21" → "21 Jan 2026" in Indonesian. */
export function formatDateId(date: string): string {
  return formatDate(date, 'id');
}

/** "2026-01-21" → "21/01/2026". */
export function formatDateDmy(date: string): string {
  const { year, month, day } = dateParts(date);
  return `${String(day).padStart(2, '0')}/${String(month).padStart(2, '0')}/${year}`;
}

/** An instant as "06:42 WITA" in the given time zone. */
export function formatTimeOfDay(instant: Date, timeZone: string): string {
  const { hour, minute } = localTime(instant, timeZone);
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')} ${timeZoneAbbreviation(timeZone)}`;
}
