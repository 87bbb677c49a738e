/**
 * The defect workflow's Telegram messages (HTML). Pure: every value from the database goes through
 * escapeHtml. Buttons carry callback data `defect:take:<id>` and `defect:done:<id>` (64 bytes max).
 */
import type { InlineKeyboardMarkup } from 'grammy/types';
import type { DefectView } from '../defects/types.js';
import { escapeHtml } from '../telegram/messages.js';
import { FOOTER, formatTimeOfDay, SEPARATOR } from './render.js';
import type { Language } from '../preferences/values.js';

const SEVERITY_LINE: Record<DefectView['severity'], string> = { abnormal: '❌ ABNORMAL', warning: '⚠️ WARNING' };

export type InlineKeyboard = InlineKeyboardMarkup;

/** "http://host/p2h" + "/reports/12" without a double slash; no link when P2H_PUBLIC_URL is unset. */
export function webLink(publicUrl: string | undefined, path: string): string | undefined {
  return publicUrl ? `${publicUrl.replace(/\/+$/, '')}${path}` : undefined;
}

export function renderDefectAlert(
  event: { reportId: number | null; unitCode: string; reporterName: string; defects: DefectView[] },
  options: { timeZone: string; link?: string; language?: Language },
): string {
  const lines = [
    `🔧 <b>DEFECT BARU — ${escapeHtml(event.unitCode)}</b>`,
    SEPARATOR,
    event.reportId === null
      ? `Dilaporkan oleh ${escapeHtml(event.reporterName)} (di luar P2H)`
      : `Dilaporkan oleh ${escapeHtml(event.reporterName)} (P2H #${event.reportId})`,
    ...event.defects.flatMap((d) => [
      `• <b>#${d.id} ${escapeHtml(d.item_name)}</b> — ${SEVERITY_LINE[d.severity]}`,
      d.remark ? `  Keterangan: ${escapeHtml(d.remark)}` : '',
    ]).filter(Boolean),
    event.defects.some((d) => d.severity === 'abnormal') ? '🚫 <b>Unit STOP OPERASI</b> sampai defect ABNORMAL diperbaiki.' : '',
    `Waktu: ${escapeHtml(formatTimeOfDay(new Date(event.defects[0]?.opened_at ?? Date.now()), options.timeZone))}`,
    options.link ? `🔗 ${escapeHtml(options.link)}` : '',
    SEPARATOR,
    FOOTER,
  ];
  return lines.filter(Boolean).join('\n');
}

/** One `🔧 Tangani` button per defect, as the contract names it. */
export function takeButtons(defects: DefectView[], _language: Language = 'id'): InlineKeyboard {
  return { inline_keyboard: defects.map((d) => [{ text: `🔧 Tangani #${d.id} ${d.item_name}`.slice(0, 60), callback_data: `defect:take:${d.id}` }]) };
}

export function renderDefectRepaired(defect: DefectView, options: { link?: string; language?: Language }): string {
  return [
    `✅ <b>Defect diperbaiki — ${escapeHtml(defect.unit_code)}</b>`,
    `#${defect.id} ${escapeHtml(defect.item_name)}`,
    defect.repair_note ? `Catatan: ${escapeHtml(defect.repair_note)}` : '',
    defect.assigned_to_name ? `Oleh: ${escapeHtml(defect.assigned_to_name)}` : '',
    'Periksa item ini pada P2H berikutnya.',
    options.link ? `🔗 ${escapeHtml(options.link)}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

export function renderBackInService(unitCode: string, _language: Language = 'id'): string {
  return `🟢 <b>${escapeHtml(unitCode)} boleh beroperasi lagi.</b>\nSemua defect ABNORMAL sudah diperbaiki atau ditutup. Lakukan P2H sebelum operasi.`;
}

export function renderDefectEscalation(defect: DefectView, minutes: number, options: { timeZone: string; link?: string; language?: Language }): string {
  return [
    `🔔 <b>ESKALASI: defect ABNORMAL belum ditangani ${minutes} menit</b>`,
    `Unit: <code>${escapeHtml(defect.unit_code)}</code>`,
    `#${defect.id} ${escapeHtml(defect.item_name)}${defect.remark ? ` — ${escapeHtml(defect.remark)}` : ''}`,
    `Dilaporkan oleh ${escapeHtml(defect.opened_by_name)} pukul ${escapeHtml(formatTimeOfDay(new Date(defect.opened_at), options.timeZone))}`,
    options.link ? `🔗 ${escapeHtml(options.link)}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}
