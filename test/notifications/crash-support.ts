/**
 * Helpers for the crash/fault tests (crash.test.ts): real `npm run worker` processes against a
 * real PostgreSQL database and the fake Bot API, and the bookkeeping that counts what arrived.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { sql, type SQL } from 'drizzle-orm';
import pg from 'pg';
import type { Db } from '../../src/db/client.js';
import { telegramNotifications } from '../../src/notifications/schema.js';
import { after, before } from 'node:test';
import { startFakeTelegram, type FakeTelegram } from '../fake-telegram/server.js';
import { ADMIN_DATABASE_URL, createTestDatabase, type TestDatabase } from '../support/db.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Every sendMessage takes this long at the fake, so delivery is spread over several seconds. */
export const TELEGRAM_DELAY_MS = 20;
export const LEASE_SECONDS = 5;

/** A line for the test report and the console (the numbers these runs measured). */
export function report(t: { diagnostic(message: string): void }, line: string): void {
  t.diagnostic(line);
  console.log(`# crash.test: ${line}`);
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A distinct, valid-looking bot token per worker process, so `fake.sent[].token` says who sent what. */
export function workerToken(n: number): string {
  return `${7_100_000 + n}:crash-worker-token-${String(n).padStart(6, '0')}`;
}

export interface WorkerProcess {
  name: string;
  token: string;
  child: ChildProcess;
  /** Resolves when the process has exited (code or signal). */
  exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
  alive(): boolean;
}

export interface WorkerEnv {
  databaseUrl: string;
  apiRoot: string;
  token: string;
  /** PostgreSQL application_name of every connection of this process (to find its backends). */
  appName: string;
  leaseSeconds?: number;
}

/** Spawns `src/cli/worker.ts` (what `npm run worker` runs) as a real child process. */
export function spawnWorker(env: WorkerEnv): WorkerProcess {
  const url = new URL(env.databaseUrl);
  url.searchParams.set('application_name', env.appName);
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/worker.ts'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      DATABASE_URL: url.toString(),
      TELEGRAM_BOT_TOKEN: env.token,
      TELEGRAM_API_ROOT: env.apiRoot,
      JWT_SECRET: 'crash-test-secret-'.padEnd(40, 'x'),
      P2H_DEMO: '0',
      DELIVERY_LEASE_SECONDS: String(env.leaseSeconds ?? 5),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c) => (output += c));
  child.stderr!.on('data', (c) => (output += c));
  const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return {
    name: env.appName,
    token: env.token,
    child,
    exit,
    output: () => output,
    alive: () => child.exitCode === null && child.signalCode === null,
  };
}

/** SIGKILLs every process still running and waits for them (for after hooks: never throws). */
export async function killAll(workers: Iterable<WorkerProcess>): Promise<void> {
  const waits: Promise<unknown>[] = [];
  for (const worker of workers) {
    if (worker.alive()) worker.child.kill('SIGKILL');
    waits.push(Promise.race([worker.exit, sleep(5_000)]));
  }
  await Promise.all(waits);
}

/**
 * Inserts `count` explicit test notifications, round-robin over `chats` positive chat ids, each
 * message carrying `#n{id}` so duplicates can be counted from what the fake received.
 */
export async function insertNotifications(db: Db, count: number, chats: number, firstChat = 5_000_001): Promise<number[]> {
  const rows = Array.from({ length: count }, (_, i) => ({
    type: 'test' as const,
    status: 'pending' as const,
    recipientChatId: String(firstChat + (i % chats)),
    recipientKind: 'explicit' as const,
    message: 'placeholder',
  }));
  const ids: number[] = [];
  for (let start = 0; start < rows.length; start += 500) {
    const inserted = await db.insert(telegramNotifications).values(rows.slice(start, start + 500)).returning({ id: telegramNotifications.id });
    ids.push(...inserted.map((r) => r.id));
  }
  await db.execute(sql`update telegram_notifications set message = '<b>Uji crash</b> #n' || id || ' selesai' where type = 'test'`);
  return ids.sort((a, b) => a - b);
}

const MARKER = /#n(\d+)\b/;

