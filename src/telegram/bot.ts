import { Bot, GrammyError } from 'grammy';
import type { FastifyBaseLogger } from 'fastify';
import type { TelegramLinkMode } from '../config/config.js';
import type { DefectsService } from '../defects/service.js';
import type { PreferencesService } from '../preferences/service.js';
import type { TelegramLinkService } from '../users/telegram-link.js';
import { account } from './composers/account.js';
import { chatMember } from './composers/chat-member.js';
import { defectButtons } from './composers/defects.js';
import { answerFailure } from './composers/failure.js';
import { fallback } from './composers/fallback.js';
import { guards } from './composers/guards.js';
import { linking } from './composers/linking.js';
import { settings } from './composers/settings.js';
import { errorLogFields } from './describe-error.js';
import { languageMiddleware, type StoredLanguage } from './language.js';
import { BOT_COMMANDS } from './messages.js';

export { isWellFormed, START_ATTEMPTS } from './composers/guards.js';

export interface BotOptions {
  token: string;
  apiRoot: string;
  linkMode: TelegramLinkMode;
  links: TelegramLinkService;
  /** The workshop's buttons (🔧 Tangani, ✅ Selesai) act through it with the API's rights. */
  defects: DefectsService;
  /** /settings reads and changes them, as the web profile does. */
  preferences: PreferencesService;
  log: FastifyBaseLogger;
  now?: () => number;
}

/**
 * The P2H bot: one composer per feature (src/telegram/composers/), installed in this order.
 * An update goes down the steps until one answers it.
 */
export function createBot(options: BotOptions): Bot {
  const { links, defects, preferences, log, linkMode } = options;
  const now = options.now ?? Date.now;
  const bot = new Bot(options.token, { client: { apiRoot: options.apiRoot, timeoutSeconds: 60 } });

  // The last resort: whatever the boundary below does not handle (a reply Telegram refused, a
  // failure in a step outside it) is logged here, without the token, and polling goes on.
  bot.catch((error) => {
    log.error({ ...errorLogFields(error.error), update_id: error.ctx.update.update_id }, 'telegram update failed');
  });

  // 0. The language of the answers, looked up only when a step answers.
  bot.use(languageMiddleware(storedLanguage(links, preferences)));
  // 1. Malformed updates, floods, group chats, too many /start NOMOR_HP tries.
  bot.use(guards(now));
  // 2. Blocked / unblocked: marks the link (un)reachable.
  bot.use(chatMember(links));
  // 3–7. Everything that answers a user, inside a boundary that answers botText[language].failure() when a
  // handler fails (a pressed button gets it as the callback's answer): linking, /status and
  // friends, the workshop's defect buttons and repair notes, /settings, and the fallback for the rest.
  bot.errorBoundary(
    answerFailure(log),
    linking({ links, preferences, linkMode, now }),
    account(links),
    defectButtons({ defects, links, log }),
    settings({ links, preferences }),
    fallback(),
  );

  return bot;
}

/** A linked person's chosen language (also after deactivation: they may still read the answer). */
function storedLanguage(links: TelegramLinkService, preferences: PreferencesService): StoredLanguage {
  return async (telegramUserId) => {
    const user = await links.findByChat(telegramUserId);
    return user ? (await preferences.get(user.id)).language : undefined;
  };
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
        await bot.api.setMyCommands(BOT_COMMANDS.id);
        await bot.api.setMyCommands(BOT_COMMANDS.en, { language_code: 'en' });
        await bot.start({
          drop_pending_updates: false,
          allowed_updates: ['message', 'my_chat_member', 'callback_query'],
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
