/**
 * Dates for Excel cells. Excel has no time zones: a cell shows the serial number's wall clock, and
 * exceljs turns a Date into that number by its UTC fields. So a date is written as UTC midnight and a
 * time as a Date whose UTC fields are the wall clock in P2H_TIMEZONE (WITA by default).
 */

/** "2026-11-03" → the Date Excel shows as 2026-11-03. */
export function calendarDate(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The instant as the wall clock of the zone, to the second, carried in a Date's UTC fields. */
export function wallClock(instant: Date, timeZone: string): Date {
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
  return new Date(Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second)));
}