/** How many times each notification id arrived at the fake (optionally only from some tokens). */
export function arrivals(fake: FakeTelegram, tokens?: Set<string>): Map<number, number> {
  const counts = new Map<number, number>();
  for (const message of fake.sent) {
    if (tokens && !tokens.has(message.token)) continue;
    const match = MARKER.exec(message.text);
    if (!match) continue;
    const id = Number(match[1]);
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

/** Which tokens delivered each notification id, in arrival order. */
export function sendersById(fake: FakeTelegram): Map<number, string[]> {
  const senders = new Map<number, string[]>();
  for (const message of fake.sent) {
    const match = MARKER.exec(message.text);
    if (!match) continue;
    const id = Number(match[1]);
    senders.set(id, [...(senders.get(id) ?? []), message.token]);
  }
  return senders;
}

/** Raw SQL rows (node-postgres result shape). */
export async function query<T>(db: Db, statement: SQL): Promise<T[]> {
  const result = (await db.execute(statement)) as unknown as { rows: T[] };
  return result.rows;
}

/**
 * The states of this suite's own (type `test`) notifications. A worker also runs the daily schedules, and
 * one that starts after a due time (the summary at 18:00 WITA, say) queues that day's notice beside them.
 */
export async function statusCounts(db: Db): Promise<Record<string, number>> {
  const rows = await query<{ status: string; n: number }>(db, sql`select status::text as status, count(*)::int as n from telegram_notifications where type = 'test' group by status order by status`);
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

export async function idsWithStatusOtherThan(db: Db, status: string): Promise<Set<number>> {
  const rows = await query<{ id: number }>(db, sql`select id from telegram_notifications where type = 'test' and status::text <> ${status}`);
  return new Set(rows.map((r) => Number(r.id)));
}

/** Polls `check` until it returns a value other than undefined/false; throws with `describe()` on timeout. */
export async function waitUntil<T>(check: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs: number, describe: () => string | Promise<string>, everyMs = 20): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() >= deadline) throw new Error(`timed out after ${timeoutMs} ms: ${await describe()}`);
    await sleep(everyMs);
  }
}

/** An admin connection to the test server, for pg_stat_activity / pg_terminate_backend. */
export async function adminClient(): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  await client.connect();
  return client;
}

/** Terminates every backend of the process whose connections carry `appName`; returns how many. */
export async function terminateBackends(admin: pg.Client, database: string, appName: string): Promise<number> {
  const result = await admin.query<{ ok: boolean }>(
    `select pg_terminate_backend(pid) as ok from pg_stat_activity
      where datname = $1 and application_name = $2 and pid <> pg_backend_pid()`,
    [database, appName],
  );
  return result.rows.filter((r) => r.ok).length;
}

/**
 * Terminates the worker's claim while it is stuck inside its transaction: the caller holds
 * `LOCK TABLE telegram_notifications IN EXCLUSIVE MODE`, so the claim's SELECT … FOR UPDATE waits
 * for it after BEGIN, with its pooled client checked out. Returns how many were terminated.
 */
export async function terminateBlockedClaim(admin: pg.Client, database: string, appName: string): Promise<number> {
  const result = await admin.query<{ ok: boolean }>(
    `select pg_terminate_backend(pid) as ok from pg_stat_activity
      where datname = $1 and application_name = $2 and wait_event_type = 'Lock' and query ~* 'for update'`,
    [database, appName],
  );
  return result.rows.filter((r) => r.ok).length;
}

export function databaseName(url: string): string {
  return new URL(url).pathname.replace(/^\//, '');
}

/** A fake Bot API, a PostgreSQL database, and the worker processes a suite starts against them; all gone after the suite. */
export function useWorkerRig(fakeOptions: Parameters<typeof startFakeTelegram>[0]) {
  const rig = { workers: [] as WorkerProcess[], fake: undefined as FakeTelegram | undefined, database: undefined as TestDatabase | undefined };
  before(async () => {
    rig.fake = await startFakeTelegram(fakeOptions);
    rig.database = await createTestDatabase('postgres');
  });
  after(async () => {
    await killAll(rig.workers);
    await rig.fake?.close();
    await rig.database?.close();
  });
  return rig;
}
