/**
 * The alert for one STNK/KIR/pajak that expires soon or has expired (EXPIRY_ALERT_MODE=each), in
 * Indonesian or English. Pure: every value from the database goes through escapeHtml.
 */
import type { Language } from '../preferences/values.js';
import { escapeHtml } from '../telegram/messages.js';
import type { ExpiringDocument } from '../vehicles/documents.js';
import type { DocumentType } from '../vehicles/schema.js';
import { daysBetween, expiryUrgency, type ExpiryUrgency } from './expiry-rules.js';
import { footer, formatDateDmy, SEPARATOR } from './render-format.js';

export type ExpiryAlertDocument = Pick<ExpiringDocument, 'unit_code' | 'plate_number' | 'document_type' | 'expiry_date'>;

const DOCUMENT_LABEL: Record<Language, Record<DocumentType, { short: string; long: string }>> = {
  id: {
    stnk: { short: 'STNK', long: 'STNK (Surat Tanda Nomor Kendaraan)' },
    kir: { short: 'KIR', long: 'KIR (Uji Berkala Kendaraan)' },
    pajak: { short: 'PAJAK', long: 'Pajak Kendaraan Bermotor' },
  },
  en: {
    stnk: { short: 'STNK', long: 'STNK (vehicle registration certificate)' },
    kir: { short: 'KIR', long: 'KIR (periodic roadworthiness test)' },
    pajak: { short: 'VEHICLE TAX', long: 'Motor vehicle tax (pajak)' },
  },
};

const URGENCY: Record<Language, Record<ExpiryUrgency, { icon: string; text: string }>> = {
  id: {
    expired: { icon: '🚫', text: '🚫 SUDAH HABIS (STOP OPERASI)' },
    urgent: { icon: '🚨', text: '🚨 SANGAT SEGERA' },
    warning: { icon: '⚠️', text: '⚠️ PERINGATAN' },
  },
  en: {
    expired: { icon: '🚫', text: '🚫 EXPIRED (STOP OPERATION)' },
    urgent: { icon: '🚨', text: '🚨 VERY URGENT' },
    warning: { icon: '⚠️', text: '⚠️ WARNING' },
  },
};

const TEXT = {
  id: {
    headline: (doc: string, daysLeft: number) =>
      daysLeft > 0 ? `MASA BERLAKU ${doc} SEGERA HABIS` : daysLeft === 0 ? `MASA BERLAKU ${doc} HABIS HARI INI` : `MASA BERLAKU ${doc} SUDAH HABIS`,
    daysLeft: (days: number) => (days > 0 ? `${days} hari lagi` : days === 0 ? 'Hari ini (berakhir hari ini)' : `SUDAH HABIS (${-days} hari yang lalu)`),
    plate: 'Plat',
    document: 'Dokumen',
    validUntil: 'Berlaku Sampai',
    timeLeft: 'Sisa Waktu',
    urgency: 'Urgensi',
    renewNow: (doc: string, unit: string) => `📌 Segera lakukan perpanjangan ${doc} unit ${unit}. Unit tidak boleh dioperasikan sebelum dokumen diperpanjang.`,
    renewBefore: (doc: string, unit: string, date: string) => `📌 Segera lakukan perpanjangan ${doc} unit ${unit} sebelum ${date}.`,
  },
  en: {
    headline: (doc: string, daysLeft: number) => (daysLeft > 0 ? `${doc} EXPIRES SOON` : daysLeft === 0 ? `${doc} EXPIRES TODAY` : `${doc} HAS EXPIRED`),
    daysLeft: (days: number) =>
      days > 1 ? `expires in ${days} days` : days === 1 ? 'expires in 1 day' : days === 0 ? 'expires today' : `EXPIRED (${-days} ${-days === 1 ? 'day' : 'days'} ago)`,
    plate: 'Plate',
    document: 'Document',
    validUntil: 'Valid until',
    timeLeft: 'Time left',
    urgency: 'Urgency',
    renewNow: (doc: string, unit: string) => `📌 Renew the ${doc} of unit ${unit} right away. The unit may not operate until the document is renewed.`,
    renewBefore: (doc: string, unit: string, date: string) => `📌 Renew the ${doc} of unit ${unit} before ${date}.`,
  },
} satisfies Record<Language, unknown>;

/** "12 hari lagi", "Hari ini (berakhir hari ini)", "SUDAH HABIS (3 hari yang lalu)"; in English "expires in 12 days". */
export function daysLeftText(daysLeft: number, language: Language = 'id'): string {
  return TEXT[language].daysLeft(daysLeft);
}

/** `today` is the local date (YYYY-MM-DD). */
export function renderExpiryAlert(doc: ExpiryAlertDocument, today: string, language: Language = 'id'): string {
  const label = DOCUMENT_LABEL[language][doc.document_type];
  if (!label) throw new RangeError(`Unknown document type: ${String(doc.document_type)}`);
  const t = TEXT[language];
  const daysLeft = daysBetween(today, doc.expiry_date);
  const urgency = URGENCY[language][expiryUrgency(daysLeft)];
  const unit = `<code>${escapeHtml(doc.unit_code)}</code>`;
  const until = formatDateDmy(doc.expiry_date);
  return [
    `${urgency.icon} <b>${t.headline(label.short, daysLeft)}</b>`,
    SEPARATOR,
    `Unit: ${unit}`,
    `${t.plate}: ${escapeHtml(doc.plate_number)}`,
    `${t.document}: ${escapeHtml(label.long)}`,
    `${t.validUntil}: ${until}`,
    `${t.timeLeft}: <b>${t.daysLeft(daysLeft)}</b>`,
    `${t.urgency}: <b>${urgency.text}</b>`,
    daysLeft <= 0 ? t.renewNow(label.short, unit) : t.renewBefore(label.short, unit, until),
    SEPARATOR,
    footer(language),
  ].join('\n');
}
