import { pino } from 'pino';
import { buildApp } from './app.js';
import { runCli } from './cli/run.js';
import { resolveJwtSecret } from './config/secrets.js';
import { openDatabase } from './db/open.js';
import { printDemoLogins, seedDemo } from './demo/seed.js';
import { startTelegramBot } from './telegram/start.js';

/** `npm start`: the whole system in one process. */
await runCli(async (config) => {
  const log = pino({ level: config.logLevel });
  const database = await openDatabase(config, (error) => log.error({ err: error }, 'database connection error'));
  await database.migrate();
  const app = await buildApp({ config, database, jwtSecret: resolveJwtSecret(config), logger: log });
  const { users, checklist } = app.services;

  if (await checklist.installDefaults()) log.info('installed the default 39-item checklist');
  if (config.admin && (await users.bootstrapSuperadmin(config.admin))) {
    log.info({ phone: config.admin.phone }, 'created the superadmin from ADMIN_PHONE');
  }
  const demoSeeded = config.demo ? await seedDemo(app.services) : false;
  const bot = startTelegramBot(config, app.services.telegramLinks, log);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000).unref();
    try {
      await bot?.stop();
      await app.http.close();
      await database.close();
    } finally {
      clearTimeout(force);
    }
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));

  const address = (await app.http.listen({ port: config.port, host: config.host })).replace('0.0.0.0', 'localhost');
  log.info(`P2H is running at ${address} (API docs: ${address}/docs, database: ${database.kind})`);
  if (config.demo) printDemoLogins(address, demoSeeded);
});
