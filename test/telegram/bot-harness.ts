import { pino } from 'pino';
import { after, before } from 'node:test';
import { BotError, type Bot } from 'grammy';
import type { FastifyBaseLogger } from 'fastify';
import type { TelegramLinkMode } from '../../src/config/config.js';
import type { TelegramLinkService } from '../../src/users/telegram-link.js';
import { createBot, runBot } from '../../src/telegram/bot.js';
import { DEFAULT_TOKEN, startFakeTelegram, type FakeTelegram } from '../fake-telegram/server.js';
import type { TestContext } from '../support/app.js';

export const silentLog = pino({ level: 'silent' });

/** What a test may swap in: a logger to read, or a links service that fails on purpose. */
export interface BotOverrides {
  log?: FastifyBaseLogger;
  links?: (real: TelegramLinkService) => TelegramLinkService;
}

const botFor = (ctx: () => TestContext, fake: FakeTelegram, linkMode: TelegramLinkMode, overrides: BotOverrides = {}) => {
  const real = ctx().app.services.telegramLinks;
  const links = overrides.links ? overrides.links(real) : real;
  return createBot({
    token: DEFAULT_TOKEN,
    apiRoot: fake.apiRoot,
    linkMode,
    links,
    defects: ctx().app.services.defects,
    preferences: ctx().app.services.preferences,
    log: overrides.log ?? silentLog,
    now: () => ctx().clock.now.getTime(),
  });
};

/**
 * Starts a fake Telegram and the real bot for the suite's test app. Updates sent to the fake go
 * straight to bot.handleUpdate (no polling loop to wait on); the bot's replies still reach the fake
 * over HTTP. A failing update goes to the bot's own error handler, as under polling.
 */
export function useBot(
  ctx: () => TestContext,
  linkMode: TelegramLinkMode = 'verified',
  shared?: FakeTelegram,
  overrides: BotOverrides = {},
): () => FakeTelegram {
  let fake: FakeTelegram | undefined;
  let detach: (() => Promise<void>) | undefined;
  before(async () => {
    fake = shared ?? (await startFakeTelegram());
    const bot: Bot = botFor(ctx, fake, linkMode, overrides);
    await bot.init();
    detach = fake.deliverTo((update) =>
      bot.handleUpdate(update).catch((error: unknown) => {
        if (error instanceof BotError) return bot.errorHandler(error);
        throw error;
      }),
    );
  });
  after(async () => {
    await detach?.();
    if (!shared) await fake?.close();
  });
  return () => fake!;
}

/** The real thing, for the one test of the polling loop end to end: runBot long-polling the fake. */
export function usePollingBot(ctx: () => TestContext, linkMode: TelegramLinkMode = 'verified'): () => FakeTelegram {
  let fake: FakeTelegram | undefined;
  let runner: { stop(): Promise<void> } | undefined;
  before(async () => {
    fake = await startFakeTelegram({ maxPollSeconds: 1 });
    runner = runBot(botFor(ctx, fake, linkMode), silentLog);
    await fake.waitForCalls('getUpdates', 1, 10_000);
  });
  after(async () => {
    await runner?.stop();
    await fake?.close();
  });
  return () => fake!;
}
