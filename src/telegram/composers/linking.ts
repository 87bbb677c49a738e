import { languageFromTelegram } from '../../preferences/rules.js';
import type { PreferencesService } from '../../preferences/service.js';
import { Composer, type Context } from 'grammy';
import type { TelegramLinkMode } from '../../config/config.js';
import type { ErrorCode } from '../../lib/error-codes.js';
import { DomainError } from '../../lib/errors.js';
import { normalizePhone } from '../../users/phone.js';
import type { ChatIdentity, LinkedUser, TelegramLinkService } from '../../users/telegram-link.js';
import { languageOf } from '../language.js';
import { botText, HTML, type BotText } from '../messages.js';
import { PendingClaims } from '../pending-claims.js';

const TOKEN_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;
const CONFIRM_TTL_MS = 10 * 60_000;
const REMOVE_KEYBOARD = { reply_markup: { remove_keyboard: true as const } };

export type StartArgument =
  | { kind: 'empty' }
  | { kind: 'phone'; e164: string; typed: string }
  | { kind: 'token'; token: string }
  | { kind: 'bad' };

/** What follows /start, read once: the guards limit phone attempts and linking acts on the same reading. */
export function parseStartArgument(match: string): StartArgument {
  const argument = match.trim();
  if (argument === '') return { kind: 'empty' };
  const phone = argument.length <= 30 ? normalizePhone(argument) : undefined;
  if (phone?.ok) return { kind: 'phone', e164: phone.e164, typed: argument };
  if (TOKEN_PATTERN.test(argument)) return { kind: 'token', token: argument };
  return { kind: 'bad' };
}

export interface LinkingOptions {
  links: TelegramLinkService;
  /** A new link's first language comes from Telegram's language_code (until the person chooses). */
  preferences: Pick<PreferencesService, 'setLanguageIfUnset' | 'get'>;
  linkMode: TelegramLinkMode;
  now: () => number;
}

/**
 * Step 3: linking a private chat to a P2H account. By default a typed phone number is only a claim;
 * the link is made when Telegram confirms it (the sender shares their own contact) or through a
 * one-time link from the web profile.
 */
export function linking({ links, preferences, linkMode, now }: LinkingOptions): Composer<Context> {
  const pending = new PendingClaims(CONFIRM_TTL_MS, now);
  const composer = new Composer();
  const messages = composer.on('message');

  const chatOf = (ctx: Context): ChatIdentity => ({ chatId: String(ctx.chat!.id), username: ctx.from?.username ?? null });

  const link = async (ctx: Context, how: () => Promise<LinkedUser>, typed?: string) => {
    try {
      const user = await how();
      pending.delete(String(ctx.chat!.id));
      await preferences.setLanguageIfUnset(user.id, languageFromTelegram(ctx.from?.language_code));
      // The account's language now, not the update's: a person who chose one before keeps it.
      const { language } = await preferences.get(user.id);
      await ctx.reply(botText[language].linked(user), { ...HTML, ...REMOVE_KEYBOARD });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      await ctx.reply(refusal(botText[await languageOf(ctx)], error.code, typed), { ...HTML, ...REMOVE_KEYBOARD });
    }
  };

  messages.command('start', async (ctx) => {
    const argument = parseStartArgument(ctx.match);
    const t = botText[await languageOf(ctx)];
    if (argument.kind === 'empty') return void (await ctx.reply(t.welcome(), HTML));
    if (argument.kind === 'phone') {
      const chat = chatOf(ctx);
      if (linkMode === 'phone') return link(ctx, () => links.linkByPhone(argument.e164, chat, 'phone'), argument.typed);
      // Verified: the same answer whether the number is registered or not. Only its owner, once the
      // shared contact proves the number, learns whether it is known and whose it is.
      const holder = await links.findByChat(chat.chatId);
      if (holder && holder.phoneNumber !== argument.e164) return void (await ctx.reply(t.chatTaken(), HTML));
      pending.set(chat.chatId, { phone: argument.e164, typed: argument.typed });
      await ctx.reply(t.confirmContact(argument.typed), {
        ...HTML,
        reply_markup: { keyboard: [[{ text: t.shareButton, request_contact: true }]], one_time_keyboard: true, resize_keyboard: true },
      });
      return;
    }
    if (argument.kind === 'token') {
      const userId = await links.redeemToken(argument.token);
      if (userId === undefined) return void (await ctx.reply(t.tokenInvalid(), HTML));
      return link(ctx, () => links.linkById(userId, chatOf(ctx), 'token'));
    }
    await ctx.reply(t.badArgument(), HTML);
  });

  messages.on('message:contact', async (ctx) => {
    const contact = ctx.message.contact;
    const t = botText[await languageOf(ctx)];
    // Only the sender's own card proves the number: not a forwarded one, not someone else's.
    if (ctx.message.forward_origin || contact.user_id !== ctx.from.id) {
      return void (await ctx.reply(t.contactNotYours(), { ...HTML, ...REMOVE_KEYBOARD }));
    }
    const shared = normalizePhone(contact.phone_number);
    const live = pending.get(String(ctx.chat.id));
    if (!shared.ok) return void (await ctx.reply(t.phoneNotFound(contact.phone_number), { ...HTML, ...REMOVE_KEYBOARD }));
    if (live && live.phone !== shared.e164) {
      return void (await ctx.reply(t.contactMismatch(live.typed, contact.phone_number), { ...HTML, ...REMOVE_KEYBOARD }));
    }
    await link(ctx, () => links.linkByPhone(shared.e164, chatOf(ctx), 'contact'), contact.phone_number);
  });

  return composer;
}

/** The refusals a user can act on; anything else the service says reads as a bad argument. */
function refusal(t: BotText, code: ErrorCode, typed: string | undefined): string {
  switch (code) {
    case 'CHAT_ALREADY_LINKED':
      return t.chatTaken();
    case 'ACCOUNT_LINKED_ELSEWHERE':
      return t.accountLinkedElsewhere();
    case 'ACCOUNT_INACTIVE':
      return t.accountInactive();
    case 'PHONE_NOT_FOUND':
    case 'USER_NOT_FOUND':
      return t.phoneNotFound(typed ?? '');
    default:
      return t.badArgument();
  }
}
