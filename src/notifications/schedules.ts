/**
 * The worker's daily notices: document expiry (EXPIRY_ALERT_MODE: one digest a day, or one message
 * per document) and the daily summary, wired from the services so the runtime and the CLI commands
 * run the same jobs.
 */
import type { Logger } from 'pino';
import type { ScheduleClaims } from '../cluster/schedule-claims.js';
import type { Config } from '../config/config.js';
import type { Db } from '../db/client.js';
import type { PreferencesService } from '../preferences/service.js';
import type { TelegramLinkService } from '../users/telegram-link.js';
import type { VehiclesService } from '../vehicles/service.js';
import { queueDailySummary, type SummaryDeps } from './daily-summary.js';
import { queueExpiryDigest, type DigestDeps } from './digest.js';
import { scanExpiringDocuments } from './expiry-scan.js';
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

/**
 * Starts the expiry job (in its mode) and the daily summary, each run once per due time by whichever
 * worker claims it; returns their stops.
 */
export function scheduleDailyNotices(options: {
  services: NoticeServices;
  db: Db;
  config: Config;
  claims: ScheduleClaims;
  clock: () => Date;
  log: Pick<Logger, 'info' | 'warn' | 'error'>;
}): { stop(): Promise<void> } {
  const { services, db, config, claims, clock, log } = options;
  const daily = { timeZone: config.timezone, claims, now: clock, log };
  const expiry =
    config.expiryAlertMode === 'digest'
      ? scheduleDaily({
          ...daily,
          job: 'expiry-digest',
          name: 'document expiry digest',
          at: config.expiryCheckAt,
          catchUp: 'today',
          run: () => queueExpiryDigest(digestDeps(services, db, config), clock(), config.timezone),
        })
      : scheduleDaily({
          ...daily,
          job: 'expiry-scan',
          name: 'document expiry scan',
          at: config.expiryCheckAt,
          // Each document's due alert, past thresholds included: a scan after days down catches up on all.
          catchUp: 'latest',
          run: () => scanExpiringDocuments(services, clock(), config.timezone),
        });
  const summary = scheduleDaily({
    ...daily,
    job: 'daily-summary',
    name: 'daily summary',
    at: config.dailySummaryAt,
    catchUp: 'today',
    run: () => queueDailySummary(summaryDeps(services, db, config), clock(), config.timezone),
  });
  return {
    stop: async () => {
      await Promise.all([expiry.stop(), summary.stop()]);
    },
  };
}
