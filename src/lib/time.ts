/** Calendar and wall-clock helpers shared by every feature (P2H days, expiry dates, messages). */

export interface LocalTime {
  date: string; // YYYY-MM-DD
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Wall-clock date and time of an instant in a time zone. */
export function localTime(instant: Date, timeZone: string): LocalTime {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, formatter);
  }
  const parts = Object.fromEntries(formatter.formatToParts(instant).map((p) => [p.type, p.value]));
  return { date: `${parts.year}-${parts.month}-${parts.day}`, hour: Number(parts.hour), minute: Number(parts.minute), second: Number(parts.second) };
}

/** "2026-01-21" minus one day → "2026-01-20" (calendar arithmetic, no time zone involved). */
export function addDays(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}

/** WITA for Asia/Makassar, WIB for Asia/Jakarta, WIT for Asia/Jayapura; the zone's own short name elsewhere. */
export function timeZoneAbbreviation(timeZone: string): string {
  const indonesian: Record<string, string> = {
    'Asia/Jakarta': 'WIB',
    'Asia/Pontianak': 'WIB',
    'Asia/Makassar': 'WITA',
    'Asia/Jayapura': 'WIT',
  };
  if (indonesian[timeZone]) return indonesian[timeZone];
  const part = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' })
    .formatToParts(new Date())
    .find((p) => p.type === 'timeZoneName');
  return part?.value ?? timeZone;
}

/** The instant a calendar day starts in a time zone ("2026-12-01" in Asia/Makassar → 2026-11-30T16:00Z). */
export function startOfLocalDay(date: string, timeZone: string): Date {
  const asUtc = Date.parse(`${date}T00:00:00Z`);
  let guess = asUtc;
  // Two rounds settle the zone's offset at that day, also across an offset change.
  for (let round = 0; round < 2; round++) {
    const local = localTime(new Date(guess), timeZone);
    const shownAsUtc = Date.parse(`${local.date}T${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')}:00Z`);
    guess += asUtc - shownAsUtc;
  }
  return new Date(guess);
}
