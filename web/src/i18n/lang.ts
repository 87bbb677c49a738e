export type Lang = 'id' | 'en';
export const LANGS: Lang[] = ['id', 'en'];
export const LANG_STORAGE_KEY = 'p2h.lang';

export function initialLang(): Lang {
  try {
    const saved = localStorage.getItem(LANG_STORAGE_KEY);
    if (saved === 'id' || saved === 'en') return saved;
  } catch {
    // storage blocked: fall through to the default
  }
  return 'id'; // Indonesian by default, whatever the browser says
}
