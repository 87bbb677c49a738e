import type { DetailCode, ErrorCode } from '../../../src/lib/error-codes';
import type { ClientErrorCode } from '../api/client';
import type { Lang } from './lang';

type Text = Record<Lang, string>;

/**
 * The server's `payload.code` → what the user reads. Codes not listed here show the server's own
 * (Indonesian) message. {minutes} is filled from retry_after_seconds. Keyed by the server's own code
 * list, so a code renamed there fails the web's type check here.
 */
const API_ERRORS: Partial<Record<ErrorCode | ClientErrorCode, Text>> = {
  VALIDATION_ERROR: { id: 'Ada isian yang belum benar. Periksa kolom yang ditandai.', en: 'Some fields are not valid. Check the marked fields.' },
  INVALID_CREDENTIALS: { id: 'Nomor HP/email atau password salah.', en: 'Wrong phone number/email or password.' },
  ACCOUNT_INACTIVE: { id: 'Akun Anda sudah dinonaktifkan. Hubungi admin.', en: 'Your account has been deactivated. Contact the admin.' },
  TOO_MANY_ATTEMPTS: {
    id: 'Terlalu banyak percobaan gagal. Coba lagi dalam {minutes} menit.',
    en: 'Too many failed attempts. Try again in {minutes} minutes.',
  },
  UNAUTHENTICATED: { id: 'Silakan masuk terlebih dahulu.', en: 'Please log in first.' },
  INVALID_TOKEN: { id: 'Sesi Anda sudah tidak berlaku. Silakan masuk lagi.', en: 'Your session is no longer valid. Please log in again.' },
  TOKEN_EXPIRED: { id: 'Sesi Anda sudah berakhir. Silakan masuk lagi.', en: 'Your session has ended. Please log in again.' },
  FORBIDDEN: { id: 'Anda tidak memiliki akses untuk tindakan ini.', en: 'You are not allowed to do this.' },
  WRONG_PASSWORD: { id: 'Password lama salah.', en: 'The current password is wrong.' },
  OWN_PASSWORD_NEEDS_CURRENT: {
    id: 'Ubah password akun Anda sendiri di halaman Ganti password (perlu password lama).',
    en: 'Change your own password on the Change password page (it needs the current one).',
  },
  SAME_PASSWORD: { id: 'Password baru harus berbeda dari password lama.', en: 'The new password must be different from the current one.' },
  VEHICLE_NOT_FOUND: { id: 'Unit tidak ditemukan.', en: 'Unit not found.' },
  VEHICLE_INACTIVE: { id: 'Unit ini sudah tidak aktif.', en: 'This unit is no longer active.' },
  INVALID_SHIFT: { id: 'Shift ini tidak ada untuk unit ini.', en: 'This shift does not exist for this unit.' },
  INVALID_ANSWERS: {
    id: 'Jawaban checklist belum lengkap atau tidak valid. Periksa item yang ditandai.',
    en: 'The checklist is incomplete or not valid. Check the marked items.',
  },
  SLOT_TAKEN: {
    id: 'P2H unit ini untuk shift tersebut hari ini sudah dikirim. Pilih shift lain.',
    en: 'The P2H of this unit for that shift was already submitted today. Choose another shift.',
  },
  REPORT_NOT_FOUND: { id: 'Laporan P2H tidak ditemukan.', en: 'P2H report not found.' },
  USER_NOT_FOUND: { id: 'User tidak ditemukan.', en: 'User not found.' },
  BOT_NOT_CONFIGURED: {
    id: 'Bot Telegram belum diaktifkan di server. Hubungi admin.',
    en: 'The Telegram bot is not set up on the server yet. Contact the admin.',
  },
  BOT_UNREACHABLE: { id: 'Bot Telegram tidak dapat dihubungi. Coba lagi nanti.', en: 'The Telegram bot cannot be reached. Try again later.' },
  INVALID_QUIET_HOURS: {
    id: 'Jam tenang perlu jam mulai dan jam selesai yang berbeda.',
    en: 'Quiet hours need a start and an end time that differ.',
  },
  CHAT_ALREADY_LINKED: {
    id: 'Akun Telegram ini sudah terhubung dengan user P2H lain.',
    en: 'This Telegram account is already linked to another P2H user.',
  },
  NOT_FOUND: { id: 'Data tidak ditemukan di server.', en: 'Not found on the server.' },
  INTERNAL_ERROR: { id: 'Terjadi kesalahan pada server. Coba lagi.', en: 'The server had a problem. Try again.' },
  DATABASE_UNAVAILABLE: { id: 'Server sedang bermasalah. Coba lagi sebentar lagi.', en: 'The server is having trouble. Try again shortly.' },
  PAYLOAD_TOO_LARGE: { id: 'Data yang dikirim terlalu besar.', en: 'The data sent is too large.' },
  INVALID_DATE_RANGE: { id: 'Rentang tanggal tidak valid.', en: 'The date range is not valid.' },
  DEFECT_NOT_FOUND: { id: 'Defect tidak ditemukan.', en: 'Defect not found.' },
  DEFECT_ALREADY_TAKEN: { id: 'Defect ini sudah diambil mekanik lain.', en: 'Another mechanic has already taken this defect.' },
  DEFECT_NOT_ACTIVE: {
    id: 'Defect ini sudah diperbaiki atau ditutup; tidak bisa diubah lagi.',
    en: 'This defect is already repaired or closed; it cannot be changed.',
  },
  DEFECT_NOT_ASSIGNED_TO_YOU: { id: 'Defect ini bukan tugas Anda. Ambil dulu, atau minta admin menugaskan.', en: 'This defect is not yours. Take it first, or ask an admin to assign it.' },
  ASSIGNEE_NOT_MECHANIC: { id: 'Hanya mekanik aktif yang bisa ditugaskan.', en: 'Only an active mechanic can be assigned.' },
  ITEM_NOT_APPLICABLE: { id: 'Item checklist ini tidak berlaku untuk unit ini.', en: 'This checklist item does not apply to this unit.' },
  UNRESOLVED_ABNORMAL_DEFECT: {
    id: 'Unit masih punya kerusakan ABNORMAL yang belum diperbaiki. Perbaiki atau tutup dulu defect-nya.',
    en: 'The unit still has an ABNORMAL defect not repaired. Repair or close it first.',
  },
  // Made up by the client (api/client.ts) when the server could not be reached.
  NETWORK_ERROR: {
    id: 'Tidak dapat terhubung ke server. Periksa koneksi, lalu coba lagi.',
    en: 'Cannot reach the server. Check your connection, then try again.',
  },
  OFFLINE: { id: 'Tidak ada koneksi internet. Coba lagi saat ada sinyal.', en: 'No internet connection. Try again when you have signal.' },
  TIMEOUT: { id: 'Server terlalu lama menjawab. Coba lagi.', en: 'The server took too long to answer. Try again.' },
  BAD_RESPONSE: { id: 'Jawaban server tidak dapat dibaca. Coba lagi.', en: 'The server’s answer could not be read. Try again.' },
};

