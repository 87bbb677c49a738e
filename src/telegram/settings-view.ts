/**
 * The bot's /settings screen: the person's preferences as text and inline buttons, in their
 * language, and the parser for the buttons' (untrusted) callback data. Pure: tested without a bot.
 */
import type { InlineKeyboardButton } from 'grammy/types';
import type { NotificationPreferences, NotificationPreferencesUpdate } from '../preferences/api-schemas.js';
import type { DeliveryMode, Language, PreferenceTopic } from '../preferences/values.js';

/** Quiet hours offered as buttons; any other span is set in the web app's profile. */
export const QUIET_PRESETS = [
  { start: '22:00', end: '05:00' },
  { start: '21:00', end: '06:00' },
] as const;

const TOPIC_LABEL: Record<Language, Record<PreferenceTopic, string>> = {
  id: { p2h_warning: '⚠️ P2H WARNING', p2h_abnormal: '⛔ P2H ABNORMAL', defects: '🔧 Kerusakan', expiry: '📄 STNK/KIR', daily_summary: '📊 Ringkasan harian' },
  en: { p2h_warning: '⚠️ P2H WARNING', p2h_abnormal: '⛔ P2H ABNORMAL', defects: '🔧 Defects', expiry: '📄 STNK/KIR', daily_summary: '📊 Daily summary' },
};

const MODE_LABEL: Record<Language, Record<DeliveryMode, string>> = {
  id: { on: '🔔 Bunyi', silent: '🔕 Senyap', off: '✖️ Mati' },
  en: { on: '🔔 Sound', silent: '🔕 Silent', off: '✖️ Off' },
};

const TEXT = {
  id: {
    title: '⚙️ <b>Pengaturan Notifikasi</b>',
    intro: 'Tekan tombol untuk mengubah. ABNORMAL (stop operasi) selalu dikirim, juga saat jam tenang.',
    quiet: (span: string | null) => `🌙 Jam tenang: ${span ?? 'tidak ada'}`,
    quietOff: '🌙 Tanpa jam tenang',
    language: '🌐 Bahasa: Indonesia',
    saved: 'Tersimpan ✅',
    notLinked: 'Chat ini belum terhubung ke akun P2H. Kirim /start NOMOR_HP terlebih dahulu.',
  },
  en: {
    title: '⚙️ <b>Notification settings</b>',
    intro: 'Press a button to change it. ABNORMAL (stop operation) always goes out, also during quiet hours.',
    quiet: (span: string | null) => `🌙 Quiet hours: ${span ?? 'none'}`,
    quietOff: '🌙 No quiet hours',
    language: '🌐 Language: English',
    saved: 'Saved ✅',
    notLinked: 'This chat is not linked to a P2H account yet. Send /start PHONE_NUMBER first.',
  },
} as const;

export const settingsText = (language: Language) => TEXT[language];

/** The modes a topic may take: ABNORMAL is never off. */
export const modesOf = (topic: PreferenceTopic): readonly DeliveryMode[] => (topic === 'p2h_abnormal' ? ['on', 'silent'] : ['on', 'silent', 'off']);

const TOPICS: readonly PreferenceTopic[] = ['p2h_warning', 'p2h_abnormal', 'defects', 'expiry', 'daily_summary'];

export function renderSettings(prefs: NotificationPreferences): { text: string; keyboard: InlineKeyboardButton[][] } {
  const lang = prefs.language;
  const t = TEXT[lang];
  const span = prefs.quiet_hours_start && prefs.quiet_hours_end ? `${prefs.quiet_hours_start}–${prefs.quiet_hours_end}` : null;
  const lines = [t.title, '', ...TOPICS.map((topic) => `${TOPIC_LABEL[lang][topic]}: ${MODE_LABEL[lang][prefs[topic]]}`), t.quiet(span), t.language, '', t.intro];
  const mark = (chosen: boolean, label: string) => (chosen ? `✓ ${label}` : label);
  const keyboard: InlineKeyboardButton[][] = [];
  for (const topic of TOPICS) {
    keyboard.push([{ text: TOPIC_LABEL[lang][topic], callback_data: 'settings:noop' }]);
    keyboard.push(modesOf(topic).map((mode) => ({ text: mark(prefs[topic] === mode, MODE_LABEL[lang][mode]), callback_data: `settings:${topic}:${mode}` })));
  }
  keyboard.push([
    { text: mark(span === null, t.quietOff), callback_data: 'settings:quiet:off' },
    ...QUIET_PRESETS.map((p, index) => ({ text: mark(span === `${p.start}–${p.end}`, `🌙 ${p.start}–${p.end}`), callback_data: `settings:quiet:${index}` })),
  ]);
  keyboard.push([
    { text: mark(lang === 'id', '🇮🇩 Indonesia'), callback_data: 'settings:language:id' },
    { text: mark(lang === 'en', '🇬🇧 English'), callback_data: 'settings:language:en' },
  ]);
  return { text: lines.join('\n'), keyboard };
}

/** A pressed button as a change, or 'noop' for a label, or undefined for anything forged. */
export function parseSettingsButton(data: string | undefined): NotificationPreferencesUpdate | 'noop' | undefined {
  if (data === 'settings:noop') return 'noop';
  const topic = /^settings:(p2h_warning|p2h_abnormal|defects|expiry|daily_summary):(on|silent|off)$/.exec(data ?? '');
  if (topic) {
    const [, name, mode] = topic as unknown as [string, PreferenceTopic, DeliveryMode];
    if (!modesOf(name).includes(mode)) return undefined;
    return { [name]: mode } as NotificationPreferencesUpdate;
  }
  const language = /^settings:language:(id|en)$/.exec(data ?? '');
  if (language) return { language: language[1] as Language };
  const quiet = /^settings:quiet:(off|[0-9])$/.exec(data ?? '');
  if (quiet) {
    if (quiet[1] === 'off') return { quiet_hours_start: null, quiet_hours_end: null };
    const preset = QUIET_PRESETS[Number(quiet[1])];
    return preset ? { quiet_hours_start: preset.start, quiet_hours_end: preset.end } : undefined;
  }
  return undefined;
}
