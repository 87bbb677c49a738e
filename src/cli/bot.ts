import { pino } from 'pino';
import { openPostgres } from '../db/client.js';
import { startTelegramBot } from '../telegram/start.js';
import { TelegramLinkService } from '../users/telegram-link.js';
import { runCli } from './run.js';

/** `npm run bot`: the Telegram bot alone, as its own long-running process (PostgreSQL only). */
await runCli(async (config) => {
  if (!config.databaseUrl) {
    throw new Error(
      'npm run bot needs DATABASE_URL: the embedded database (PGlite) cannot be shared between processes. ' +
        'Without PostgreSQL, `npm start` runs the bot inside the main process.',
    );
  }
  if (!config.telegram.botToken) throw new Error('npm run bot needs TELEGRAM_BOT_TOKEN (from BotFather).');
  const log = pino({ level: config.logLevel });
  const database = openPostgres(config.databaseUrl, { onError: (error) => log.error({ err: error }, 'database connection error') });
  await database.migrate();
  const bot = startTelegramBot(config, new TelegramLinkService(database.db), log)!;
  const stop = async (signal: string) => {
    log.info({ signal }, 'stopping the Telegram bot');
    await bot.stop();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
});
