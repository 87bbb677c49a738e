/**
 * pgbench comparison: the submit's writes (one p2h_reports row and its detail rows in one
 * transaction) done straight in SQL by pgbench, on a database prepared like the submit benchmark's.
 * It shows what PostgreSQL on this machine costs for the same inserts without HTTP, JSON, auth,
 * validation and the app's extra reads, i.e. a ceiling for the HTTP figures.
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { count, eq, sql } from 'drizzle-orm';
import { checklistItems, p2hReportDetails, p2hReports } from '../src/db/schema.js';
import { machine, ms, prepareBench, SLOTS_PER_VEHICLE, summarize, type BenchOptions, type BenchResult } from './support.js';

const SCRIPT = fileURLToPath(new URL('./pgbench-submit.sql', import.meta.url));

/** BENCH_PGBENCH, else pgbench on PATH, else the newest /usr/lib/postgresql/<version>/bin/pgbench. */
export function findPgbench(): string | undefined {
  const candidates = [process.env.BENCH_PGBENCH, 'pgbench'];
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root).filter((v) => /^\d+(\.\d+)?$/.test(v)).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => path.join(root, v, 'bin', 'pgbench')));
  }
  for (const candidate of candidates) {
    if (!candidate) continue;
    const probe = spawnSync(candidate, ['--version'], { encoding: 'utf8' });
    if (probe.status === 0) return candidate;
  }
  return undefined;
}

function runPgbench(binary: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(binary, args, { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (error) reject(new Error(`pgbench failed (${error.message.split('\n')[0]}):\n${stdout}\n${stderr}`));
      else resolve(stdout + stderr);
    });
  });
}

interface PgbenchSummary {
  processed: number;
  expected: number;
  failed: number;
  tps: number;
  latencyAverageMs: number;
}

function parseOutput(output: string): PgbenchSummary {
  const number = (pattern: RegExp, what: string): RegExpExecArray => {
    const match = pattern.exec(output);
    if (!match) throw new Error(`could not find ${what} in pgbench's output:\n${output}`);
    return match;
  };
  const processed = number(/number of transactions actually processed: (\d+)\/(\d+)/, 'the processed count');
  const failed = /number of failed transactions: (\d+)/.exec(output);
  return {
    processed: Number(processed[1]),
    expected: Number(processed[2]),
    failed: failed ? Number(failed[1]) : 0,
    tps: Number(number(/tps = ([\d.]+) \(without initial connection time\)/, 'tps')[1]),
    latencyAverageMs: Number(number(/latency average = ([\d.]+) ms/, 'the latency average')[1]),
  };
}

/** Per-transaction latencies (ms) from pgbench --log files: the third field is the time in µs. */
function readTransactionLog(dir: string): number[] {
  const latencies: number[] = [];
  for (const file of readdirSync(dir)) {
    for (const line of readFileSync(path.join(dir, file), 'utf8').split('\n')) {
      const fields = line.trim().split(/\s+/);
      if (fields.length >= 6 && /^\d+$/.test(fields[2]!)) latencies.push(Number(fields[2]) / 1000);
    }
  }
  return latencies;
}

