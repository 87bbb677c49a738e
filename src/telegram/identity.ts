import { Api } from 'grammy';
import type { Config } from '../config/config.js';

/** How long a successful getMe is trusted: readiness must notice a revoked token within minutes. */
const TRUST_MS = 5 * 60_000;

/**
 * The bot's @username (for t.me deep links and readiness), asked from Telegram and remembered for
 * a few minutes; a failed getMe is not remembered, so the next request tries again.
 */
export function botUsernameLookup(telegram: Config['telegram'], now: () => number = Date.now): (() => Promise<string>) | undefined {
  if (!telegram.botToken) return undefined;
  const api = new Api(telegram.botToken, { apiRoot: telegram.apiRoot, timeoutSeconds: 10 });
  let cached: { username: Promise<string>; at: number } | undefined;
  return () => {
    if (!cached || now() - cached.at > TRUST_MS) {
      const username = api.getMe().then(
        (me) => me.username,
        (error: unknown) => {
          if (cached?.username === username) cached = undefined;
          throw error;
        },
      );
      cached = { username, at: now() };
    }
    return cached.username;
  };
}
