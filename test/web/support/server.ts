import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildApp, type App } from '../../../src/app.js';
import { loadConfig } from '../../../src/config/config.js';
import { seedDemo } from '../../../src/demo/seed.js';
import { startDelivery, type RunningDelivery } from '../../../src/notifications/start.js';
import { DEFAULT_TOKEN, startFakeTelegram, type FakeTelegram } from '../../fake-telegram/server.js';
import { createTestDatabase } from '../../support/db.js';

export const BOT_USERNAME = 'p2h_web_test_bot';

export interface WebServer {
  url: string;
  app: App;
  /** the server's clock (ahead of the real one: see startWebServer) */
  now(): Date;
  /** The project's fake Bot API the server talks to: it records what was sent (messages, photos with their bytes' sha256). */
  telegram: FakeTelegram;
  close(): Promise<void>;
}


export interface WebServerOptions {
  /** 'deliver': run the delivery worker, alerts go to a group chat, the fake Bot API accepts send* calls and records them */
  telegram?: 'getMe' | 'deliver';
}

/**
 * The real server (API + built web app from dist/web) on a fresh PostgreSQL database with the demo
 * data, on a free port. Its clock runs at real speed from the next 14:30 WITA, where a driver may file
 * shift 1 (late) or shift 2 (early) and the demo's report of today is shift 1; always ahead of the
 * browser's clock, so nothing the server dates looks expired to the page. A tiny stand-in for Telegram answers getMe, so the
 * one-time link works; nothing leaves this machine.
 */
export async function startWebServer(options: WebServerOptions = {}): Promise<WebServer> {
  const deliver = options.telegram === 'deliver';
  const telegram = await startFakeTelegram({ bot: { username: BOT_USERNAME } });
  const database = await createTestDatabase('postgres');
  // Photos go to a folder of this server, never the checkout's ./data.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'p2h-web-test-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    JWT_SECRET: 'web-test-secret-that-is-at-least-32-characters',
    P2H_DEMO: '1',
    TELEGRAM_BOT_TOKEN: DEFAULT_TOKEN,
    TELEGRAM_API_ROOT: telegram.apiRoot,
    ...(deliver ? { TELEGRAM_CHAT_ID: '-1001234567890' } : {}),
  });
  const offset = untilNextWita(14, 30);
  const clock = () => new Date(Date.now() + offset);
  const app = await buildApp({ config, database, jwtSecret: config.jwtSecret!, logger: false, clock });
  await app.services.checklist.installDefaults();
  await seedDemo(app.services, config.timezone, clock());
  const address = await app.http.listen({ port: 0, host: '127.0.0.1' });
  let delivery: RunningDelivery | undefined;
  if (deliver) {
    const log = app.http.log;
    delivery = await startDelivery({ config, database, outbox: app.services.outbox, links: app.services.telegramLinks, photos: app.services.photos, log, now: clock });
  }
  return {
    url: address,
    app,
    now: clock,
    telegram,
    async close() {
      await delivery?.stop();
      await app.http.close();
      await database.close();
      await telegram.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Milliseconds from now to the next hour:minute in WITA (UTC+8, no daylight saving). */
function untilNextWita(hour: number, minute: number): number {
  const now = Date.now();
  const target = new Date(now);
  target.setUTCHours(hour - 8, minute, 0, 0);
  while (target.getTime() <= now) target.setUTCDate(target.getUTCDate() + 1);
  return target.getTime() - now;
}
