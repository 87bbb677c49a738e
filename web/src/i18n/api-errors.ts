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
  PASSWORD_CHANGE_REQUIRED: {
    id: 'Ganti dulu password sementara Anda sebelum memakai aplikasi.',
    en: 'Change your temporary password before using the app.',
  },
  FILE_MISSING: { id: 'Pilih berkasnya dulu.', en: 'Choose the file first.' },
  IMPORT_NOT_SPREADSHEET: { id: 'Berkas ini bukan spreadsheet. Kirim .xlsx atau .csv (pakai template).', en: 'This file is not a spreadsheet. Send .xlsx or .csv (use the template).' },
  IMPORT_TOO_LARGE: { id: 'Berkas terlalu besar untuk diimpor (maksimal 5 MB).', en: 'The file is too large to import (at most 5 MB).' },
  IMPORT_UNPACKED_TOO_LARGE: {
    id: 'Isi berkas .xlsx ini terlalu besar setelah dibuka. Simpan ulang hanya sheet datanya.',
    en: 'This .xlsx unpacks to too much data. Save only the data sheet and try again.',
  },
  IMPORT_TOO_MANY_ROWS: { id: 'Terlalu banyak baris (maksimal 10.000). Bagi berkasnya.', en: 'Too many rows (at most 10,000). Split the file.' },
  IMPORT_CORRUPT: { id: 'Berkas rusak atau tidak lengkap. Simpan ulang dari Excel lalu coba lagi.', en: 'The file is damaged or incomplete. Save it again from Excel and retry.' },
  IMPORT_EMPTY: { id: 'Berkas tidak berisi data: isi mulai baris 2.', en: 'The file has no data: fill it from row 2.' },
  IMPORT_INVALID: { id: 'Impor dibatalkan: ada baris yang salah. Tidak ada yang disimpan.', en: 'Import cancelled: some rows are wrong. Nothing was saved.' },
  IMPORT_CONFLICT: {
    id: 'Data berubah selama impor berjalan. Tidak ada yang disimpan; periksa lalu impor lagi.',
    en: 'The data changed while importing. Nothing was saved; check again and re-import.',
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
  invalid_phone: { id: 'Nomor HP tidak valid', en: 'Invalid phone number' },
  unknown_vehicle_type: { id: 'Tipe kendaraan tidak dikenal', en: 'Unknown vehicle type' },
  unknown_column: { id: 'Kolom tidak dikenal', en: 'Unknown column' },
  missing_column: { id: 'Kolom wajib tidak ada', en: 'Required column missing' },
  duplicate_column: { id: 'Kolom muncul dua kali', en: 'Column appears twice' },
  merged_cell: { id: 'Sel gabungan (merge) tidak bisa diimpor', en: 'Merged cells cannot be imported' },
  cell_error: { id: 'Sel berisi galat Excel', en: 'The cell holds an Excel error' },
  duplicate_in_file: { id: 'Sudah ada di baris lain berkas ini', en: 'Already in another row of this file' },
  invalid_date: { id: 'Bukan tanggal yang ada', en: 'Not a real date' },
  invalid_email: { id: 'Email tidak valid', en: 'Invalid email' },
  email_exists: { id: 'Email sudah dipakai user lain', en: 'Email already used by another user' },
  unknown_role: { id: 'Role tidak dikenal', en: 'Unknown role' },
  role_not_allowed: { id: 'Anda tidak boleh mengatur akun dengan role ini', en: 'You may not manage accounts with this role' },
  unknown_shift_type: { id: 'Jenis shift tidak dikenal', en: 'Unknown shift type' },
};

/** The text for a `payload.code`, if there is one (codes arrive as plain strings off the wire). */
export const apiErrorText = (code: string): Text | undefined => lookup(API_ERRORS, code);

/** The text for a `details[].code`, if there is one. */
export const detailErrorText = (code: string | undefined): Text | undefined => lookup(DETAIL_ERRORS, code);

function lookup<K extends string>(table: Partial<Record<K, Text>>, code: string | undefined): Text | undefined {
  // Own keys only: a code like "constructor" must not find Object.prototype's.
  return code !== undefined && Object.hasOwn(table, code) ? table[code as K] : undefined;
}
