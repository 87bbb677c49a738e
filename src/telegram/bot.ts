import { Bot, GrammyError, type Context } from 'grammy';
import type { FastifyBaseLogger } from 'fastify';
import type { TelegramLinkMode } from '../config/config.js';
import { AppError } from '../http/errors.js';
import { normalizePhone } from '../users/phone.js';
import type { ChatIdentity, LinkedUser, TelegramLinkService } from '../users/telegram-link.js';
import { ChatRateLimiter } from './chat-rate-limit.js';
import { PendingClaims } from './pending-claims.js';
import { errorLogFields } from './describe-error.js';
import { botText } from './messages.js';

export interface BotOptions {
  token: string;
  apiRoot: string;
  linkMode: TelegramLinkMode;
  links: TelegramLinkService;
  log: FastifyBaseLogger;
  now?: () => number;
}

export const BOT_COMMANDS = [
  { command: 'start', description: 'Hubungkan akun: /start NOMOR_HP' },
  { command: 'status', description: 'Cek status koneksi akun' },
  { command: 'unlink', description: 'Putuskan koneksi chat ini' },
  { command: 'help', description: 'Tampilkan bantuan' },
];

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;
const CONFIRM_TTL_MS = 10 * 60_000;
/** /start NOMOR_HP tries per Telegram user: enough for typos, too few to probe who is registered. */
export const START_ATTEMPTS = { max: 5, windowMs: 10 * 60_000 };
const HTML = { parse_mode: 'HTML' as const };
const REMOVE_KEYBOARD = { reply_markup: { remove_keyboard: true as const } };

/**
 * The P2H bot: links a private chat to a P2H account and answers /status, /help and /unlink.
 * By default a typed phone number is only a claim; the link is made when Telegram confirms it
 * (the sender shares their own contact) or through a one-time link from the web profile.
 */
export function createBot(options: BotOptions): Bot {
  const { links, log, linkMode } = options;
  const now = options.now ?? Date.now;
  const bot = new Bot(options.token, { client: { apiRoot: options.apiRoot, timeoutSeconds: 60 } });
  const pending = new PendingClaims(CONFIRM_TTL_MS, now);
  const limiter = new ChatRateLimiter({ max: 6, windowMs: 10_000 }, now);
  const startAttempts = new ChatRateLimiter(START_ATTEMPTS, now);

  bot.catch((error) => {
    log.error({ ...errorLogFields(error.error), update_id: error.ctx.update.update_id }, 'telegram update failed');
  });

  // Telegram never sends these, but a forged or broken update must stop here, not in a handler.
  bot.use((ctx, next) => (isWellFormed(ctx.update) ? next() : undefined));

  // Blocking the bot (or unblocking it) is what decides whether personal alerts can arrive.
  bot.on('my_chat_member', async (ctx) => {
    if (ctx.chat.type !== 'private') return;
    const status = ctx.myChatMember.new_chat_member.status;
    if (status === 'kicked') await links.setReachable(String(ctx.chat.id), false, 'chat_member');
    else if (status === 'member') await links.setReachable(String(ctx.chat.id), true, 'chat_member');
  });

  const messages = bot.on('message');

  // Throttle every chat before anything touches the database.
  messages.use(async (ctx, next) => {
    if (!ctx.from || ctx.from.is_bot) return;
    const verdict = limiter.hit(String(ctx.chat.id));
    if (verdict === 'allow') return next();
    if (verdict === 'warn') await ctx.reply(botText.slowDown());
  });

  messages.use(async (ctx, next) => {
    if (ctx.chat.type === 'private') return next();
    if (ctx.message.text?.startsWith('/')) await ctx.reply(botText.privateOnly());
  });

  const chatOf = (ctx: Context): ChatIdentity => ({ chatId: String(ctx.chat!.id), username: ctx.from?.username ?? null });

  const link = async (ctx: Context, how: () => Promise<LinkedUser>, typed?: string) => {
    try {
      const user = await how();
      pending.delete(String(ctx.chat!.id));
      await ctx.reply(botText.linked(user), { ...HTML, ...REMOVE_KEYBOARD });
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      const reply =
        error.code === 'CHAT_ALREADY_LINKED'
          ? botText.chatTaken()
          : error.code === 'ACCOUNT_LINKED_ELSEWHERE'
            ? botText.accountLinkedElsewhere()
            : error.code === 'ACCOUNT_INACTIVE'
            ? botText.accountInactive()
            : error.code === 'PHONE_NOT_FOUND' || error.code === 'USER_NOT_FOUND'
              ? botText.phoneNotFound(typed ?? '')
              : botText.badArgument();
      await ctx.reply(reply, { ...HTML, ...REMOVE_KEYBOARD });
    }
  };

  messages.command('start', async (ctx) => {
    const argument = ctx.match.trim();
    if (argument === '') return void (await ctx.reply(botText.welcome(), HTML));
    const phone = argument.length <= 30 ? normalizePhone(argument) : undefined;
    if (phone?.ok) {
      // Per Telegram user, whatever the chat, and before the number is looked up.
      if (startAttempts.hit(String(ctx.from.id)) !== 'allow') {
        return void (await ctx.reply(botText.tooManyAttempts(START_ATTEMPTS.windowMs / 60_000), HTML));
      }
      const chat = chatOf(ctx);
      if (linkMode === 'phone') return link(ctx, () => links.linkByPhone(phone.e164, chat, 'phone'), argument);
      // Verified: the same answer whether the number is registered or not. Only its owner, once the
      // shared contact proves the number, learns whether it is known and whose it is.
      const holder = await links.findByChat(chat.chatId);
      if (holder && holder.phoneNumber !== phone.e164) return void (await ctx.reply(botText.chatTaken(), HTML));
      pending.set(chat.chatId, { phone: phone.e164, typed: argument });
      await ctx.reply(botText.confirmContact(argument), {
        ...HTML,
        reply_markup: { keyboard: [[{ text: botText.shareButton, request_contact: true }]], one_time_keyboard: true, resize_keyboard: true },
      });
      return;
    }
    if (TOKEN_PATTERN.test(argument)) {
      const userId = await links.redeemToken(argument);
      if (userId === undefined) return void (await ctx.reply(botText.tokenInvalid(), HTML));
      return link(ctx, () => links.linkById(userId, chatOf(ctx), 'token'));
    }
    await ctx.reply(botText.badArgument(), HTML);
  });

  messages.on('message:contact', async (ctx) => {
    const contact = ctx.message.contact;
    // Only the sender's own card proves the number: not a forwarded one, not someone else's.
    if (ctx.message.forward_origin || contact.user_id !== ctx.from.id) {
      return void (await ctx.reply(botText.contactNotYours(), { ...HTML, ...REMOVE_KEYBOARD }));
    }
    const shared = normalizePhone(contact.phone_number);
    const chatId = String(ctx.chat.id);
    const live = pending.get(chatId);
    if (!shared.ok) return void (await ctx.reply(botText.phoneNotFound(contact.phone_number), { ...HTML, ...REMOVE_KEYBOARD }));
    if (live && live.phone !== shared.e164) {
      return void (await ctx.reply(botText.contactMismatch(live.typed, contact.phone_number), { ...HTML, ...REMOVE_KEYBOARD }));
    }
    await link(ctx, () => links.linkByPhone(shared.e164, chatOf(ctx), 'contact'), contact.phone_number);
  });

  messages.command('status', async (ctx) => {
    const user = await links.findByChat(String(ctx.chat.id));
    await ctx.reply(botText.status(user && { full_name: user.fullName, phone_number: user.phoneNumber, role: user.role }), HTML);
  });

  messages.command(['unlink', 'stop'], async (ctx) => {
    const user = await links.unlinkChat(String(ctx.chat.id));
    await ctx.reply(botText.unlinked(user && { full_name: user.fullName, phone_number: user.phoneNumber, role: user.role }), HTML);
  });

  messages.command('help', (ctx) => ctx.reply(botText.help(), HTML));

  messages.on('message', (ctx) => ctx.reply(botText.hint(), HTML));

  return bot;
}

