import type { idPreferences } from './id-preferences';

/** English for the Telegram message settings card; the type makes a missing key a compile error. */
export const enPreferences: Record<keyof typeof idPreferences, string> = {
  'prefs.title': 'Messages from the Telegram bot',
  'prefs.intro': 'Which messages the P2H bot sends to your Telegram chat, and whether they make a sound. The same as /settings in the bot.',
  'prefs.topic.p2h_warning': 'P2H WARNING (needs repair)',
  'prefs.topic.p2h_abnormal': 'P2H ABNORMAL (out of service)',
  'prefs.topic.defects': 'Defects and repairs',
  'prefs.topic.expiry': 'Expiring documents (STNK, KIR, road tax)',
  'prefs.topic.daily_summary': 'Daily summary',
  'prefs.abnormalHint': 'ABNORMAL cannot be turned off and is sent during quiet hours too.',
  'prefs.mode.on': 'Sound',
  'prefs.mode.silent': 'Silent',
  'prefs.mode.off': 'Off',
  'prefs.quiet': 'Quiet hours',
  'prefs.quietHint': 'During quiet hours, messages other than ABNORMAL wait and are sent when the quiet hours end. Times in WITA.',
  'prefs.quietOn': 'Use quiet hours',
  'prefs.quietStart': 'From (WITA)',
  'prefs.quietEnd': 'Until (WITA)',
  'prefs.quietSame': 'Start and end must differ',
  'prefs.quietNone': 'No quiet hours',
  'prefs.language': 'Language of the bot’s messages',
  'prefs.languageHint': 'Only for the bot’s Telegram messages. This web app’s own language is set separately in the “Web app language” card.',
  'prefs.save': 'Save message settings',
  'prefs.saved': 'Bot message settings saved.',
  'prefs.unsaved': 'You have unsaved changes.',
};
