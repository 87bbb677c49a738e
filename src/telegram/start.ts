import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config/config.js';
import type { DefectsService } from '../defects/service.js';
import type { PreferencesService } from '../preferences/service.js';
import type { TelegramLinkService } from '../users/telegram-link.js';
import { createBot, runBot } from './bot.js';

/** Starts long polling when TELEGRAM_BOT_TOKEN is set; says so plainly when it is not. */
export function startTelegramBot(
  config: Config,
  services: { links: TelegramLinkService; defects: DefectsService; preferences: PreferencesService },
  log: FastifyBaseLogger,
): { stop(): Promise<void> } | undefined {
  const { botToken, apiRoot, linkMode } = config.telegram;
  if (!botToken) {
    log.info('TELEGRAM_BOT_TOKEN is not set: the Telegram bot is off');
    return undefined;
  }
  const bot = createBot({ token: botToken, apiRoot, linkMode, links: services.links, defects: services.defects, preferences: services.preferences, log });
  log.info({ linkMode }, 'starting the Telegram bot');
  return runBot(bot, log);
}
