/**
 * The daily summary's text, in Indonesian (the group, admins who chose it) or English. Pure: every
 * value from the database goes through escapeHtml; tags open and close on one line.
 */
import { localTime } from '../lib/time.js';
import type { Language } from '../preferences/values.js';
import { escapeHtml } from '../telegram/messages.js';
import { footer, formatDate, formatTimeOfDay } from './render-format.js';

export interface SummaryDefect {
  unit_code: string;
  item_name: string;
  severity: 'warning' | 'abnormal';
}

export interface DailySummaryData {
  /** The day summarised, `YYYY-MM-DD` in P2H_TIMEZONE. */
  date: string;
  /** When it was made. */
  at: Date;
  timeZone: string;
  compliance: { total_units: number; inspected_units: number; missing: { unit_code: string }[] };
  outOfService: { unit_code: string; reason: string; since: Date }[];
  defectsOpened: SummaryDefect[];
  defectsRepaired: SummaryDefect[];
  failedNotifications: number;
}

/** Defects listed by name; more are counted, so a bad day cannot make the summary endless. */
export const DEFECTS_LISTED = 15;

const WORDS = {
  id: {
    title: '📊 <b>Ringkasan Harian P2H</b>',
    compliance: (done: number, total: number, pct: string) => `✅ <b>Kepatuhan P2H</b>: ${done} dari ${total} unit (${pct})`,
    allDone: 'Semua unit yang beroperasi sudah P2H.',
    missing: (n: number) => `Belum P2H (${n}):`,
    outOfService: (n: number) => `🛑 <b>Unit tidak beroperasi (${n})</b>`,
    noneOut: '🛑 <b>Unit tidak beroperasi</b>: tidak ada',
    since: 'sejak',
    defects: (opened: number, repaired: number) => `🔧 <b>Defect hari ini</b>: ${opened} dibuka, ${repaired} diperbaiki`,
    opened: 'Dibuka:',
    repaired: 'Diperbaiki:',
    more: (n: number) => `• … dan ${n} lainnya`,
    failed: (n: number) => (n === 0 ? '📨 Notifikasi gagal hari ini: 0' : `⚠️ <b>Notifikasi gagal hari ini: ${n}</b> (lihat menu Notifikasi, kirim ulang bila perlu)`),
  },
  en: {
    title: '📊 <b>P2H Daily Summary</b>',
    compliance: (done: number, total: number, pct: string) => `✅ <b>P2H compliance</b>: ${done} of ${total} units (${pct})`,
    allDone: 'Every unit in service has its P2H.',
    missing: (n: number) => `No P2H yet (${n}):`,
    outOfService: (n: number) => `🛑 <b>Units out of service (${n})</b>`,
    noneOut: '🛑 <b>Units out of service</b>: none',
    since: 'since',
    defects: (opened: number, repaired: number) => `🔧 <b>Defects today</b>: ${opened} opened, ${repaired} repaired`,
    opened: 'Opened:',
    repaired: 'Repaired:',
    more: (n: number) => `• … and ${n} more`,
    failed: (n: number) => (n === 0 ? '📨 Failed notifications today: 0' : `⚠️ <b>Failed notifications today: ${n}</b> (see Notifications, resend if needed)`),
  },
} as const;

function percent(done: number, total: number): string {
  return total === 0 ? '–' : `${Math.round((done * 100) / total)}%`;
}

function defectLines(defects: readonly SummaryDefect[], language: Language): string[] {
  const lines = defects
    .slice(0, DEFECTS_LISTED)
    .map((d) => `• <code>${escapeHtml(d.unit_code)}</code> — ${escapeHtml(d.item_name)} (${d.severity === 'abnormal' ? 'ABNORMAL' : 'WARNING'})`);
  if (defects.length > DEFECTS_LISTED) lines.push(WORDS[language].more(defects.length - DEFECTS_LISTED));
  return lines;
}

/** The summary for one recipient in their language; the delivery worker splits it if it is long. */
export function renderDailySummary(data: DailySummaryData, language: Language): string {
  const w = WORDS[language];
  const { compliance } = data;
  const lines: string[] = [w.title, `<i>${formatDate(data.date, language)}, ${formatTimeOfDay(data.at, data.timeZone)}</i>`, ''];
  lines.push(w.compliance(compliance.inspected_units, compliance.total_units, percent(compliance.inspected_units, compliance.total_units)));
  if (compliance.missing.length === 0) lines.push(w.allDone);
  else lines.push(`${w.missing(compliance.missing.length)} ${compliance.missing.map((u) => `<code>${escapeHtml(u.unit_code)}</code>`).join(', ')}`);
  lines.push('');
  if (data.outOfService.length === 0) lines.push(w.noneOut);
  else {
    lines.push(w.outOfService(data.outOfService.length));
    for (const unit of data.outOfService) {
      const since = `${formatDate(localTime(unit.since, data.timeZone).date, language)} ${formatTimeOfDay(unit.since, data.timeZone)}`;
      lines.push(`• <code>${escapeHtml(unit.unit_code)}</code> — ${escapeHtml(unit.reason)} (${w.since} ${since})`);
    }
  }
  lines.push('', w.defects(data.defectsOpened.length, data.defectsRepaired.length));
  if (data.defectsOpened.length > 0) lines.push(w.opened, ...defectLines(data.defectsOpened, language));
  if (data.defectsRepaired.length > 0) lines.push(w.repaired, ...defectLines(data.defectsRepaired, language));
  lines.push('', w.failed(data.failedNotifications), '', footer(language));
  return lines.join('\n');
}
