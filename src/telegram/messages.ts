import { maskPhone } from '../users/phone.js';

/** Every value that goes into an HTML message passes through here: a `<` in a name must not break it. */
export function escapeHtml(value: string | number | null | undefined): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** Reply options for every botText message that carries markup. */
export const HTML = { parse_mode: 'HTML' as const };

export interface LinkedAccount {
  full_name: string;
  phone_number: string;
  role: string;
}

export const botText = {
  linked: (user: LinkedAccount) =>
    [
      '✅ Berhasil Terhubung!',
      '',
      'Akun Telegram Anda telah terhubung dengan:',
      `• Nama: ${escapeHtml(user.full_name)}`,
      `• Nomor: ${escapeHtml(maskPhone(user.phone_number))}`,
      `• Role: ${escapeHtml(user.role)}`,
      '',
      '🔔 Anda akan menerima notifikasi P2H di chat ini.',
    ].join('\n'),
  welcome: () =>
    [
      '👋 Selamat datang di bot <b>P2H</b> (Pemeriksaan Harian).',
      '',
      'Untuk menerima notifikasi P2H di chat ini, hubungkan akun Anda:',
      'kirim <code>/start NOMOR_HP</code>, contoh <code>/start 081234567890</code>,',
      'atau buka menu Profil → Telegram di aplikasi P2H.',
    ].join('\n'),
  help: () =>
    [
      '<b>Perintah bot P2H</b>',
      '/start NOMOR_HP — hubungkan akun Telegram dengan akun P2H',
      '/status — cek status koneksi akun',
      '/unlink — putuskan koneksi chat ini',
      '/settings — atur notifikasi: bunyi, senyap, jam tenang, bahasa',
      '/help — tampilkan bantuan ini',
      '',
      'Mekanik dan admin: tekan <b>🔧 Tangani</b> pada pesan defect untuk mengambilnya, lalu <b>✅ Selesai</b> dan balas pertanyaan bot dengan catatan perbaikan.',
    ].join('\n'),
  hint: () => 'Perintah tidak dikenal. Kirim /help untuk melihat daftar perintah.',
  badArgument: () =>
    '❌ Format tidak dikenali. Kirim <code>/start NOMOR_HP</code>, contoh <code>/start 081234567890</code> (angka saja).',
  phoneNotFound: (phone: string) =>
    `❌ Nomor <code>${escapeHtml(phone)}</code> tidak ditemukan di sistem P2H.\nPastikan nomor sama dengan akun P2H Anda, atau hubungi admin.`,
  accountInactive: () => '❌ Akun P2H dengan nomor ini sudah dinonaktifkan. Hubungi admin.',
  chatTaken: () =>
    '⚠️ Chat Telegram ini sudah terhubung dengan akun P2H lain.\nKirim /unlink untuk memutuskannya dulu, atau minta admin mereset.',
  accountLinkedElsewhere: () =>
    '⚠️ Akun P2H dengan nomor ini sudah terhubung dengan chat Telegram lain.\nUntuk memindahkannya, putuskan dulu dari menu Profil → Telegram di aplikasi P2H, atau minta admin mereset koneksi Telegram akun Anda.',
  tooManyAttempts: (minutes: number) =>
    `⏳ Terlalu banyak percobaan menghubungkan akun. Tunggu ${minutes} menit lalu coba lagi, atau minta link dari menu Profil → Telegram di aplikasi P2H.`,
  confirmContact: (phone: string) =>
    [
      `🔐 Untuk keamanan, pastikan nomor <code>${escapeHtml(phone)}</code> benar milik Anda.`,
      'Tekan tombol <b>📱 Bagikan Nomor Saya</b> di bawah. Telegram akan mengirim nomor akun Telegram Anda,',
      'dan akun hanya terhubung bila nomornya sama.',
    ].join('\n'),
  shareButton: '📱 Bagikan Nomor Saya',
  contactNotYours: () => '❌ Kontak ini bukan milik Anda. Gunakan tombol <b>📱 Bagikan Nomor Saya</b> untuk membagikan nomor Anda sendiri.',
  contactMismatch: (typed: string, shared: string) =>
    `❌ Nomor Telegram Anda (<code>${escapeHtml(shared)}</code>) tidak sama dengan nomor yang Anda ketik (<code>${escapeHtml(typed)}</code>).\nHubungkan dengan nomor yang terdaftar di Telegram Anda, atau minta link dari menu Profil di aplikasi P2H.`,
  tokenInvalid: () => '❌ Link sudah kedaluwarsa atau sudah dipakai. Buat link baru dari menu Profil → Telegram di aplikasi P2H.',
  status: (user: LinkedAccount | undefined) =>
    user
      ? `✅ Chat ini terhubung dengan akun P2H:\n• Nama: ${escapeHtml(user.full_name)}\n• Role: ${escapeHtml(user.role)}`
      : 'ℹ️ Chat ini belum terhubung dengan akun P2H.\nKirim <code>/start NOMOR_HP</code> untuk menghubungkan.',
  unlinked: (user: LinkedAccount | undefined) =>
    user
      ? `✅ Koneksi dengan akun ${escapeHtml(user.full_name)} diputuskan. Anda tidak akan menerima notifikasi P2H di chat ini lagi.`
      : 'ℹ️ Chat ini memang belum terhubung dengan akun P2H.',
  privateOnly: () => 'ℹ️ Untuk menghubungkan akun, kirim pesan langsung (chat pribadi) ke bot ini.',
  slowDown: () => '⏳ Terlalu banyak perintah. Tunggu sebentar lalu coba lagi.',
  failure: () => '⚠️ Maaf, terjadi gangguan. Silakan coba lagi beberapa saat lagi.',
};

/** What the workshop's buttons answer; a callback answer shows at most 200 characters, so those stay short. */
export const defectText = {
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
  noteRequired: () => 'ℹ️ Catatan perbaikan harus berupa teks. Tulis lagi sebagai balasan pertanyaan berikut.',
  noteTooLong: (max: number) => `ℹ️ Catatan perbaikan terlalu panjang (maksimal ${max} karakter). Tulis lagi sebagai balasan pertanyaan berikut.`,
  repaired: (id: number, item: string, unitCode: string, note: string) =>
    [
      `✅ Defect #${id} (${escapeHtml(item)}) pada unit ${escapeHtml(unitCode)} ditandai <b>diperbaiki</b>.`,
      `Catatan: ${escapeHtml(note)}`,
      'Pelapor diberi tahu di Telegram (bila akunnya terhubung); P2H berikutnya memverifikasi perbaikan ini.',
    ].join('\n'),
  refused: (message: string) => `⚠️ ${message}`,
};

/** Finds the defect id in the bot's own repair-note question (see defectText.askRepairNote). */
export const DEFECT_QUESTION = /^✍️ Tulis catatan perbaikan untuk defect #(\d{1,9}) /u;
