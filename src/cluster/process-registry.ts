import { randomBytes } from 'node:crypto';
import os from 'node:os';
import { asc, eq, gte, lt } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import type { Clock } from '../lib/clock.js';
import { systemProcesses } from './schema.js';
import { HEARTBEAT_MS, LIVE_WITHIN_MS, type BotLeaseState, type ProcessRole } from './values.js';

export type { BotLeaseState, ProcessRole };

/** Rows of processes gone without a clean stop (SIGKILL, power loss) are deleted after this. */
const FORGET_AFTER_MS = 10 * 60_000;

/** What this process runs, as readiness shows it. */
export interface ProcessSelf {
  id: string;
  roles: ProcessRole[];
  /** null when the process has no bot role (or no bot token). */
  botState(): BotLeaseState | null;
}

export interface LiveProcess {
  host: string;
  pid: string;
  roles: string[];
  bot_lease: string | null;
  started_at: string;
  heartbeat_at: string;
}

/** Host, pid and a random part: a pid reused after a restart, or in another container, is still another process. */
export function newProcessId(): string {
  return `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
}

/**
 * This process's row in system_processes: written at start, refreshed every HEARTBEAT_MS (with the
 * bot's current lease state) and deleted on a clean stop, so readiness can list the live processes.
 */
export class ProcessRegistry {
  private timer: NodeJS.Timeout | undefined;
  private readonly startedAt: Date;
  private warned = false;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    readonly self: ProcessSelf,
    private readonly log: { warn(fields: object, message: string): void },
  ) {
    this.startedAt = clock();
  }

  async start(): Promise<void> {
    await this.beat();
    this.timer = setInterval(() => void this.beat(), HEARTBEAT_MS).unref();
  }

  /** Writes the heartbeat now (also right after the bot's lease state changes). */
  async beat(): Promise<void> {
    const now = this.clock();
    const row = {
      id: this.self.id,
      host: os.hostname(),
      pid: String(process.pid),
      roles: this.self.roles,
      botState: this.self.botState(),
      startedAt: this.startedAt,
      heartbeatAt: now,
    };
    try {
      await this.db
        .insert(systemProcesses)
        .values(row)
        .onConflictDoUpdate({ target: systemProcesses.id, set: { botState: row.botState, heartbeatAt: now } });
      await this.db.delete(systemProcesses).where(lt(systemProcesses.heartbeatAt, new Date(now.getTime() - FORGET_AFTER_MS)));
      this.warned = false;
    } catch (error) {
      // Said once per outage: the database being down is reported by readiness and every query.
      if (!this.warned) this.log.warn({ err: error }, 'process registry: heartbeat failed; retrying');
      this.warned = true;
    }
  }

  /** Stops the heartbeat and removes the row: a clean stop is gone from the list at once. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.db
      .delete(systemProcesses)
      .where(eq(systemProcesses.id, this.self.id))
      .catch(() => {});
  }
}

/** The processes whose heartbeat is recent, oldest first. */
export async function liveProcesses(db: Db, now: Date): Promise<LiveProcess[]> {
  const rows = await db
    .select()
    .from(systemProcesses)
    .where(gte(systemProcesses.heartbeatAt, new Date(now.getTime() - LIVE_WITHIN_MS)))
    .orderBy(asc(systemProcesses.startedAt), asc(systemProcesses.id));
  return rows.map((row) => ({
    host: row.host,
    pid: row.pid,
    roles: row.roles,
    bot_lease: row.botState,
    started_at: row.startedAt.toISOString(),
    heartbeat_at: row.heartbeatAt.toISOString(),
  }));
}
