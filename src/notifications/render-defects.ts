/**
 * The defect workflow's Telegram messages (HTML), in the recipient's language (Indonesian unless
 * told otherwise). Pure: every value from the database goes through escapeHtml. Buttons carry
 * callback data `defect:take:<id>` and `defect:done:<id>` (64 bytes max).
 */
import type { InlineKeyboardMarkup } from 'grammy/types';
import type { DefectView } from '../defects/types.js';
import type { Language } from '../preferences/values.js';
import { escapeHtml } from '../telegram/messages.js';
import { footer, formatTimeOfDay, SEPARATOR } from './render-format.js';

const SEVERITY_LINE: Record<DefectView['severity'], string> = { abnormal: '❌ ABNORMAL', warning: '⚠️ WARNING' };

export type InlineKeyboard = InlineKeyboardMarkup;

const TEXT = {
  id: {
    newDefect: 'DEFECT BARU',
    reportedBy: (who: string) => `Dilaporkan oleh ${who}`,
    outsideP2h: 'di luar P2H',
    remark: 'Keterangan',
    unitStopped: '🚫 <b>Unit STOP OPERASI</b> sampai defect ABNORMAL diperbaiki.',
    time: 'Waktu',
    take: '🔧 Tangani',
    repaired: 'Defect diperbaiki',
    note: 'Catatan',
    by: 'Oleh',
    checkNext: 'Periksa item ini pada P2H berikutnya.',
    backInService: (unit: string) =>
      `🟢 <b>${unit} boleh beroperasi lagi.</b>\nSemua defect ABNORMAL sudah diperbaiki atau ditutup. Lakukan P2H sebelum operasi.`,
    escalation: (minutes: number) => `🔔 <b>ESKALASI: defect ABNORMAL belum ditangani ${minutes} menit</b>`,
    reportedAt: (who: string, time: string) => `Dilaporkan oleh ${who} pukul ${time}`,
  },
  en: {
    newDefect: 'NEW DEFECT',
    reportedBy: (who: string) => `Reported by ${who}`,
    outsideP2h: 'outside P2H',
    remark: 'Remark',
    unitStopped: '🚫 <b>Unit STOPPED</b> until the ABNORMAL defects are repaired.',
    time: 'Time',
    take: '🔧 Take',
    repaired: 'Defect repaired',
    note: 'Note',
    by: 'By',
    checkNext: 'Check this item on the next P2H.',
    backInService: (unit: string) =>
      `🟢 <b>${unit} may operate again.</b>\nEvery ABNORMAL defect has been repaired or closed. Do a P2H before operating.`,
    escalation: (minutes: number) => `🔔 <b>ESCALATION: ABNORMAL defect not taken for ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}</b>`,
    reportedAt: (who: string, time: string) => `Reported by ${who} at ${time}`,
  },
} satisfies Record<Language, unknown>;

/** "http://host/p2h" + "/reports/12" without a double slash; no link when P2H_PUBLIC_URL is unset. */
export function webLink(publicUrl: string | undefined, path: string): string | undefined {
  return publicUrl ? `${publicUrl.replace(/\/+$/, '')}${path}` : undefined;
}

export function renderDefectAlert(
  event: { reportId: number | null; unitCode: string; reporterName: string; defects: DefectView[] },
  options: { timeZone: string; link?: string; language?: Language },
): string {
  const language = options.language ?? 'id';
  const t = TEXT[language];
  const lines = [
    `🔧 <b>${t.newDefect} — ${escapeHtml(event.unitCode)}</b>`,
    SEPARATOR,
    `${t.reportedBy(escapeHtml(event.reporterName))} (${event.reportId === null ? t.outsideP2h : `P2H #${event.reportId}`})`,
    ...event.defects.flatMap((d) => [
      `• <b>#${d.id} ${escapeHtml(d.item_name)}</b> — ${SEVERITY_LINE[d.severity]}`,
      d.remark ? `  ${t.remark}: ${escapeHtml(d.remark)}` : '',
    ]).filter(Boolean),
    event.defects.some((d) => d.severity === 'abnormal') ? t.unitStopped : '',
    `${t.time}: ${escapeHtml(formatTimeOfDay(new Date(event.defects[0]?.opened_at ?? Date.now()), options.timeZone))}`,
    options.link ? `🔗 ${escapeHtml(options.link)}` : '',
    SEPARATOR,
    footer(language),
  ];
  return lines.filter(Boolean).join('\n');
}

/**
 * One take button per defect: `🔧 Tangani` as the contract names it, `🔧 Take` in English (the
 * callback data, which the bot reads, is the same in both).
 */
export function takeButtons(defects: DefectView[], language: Language = 'id'): InlineKeyboard {
  const label = TEXT[language].take;
  return { inline_keyboard: defects.map((d) => [{ text: `${label} #${d.id} ${d.item_name}`.slice(0, 60), callback_data: `defect:take:${d.id}` }]) };
}

export function renderDefectRepaired(defect: DefectView, options: { link?: string; language?: Language }): string {
  const t = TEXT[options.language ?? 'id'];
  return [
    `✅ <b>${t.repaired} — ${escapeHtml(defect.unit_code)}</b>`,
    `#${defect.id} ${escapeHtml(defect.item_name)}`,
    defect.repair_note ? `${t.note}: ${escapeHtml(defect.repair_note)}` : '',
    defect.assigned_to_name ? `${t.by}: ${escapeHtml(defect.assigned_to_name)}` : '',
    t.checkNext,
    options.link ? `🔗 ${escapeHtml(options.link)}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}

export function renderBackInService(unitCode: string, language: Language = 'id'): string {
  return TEXT[language].backInService(escapeHtml(unitCode));
}

export function renderDefectEscalation(defect: DefectView, minutes: number, options: { timeZone: string; link?: string; language?: Language }): string {
  const t = TEXT[options.language ?? 'id'];
  return [
    t.escalation(minutes),
    `Unit: <code>${escapeHtml(defect.unit_code)}</code>`,
    `#${defect.id} ${escapeHtml(defect.item_name)}${defect.remark ? ` — ${escapeHtml(defect.remark)}` : ''}`,
    t.reportedAt(escapeHtml(defect.opened_by_name), escapeHtml(formatTimeOfDay(new Date(defect.opened_at), options.timeZone))),
    options.link ? `🔗 ${escapeHtml(options.link)}` : '',
  ]
    .filter(Boolean)
    .join('\n');
}
