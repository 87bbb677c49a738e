import { Composer, type Context } from 'grammy';
import { ChatRateLimiter } from '../chat-rate-limit.js';
import { languageOf } from '../language.js';
import { botText, HTML } from '../messages.js';
import { parseStartArgument } from './linking.js';

/** /start NOMOR_HP tries per Telegram user: enough for typos, too few to probe who is registered. */
export const START_ATTEMPTS = { max: 5, windowMs: 10 * 60_000 };
const FLOOD = { max: 6, windowMs: 10_000 };

/**
 * Step 1: what must stop an update before any feature sees it. Installed first, and outside the
 * error boundary: none of it touches the database, except for the language of a refusal (one read,
 * already behind the flood limit; when it fails the refusal goes out in Telegram's language).
 */
export function guards(now: () => number): Composer<Context> {
  const limiter = new ChatRateLimiter(FLOOD, now);
  const startAttempts = new ChatRateLimiter(START_ATTEMPTS, now);
  const composer = new Composer();

  // Telegram never sends these, but a forged or broken update must stop here, not in a handler.
  composer.use((ctx, next) => (isWellFormed(ctx.update) ? next() : undefined));

  // Buttons too: each press may write to the database. Every press is answered (or Telegram spins).
  composer.on('callback_query', async (ctx, next) => {
    if (ctx.from.is_bot) return;
    if (limiter.hit(`button:${ctx.from.id}`) === 'allow') return next();
    await ctx.answerCallbackQuery({ text: botText[await languageOf(ctx)].slowDown() });
  });

  const messages = composer.on('message');

  // Throttle every chat before anything touches the database.
  messages.use(async (ctx, next) => {
    if (!ctx.from || ctx.from.is_bot) return;
    const verdict = limiter.hit(String(ctx.chat.id));
    if (verdict === 'allow') return next();
    if (verdict === 'warn') await ctx.reply(botText[await languageOf(ctx)].slowDown());
  });

  messages.use(async (ctx, next) => {
    if (ctx.chat.type === 'private') return next();
    if (ctx.message.text?.startsWith('/')) await ctx.reply(botText[await languageOf(ctx)].privateOnly());
  });

  // Per Telegram user, whatever the chat, and before the number is looked up.
  messages.command('start', async (ctx, next) => {
    if (parseStartArgument(ctx.match).kind !== 'phone') return next();
    if (startAttempts.hit(String(ctx.from.id)) === 'allow') return next();
    await ctx.reply(botText[await languageOf(ctx)].tooManyAttempts(START_ATTEMPTS.windowMs / 60_000), HTML);
  });

  return composer;
}

const isId = (value: unknown) => Number.isSafeInteger(value);
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** The parts of an update the handlers rely on: a chat and a sender, each with a whole-number id. */
export function isWellFormed(update: unknown): boolean {
  if (!isObject(update)) return false;
  const query = update.callback_query;
  if (query !== undefined) {
    // A pressed button acts as its sender: without a whole-number sender id there is nobody to act as.
    if (!isObject(query) || typeof query.id !== 'string' || !isObject(query.from) || !isId(query.from.id)) return false;
    if (query.message !== undefined && (!isObject(query.message) || !isObject(query.message.chat) || !isId(query.message.chat.id))) return false;
    return true;
  }
  const scoped = update.message ?? update.edited_message ?? update.channel_post ?? update.my_chat_member;
  if (scoped === undefined) return true;
  if (!isObject(scoped) || !isObject(scoped.chat) || !isId(scoped.chat.id)) return false;
  return scoped.from === undefined || (isObject(scoped.from) && isId(scoped.from.id));
}
