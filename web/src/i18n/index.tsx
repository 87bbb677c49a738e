import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { isApiError, type ErrorDetail } from '../api/client';
import { apiErrorText, detailErrorText } from './api-errors';
import { en } from './en';
import { id, type MessageKey } from './id';
import { initialLang, LANG_STORAGE_KEY, type Lang } from './lang';

export type { MessageKey } from './id';
export type { Lang } from './lang';

type Vars = Record<string, string | number>;

const DICTIONARIES: Record<Lang, Record<MessageKey, string>> = { id, en };
const LOCALES: Record<Lang, string> = { id: 'id-ID', en: 'en-GB' };

function fill(template: string, vars?: Vars): string {
  if (!vars) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in vars ? String(vars[name]) : whole));
}

export interface I18n {
  lang: Lang;
  setLang(lang: Lang): void;
  t(key: MessageKey, vars?: Vars): string;
  /** A failure as the user should read it: by payload.code, else the server's own message. */
  errorText(error: unknown): string;
  /** A validation detail (next to its field). */
  detailText(detail: ErrorDetail): string;
  /** 2026-01-21 → "21 Jan 2026" */
  formatDate(isoDate: string): string;
  formatDateTime(iso: string): string;
  formatTime(iso: string | Date): string;
}

const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  const setLang = useCallback((next: Lang) => {
    setLangState(next);
    try {
      localStorage.setItem(LANG_STORAGE_KEY, next);
    } catch {
      // the choice just won't survive a reload
    }
  }, []);

  const value = useMemo<I18n>(() => {
    const dictionary = DICTIONARIES[lang];
    const locale = LOCALES[lang];
    const dateFormat = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
    const dateTimeFormat = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' });
    const timeFormat = new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' });
    const t = (key: MessageKey, vars?: Vars) => fill(dictionary[key] ?? key, vars);
    return {
      lang,
      setLang,
      t,
      errorText(error) {
        if (!isApiError(error)) return t('common.errorTitle');
        const known = apiErrorText(error.code);
        if (!known) return error.message;
        const minutes = Math.max(1, Math.ceil((error.retryAfterSeconds ?? 60) / 60));
        return fill(known[lang], { minutes });
      },
      detailText(detail) {
        const known = detailErrorText(detail.code);
        return known ? known[lang] : detail.message;
      },
      formatDate(isoDate) {
        const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
        return Number.isNaN(date.getTime()) ? isoDate : dateFormat.format(date);
      },
      formatDateTime(iso) {
        const date = new Date(iso);
        return Number.isNaN(date.getTime()) ? iso : dateTimeFormat.format(date);
      },
      formatTime(iso) {
        const date = typeof iso === 'string' ? new Date(iso) : iso;
        return Number.isNaN(date.getTime()) ? String(iso) : timeFormat.format(date);
      },
    };
  }, [lang, setLang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n outside I18nProvider');
  return context;
}
