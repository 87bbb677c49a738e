/**
 * What a chat is told when it stops receiving a person's notifications without having asked for it
 * (HTML, in the person's language). Fixed words only: the chat's owner already knows whose account it was.
 */
import type { LinkEndReason } from '../users/telegram-link.js';
import type { Language } from '../preferences/values.js';

const WHY: Record<Language, Record<LinkEndReason, string>> = {
  id: {
    moved: 'Akun P2H Anda sekarang terhubung dengan chat Telegram lain.',
    deactivated: 'Akun P2H Anda dinonaktifkan oleh admin.',
    admin_reset: 'Admin P2H mereset koneksi Telegram akun Anda.',
    unlinked_web: 'Koneksi Telegram diputuskan dari menu Profil di aplikasi P2H.',
  },
  en: {
    moved: 'Your P2H account is now linked to another Telegram chat.',
    deactivated: 'Your P2H account was deactivated by an admin.',
    admin_reset: 'A P2H admin reset the Telegram link of your account.',
    unlinked_web: 'The Telegram link was removed from the Profile menu of the P2H app.',
  },
};

const AFTER: Record<Language, { stopped: string; relink: string }> = {
  id: {
    stopped: 'Chat ini tidak lagi menerima notifikasi P2H.',
    relink: 'Bila ini bukan Anda, hubungi admin. Untuk menghubungkan lagi, kirim <code>/start NOMOR_HP</code>.',
  },
  en: {
    stopped: 'This chat no longer receives P2H notifications.',
    relink: 'If this was not you, contact your admin. To link again, send <code>/start PHONE_NUMBER</code>.',
  },
};

export function renderLinkEnded(reason: LinkEndReason, language: Language = 'id'): string {
  const after = AFTER[language];
  // A deactivated account cannot link again, so it is not invited to.
  return ['ℹ️ ' + WHY[language][reason], after.stopped, reason === 'deactivated' ? '' : after.relink].filter(Boolean).join('\n');
}
