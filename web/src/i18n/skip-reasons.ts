/**
 * Why the server skipped a notification, in words a reader understands. The keys are the server's
 * fixed reasons (src/notifications/routing.ts SKIP_REASONS), written out exactly: the outbox stores
 * them as last_error, and test/unit/skip-reasons.test.ts fails when a server reason has no entry here.
 * No imports, so that test can load it.
 */
type Lang = 'id' | 'en';

export const SKIP_REASON_TEXT: Readonly<Record<string, Record<Lang, string>>> = {
  'bot not configured': {
    id: 'bot Telegram belum diaktifkan di server',
    en: 'the Telegram bot is not set up on the server',
  },
  'no recipient: user belum link telegram and TELEGRAM_CHAT_ID is not set': {
    id: 'Telegram pengirim belum terhubung dan grup admin (TELEGRAM_CHAT_ID) belum diatur',
    en: 'the sender has not linked Telegram and no admin group (TELEGRAM_CHAT_ID) is set',
  },
  'no recipient: user memblokir bot and TELEGRAM_CHAT_ID is not set': {
    id: 'pengirim memblokir bot dan grup admin (TELEGRAM_CHAT_ID) belum diatur',
    en: 'the sender blocked the bot and no admin group (TELEGRAM_CHAT_ID) is set',
  },
  'no recipient: TELEGRAM_CHAT_ID is not set': {
    id: 'grup admin (TELEGRAM_CHAT_ID) belum diatur',
    en: 'no admin group (TELEGRAM_CHAT_ID) is set',
  },
  'no recipient: user belum link telegram': {
    id: 'penerima belum menghubungkan Telegram',
    en: 'the recipient has not linked Telegram',
  },
  'turned off by the recipient (notification preferences)': {
    id: 'penerima mematikan jenis pesan ini di pengaturan notifikasi',
    en: 'the recipient turned this kind of message off in their notification settings',
  },
};

/** The reader's words for a skip reason, or undefined when it is not one of ours (a Telegram error, shown as it came). */
export function skipReasonText(reason: string | null | undefined, lang: Lang): string | undefined {
  if (!reason || !Object.hasOwn(SKIP_REASON_TEXT, reason)) return undefined;
  return SKIP_REASON_TEXT[reason]![lang];
}
