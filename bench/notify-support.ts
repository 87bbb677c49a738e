/**
 * Shared pieces of the notification benchmarks (`npm run bench -- notify`): the real app built on a
 * throw-away PostgreSQL database with Telegram configured (TELEGRAM_BOT_TOKEN = the fake's token,
 * TELEGRAM_API_ROOT = wherever the benchmark points it), drivers linked to distinct private chats,
 * a DeliveryWorker wired the way src/runtime.ts wires it, report bodies with problems, and small
 * measuring helpers. The generic parts (databases, percentiles, the machine) come from support.ts.
 */
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { Api } from 'grammy';
import pg from 'pg';
import { pino } from 'pino';
import { buildApp, type App } from '../src/app.js';
import { hashPassword } from '../src/auth/password.js';
import { loadConfig, type Config } from '../src/config/config.js';
import { openPostgres, type Database } from '../src/db/client.js';
import { users } from '../src/db/schema.js';
import { DeliveryWorker } from '../src/notifications/delivery.js';
import { OUTBOX_CHANNEL } from '../src/notifications/outbox.js';
import { normalizePhone } from '../src/users/phone.js';
import { DEFAULT_TOKEN, type FakeTelegram, type SentMessage } from '../test/fake-telegram/server.js';
import { createBenchDatabase, DRIVER_PASSWORD, VEHICLE_TYPE, type BenchDatabase, type BenchResult } from './support.js';

/** What a notification benchmark hands back to run.ts: summary rows, and lines for the notify summary. */
export interface NotifyOutcome {
  results: BenchResult[];
  figures: string[];
}

/** The fallback / admin group (expiry alerts go there). */
export const GROUP_CHAT_ID = '-1001234567890';
/** Private chats of bench drivers are FIRST_CHAT_ID + 1, + 2, … */
export const FIRST_CHAT_ID = 700_000_000;

/** The runtime logs through pino; here nothing is printed (a down Telegram would log every retry). */
export const silentLog = pino({ level: 'silent' });

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A whole number from the environment, or the default. */
export function envCount(name: string, fallback: number, min = 1): number {
  const raw = process.env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min) throw new Error(`${name} must be a whole number >= ${min} (got "${raw}")`);
  return Number(raw);
}

/** "load 1.23 0.98 0.77": the 1/5/15-minute load averages, to judge how busy the machine was. */
export function loadAverage(): string {
  return `load ${os.loadavg().map((v) => v.toFixed(2)).join(' ')}`;
}

export interface LinkedDriver {
  id: number;
  /** As typed at login (08…). */
  phone: string;
  /** The private chat the driver is linked to. */
  chatId: number;
}

export interface NotifyApp {
  bench: BenchDatabase;
  database: Database;
  app: App;
  config: Config;
  drivers: LinkedDriver[];
  /** Ascending; shift vehicles of VEHICLE_TYPE, 3 slots each per operational day. */
  vehicleIds: number[];
  /** Unit code of each vehicle id (`N.17`). */
  unitCodes: Map<number, string>;
  serverVersion: string;
  /** Registers a stop to run first at cleanup (workers, listeners), in reverse order of registration. */
  onCleanup(step: () => Promise<void> | void): void;
  /** Stops what was registered, closes the HTTP server and the pool, drops the database; never throws. */
  cleanup(): Promise<void>;
}

/**
 * A fresh database, migrated; the app built on it with Telegram configured (token DEFAULT_TOKEN,
 * API root `apiRoot`, TELEGRAM_CHAT_ID the group); the default checklist installed; `drivers` users
 * linked to distinct private chats and `vehicles` shift vehicles inserted directly.
 */