/** `payload.details[].code` → the message shown next to the field. */
const DETAIL_ERRORS: Partial<Record<DetailCode, Text>> = {
  required: { id: 'Wajib diisi', en: 'Required' },
  min_length: { id: 'Terlalu pendek', en: 'Too short' },
  max_length: { id: 'Terlalu panjang', en: 'Too long' },
  type: { id: 'Format tidak valid', en: 'Invalid format' },
  format: { id: 'Format tidak valid', en: 'Invalid format' },
  pattern: { id: 'Format tidak valid', en: 'Invalid format' },
  invalid: { id: 'Nilai tidak valid', en: 'Invalid value' },
  enum: { id: 'Pilihan tidak valid', en: 'Invalid choice' },
  minimum: { id: 'Angka terlalu kecil', en: 'Number too small' },
  maximum: { id: 'Angka terlalu besar', en: 'Number too large' },
  remark_required: { id: 'Keterangan wajib diisi untuk Warning dan Abnormal', en: 'A remark is required for Warning and Abnormal' },
  missing_answer: { id: 'Belum dijawab', en: 'Not answered yet' },
  duplicate_answer: { id: 'Dijawab lebih dari sekali', en: 'Answered more than once' },
  item_not_applicable: { id: 'Item ini tidak berlaku untuk unit ini', en: 'This item does not apply to this unit' },
  slot_taken: { id: 'Shift ini sudah diisi hari ini', en: 'This shift is already done today' },
};

/** The text for a `payload.code`, if there is one (codes arrive as plain strings off the wire). */
export const apiErrorText = (code: string): Text | undefined => lookup(API_ERRORS, code);

/** The text for a `details[].code`, if there is one. */
export const detailErrorText = (code: string | undefined): Text | undefined => lookup(DETAIL_ERRORS, code);

function lookup<K extends string>(table: Partial<Record<K, Text>>, code: string | undefined): Text | undefined {
  // Own keys only: a code like "constructor" must not find Object.prototype's.
  return code !== undefined && Object.hasOwn(table, code) ? table[code as K] : undefined;
}
