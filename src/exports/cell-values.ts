/**
 * Dates for Excel cells. Excel has no time zones: a cell shows the serial number's wall clock, and
 * exceljs turns a Date into that number by its UTC fields. So a date is written as UTC midnight and a
 * time as a Date whose UTC fields are the wall clock in P2H_TIMEZONE (WITA by default).
 */
import { localTime } from '../lib/time.js';

/** "2026-11-03" → the Date Excel shows as 2026-11-03. */
export function calendarDate(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

/** The instant as the wall clock of the zone, to the second, carried in a Date's UTC fields. */
export function wallClock(instant: Date, timeZone: string): Date {
  const { date, hour, minute, second } = localTime(instant, timeZone);
  return new Date(`${date}T${pad(hour)}:${pad(minute)}:${pad(second)}Z`);
}

const pad = (n: number) => String(n).padStart(2, '0');
