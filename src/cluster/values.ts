/** What a P2H process runs: `npm start` all three, `npm run api|worker|bot` one each. */
export const PROCESS_ROLES = ['api', 'worker', 'bot'] as const;
export type ProcessRole = (typeof PROCESS_ROLES)[number];

/** A bot process either polls Telegram (leader) or waits for the lease (standby). */
export const BOT_LEASE_STATES = ['leader', 'standby'] as const;
export type BotLeaseState = (typeof BOT_LEASE_STATES)[number];

/** Every process refreshes its row in system_processes this often. */
export const HEARTBEAT_MS = 10_000;
/** A process whose heartbeat is older than this is not listed as live (three beats missed). */
export const LIVE_WITHIN_MS = 30_000;
