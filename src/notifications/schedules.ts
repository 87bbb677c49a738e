/**
 * The worker's daily notices: document expiry (EXPIRY_ALERT_MODE: one digest a day, or one message
 * per document) and the daily summary, wired from the services so the runtime and the CLI commands
 * run the same jobs.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../config/config.js';
import type { Db } from '../db/client.js';
import type { PreferencesService } from '../preferences/service.js';
import type { TelegramLinkService } from '../users/telegram-link.js';
import type { VehiclesService } from '../vehicles/service.js';
import { queueDailySummary, type SummaryDeps } from './daily-summary.js';
import { queueExpiryDigest, type DigestDeps } from './digest.js';
import { scanExpiringDocuments, scheduleExpiryScan } from './expiry-scan.js';
import type { Outbox } from './outbox.js';
import { routeAdminAlert } from './routing.js';
import { scheduleDaily } from './schedule-daily.js';

interface NoticeServices {
  vehicles: VehiclesService;
  outbox: Outbox;
  telegramLinks: TelegramLinkService;
  preferences: PreferencesService;
}

export function digestDeps(services: NoticeServices, db: Db, config: Config): DigestDeps {
  return { db, vehicles: services.vehicles, outbox: services.outbox, route: routeAdminAlert(config.telegram.chatId, config.telegram.botToken !== undefined) };
}

export function summaryDeps(services: NoticeServices, db: Db, config: Config): SummaryDeps {
  const botConfigured = config.telegram.botToken !== undefined;
  return {
    db,
    vehicles: services.vehicles,
    telegramLinks: services.telegramLinks,
    preferences: services.preferences,
    outbox: services.outbox,
    groupRoute: routeAdminAlert(config.telegram.chatId, botConfigured),
    botConfigured,
  };
}

/** Expiry alerts in the configured mode, once now; what `npm run expiry:check` runs. */
export async function runExpiryAlerts(services: NoticeServices, db: Db, config: Config, now: Date) {
  if (config.expiryAlertMode === 'digest') return { mode: 'digest' as const, ...(await queueExpiryDigest(digestDeps(services, db, config), now, config.timezone)) };
  return { mode: 'each' as const, ...(await scanExpiringDocuments(services, now, config.timezone)) };
}

/** Starts the expiry job (in its mode) and the daily summary; returns their stops. */
export function scheduleDailyNotices(options: { services: NoticeServices; db: Db; config: Config; clock: () => Date; log: FastifyBaseLogger }): { stop(): void } {
  const { services, db, config, clock, log } = options;
  const expiry =
    config.expiryAlertMode === 'digest'
      ? scheduleDaily({
          name: 'document expiry digest',
          at: config.expiryCheckAt,
          timeZone: config.timezone,
          now: clock,
          run: () => queueExpiryDigest(digestDeps(services, db, config), clock(), config.timezone),
          log,
        })
      : scheduleExpiryScan({ at: config.expiryCheckAt, timeZone: config.timezone, run: () => scanExpiringDocuments(services, clock(), config.timezone), log });
  const summary = scheduleDaily({
    name: 'daily summary',
    at: config.dailySummaryAt,
    timeZone: config.timezone,
    now: clock,
    run: () => queueDailySummary(summaryDeps(services, db, config), clock(), config.timezone),
    log,
  });
  return {
    stop: () => {
      expiry.stop();
      summary.stop();
    },
  };
}
