/**
 * The bot's replies (parse_mode HTML) in Indonesian and English: two tables with the same keys, so a
 * missing translation is a compile error. The person's language picks the table (see language.ts).
 */
import type { Language } from '../preferences/values.js';
import { maskPhone } from '../users/phone.js';
import type { Role } from '../users/values.js';

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

/** Roles named in words of the language, never the database's code ("user"). */
export const ROLE_LABEL: Record<Language, Record<Role, string>> = {
  id: { superadmin: 'Superadmin', admin: 'Admin', mechanic: 'Mekanik', user: 'Pengemudi', viewer: 'Pemantau' },
  en: { superadmin: 'Superadmin', admin: 'Admin', mechanic: 'Mechanic', user: 'Driver', viewer: 'Viewer' },
};

export function roleLabel(role: string, language: Language): string {
  return ROLE_LABEL[language][role as Role] ?? role;
}

const ID = {
  /** The seed's reply, word for word, except the role, which is named in Indonesian. */
  linked: (user: LinkedAccount) =>
    [
      '✅ Berhasil Terhubung!',
      '',
      'Akun Telegram Anda telah terhubung dengan:',
      `• Nama: ${escapeHtml(user.full_name)}`,
      `• Nomor: ${escapeHtml(maskPhone(user.phone_number))}`,
      `• Peran: ${escapeHtml(roleLabel(user.role, 'id'))}`,
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
      ? `✅ Chat ini terhubung dengan akun P2H:\n• Nama: ${escapeHtml(user.full_name)}\n• Peran: ${escapeHtml(roleLabel(user.role, 'id'))}`
      : 'ℹ️ Chat ini belum terhubung dengan akun P2H.\nKirim <code>/start NOMOR_HP</code> untuk menghubungkan.',
  unlinked: (user: LinkedAccount | undefined) =>
    user
      ? `✅ Koneksi dengan akun ${escapeHtml(user.full_name)} diputuskan. Anda tidak akan menerima notifikasi P2H di chat ini lagi.`
      : 'ℹ️ Chat ini memang belum terhubung dengan akun P2H.',
  privateOnly: () => 'ℹ️ Untuk menghubungkan akun, kirim pesan langsung (chat pribadi) ke bot ini.',
  slowDown: () => '⏳ Terlalu banyak perintah. Tunggu sebentar lalu coba lagi.',
  failure: () => '⚠️ Maaf, terjadi gangguan. Silakan coba lagi beberapa saat lagi.',
};

const EN: typeof ID = {
  linked: (user) =>
    [
      '✅ Linked successfully!',
      '',
      'Your Telegram account is now linked to:',
      `• Name: ${escapeHtml(user.full_name)}`,
      `• Number: ${escapeHtml(maskPhone(user.phone_number))}`,
      `• Role: ${escapeHtml(roleLabel(user.role, 'en'))}`,
      '',
      '🔔 You will receive P2H notifications in this chat.',
    ].join('\n'),
  welcome: () =>
    [
      '👋 Welcome to the <b>P2H</b> bot (daily pre-use inspection).',
      '',
      'To receive P2H notifications in this chat, link your account:',
      'send <code>/start PHONE_NUMBER</code>, e.g. <code>/start 081234567890</code>,',
      'or open Profile → Telegram in the P2H app.',
    ].join('\n'),
  help: () =>
    [
      '<b>P2H bot commands</b>',
      '/start PHONE_NUMBER — link your Telegram account to your P2H account',
      '/status — check whether this chat is linked',
      '/unlink — unlink this chat',
      '/settings — notification settings: sound, silent, quiet hours, language',
      '/help — show this help',
      '',
      'Mechanics and admins: press <b>🔧 Take</b> on a defect message to take it, then <b>✅ Done</b> and answer the bot\'s question with the repair note.',
    ].join('\n'),
  hint: () => 'Unknown command. Send /help to see the list of commands.',
  badArgument: () =>
    '❌ Format not recognised. Send <code>/start PHONE_NUMBER</code>, e.g. <code>/start 081234567890</code> (digits only).',
  phoneNotFound: (phone) =>
    `❌ The number <code>${escapeHtml(phone)}</code> was not found in P2H.\nMake sure it is the number of your P2H account, or contact your admin.`,
  accountInactive: () => '❌ The P2H account with this number has been deactivated. Contact your admin.',
  chatTaken: () =>
    '⚠️ This Telegram chat is already linked to another P2H account.\nSend /unlink to unlink it first, or ask an admin to reset it.',
  accountLinkedElsewhere: () =>
    '⚠️ The P2H account with this number is already linked to another Telegram chat.\nTo move it, unlink it first from Profile → Telegram in the P2H app, or ask an admin to reset your account\'s Telegram link.',
  tooManyAttempts: (minutes) =>
    `⏳ Too many attempts to link an account. Wait ${minutes} minutes and try again, or get a link from Profile → Telegram in the P2H app.`,
  confirmContact: (phone) =>
    [
      `🔐 For your security, confirm that <code>${escapeHtml(phone)}</code> is really your number.`,
      'Press the <b>📱 Share My Number</b> button below. Telegram will send the number of your Telegram account,',
      'and the account is linked only when the numbers match.',
    ].join('\n'),
  shareButton: '📱 Share My Number',
  contactNotYours: () => '❌ This contact is not yours. Use the <b>📱 Share My Number</b> button to share your own number.',
  contactMismatch: (typed, shared) =>
    `❌ Your Telegram number (<code>${escapeHtml(shared)}</code>) is not the number you typed (<code>${escapeHtml(typed)}</code>).\nLink with the number registered in your Telegram, or get a link from the Profile menu in the P2H app.`,
  tokenInvalid: () => '❌ This link has expired or was already used. Create a new one from Profile → Telegram in the P2H app.',
  status: (user) =>
    user
      ? `✅ This chat is linked to the P2H account:\n• Name: ${escapeHtml(user.full_name)}\n• Role: ${escapeHtml(roleLabel(user.role, 'en'))}`
      : 'ℹ️ This chat is not linked to a P2H account yet.\nSend <code>/start PHONE_NUMBER</code> to link it.',
  unlinked: (user) =>
    user
      ? `✅ The link to ${escapeHtml(user.full_name)}'s account was removed. You will no longer receive P2H notifications in this chat.`
      : 'ℹ️ This chat was not linked to a P2H account.',
  privateOnly: () => 'ℹ️ To link your account, send a direct message (private chat) to this bot.',
  slowDown: () => '⏳ Too many commands. Wait a moment and try again.',
  failure: () => '⚠️ Sorry, something went wrong. Please try again in a moment.',
};

export type BotText = typeof ID;
export const botText: Record<Language, BotText> = { id: ID, en: EN };

/** The command menu (setMyCommands): Indonesian by default, English for Telegram apps set to English. */
export const BOT_COMMANDS: Record<Language, { command: string; description: string }[]> = {
  id: [
    { command: 'start', description: 'Hubungkan akun: /start NOMOR_HP' },
    { command: 'status', description: 'Cek status koneksi akun' },
    { command: 'unlink', description: 'Putuskan koneksi chat ini' },
    { command: 'settings', description: 'Atur notifikasi: bunyi, senyap, jam tenang, bahasa' },
    { command: 'help', description: 'Tampilkan bantuan' },
  ],
  en: [
    { command: 'start', description: 'Link your account: /start PHONE_NUMBER' },
    { command: 'status', description: 'Check whether this chat is linked' },
    { command: 'unlink', description: 'Unlink this chat' },
    { command: 'settings', description: 'Notifications: sound, silent, quiet hours, language' },
    { command: 'help', description: 'Show help' },
  ],
};