const isId = (value: unknown) => Number.isSafeInteger(value);
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** The parts of an update the handlers rely on: a chat and a sender, each with a whole-number id. */
export function isWellFormed(update: unknown): boolean {
  if (!isObject(update)) return false;
  const scoped = update.message ?? update.edited_message ?? update.channel_post ?? update.my_chat_member;
  if (scoped === undefined) return true;
  if (!isObject(scoped) || !isObject(scoped.chat) || !isId(scoped.chat.id)) return false;
  return scoped.from === undefined || (isObject(scoped.from) && isId(scoped.from.id));
}

/**
 * Runs long polling until stop() is called. A failure to start (network down, Telegram
 * unreachable) is retried with backoff instead of taking the whole process down.
 */
export function runBot(bot: Bot, log: FastifyBaseLogger): { stop(): Promise<void> } {
  let stopped = false;
  let delay = 1_000;
  let wake: (() => void) | undefined;
  const loop = async () => {
    while (!stopped) {
      try {
        await bot.api.setMyCommands(BOT_COMMANDS);
        await bot.start({
          drop_pending_updates: false,
          allowed_updates: ['message', 'my_chat_member'],
          onStart: (me) => {
            delay = 1_000;
            log.info({ bot: me.username }, 'telegram bot polling');
          },
        });
      } catch (error) {
        if (stopped) break;
        const unauthorized = error instanceof GrammyError && error.error_code === 401;
        log.error(errorLogFields(error), unauthorized ? 'telegram rejected TELEGRAM_BOT_TOKEN' : 'telegram bot stopped; retrying');
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, delay).unref();
        });
        delay = Math.min(delay * 2, 60_000);
      }
    }
  };
  const running = loop();
  return {
    async stop() {
      stopped = true;
      wake?.();
      if (bot.isRunning()) await bot.stop();
      await running;
    },
  };
}
