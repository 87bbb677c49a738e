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

/**
 * Notes of ours kept in last_error on a row that was not skipped (src/notifications/recipient-plan.ts
 * RESENT_DESPITE_OFF), in the reader's words; the same test checks them.
 */
export const NOTE_TEXT: Readonly<Record<string, Record<Lang, string>>> = {
  'resent by an admin although turned off by the recipient: sent silently': {
    id: 'dikirim ulang oleh admin walau penerima mematikan jenis pesan ini, jadi dikirim tanpa suara',
    en: 'resent by an admin although the recipient turned this kind of message off, so it goes without sound',
  },
};

export function noteText(note: string | null | undefined, lang: Lang): string | undefined {
  if (!note || !Object.hasOwn(NOTE_TEXT, note)) return undefined;
  return NOTE_TEXT[note]![lang];
}
