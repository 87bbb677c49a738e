import { pino } from 'pino';
import { after, before } from 'node:test';
import type { TelegramLinkMode } from '../../src/config/config.js';
import { createBot, runBot } from '../../src/telegram/bot.js';
import { DEFAULT_TOKEN, startFakeTelegram, type FakeTelegram } from '../fake-telegram/server.js';
import type { TestContext } from '../support/app.js';

export const silentLog = pino({ level: 'silent' });

/** Starts a fake Telegram and the real bot polling it, for the suite's test app. */
export function useBot(ctx: () => TestContext, linkMode: TelegramLinkMode = 'verified', shared?: FakeTelegram): () => FakeTelegram {
  let fake: FakeTelegram | undefined;
  let runner: { stop(): Promise<void> } | undefined;
  before(async () => {
    fake = shared ?? (await startFakeTelegram({ maxPollSeconds: 1 }));
    const bot = createBot({ token: DEFAULT_TOKEN, apiRoot: fake.apiRoot, linkMode, links: ctx().app.services.telegramLinks, log: silentLog, now: () => ctx().clock.now.getTime() });
    runner = runBot(bot, silentLog);
    await fake.waitForCalls('getUpdates', 1, 10_000);
  });
  after(async () => {
    await runner?.stop();
    if (!shared) await fake?.close();
  });
  return () => fake!;
}
