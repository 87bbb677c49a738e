/**
 * Shared pieces of the benchmarks: options, a throw-away PostgreSQL database prepared the way the
 * app prepares its own (migrated, default checklist installed), directly seeded drivers and
 * vehicles, percentiles and a description of the machine.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import pg from 'pg';
import { buildApp, type App } from '../src/app.js';
import { hashPassword } from '../src/auth/password.js';
import { loadConfig, type Config } from '../src/config/config.js';
import { openPostgres, type Database } from '../src/db/client.js';
import { users } from '../src/db/schema.js';
import { normalizePhone } from '../src/users/phone.js';

/** Server on which the throw-away bench databases are created (an admin connection). */
export const ADMIN_DATABASE_URL = process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export const DRIVER_PASSWORD = 'bench-password-123';
export const SLOTS_PER_VEHICLE = 3; // vehicles are seeded as shift_type 'shift'
export const VEHICLE_TYPE = 'Light Vehicle';

export interface BenchOptions {
  /** Concurrent clients (HTTP clients, or pgbench connections). */
  concurrency: number;
  /** Measured submissions (pgbench: transactions). */
  total: number;
  /** Submissions made first and not counted. */
  warmup: number;
  /** Size of the app's PostgreSQL pool (the app's own default is 10). */
  poolSize: number;
}

/** Defaults, overridden by BENCH_* variables, overridden by --name=value / --name value arguments. */
export function readOptions(args: string[], env: Record<string, string | undefined> = process.env): { options: BenchOptions; filters: string[] } {
  const defaults: BenchOptions = { concurrency: 16, total: 2000, warmup: 100, poolSize: 10 };
  const envNames: Record<keyof BenchOptions, string> = {
    concurrency: 'BENCH_CONCURRENCY',
    total: 'BENCH_TOTAL',
    warmup: 'BENCH_WARMUP',
    poolSize: 'BENCH_POOL_SIZE',
  };
  const flagNames: Record<string, keyof BenchOptions> = {
    concurrency: 'concurrency',
    c: 'concurrency',
    total: 'total',
    n: 'total',
    warmup: 'warmup',
    'pool-size': 'poolSize',
  };
  const options = { ...defaults };
  for (const key of Object.keys(envNames) as (keyof BenchOptions)[]) {
    const raw = env[envNames[key]];
    if (raw !== undefined && raw !== '') options[key] = parseCount(raw, envNames[key], key === 'warmup' ? 0 : 1);
  }
  const filters: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const match = /^--?([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match) {
      filters.push(arg);
      continue;
    }
    const key = flagNames[match[1]!];
    if (!key) throw new Error(`Unknown option ${arg} (known: --concurrency, --total, --warmup, --pool-size)`);
    const value = match[2] ?? args[++i];
    if (value === undefined) throw new Error(`Option ${arg} needs a value`);
    options[key] = parseCount(value, arg, key === 'warmup' ? 0 : 1);
  }
  if (options.total > 1_000_000) throw new Error('--total is capped at 1,000,000');
  if (options.concurrency > 1000) throw new Error('--concurrency is capped at 1000');
  return { options, filters };
}

function parseCount(raw: string, name: string, min: number): number {
  if (!/^\d+$/.test(raw.trim()) || Number(raw) < min) throw new Error(`${name} must be a whole number >= ${min} (got "${raw}")`);
  return Number(raw);
}

export interface BenchDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/** A fresh empty database on the admin server; drop() removes it (also on Ctrl-C while it exists). */
export async function createBenchDatabase(): Promise<BenchDatabase> {
  const name = `p2h_bench_${randomBytes(4).toString('hex')}`;
  await adminQuery(`create database ${name}`);
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    process.off('SIGINT', onSigint);
    await adminQuery(`drop database if exists ${name} with (force)`);
  };
  const onSigint = () => {
    console.error(`\nInterrupted: dropping ${name}`);
    // Dropping with (force) ends the app's busy connections, whose clients then throw: we are leaving anyway.
    process.on('uncaughtException', () => {});
    drop()
      .catch((error) => console.error(`could not drop ${name}:`, error))
      .finally(() => process.exit(130));
  };
  process.on('SIGINT', onSigint);
  return { name, url: url.toString(), drop };
}

