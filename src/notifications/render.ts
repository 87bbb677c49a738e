/**
 * Telegram message texts (parse_mode HTML) for P2H alerts, document-expiry alerts and the
 * connection test. Pure functions: every value from the database goes through escapeHtml, and the
 * only tags used are <b>, <code> and <i>, each opened and closed on the same line (splitMessage
 * relies on that only for tidiness, not for correctness).
 */
import type { P2hStatus } from '../p2h/schema.js';
import type { ReportDetail } from '../p2h/types.js';
import { localTime, timeZoneAbbreviation } from '../lib/time.js';
import { STATUS_LABEL } from '../p2h/status.js';
import { escapeHtml } from '../telegram/messages.js';
import type { ExpiringDocument } from '../vehicles/documents.js';
import type { DocumentType } from '../vehicles/schema.js';
import { daysBetween, expiryUrgency } from './expiry-rules.js';
import type { Language } from '../preferences/values.js';

export const SEPARATOR = '━━━━━━━━━━━━━━━━━━━━';
export const FOOTER = '<i>Notifikasi Sistem P2H</i>';

const MONTHS_ID = ['Jan', 'Feb', 'Mar', 'Apr', 'Mei', 'Jun', 'Jul', 'Agu', 'Sep', 'Okt', 'Nov', 'Des'] as const;

function dateParts(date: string): { year: string; month: number; day: number } {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!m) throw new RangeError(`Invalid date (expected YYYY-MM-DD): ${JSON.stringify(date)}`);
  const month = Number(m[2]);
  if (month < 1 || month > 12) throw new RangeError(`Invalid date: ${date}`);
  return { year: m[1]!, month, day: Number(m[3]) };
}

