import pg from 'pg';
import type { Logger } from 'pino';
import type { BotLeaseState } from './process-registry.js';

/**
 * Exactly one bot process polls Telegram (a second getUpdates gets 409): the one holding a
 * PostgreSQL session-level advisory lock on a connection of its own. The others are hot standbys
 * that try the lock every `retryMs`. PostgreSQL frees the lock when the holder's session ends, so a
 * leader killed outright (SIGKILL closes its socket) is replaced within seconds.
 *
 * A leader that loses its connection (database restart, a terminated backend, a check that does not
 * answer within `checkTimeoutMs`) stops polling at once, before anyone else could take over: the
 * session asks the server to notice a silent peer only after ≥ 19 s (keepalives and
 * tcp_user_timeout below), far longer than the leader needs to notice (checkMs + checkTimeoutMs),
 * and a new leader waits `handoverGraceMs` before its first poll for the case where the server
 * ended the session itself and the old leader's notice is still on its way.
 */
export interface BotLeaseTimings {
  retryMs: number;
  checkMs: number;
  checkTimeoutMs: number;
  handoverGraceMs: number;
}

export const BOT_LEASE_TIMINGS: BotLeaseTimings = { retryMs: 1_000, checkMs: 1_000, checkTimeoutMs: 3_000, handoverGraceMs: 1_500 };

/** Any constant works; it only has to be the same in every P2H process (and differ from the migration lock's). */
export const BOT_LEASE_KEY = 720_2027;

// Per session, so the server frees the lock of a leader cut off by the network after ~20 s
// instead of the system's default of many minutes. Each may be refused (older servers): ignored.
const SESSION_SETTINGS = ['set tcp_keepalives_idle = 10', 'set tcp_keepalives_interval = 3', 'set tcp_keepalives_count = 3', 'set tcp_user_timeout = 20000'];

export interface Bot {
  stop(): Promise<void>;
}

export interface BotLease {
  state(): BotLeaseState;
  /** Stops polling (when leading) and ends the session, which hands the lease to a standby. */
  stop(): Promise<void>;
}

interface LeaseSession {
  client: pg.Client;
  /** Settles when the connection is gone (or closed by us). */
  lost: Promise<Error>;
  isLost(): boolean;
  /** Called once when the connection is lost; a pause waiting on it removes itself when done. */
  onLoss: Set<() => void>;
  close(): Promise<void>;
}

export function startBotLease(options: {
  databaseUrl: string;
  startBot: () => Bot;
  onStateChange?: (state: BotLeaseState) => void;
  log: Pick<Logger, 'info' | 'warn' | 'error'>;
  timings?: Partial<BotLeaseTimings>;
}): BotLease {
  const timings = { ...BOT_LEASE_TIMINGS, ...options.timings };
  const { log } = options;
  const stopping = new AbortController();
  let state: BotLeaseState = 'standby';
  const setState = (next: BotLeaseState) => {
    if (next === state) return;
    state = next;
    options.onStateChange?.(next);
  };
  /** Waits `ms`, or less when the lease stops or the session is lost; leaves no listener behind. */
  const pause = (ms: number, session?: LeaseSession) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        stopping.signal.removeEventListener('abort', done);
        session?.onLoss.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      stopping.signal.addEventListener('abort', done, { once: true });
      session?.onLoss.add(done);
    });
  const stopped = new Promise<void>((resolve) => stopping.signal.addEventListener('abort', () => resolve(), { once: true }));

  const openSession = async (): Promise<LeaseSession> => {
    const client = new pg.Client({ connectionString: options.databaseUrl, keepAlive: true, query_timeout: timings.checkTimeoutMs });
    let isLost = false;
    const onLoss = new Set<() => void>();
    let markLost!: (error: Error) => void;
    const lost = new Promise<Error>((resolve) => {
      markLost = (error) => {
        if (isLost) return;
        isLost = true;
        resolve(error);
        for (const wake of [...onLoss]) wake();
      };
    });
    client.on('error', (error) => markLost(error));
    client.on('end', () => markLost(new Error('the connection ended')));
    try {
      await client.connect();
      for (const setting of SESSION_SETTINGS) await client.query(setting).catch(() => {});
    } catch (error) {
      markLost(error as Error);
      void client.end().catch(() => {});
      throw error;
    }
    return {
      client,
      lost,
      isLost: () => isLost,
      onLoss,
      close: async () => {
        markLost(new Error('closed'));
        // Bounded: ending a connection the network lost may wait for a reply that never comes.
        await Promise.race([client.end().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 2_000).unref())]);
      },
    };
  };

  /** Tries the lock until this session holds it; false when the session is lost or the lease is stopping. */
  const acquire = async (session: LeaseSession): Promise<boolean> => {
    let said = false;
    while (!stopping.signal.aborted && !session.isLost()) {
      const result = await session.client.query<{ locked: boolean }>('select pg_try_advisory_lock($1) as locked', [BOT_LEASE_KEY]);
      if (result.rows[0]?.locked) return true;
      if (!said) log.info('bot standby: another process polls Telegram; this one takes over when it stops');
      said = true;
      await pause(timings.retryMs, session);
    }
    return false;
  };

  const lead = async (session: LeaseSession) => {
    log.info({ grace_ms: timings.handoverGraceMs }, 'bot lease taken: polling after the hand-over grace');
    await pause(timings.handoverGraceMs, session);
    if (stopping.signal.aborted || session.isLost()) return;
    setState('leader');
    const bot = options.startBot();
    const checker = setInterval(() => {
      session.client.query('select 1').catch(() => void session.close());
    }, timings.checkMs);
    const why = await Promise.race([session.lost.then(() => 'lost' as const), stopped.then(() => 'stop' as const)]);
    clearInterval(checker);
    if (why === 'lost') log.error('lost the database connection that holds the bot lease: stopped polling Telegram; standing by');
    // bot.stop() aborts the held long poll at once; the offset it then confirms may wait on Telegram.
    await Promise.race([bot.stop().catch(() => {}), new Promise((resolve) => setTimeout(resolve, 5_000).unref())]);
    setState('standby');
  };

  const loop = async () => {
    while (!stopping.signal.aborted) {
      let session: LeaseSession | undefined;
      try {
        session = await openSession();
        if (await acquire(session)) await lead(session);
      } catch (error) {
        if (!stopping.signal.aborted) log.warn({ err: error }, 'bot lease: database connection failed; retrying');
      } finally {
        await session?.close();
      }
      if (!stopping.signal.aborted) await pause(timings.retryMs);
    }
  };
  const running = loop();

  return {
    state: () => state,
    async stop() {
      stopping.abort();
      await running;
    },
  };
}
