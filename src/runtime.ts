import { startBotLease, type BotLease } from './cluster/bot-lease.js';
import { newProcessId, ProcessRegistry, type ProcessRole, type ProcessSelf } from './cluster/process-registry.js';
import { ScheduleClaims } from './cluster/schedule-claims.js';
import { scheduleClaimedJob } from './cluster/scheduled-job.js';
import type { Config } from './config/config.js';
import { createLogger } from './config/logger.js';
import { systemClock } from './lib/clock.js';
import { maskPhone } from './users/phone.js';
import { resolveJwtSecret } from './config/secrets.js';
import { openDatabase } from './db/open.js';
import { printDemoLogins, seedDemo } from './demo/seed.js';
import { scheduleDefectEscalation } from './notifications/defect-escalation.js';
import { scheduleDailyNotices } from './notifications/schedules.js';
import { startDelivery } from './notifications/start.js';
import { schedulePhotoCleanup } from './photos/cleanup.js';
import { buildServices } from './services.js';
import { startTelegramBot } from './telegram/start.js';

/** Which parts run in this process: `npm start` runs them all; the role commands run one each. */
export interface Roles {
  http: boolean;
  worker: boolean;
  bot: boolean;
}

export const ALL_ROLES: Roles = { http: true, worker: true, bot: true };

/** How readiness and system_processes name the roles. */
export function processRoles(roles: Roles): ProcessRole[] {
  return [...(roles.http ? (['api'] as const) : []), ...(roles.worker ? (['worker'] as const) : []), ...(roles.bot ? (['bot'] as const) : [])];
}

/** Starts the parts of P2H this process runs, and stops them in order on SIGINT/SIGTERM. */
export async function runSystem(config: Config, roles: Roles): Promise<void> {
  const log = createLogger({ level: config.logLevel });
  if (!config.databaseUrl && !(roles.http && roles.worker && roles.bot)) {
    throw new Error(
      'This command needs DATABASE_URL: the embedded database (PGlite) cannot be shared between processes. ' +
        'Without PostgreSQL, `npm start` runs everything in one process.',
    );
  }
  const database = await openDatabase(config, (error) => log.error({ err: error }, 'database connection error'));
  await database.migrate();
  const services = buildServices({ config, database, clock: systemClock, log });
  const { users, checklist, defects, outbox, telegramLinks, photos, clock } = services;
  const runsBot = roles.bot && config.telegram.botToken !== undefined;
  let botLease: BotLease | undefined;
  const self: ProcessSelf = {
    id: newProcessId(),
    roles: processRoles(roles),
    // Without a lease (PGlite: one process) the bot simply polls.
    botState: () => (runsBot ? (botLease?.state() ?? 'leader') : null),
  };
  // Only a process with the http role builds (or even loads) Fastify, swagger and the web app.
  const http = roles.http ? await buildHttpRole(services, { config, database, jwtSecret: resolveJwtSecret(config), logger: log, process: self }) : undefined;
  const stops: (() => Promise<void> | void)[] = [];
  const registry = new ProcessRegistry(database.db, clock, self, log);
  await registry.start();
  stops.push(() => registry.stop());
  const claims = new ScheduleClaims(database.db, self.id, clock);

  if (await checklist.installDefaults()) log.info('installed the default 39-item checklist');
  if (config.admin && (await users.bootstrapSuperadmin(config.admin))) {
    log.info({ phone: maskPhone(config.admin.phone) }, 'created the superadmin from ADMIN_PHONE');
  }
  const demoSeeded = config.demo && roles.http ? await seedDemo(services) : false;

  if (roles.worker) {
    if (config.telegram.botToken) {
      const delivery = await startDelivery({ config, database, outbox, links: telegramLinks, photos, log, now: clock });
      stops.push(() => delivery.stop());
      log.info('notification delivery worker started');
      // The seed calls the group optional; without it some alerts have nowhere to go. Said once, here.
      if (!config.telegram.chatId) {
        log.warn('TELEGRAM_CHAT_ID is not set: document-expiry alerts and the alerts of users who have not linked Telegram ("user belum link telegram") are recorded as skipped');
      }
    } else {
      log.warn('TELEGRAM_BOT_TOKEN is not set: notifications are recorded as skipped ("bot not configured")');
    }
    // Document expiry (a digest or one message per document, EXPIRY_ALERT_MODE) and the daily summary.
    // Each due time is claimed in schedule_runs: one worker of many runs it, a late start catches up.
    const notices = scheduleDailyNotices({ services, db: database.db, config, claims, clock, log });
    stops.push(() => notices.stop());
    const escalation = scheduleDefectEscalation({ escalate: () => defects.escalateDue(), claims, now: clock, log });
    stops.push(() => escalation.stop());
    const photoCleanup = schedulePhotoCleanup({ removeAbandoned: () => photos.removeAbandoned(), claims, now: clock, log });
    stops.push(() => photoCleanup.stop());
    const pruneRuns = scheduleClaimedJob({
      job: 'schedule-runs-prune',
      name: 'removal of schedule runs older than 30 days',
      pattern: '43 3 * * *',
      claims,
      leaseMs: 10 * 60_000,
      now: clock,
      run: async () => ({ removed: await claims.pruneBefore(new Date(clock().getTime() - 30 * 86_400_000)) }),
      log,
    });
    stops.push(() => pruneRuns.stop());
  }

  if (roles.bot) {
    const startBot = () => startTelegramBot(config, { links: telegramLinks, defects, preferences: services.preferences }, log);
    if (!runsBot) startBot(); // says that the bot is off
    else if (database.kind === 'postgres' && config.databaseUrl) {
      // On PostgreSQL another process (a second `npm run bot`, or `npm start`) may want to poll too:
      // only the holder of the lease does, the others stand by.
      botLease = startBotLease({ databaseUrl: config.databaseUrl, startBot: () => startBot()!, onStateChange: () => void registry.beat(), log });
      stops.push(() => botLease!.stop());
    } else {
      const bot = startBot();
      if (bot) stops.push(() => bot.stop());
    }
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000).unref();
    try {
      await http?.close();
      for (const stopPart of stops.reverse()) await stopPart();
      await database.close();
    } finally {
      clearTimeout(force);
    }
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

  if (http) {
    const address = (await http.listen({ port: config.port, host: config.host })).replace('0.0.0.0', 'localhost');
    log.info(`P2H is running at ${address} (API docs: ${address}/docs, database: ${database.kind})`);
    if (config.demo) printDemoLogins(address, demoSeeded, config.publicHost ? config.host : null);
    if (config.demo && config.publicHost) {
      log.warn({ host: config.host }, 'demo mode on a public address: anyone who reaches it can log in with the published demo password');
    }
  }
}

async function buildHttpRole(...args: Parameters<typeof import('./http-app.js').buildHttp>) {
  const { buildHttp } = await import('./http-app.js');
  return buildHttp(...args);
}
