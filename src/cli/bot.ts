import { runSystem } from '../runtime.js';
import { runCli } from './run.js';

/** `npm run bot`: the Telegram bot alone, as its own long-running process (PostgreSQL only). */
await runCli(async (config) => {
  if (!config.telegram.botToken) throw new Error('npm run bot needs TELEGRAM_BOT_TOKEN (from BotFather).');
  await runSystem(config, { http: false, worker: false, bot: true });
});
