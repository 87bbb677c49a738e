/**
 * Every number, date and time the web shows goes through here: in the app's language (id-ID or
 * en-GB, never the browser's locale) and on the app's clock, WITA (Asia/Makassar). The zone is a
 * constant: the server's P2H_TIMEZONE is Asia/Makassar for this fleet, and a phone set to another
 * zone must still read the same shift times as the site. Plain functions with no imports and no
 * DOM: unit-tested in test/unit/web-format.test.ts.
 */

/** The app's languages (the same union as lang.ts's Lang, written out so this module imports nothing). */
type Lang = 'id' | 'en';
type Vars = Record<string, string | number>;

export const APP_TIME_ZONE = 'Asia/Makassar';
/** What the site calls that zone; shown after every time of day. */
export const APP_ZONE_LABEL = 'WITA';

const LOCALES: Record<Lang, string> = { id: 'id-ID', en: 'en-GB' };

export function localeOf(lang: Lang): string {
  return LOCALES[lang];
}

// Intl formatters are costly to build; the app asks for the same few again and again.
const cache = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat | Intl.PluralRules | Intl.RelativeTimeFormat>();
function cached<T extends Intl.DateTimeFormat | Intl.NumberFormat | Intl.PluralRules | Intl.RelativeTimeFormat>(key: string, make: () => T): T {
  let found = cache.get(key) as T | undefined;
  if (!found) cache.set(key, (found = make()));
  return found;
}

/** 1234.5 → "1.234,5" (id) / "1,234.5" (en); `digits` fixes the decimals (e.g. 1 → "97,5"). */
export function formatNumber(lang: Lang, value: number, digits?: number): string {
  const options: Intl.NumberFormatOptions = digits === undefined ? {} : { minimumFractionDigits: digits, maximumFractionDigits: digits };
  return cached(`n|${lang}|${digits ?? ''}`, () => new Intl.NumberFormat(localeOf(lang), options)).format(value);
}

/** A calendar day (YYYY-MM-DD, or the date part of an ISO time as written): "21 Jan 2026". No zone: a date is not a moment. */
export function formatDate(lang: Lang, isoDate: string): string {
  const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return cached(`d|${lang}`, () => new Intl.DateTimeFormat(localeOf(lang), { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' })).format(date);
}

function toDate(value: string | Date): Date {
  return typeof value === 'string' ? new Date(value) : value;
}

const TIME_OPTIONS: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: APP_TIME_ZONE };

/** A moment's time of day in WITA: "14.30 WITA" (id) / "14:30 WITA" (en). */
export function formatTime(lang: Lang, value: string | Date): string {
  const date = toDate(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return `${cached(`t|${lang}`, () => new Intl.DateTimeFormat(localeOf(lang), TIME_OPTIONS)).format(date)} ${APP_ZONE_LABEL}`;
}

/** A moment with its WITA date: "21 Jan 2026 14.30 WITA". */
export function formatDateTime(lang: Lang, value: string | Date): string {
  const date = toDate(value);
  if (Number.isNaN(date.getTime())) return String(value);
  const day = cached(`dt|${lang}`, () => new Intl.DateTimeFormat(localeOf(lang), { day: 'numeric', month: 'short', year: 'numeric', timeZone: APP_TIME_ZONE })).format(date);
  return `${day} ${formatTime(lang, date)}`;
}

/** "3 jam lalu" / "3 hours ago": how long ago, never in the future (a phone clock a little behind the server's). */
export function formatAge(lang: Lang, iso: string, now = Date.now()): string {
  const format = cached(`r|${lang}`, () => new Intl.RelativeTimeFormat(localeOf(lang), { numeric: 'auto' }));
  const minutes = Math.min(0, Math.round((new Date(iso).getTime() - now) / 60_000));
  if (Math.abs(minutes) < 60) return format.format(minutes, 'minute');
  const hours = Math.round(minutes / 60);
  if (Math.abs(hours) < 24) return format.format(hours, 'hour');
  return format.format(Math.round(hours / 24), 'day');
}

/** The language's plural category of a count: English says "1 day" but "2 days"; Indonesian never changes the noun. */
export function pluralOf(lang: Lang, count: number): Intl.LDMLPluralRule {
  return cached(`p|${lang}`, () => new Intl.PluralRules(localeOf(lang))).select(count);
}

/** The WITA calendar day of a moment, offset by whole days: "2026-01-21". */
export function appDate(now: Date = new Date(), offsetDays = 0): string {
  const parts = cached('iso-day', () => new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: APP_TIME_ZONE })).format(now);
  if (offsetDays === 0) return parts;
  const day = new Date(`${parts}T00:00:00Z`);
  day.setUTCDate(day.getUTCDate() + offsetDays);
  return day.toISOString().slice(0, 10);
}

/** The WITA hour (0–23) of a moment: which shift it is on the site, whatever zone the phone is set to. */
export function appHour(now: Date): number {
  const hour = cached('hour', () => new Intl.DateTimeFormat('en-GB', { hour: '2-digit', hourCycle: 'h23', timeZone: APP_TIME_ZONE })).format(now);
  return Number(hour);
}

/**
 * A message with its {name} slots filled: `one` (when given) is used when the count {n} is one in
 * this language; numbers are written the language's way ("1.234"), except an {id}, which is a name.
 */
export function formatMessage(lang: Lang, forms: { other: string; one?: string }, vars?: Vars): string {
  const count = vars?.['n'];
  const template = forms.one !== undefined && typeof count === 'number' && pluralOf(lang, count) === 'one' ? forms.one : forms.other;
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    if (!(name in vars)) return whole;
    const value = vars[name]!;
    return typeof value === 'number' && name !== 'id' ? formatNumber(lang, value) : String(value);
  });
}