export async function prepareNotifyApp(spec: { drivers: number; vehicles: number; poolSize: number; apiRoot: string; concurrency?: number }): Promise<NotifyApp> {
  const bench = await createBenchDatabase();
  let database: Database | undefined;
  let app: App | undefined;
  const stops: (() => Promise<void> | void)[] = [];
  const cleanup = async () => {
    const steps: [string, () => Promise<void> | void][] = [
      ...stops.reverse().map((stop) => ['stopping a worker or listener', stop] as [string, () => Promise<void> | void]),
      ['closing the HTTP server', () => app?.http.close()],
      ['closing the pool', () => database?.close()],
      [`dropping ${bench.name}`, () => bench.drop()],
    ];
    stops.length = 0;
    for (const [what, step] of steps) {
      try {
        await step();
      } catch (error) {
        console.error(`bench cleanup: ${what} failed:`, error);
      }
    }
  };
  try {
    database = openPostgres(bench.url, { poolSize: spec.poolSize, onError: (e) => console.error('pool error:', e.message) });
    await database.migrate();
    const config = loadConfig({
      JWT_SECRET: randomBytes(24).toString('hex'),
      P2H_DEMO: '0',
      DATABASE_URL: bench.url,
      TELEGRAM_BOT_TOKEN: DEFAULT_TOKEN,
      TELEGRAM_API_ROOT: spec.apiRoot,
      TELEGRAM_CHAT_ID: GROUP_CHAT_ID,
      LOG_LEVEL: 'silent',
      ...(spec.concurrency ? { DELIVERY_CONCURRENCY: String(spec.concurrency) } : {}),
    });
    app = await buildApp({ config, database, jwtSecret: config.jwtSecret!, logger: false });
    await app.services.checklist.installDefaults();

    const drivers: LinkedDriver[] = [];
    if (spec.drivers > 0) {
      const passwordHash = await hashPassword(DRIVER_PASSWORD); // once: argon2 is slow on purpose
      const rows = Array.from({ length: spec.drivers }, (_, i) => {
        const phone = `0812880${String(i + 1).padStart(5, '0')}`;
        const normalized = normalizePhone(phone);
        if (!normalized.ok) throw new Error(`bench phone ${phone} is not valid: ${normalized.reason}`);
        return { phone, row: { fullName: `Bench Driver ${i + 1}`, phoneNumber: normalized.e164, role: 'user' as const, passwordHash } };
      });
      const inserted = await database.db.insert(users).values(rows.map((d) => d.row)).returning({ id: users.id });
      for (const [i, row] of inserted.entries()) {
        const chatId = FIRST_CHAT_ID + i + 1;
        await app.services.telegramLinks.linkById(row.id, { chatId: String(chatId), username: null }, 'contact');
        drivers.push({ id: row.id, phone: rows[i]!.phone, chatId });
      }
    }

    const vehicleIds: number[] = [];
    const unitCodes = new Map<number, string>();
    const serverVersion = await withClient(bench.url, async (client) => {
      if (spec.vehicles > 0) {
        const result = await client.query<{ id: number; unit_code: string }>(
          `insert into vehicles (unit_code, unit_code_key, plate_number, plate_key, vehicle_type, shift_type)
           select 'N.' || n, 'N' || n, 'KT ' || (1000 + n % 9000) || ' BN', 'KT' || (1000 + n % 9000) || 'BN', $2, 'shift'
           from generate_series(1, $1::int) as n
           returning id, unit_code`,
          [spec.vehicles, VEHICLE_TYPE],
        );
        for (const row of result.rows) {
          vehicleIds.push(row.id);
          unitCodes.set(row.id, row.unit_code);
        }
        vehicleIds.sort((a, b) => a - b);
      }
      return (await client.query<{ server_version: string }>('show server_version')).rows[0]?.server_version ?? 'unknown';
    });

    return { bench, database, app, config, drivers, vehicleIds, unitCodes, serverVersion, onCleanup: (step) => stops.push(step), cleanup };
  } catch (error) {
    await cleanup();
    throw error;
  }
}

/** A plain connection to the bench database for seeding and EXPLAIN. */
export async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/**
 * The delivery worker exactly as src/runtime.ts starts it for `npm start` / `npm run worker`: grammY
 * Api on config.telegram.apiRoot with timeoutSeconds 20, production Pacer, batch size, poll and
 * backoff; lease from DELIVERY_LEASE_SECONDS; woken by outbox.onWritten after each commit and by
 * LISTEN p2h_outbox. Its stop is registered with the app's cleanup (capped, so a hanging Telegram
 * cannot hold the benchmark) and returned.
 */
export async function startRuntimeWorker(n: NotifyApp): Promise<{ worker: DeliveryWorker; stop(): Promise<void> }> {
  const { config, database, app } = n;
  const api = new Api(config.telegram.botToken!, { apiRoot: config.telegram.apiRoot, timeoutSeconds: 20 });
  const worker = new DeliveryWorker({
    db: database.db,
    api,
    links: app.services.telegramLinks,
    groupChatId: config.telegram.chatId,
    log: silentLog,
    leaseMs: config.deliveryLeaseSeconds * 1000,
    concurrency: config.deliveryConcurrency,
  });
  app.services.outbox.onWritten(() => worker.wake());
  const unlisten = await database.listen(OUTBOX_CHANNEL, () => worker.wake(), (error) => console.error('outbox listener:', error.message));
  worker.start();
  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      // In-flight sends may sit in the pacer for up to 5 s, or on a hanging Telegram for grammY's 20 s.
      await Promise.race([worker.stop(), sleep(10_000)]);
      await unlisten();
    })();
    return stopped;
  };
  n.onCleanup(stop);
  return { worker, stop };
}

