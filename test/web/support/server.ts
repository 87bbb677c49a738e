import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { buildApp, type App } from '../../../src/app.js';
import { loadConfig } from '../../../src/config/config.js';
import { seedDemo } from '../../../src/demo/seed.js';
import { startDelivery, type RunningDelivery } from '../../../src/notifications/start.js';
import { createTestDatabase } from '../../support/db.js';

export const BOT_USERNAME = 'p2h_web_test_bot';

export interface WebServer {
  url: string;
  app: App;
  /** the server's clock (ahead of the real one: see startWebServer) */
  now(): Date;
  /** Bot API calls the fake Telegram received (method, content type, body size), with `telegram: 'deliver'` */
  telegramCalls(): TelegramCall[];
  close(): Promise<void>;
}

export interface TelegramCall {
  method: string;
  contentType: string;
  bytes: number;
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
  const telegram = await startFakeGetMe(deliver);
  const database = await createTestDatabase('postgres');
  // Photos go to a folder of this server, never the checkout's ./data.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'p2h-web-test-'));
  const config = loadConfig({
    DATA_DIR: dataDir,
    JWT_SECRET: 'web-test-secret-that-is-at-least-32-characters',
    P2H_DEMO: '1',
    TELEGRAM_BOT_TOKEN: '123456:web-test-token-abcdefghijklmnop',
    TELEGRAM_API_ROOT: telegram.url,
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
    delivery = await startDelivery({ config, database, outbox: app.services.outbox, links: app.services.telegramLinks, photos: app.services.photos, log });
  }
  return {
    url: address,
    app,
    now: clock,
    telegramCalls: () => [...telegram.calls],
    async close() {
      await delivery?.stop();
      await app.http.close();
      await database.close();
      await new Promise((resolve) => telegram.server.close(resolve));
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

async function startFakeGetMe(acceptSends: boolean): Promise<{ url: string; server: http.Server; calls: TelegramCall[] }> {
  const calls: TelegramCall[] = [];
  let messageId = 0;
  const server = http.createServer(async (request, response) => {
    response.setHeader('content-type', 'application/json');
    let bytes = 0;
    for await (const chunk of request) bytes += (chunk as Buffer).length;
    const method = request.url?.split('/').pop()?.split('?')[0] ?? '';
    calls.push({ method, contentType: String(request.headers['content-type'] ?? ''), bytes });
    if (acceptSends && /^send/.test(method)) {
      messageId += 1;
      const message = { message_id: messageId, date: Math.floor(Date.now() / 1000), chat: { id: -1001234567890, type: 'supergroup', title: 'P2H' } };
      response.end(JSON.stringify({ ok: true, result: method === 'sendMediaGroup' ? [message] : message }));
    } else if (request.url?.endsWith('/getMe')) {
      response.end(JSON.stringify({ ok: true, result: { id: 123456, is_bot: true, first_name: 'P2H', username: BOT_USERNAME } }));
    } else {
      response.statusCode = 404;
      response.end(JSON.stringify({ ok: false, error_code: 404, description: 'Not Found' }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, calls };
}
