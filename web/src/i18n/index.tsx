import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { isApiError, type ErrorDetail } from '../api/client';
import { apiErrorText, detailErrorText } from './api-errors';
import { en } from './en';
import { EN_SINGULAR } from './en-plurals';
import { formatAge, formatDate, formatDateTime, formatMessage, formatNumber, formatTime } from './format';
import { id, type MessageKey } from './id';
import { initialLang, LANG_STORAGE_KEY, type Lang } from './lang';

export type { MessageKey } from './id';
export type { Lang } from './lang';

type Vars = Record<string, string | number>;

const DICTIONARIES: Record<Lang, Record<MessageKey, string>> = { id, en };
/** The singular of a message whose count {n} is one, where the language has one (Indonesian has none). */
const SINGULARS: Record<Lang, Partial<Record<MessageKey, string>>> = { id: {}, en: EN_SINGULAR };

export function translate(lang: Lang, key: MessageKey, vars?: Vars): string {
  return formatMessage(lang, { other: DICTIONARIES[lang][key] ?? key, one: SINGULARS[lang][key] }, vars);
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
  /** "21 Jan 2026 14.30 WITA" */
  formatDateTime(iso: string): string;
  /** "14.30 WITA" */
  formatTime(iso: string | Date): string;
  /** 1234.5 → "1.234,5"; digits fixes the decimals */
  formatNumber(value: number, digits?: number): string;
  /** "3 jam lalu" */
  formatAge(iso: string): string;
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
    const t = (key: MessageKey, vars?: Vars) => translate(lang, key, vars);
    return {
      lang,
      setLang,
      t,
      errorText(error) {
        if (!isApiError(error)) return t('common.errorTitle');
        const known = apiErrorText(error.code);
        if (!known) return error.message;
        const minutes = Math.max(1, Math.ceil((error.retryAfterSeconds ?? 60) / 60));
        return formatMessage(lang, { other: known[lang] }, { minutes });
      },
      detailText(detail) {
        const known = detailErrorText(detail.code);
        return known ? known[lang] : detail.message;
      },
      formatDate: (isoDate) => formatDate(lang, isoDate),
      formatDateTime: (iso) => formatDateTime(lang, iso),
      formatTime: (iso) => formatTime(lang, iso),
      formatNumber: (value, digits) => formatNumber(lang, value, digits),
      formatAge: (iso) => formatAge(lang, iso),
    };
  }, [lang, setLang]);

  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n outside I18nProvider');
  return context;
}