async function adminQuery(text: string): Promise<void> {
  const admin = new pg.Client({ connectionString: ADMIN_DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(text);
  } finally {
    await admin.end();
  }
}

export interface Driver {
  id: number;
  /** As a driver types it at login (08…). */
  phone: string;
}

export interface PreparedBench {
  bench: BenchDatabase;
  database: Database;
  app: App;
  config: Config;
  drivers: Driver[];
  /** Ascending; shift vehicles of VEHICLE_TYPE, 3 slots each per operational day. */
  vehicleIds: number[];
  /** Unit code of each vehicle id (`B.17`). */
  unitCodes: Map<number, string>;
  serverVersion: string;
  /** Registers a stop to run first at cleanup (workers, listeners), in reverse order of registration. */
  onCleanup(step: () => Promise<void> | void): void;
  /** Stops what was registered, closes the app and the pool, drops the database; never throws (problems are printed). */
  cleanup(): Promise<void>;
}

/**
 * A fresh database, migrated, the app built on it (logger off, `env` added to its configuration)
 * with the default checklist installed, and `drivers` users plus `vehicles` shift vehicles
 * inserted directly.
 */
export async function prepareBench(spec: { drivers: number; vehicles: number; poolSize: number; env?: Record<string, string> }): Promise<PreparedBench> {
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
    const config = loadConfig({ JWT_SECRET: randomBytes(24).toString('hex'), P2H_DEMO: '0', DATABASE_URL: bench.url, LOG_LEVEL: 'silent', ...spec.env });
    app = await buildApp({ config, database, jwtSecret: config.jwtSecret!, logger: false });
    await app.services.checklist.installDefaults();

    const drivers: Driver[] = [];
    if (spec.drivers > 0) {
      const passwordHash = await hashPassword(DRIVER_PASSWORD); // once: argon2 is slow on purpose
      const driverRows = Array.from({ length: spec.drivers }, (_, i) => {
        const phone = `0812770${String(i + 1).padStart(5, '0')}`;
        const normalized = normalizePhone(phone);
        if (!normalized.ok) throw new Error(`bench phone ${phone} is not valid: ${normalized.reason}`);
        // Admins: the benches fill all three slots of a unit on the real clock, which a driver may not (slot rule).
        return { phone, row: { fullName: `Bench Driver ${i + 1}`, phoneNumber: normalized.e164, role: 'admin' as const, passwordHash } };
      });
      const inserted = await database.db.insert(users).values(driverRows.map((d) => d.row)).returning({ id: users.id });
      drivers.push(...inserted.map((row, i) => ({ id: row.id, phone: driverRows[i]!.phone })));
    }

    const vehicleIds: number[] = [];
    const unitCodes = new Map<number, string>();
    const serverVersion = await withClient(bench.url, async (client) => {
      if (spec.vehicles > 0) {
        const result = await client.query<{ id: number; unit_code: string }>(
          `insert into vehicles (unit_code, unit_code_key, plate_number, plate_key, vehicle_type, shift_type)
           select 'B.' || n, 'B' || n, 'KT ' || (1000 + n % 9000) || ' BN', 'KT' || (1000 + n % 9000) || 'BN', $2, 'shift'
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

/** Logs a bench driver in over HTTP and returns the bearer token. */
export async function login(baseUrl: string, username: string): Promise<string> {
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


export interface LatencySummary {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentiles of latencies in milliseconds. */
export function summarize(latenciesMs: number[]): LatencySummary {
  if (latenciesMs.length === 0) return { p50: NaN, p95: NaN, p99: NaN, max: NaN, mean: NaN };
  const sorted = Float64Array.from(latenciesMs).sort();
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
  const sum = sorted.reduce((a, b) => a + b, 0);
  return { p50: rank(50), p95: rank(95), p99: rank(99), max: sorted[sorted.length - 1]!, mean: sum / sorted.length };
}

export function machine(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.trim().replace(/\s+/g, ' ') ?? 'unknown CPU';
  const memory = (os.totalmem() / 2 ** 30).toFixed(1);
  return `${cpus.length} CPUs (${model}), ${memory} GiB RAM, ${os.platform()} ${os.release()}, Node ${process.version}`;
}

export const ms = (value: number) => (Number.isFinite(value) ? `${value.toFixed(2)} ms` : 'n/a');

export interface BenchResult {
  name: string;
  /** Completed operations per second (requests/s or transactions/s). */
  perSecond: number;
  unit: string;
  latency: LatencySummary;
  count: number;
  concurrency: number;
}
