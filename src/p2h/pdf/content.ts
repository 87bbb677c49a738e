/**
 * What the report's PDF says, as plain functions (no pdfkit): status words and colours, answers
 * grouped by section, the file name, times in the fleet's zone. The layout files only draw these.
 */
import { localTime, timeZoneAbbreviation } from '../../lib/time.js';
import type { DefectStatus } from '../../defects/values.js';
import type { P2hStatus } from '../values.js';

/** The overall result in words: printed beside its colour, so a black-and-white copy still says it. */
export const FINAL_STATUS_WORDS: Record<P2hStatus, string> = {
  normal: 'NORMAL',
  warning: 'WARNING — PERLU PERBAIKAN',
  abnormal: 'ABNORMAL — STOP OPERASI',
};

/** One answer's status in words (short: it sits in a table column). */
export const ANSWER_STATUS_WORDS: Record<P2hStatus, string> = { normal: 'NORMAL', warning: 'WARNING', abnormal: 'ABNORMAL' };

/** Dark enough to read as grey on a monochrome printer, distinct in colour. */
export const STATUS_COLORS: Record<P2hStatus, string> = { normal: '#1b7f3b', warning: '#b36b00', abnormal: '#c0262d' };

export const DEFECT_STATUS_WORDS: Record<DefectStatus, string> = {
  open: 'Terbuka',
  in_progress: 'Sedang diperbaiki',
  repaired: 'Sudah diperbaiki',
  verified: 'Terverifikasi normal',
  closed: 'Ditutup',
};

export interface SectionGroup<T> {
  section: string;
  answers: T[];
}

/** Answers by section, sections in the order their first answer appears (the checklist's order). */
export function groupBySection<T extends { section: string }>(answers: readonly T[]): SectionGroup<T>[] {
  const groups = new Map<string, T[]>();
  for (const answer of answers) {
    const group = groups.get(answer.section);
    if (group) group.push(answer);
    else groups.set(answer.section, [answer]);
  }
  return [...groups].map(([section, grouped]) => ({ section, answers: grouped }));
}

/** `p2h-DT-012-2026-01-21-shift1.pdf`: only characters safe in any file system and header. */
export function pdfFileName(unitCode: string, operationalDate: string, shiftNumber: number): string {
  const unit = unitCode.normalize('NFKD').replace(/\p{M}/gu, '').replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '') || 'unit';
  return `p2h-${unit}-${operationalDate}-shift${shiftNumber}.pdf`;
}

const MONTHS = ['Januari', 'Februari', 'Maret', 'April', 'Mei', 'Juni', 'Juli', 'Agustus', 'September', 'Oktober', 'November', 'Desember'];

/** "2026-01-21" → "21 Januari 2026". */
export function indonesianDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return `${day} ${MONTHS[(month ?? 1) - 1]} ${year}`;
}

/** An instant as the fleet reads it: "21 Januari 2026 06:42 WITA". */
export function localDateTime(iso: string, timeZone: string): string {
  const local = localTime(new Date(iso), timeZone);
  const hhmm = `${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')}`;
  return `${indonesianDate(local.date)} ${hhmm} ${timeZoneAbbreviation(timeZone)}`;
}

const SHIFT_TYPE_WORDS: Record<string, string> = { shift: 'Shift', long_shift: 'Long shift', non_shift: 'Non-shift' };

/** "Shift 2 (Long shift)": the slot number and the unit's pattern. */
export function slotLabel(shiftNumber: number, shiftType: string): string {
  return `Shift ${shiftNumber} (${SHIFT_TYPE_WORDS[shiftType] ?? shiftType})`;
}

/** Fits an image of this size into a box, keeping its shape; never enlarges. */
export function fitInto(size: { width: number; height: number }, box: { width: number; height: number }): { width: number; height: number } {
  if (size.width <= 0 || size.height <= 0) return { width: box.width, height: box.height };
  const scale = Math.min(box.width / size.width, box.height / size.height, 1);
  return { width: size.width * scale, height: size.height * scale };
}
