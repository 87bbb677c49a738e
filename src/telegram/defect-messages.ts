/**
 * What the workshop's buttons answer, in Indonesian and English; a callback answer shows at most
 * 200 characters, so those stay short.
 */
import type { Language } from '../preferences/values.js';
import { escapeHtml } from './messages.js';

const ID = {
  unknownButton: () => '⚠️ Tombol ini tidak dikenal atau sudah kedaluwarsa.',
  notLinked: () => '❌ Akun Telegram Anda belum terhubung dengan P2H. Kirim /start NOMOR_HP di chat pribadi dengan bot.',
  inactive: () => '❌ Akun P2H Anda sudah dinonaktifkan. Hubungi admin.',
  noAccess: () => '⛔ Tidak ada akses',
  taken: (id: number, item: string) => `✅ Defect #${id} (${item}) sekarang Anda tangani. Tekan ✅ Selesai setelah diperbaiki.`,
  alreadyYours: (id: number, item: string) => `ℹ️ Defect #${id} (${item}) sudah Anda tangani. Tekan ✅ Selesai setelah diperbaiki.`,
  takenLine: (id: number, item: string, who: string) => `🔧 #${id} ${item} — ditangani oleh ${who}`,
  doneButton: (id: number, item: string) => `✅ Selesai #${id} ${item}`,
  askedHere: () => '✍️ Tulis catatan perbaikan sebagai balasan pertanyaan di bawah.',
  askedPrivately: () => '✍️ Pertanyaan catatan perbaikan dikirim ke chat pribadi Anda dengan bot.',
  /** The bot reads the defect id back from this text (DEFECT_QUESTION): keep "#<id>" right after the opening words. */
  askRepairNote: (id: number, item: string, unitCode: string) =>
    `✍️ Tulis catatan perbaikan untuk defect #${id} (${escapeHtml(item)}, unit ${escapeHtml(unitCode)}), balas pesan ini.`,
  notePlaceholder: 'Catatan perbaikan',
  noteRequired: () => 'ℹ️ Catatan perbaikan harus berupa teks. Tulis lagi sebagai balasan pertanyaan berikut.',
  noteTooLong: (max: number) => `ℹ️ Catatan perbaikan terlalu panjang (maksimal ${max} karakter). Tulis lagi sebagai balasan pertanyaan berikut.`,
  repaired: (id: number, item: string, unitCode: string, note: string) =>
    [
      `✅ Defect #${id} (${escapeHtml(item)}) pada unit ${escapeHtml(unitCode)} ditandai <b>diperbaiki</b>.`,
      `Catatan: ${escapeHtml(note)}`,
      'Pelapor diberi tahu di Telegram (bila akunnya terhubung); P2H berikutnya memverifikasi perbaikan ini.',
    ].join('\n'),
  /** The service's own (Indonesian) words, which name who holds the defect. */
  refused: (_code: string, _id: number, message: string) => `⚠️ ${message}`,
};

const EN: typeof ID = {
  unknownButton: () => '⚠️ This button is unknown or has expired.',
  notLinked: () => '❌ Your Telegram account is not linked to P2H. Send /start PHONE_NUMBER in a private chat with the bot.',
  inactive: () => '❌ Your P2H account has been deactivated. Contact your admin.',
  noAccess: () => '⛔ No access',
  taken: (id, item) => `✅ Defect #${id} (${item}) is now yours. Press ✅ Done once it is repaired.`,
  alreadyYours: (id, item) => `ℹ️ Defect #${id} (${item}) is already yours. Press ✅ Done once it is repaired.`,
  takenLine: (id, item, who) => `🔧 #${id} ${item} — taken by ${who}`,
  doneButton: (id, item) => `✅ Done #${id} ${item}`,
  askedHere: () => '✍️ Write the repair note as a reply to the question below.',
  askedPrivately: () => '✍️ The repair-note question was sent to your private chat with the bot.',
  askRepairNote: (id, item, unitCode) =>
    `✍️ Write the repair note for defect #${id} (${escapeHtml(item)}, unit ${escapeHtml(unitCode)}), as a reply to this message.`,
  notePlaceholder: 'Repair note',
  noteRequired: () => 'ℹ️ The repair note must be text. Write it again as a reply to the next question.',
  noteTooLong: (max) => `ℹ️ The repair note is too long (at most ${max} characters). Write it again as a reply to the next question.`,
  repaired: (id, item, unitCode, note) =>
    [
      `✅ Defect #${id} (${escapeHtml(item)}) on unit ${escapeHtml(unitCode)} is marked <b>repaired</b>.`,
      `Note: ${escapeHtml(note)}`,
      'The reporter is told on Telegram (if their account is linked); the next P2H verifies this repair.',
    ].join('\n'),
  /** The service speaks Indonesian: its refusals that a button can meet, in English by their code. */
  refused: (code, id) => `⚠️ ${REFUSED_EN[code]?.(id) ?? 'This cannot be done right now.'}`,
};

const REFUSED_EN: Record<string, (id: number) => string> = {
  DEFECT_NOT_FOUND: (id) => `Defect #${id} was not found.`,
  DEFECT_ALREADY_TAKEN: (id) => `Defect #${id} is already taken by someone else.`,
  DEFECT_NOT_ACTIVE: (id) => `Defect #${id} is no longer open.`,
  DEFECT_NOT_ASSIGNED_TO_YOU: (id) => `Defect #${id} is not assigned to you; take it first with 🔧 Take.`,
  VALIDATION_ERROR: () => 'The repair note is not valid. Write it again.',
};

export type DefectText = typeof ID;
export const defectText: Record<Language, DefectText> = { id: ID, en: EN };

/**
 * Finds the defect id in the bot's own repair-note question (see askRepairNote), in either
 * language: a question asked in Indonesian is still answered after the person switches to English.
 */
export const DEFECT_QUESTION = /^✍️ (?:Tulis catatan perbaikan untuk defect|Write the repair note for defect) #(\d{1,9}) /u;
