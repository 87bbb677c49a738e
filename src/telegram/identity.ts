import { Api } from 'grammy';
import type { Config } from '../config/config.js';

/**
 * The bot's @username (for t.me deep links), asked from Telegram once and remembered; a failed
 * getMe is not remembered, so the next request tries again.
 */
export function botUsernameLookup(telegram: Config['telegram']): (() => Promise<string>) | undefined {
  if (!telegram.botToken) return undefined;
  const api = new Api(telegram.botToken, { apiRoot: telegram.apiRoot, timeoutSeconds: 10 });
  let cached: Promise<string> | undefined;
  return () => {
    cached ??= api.getMe().then(
      (me) => me.username,
      (error: unknown) => {
        cached = undefined;
        throw error;
      },
    );
    return cached;
  };
}
