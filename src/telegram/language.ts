/**
 * The language of each update's answers: a linked person's stored choice, otherwise Telegram's
 * language_code (Indonesian unless it says English). Asked lazily and once per update, so an update
 * that is answered from memory (a flood warning) or not at all costs no database read.
 */
import type { Context, MiddlewareFn } from 'grammy';
import { languageFromTelegram } from '../preferences/rules.js';
import type { Language } from '../preferences/values.js';

export interface LanguageFlavor {
  /** The language to answer this update in. */
  language(): Promise<Language>;
}

export type BotContext = Context & LanguageFlavor;

/** The stored language of the person behind a Telegram user id, or undefined when they are not linked. */
export type StoredLanguage = (telegramUserId: string) => Promise<Language | undefined>;

/** Installed first: every later step answers in `await languageOf(ctx)`. */
export function languageMiddleware(stored: StoredLanguage): MiddlewareFn<Context> {
  return (ctx, next) => {
    let decided: Promise<Language> | undefined;
    (ctx as BotContext).language = () => (decided ??= decide(ctx, stored));
    return next();
  };
}

async function decide(ctx: Context, stored: StoredLanguage): Promise<Language> {
  const fromTelegram = languageFromTelegram(ctx.from?.language_code);
  // A private chat's id is its user's id: the sender's link, wherever the update comes from.
  if (!ctx.from) return fromTelegram;
  try {
    return (await stored(String(ctx.from.id))) ?? fromTelegram;
  } catch {
    // The database is down: the answer (often "something went wrong") still goes out, in Telegram's language.
    return fromTelegram;
  }
}

/** The update's language; outside the middleware (a context built by hand), Telegram's language_code alone. */
export function languageOf(ctx: Context): Promise<Language> {
  const flavored = ctx as Partial<LanguageFlavor>;
  return flavored.language ? flavored.language() : Promise.resolve(languageFromTelegram(ctx.from?.language_code));
}