/** "2026-01-21" → "21 Jan 2026" (Indonesian month abbreviations: Mei, Agu, Okt, Des). */
export function formatDateId(date: string): string {
  const { year, month, day } = dateParts(date);
  return `${day} ${MONTHS_ID[month - 1]} ${year}`;
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

const SHORT_STATUS: Record<P2hStatus, string> = { normal: 'NORMAL', warning: 'WARNING', abnormal: 'ABNORMAL' };
const STATUS_ICON: Record<P2hStatus, string> = { normal: '✅', warning: '⚠️', abnormal: '❌' };

/** A remark on its own indented line(s): escaped, a multi-line remark stays indented. */
function remarkLine(keterangan: string | null): string {
  const text = keterangan?.trim() ? escapeHtml(keterangan.trim()).replace(/\r?\n/g, '\n  ') : '-';
  return `  Keterangan: ${text}`;
}

/**
 * The alert for a WARNING or ABNORMAL report, one field per line. Problem items: abnormal first,
 * then warning, each group in checklist order (the order of `report.details`).
 * Throws for a NORMAL report: it has nothing to alert about.
 */
export function renderP2hAlert(report: ReportDetail, options: { timeZone: string; language?: Language }): string {
  const status = report.overall_status;
  if (status === 'normal') throw new RangeError(`Report ${report.id} is NORMAL: no P2H alert is sent for it`);
  const { vehicle } = report;
  const brand = vehicle.brand?.trim();
  const submittedAt = new Date(report.submitted_at);
  if (Number.isNaN(submittedAt.getTime())) throw new RangeError(`Invalid submitted_at: ${report.submitted_at}`);

  const problems = [
    ...report.details.filter((d) => d.status === 'abnormal'),
    ...report.details.filter((d) => d.status === 'warning'),
  ];

  const lines = [
    `${STATUS_ICON[status]} <b>P2H ALERT: ${STATUS_LABEL[status]}</b>`,
    SEPARATOR,
    `Unit: <code>${escapeHtml(vehicle.unit_code)}</code>`,
    `Tipe: ${escapeHtml(vehicle.vehicle_type)}`,
    brand
      ? `Merk / Plat: ${escapeHtml(brand)} / ${escapeHtml(vehicle.plate_number)}`
      : `Plat: ${escapeHtml(vehicle.plate_number)}`,
    '📅 <b>Detail Pemeriksaan:</b>',
    `Tanggal: ${formatDateId(report.operational_date)}`,
    `Waktu: ${escapeHtml(formatTimeOfDay(submittedAt, options.timeZone))}`,
    `Shift: ${escapeHtml(report.shift_number)}`,
    `User: ${escapeHtml(report.user.full_name)}`,
    `📝 Status Akhir: <b>${SHORT_STATUS[status]}</b>`,
    '🔍 <b>Item Yang Bermasalah:</b>',
    ...problems.flatMap((d) => [
      `• <b>${escapeHtml(d.item_name)}</b> — ${SHORT_STATUS[d.status]}`,
      remarkLine(d.keterangan),
    ]),
    '⚠️ Tindakan: Harap segera melakukan pengecekan unit di workshop terdekat.',
    status === 'abnormal'
      ? '🚫 <b>JANGAN OPERASIKAN UNIT</b> sampai perbaikan selesai dan unit dinyatakan layak.'
      : 'ℹ️ Unit masih boleh beroperasi; jadwalkan perbaikan secepatnya.',
    SEPARATOR,
    FOOTER,
  ];
  return lines.join('\n');
}

const DOCUMENT_LABEL: Record<DocumentType, { short: string; long: string }> = {
  stnk: { short: 'STNK', long: 'STNK (Surat Tanda Nomor Kendaraan)' },
  kir: { short: 'KIR', long: 'KIR (Uji Berkala Kendaraan)' },
  pajak: { short: 'PAJAK', long: 'Pajak Kendaraan Bermotor' },
};

export type ExpiryAlertDocument = Pick<ExpiringDocument, 'unit_code' | 'plate_number' | 'document_type' | 'expiry_date'>;

/** "12 Hari Lagi", "Hari Ini", or "SUDAH EXPIRED (3 hari yang lalu)". */
export function daysLeftText(daysLeft: number): string {
  if (daysLeft > 0) return `${daysLeft} Hari Lagi`;
  if (daysLeft === 0) return 'Hari Ini (berakhir hari ini)';
  return `SUDAH EXPIRED (${-daysLeft} hari yang lalu)`;
}

const URGENCY_TEXT = {
  expired: { icon: '🚫', text: '🚫 SUDAH EXPIRED (STOP OPERASI)' },
  urgent: { icon: '🚨', text: '🚨 SANGAT SEGERA' },
  warning: { icon: '⚠️', text: '⚠️ PERINGATAN' },
} as const;

/** Alert for a STNK/KIR/pajak that expires soon or has expired; `today` is the local date (YYYY-MM-DD). */
export function renderExpiryAlert(doc: ExpiryAlertDocument, today: string, _language: Language = 'id'): string {
  const label = DOCUMENT_LABEL[doc.document_type];
  if (!label) throw new RangeError(`Unknown document type: ${String(doc.document_type)}`);
  const daysLeft = daysBetween(today, doc.expiry_date);
  const urgency = URGENCY_TEXT[expiryUrgency(daysLeft)];
  const unit = escapeHtml(doc.unit_code);
  const lines = [
    `${urgency.icon} <b>EXPIRY ALERT: ${label.short}</b>`,
    SEPARATOR,
    `Unit: <code>${unit}</code>`,
    `Plat: ${escapeHtml(doc.plate_number)}`,
    `Dokumen: ${escapeHtml(label.long)}`,
    `Tanggal Expired: ${formatDateDmy(doc.expiry_date)}`,
    `Sisa Waktu: <b>${daysLeftText(daysLeft)}</b>`,
    `Urgensi: <b>${urgency.text}</b>`,
    daysLeft <= 0
      ? `📌 Segera lakukan perpanjangan ${label.short} unit <code>${unit}</code>. Unit tidak boleh dioperasikan sebelum dokumen diperpanjang.`
      : `📌 Segera lakukan perpanjangan ${label.short} unit <code>${unit}</code> sebelum ${formatDateDmy(doc.expiry_date)}.`,
    SEPARATOR,
    FOOTER,
  ];
  return lines.join('\n');
}

/** The message `npm run telegram:test` sends. */
export function renderTestMessage(now: Date, timeZone: string): string {
  const { date } = localTime(now, timeZone);
  return [
    '✅ <b>Tes koneksi P2H berhasil</b>',
    'Bot P2H dapat mengirim pesan ke chat ini.',
    `Waktu: ${formatDateId(date)} ${escapeHtml(formatTimeOfDay(now, timeZone))}`,
    SEPARATOR,
    FOOTER,
  ].join('\n');
}