export async function runPgbenchBench(options: BenchOptions): Promise<BenchResult | 'skipped'> {
  const binary = findPgbench();
  if (!binary) {
    console.log('pgbench: SKIPPED, the pgbench binary was not found (looked at $BENCH_PGBENCH, PATH and /usr/lib/postgresql/*/bin).');
    console.log('  Install it with `apt-get install postgresql-client` (Debian/Ubuntu; it also ships with the');
    console.log('  PostgreSQL server packages, e.g. postgresql-15), or point BENCH_PGBENCH at the binary.');
    return 'skipped';
  }
  const version = spawnSync(binary, ['--version'], { encoding: 'utf8' }).stdout.trim();
  const { concurrency } = options;
  const perClient = Math.ceil(options.total / concurrency); // pgbench's -t counts per client
  const warmupPerClient = Math.ceil(options.warmup / concurrency);
  const transactions = perClient * concurrency;
  const vehicleCount = Math.ceil(((perClient + warmupPerClient) * concurrency) / SLOTS_PER_VEHICLE);
  const threads = Math.min(2, concurrency);

  console.log(`pgbench: preparing a fresh database (1 driver, ${vehicleCount} vehicles)…`);
  const prepared = await prepareBench({ drivers: 1, vehicles: vehicleCount, poolSize: 2 });
  const logDir = mkdtempSync(path.join(os.tmpdir(), 'p2h-pgbench-'));
  try {
    const { database, drivers, vehicleIds, bench } = prepared;
    const first = vehicleIds[0]!;
    if (vehicleIds[vehicleIds.length - 1]! - first + 1 !== vehicleIds.length) {
      throw new Error('pgbench: the seeded vehicle ids are not consecutive; the script maps slot numbers onto them');
    }
    await database.db.execute(sql.raw('create sequence bench_slot_seq minvalue 0 start 0'));
    const [{ items } = { items: 0 }] = await database.db.select({ items: count() }).from(checklistItems).where(eq(checklistItems.isActive, true));

    const common = ['-n', '-c', String(concurrency), '-j', String(threads), '-f', SCRIPT, '-M', 'prepared'];
    const variables = ['-D', `user_id=${drivers[0]!.id}`, '-D', `first_vehicle=${first}`];
    if (warmupPerClient > 0) {
      console.log(`pgbench: warm-up, ${warmupPerClient * concurrency} transactions…`);
      parseOutput(await runPgbench(binary, [...common, '-t', String(warmupPerClient), ...variables, bench.url]));
    }
    console.log(`pgbench: measuring, ${transactions} transactions (${perClient} per client) with ${concurrency} clients…`);
    const output = await runPgbench(binary, [
      ...common,
      '-t',
      String(perClient),
      '--log',
      `--log-prefix=${path.join(logDir, 'pgbench')}`,
      ...variables,
      bench.url,
    ]);
    const summary = parseOutput(output);
    const latencies = readTransactionLog(logDir);
    const latency = summarize(latencies);
    const [reports] = await database.db.select({ n: count() }).from(p2hReports);
    const [details] = await database.db.select({ n: count() }).from(p2hReportDetails);
    const stored = { reports: reports?.n ?? 0, details: details?.n ?? 0 };

    console.log('');
    console.log('  pgbench submit (bench/pgbench-submit.sql: BEGIN; INSERT report; INSERT details; END)');
    console.log(`  machine      ${machine()}`);
    console.log(`  postgres     ${prepared.serverVersion}, ${version}`);
    console.log(`  concurrency  ${concurrency} connections, ${threads} pgbench threads, -M prepared, warm-up ${warmupPerClient * concurrency} not counted`);
    console.log(`  total        ${summary.processed}/${summary.expected} transactions × ${items} detail rows, ${summary.failed} failed`);
    console.log(`  throughput   ${summary.tps.toFixed(1)} transactions/s (pgbench tps, without connection time)`);
    console.log(`  latency      average ${ms(summary.latencyAverageMs)} (pgbench)`);
    console.log(`               p50 ${ms(latency.p50)}, p95 ${ms(latency.p95)}, p99 ${ms(latency.p99)}, max ${ms(latency.max)} (from ${latencies.length} logged transactions)`);
    console.log(`  stored       ${stored.reports} reports, ${stored.details} detail rows (warm-up included)`);
    console.log('');

    if (summary.processed !== summary.expected || summary.failed > 0) {
      throw new Error(`pgbench: ${summary.processed} of ${summary.expected} transactions processed, ${summary.failed} failed`);
    }
    const expectedReports = (perClient + warmupPerClient) * concurrency;
    if (stored.reports !== expectedReports || stored.details !== expectedReports * items) {
      throw new Error(`pgbench: expected ${expectedReports} reports and ${expectedReports * items} details stored, found ${stored.reports} and ${stored.details}`);
    }
    return { name: 'pgbench submit', perSecond: summary.tps, unit: 'transactions/s', latency, count: summary.processed, concurrency };
  } finally {
    rmSync(logDir, { recursive: true, force: true });
    await prepared.cleanup();
  }
}
