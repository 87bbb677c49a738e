/**
 * Telegram message texts (parse_mode HTML) for P2H alerts and the connection test, in the
 * recipient's language (Indonesian unless told otherwise); expiry alerts are in render-expiry.ts.
 * Pure functions: every value from the database goes through escapeHtml, and the only tags used
 * are <b>, <code> and <i>, each opened and closed on the same line (splitMessage relies on that
 * only for tidiness, not for correctness).
 */
import type { P2hStatus } from '../p2h/schema.js';
import type { ReportDetail } from '../p2h/types.js';
import { localTime } from '../lib/time.js';
import type { Language } from '../preferences/values.js';
import { escapeHtml } from '../telegram/messages.js';
import { footer, formatDate, formatTimeOfDay, SEPARATOR } from './render-format.js';

export { FOOTER, footer, formatDate, formatDateDmy, formatDateId, formatTimeOfDay, SEPARATOR } from './render-format.js';
export { daysLeftText, renderExpiryAlert, type ExpiryAlertDocument } from './render-expiry.js';

const STATUS_LABEL: Record<Language, Record<P2hStatus, string>> = {
  id: { normal: 'NORMAL', warning: 'WARNING (PERLU PERBAIKAN)', abnormal: 'ABNORMAL (STOP OPERASI)' },
  en: { normal: 'NORMAL', warning: 'WARNING (NEEDS REPAIR)', abnormal: 'ABNORMAL (STOP OPERATION)' },
};
const SHORT_STATUS: Record<P2hStatus, string> = { normal: 'NORMAL', warning: 'WARNING', abnormal: 'ABNORMAL' };
const STATUS_ICON: Record<P2hStatus, string> = { normal: '✅', warning: '⚠️', abnormal: '❌' };

const ALERT_TEXT = {
  id: {
    headline: 'HASIL P2H',
    type: 'Tipe',
    brandPlate: 'Merk / Plat',
    plate: 'Plat',
    details: '📅 <b>Detail Pemeriksaan:</b>',
    date: 'Tanggal',
    time: 'Waktu',
    shift: 'Shift',
    inspector: 'Pemeriksa',
    finalStatus: '📝 Status Akhir',
    problems: '🔍 <b>Item Yang Bermasalah:</b>',
    remark: 'Keterangan',
    action: '⚠️ Tindakan: Harap segera melakukan pengecekan unit di workshop terdekat.',
    stop: '🚫 <b>JANGAN OPERASIKAN UNIT</b> sampai perbaikan selesai dan unit dinyatakan layak.',
    mayRun: 'ℹ️ Unit masih boleh beroperasi; jadwalkan perbaikan secepatnya.',
  },
  en: {
    headline: 'P2H ALERT',
    type: 'Type',
    brandPlate: 'Brand / Plate',
    plate: 'Plate',
    details: '📅 <b>Inspection details:</b>',
    date: 'Date',
    time: 'Time',
    shift: 'Shift',
    inspector: 'Inspector',
    finalStatus: '📝 Final status',
    problems: '🔍 <b>Items with problems:</b>',
    remark: 'Remark',
    action: '⚠️ Action: have the unit checked at the nearest workshop right away.',
    stop: '🚫 <b>DO NOT OPERATE THE UNIT</b> until it is repaired and declared fit.',
    mayRun: 'ℹ️ The unit may still operate; schedule the repair as soon as possible.',
  },
} satisfies Record<Language, unknown>;

/** A remark on its own indented line(s): escaped, a multi-line remark stays indented. */
function remarkLine(label: string, keterangan: string | null): string {
  const text = keterangan?.trim() ? escapeHtml(keterangan.trim()).replace(/\r?\n/g, '\n  ') : '-';
  return `  ${label}: ${text}`;
}

/**
 * The alert for a WARNING or ABNORMAL report, one field per line. Problem items: abnormal first,
 * then warning, each group in checklist order (the order of `report.details`).
 * Throws for a NORMAL report: it has nothing to alert about.
 */
export function renderP2hAlert(report: ReportDetail, options: { timeZone: string; language?: Language }): string {
  const status = report.overall_status;
  if (status === 'normal') throw new RangeError(`Report ${report.id} is NORMAL: no P2H alert is sent for it`);
  const language = options.language ?? 'id';
  const t = ALERT_TEXT[language];
  const { vehicle } = report;
  const brand = vehicle.brand?.trim();
  const submittedAt = new Date(report.submitted_at);
  if (Number.isNaN(submittedAt.getTime())) throw new RangeError(`Invalid submitted_at: ${report.submitted_at}`);

  const problems = [
    ...report.details.filter((d) => d.status === 'abnormal'),
    ...report.details.filter((d) => d.status === 'warning'),
  ];

  const lines = [
    `${STATUS_ICON[status]} <b>${t.headline}: ${STATUS_LABEL[language][status]}</b>`,
    SEPARATOR,
    `Unit: <code>${escapeHtml(vehicle.unit_code)}</code>`,
    `${t.type}: ${escapeHtml(vehicle.vehicle_type)}`,
    brand
      ? `${t.brandPlate}: ${escapeHtml(brand)} / ${escapeHtml(vehicle.plate_number)}`
      : `${t.plate}: ${escapeHtml(vehicle.plate_number)}`,
    t.details,
    `${t.date}: ${formatDate(report.operational_date, language)}`,
    `${t.time}: ${escapeHtml(formatTimeOfDay(submittedAt, options.timeZone))}`,
    `${t.shift}: ${escapeHtml(report.shift_number)}`,
    `${t.inspector}: ${escapeHtml(report.user.full_name)}`,
    `${t.finalStatus}: <b>${SHORT_STATUS[status]}</b>`,
    t.problems,
    ...problems.flatMap((d) => [
      `• <b>${escapeHtml(d.item_name)}</b> — ${SHORT_STATUS[d.status]}`,
      remarkLine(t.remark, d.keterangan),
    ]),
    t.action,
    status === 'abnormal' ? t.stop : t.mayRun,
    SEPARATOR,
    footer(language),
  ];
  return lines.join('\n');
}

const TEST_TEXT = {
  id: { title: '✅ <b>Tes koneksi P2H berhasil</b>', body: 'Bot P2H dapat mengirim pesan ke chat ini.', time: 'Waktu' },
  en: { title: '✅ <b>P2H connection test succeeded</b>', body: 'The P2H bot can send messages to this chat.', time: 'Time' },
} satisfies Record<Language, unknown>;

/** The message `npm run telegram:test` sends. */
export function renderTestMessage(now: Date, timeZone: string, language: Language = 'id'): string {
  const { date } = localTime(now, timeZone);
  const t = TEST_TEXT[language];
  return [t.title, t.body, `${t.time}: ${formatDate(date, language)} ${escapeHtml(formatTimeOfDay(now, timeZone))}`, SEPARATOR, footer(language)].join('\n');
}