/** A TCP port on 127.0.0.1 on which nothing listens (connections are refused): Telegram down. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Logs the drivers in through POST /api/auth/login, a few at a time; tokens in driver order. */
export async function loginAll(baseUrl: string, drivers: LinkedDriver[], parallel = 4): Promise<string[]> {
  const tokens: string[] = new Array(drivers.length);
  let next = 0;
  const worker = async () => {
    while (next < drivers.length) {
      const index = next++;
      tokens[index] = await login(baseUrl, drivers[index]!.phone);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, drivers.length) }, worker));
  return tokens;
}

async function login(baseUrl: string, username: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: DRIVER_PASSWORD }),
  });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`login of ${username} answered ${response.status}: ${text.slice(0, 300)}`);
  const token = (JSON.parse(text) as { payload?: { access_token?: unknown } }).payload?.access_token;
  if (typeof token !== 'string') throw new Error(`login of ${username} returned no access_token: ${text.slice(0, 300)}`);
  return token;
}

const REMARKS = ['Rem blong, kampas habis', 'Lampu sein kanan mati', 'Ban depan kiri aus', 'Oli rembes di karter', 'Kaca depan retak'];

/**
 * A 39-answer report with problems, so the submission writes a notification: `abnormal` items
 * (one or two) or, for `warning`, one to three warning items; each problem with a remark.
 */
export function problemReportBody(vehicleId: number, shiftNumber: number, itemIds: number[], status: 'warning' | 'abnormal', seed: number): string {
  const details: { checklist_item_id: number; status: 'normal' | 'warning' | 'abnormal'; keterangan?: string }[] = itemIds.map((id) => ({
    checklist_item_id: id,
    status: 'normal',
  }));
  const problems = status === 'abnormal' ? 1 + (seed % 2) : 1 + (seed % 3);
  for (let k = 0; k < problems; k++) {
    const answer = details[(seed * 7 + k * 13) % details.length]!;
    answer.status = status;
    answer.keterangan = REMARKS[(seed + k) % REMARKS.length]!;
  }
  return JSON.stringify({ vehicle_id: vehicleId, shift_number: shiftNumber, odometer: 10_000 + ((seed * 7919) % 80_000), details });
}

/** POST /api/p2h/reports; the status and the time until the whole answer was read. */
export async function postReport(baseUrl: string, token: string, body: string): Promise<{ status: number; text: string }> {
  try {
    const response = await fetch(`${baseUrl}/api/p2h/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body,
    });
    return { status: response.status, text: await response.text() };
  } catch (error) {
    return { status: 0, text: error instanceof Error ? `${error.message} ${String((error as { cause?: unknown }).cause ?? '')}` : String(error) };
  }
}

/**
 * Calls `listener` with a high-resolution time (performance.now()) whenever the fake accepts a
 * sendMessage, from inside the fake's own recording: no polling, no extra latency.
 */
export function onFakeSent(fake: FakeTelegram, listener: (message: SentMessage, at: number) => void): void {
  const record = fake.recordSent.bind(fake);
  fake.recordSent = (entry: SentMessage) => {
    record(entry);
    listener(entry, performance.now());
  };
}

/** Polls `check` every `everyMs` until it answers true; throws with `describe()` after `timeoutMs`. */
export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number, describe: () => string | Promise<string>, everyMs = 20): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${await describe()}`);
    await sleep(everyMs);
  }
}

/** Most sendMessage requests the fake was serving at the same time (from its call records). */
export function peakConcurrency(calls: { method: string; time: number; durationMs: number }[]): number {
  const events: [number, number][] = [];
  for (const call of calls) {
    if (call.method.toLowerCase() !== 'sendmessage') continue;
    events.push([call.time, 1], [call.time + call.durationMs, -1]);
  }
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let current = 0;
  let peak = 0;
  for (const [, delta] of events) {
    current += delta;
    peak = Math.max(peak, current);
  }
  return peak;
}

/** Most accepted messages within any window of `windowMs` (timestamps in ms, ascending or not). */
export function busiestWindow(timestamps: number[], windowMs: number): number {
  const sorted = [...timestamps].sort((a, b) => a - b);
  let start = 0;
  let best = 0;
  for (let end = 0; end < sorted.length; end++) {
    while (sorted[end]! - sorted[start]! >= windowMs) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}
