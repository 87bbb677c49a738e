/**
 * shared-budget: what the one Telegram budget shared by all workers costs, and what it delivers.
 *  1. Cost per message: SharedPacer.reserve() (one transaction: BEGIN, advisory lock, the slot
 *     statement, COMMIT) timed and its database round trips counted, on PostgreSQL and PGlite, beside
 *     the in-memory Pacer; and how many reservations a second 3 workers together can make (the
 *     ceiling the budget itself puts on the system, far above Telegram's 30/s).
 *  2. Delivery rate with 1 and with 3 real `npm run worker` processes against the fake Bot API
 *     enforcing Telegram's limits and answering every sendMessage after 100 ms (network latency).
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { openPglite, openPostgres, type Database } from '../src/db/client.js';
import { Pacer } from '../src/notifications/pacer.js';
import { SharedPacer } from '../src/notifications/shared-pacer.js';
import { startFakeTelegram } from '../test/fake-telegram/server.js';
import { deliverWithWorkers, describeRun } from '../test/support/worker-fleet.js';
import { envCount, type NotifyOutcome } from './notify-support.js';
import { createBenchDatabase, machine, ms, summarize, type BenchResult } from './support.js';

/** No waiting: the cost of the reservation alone is measured, not the pacing. */
const UNPACED = { perSecond: 1_000_000, privateIntervalMs: 0, groupIntervalMs: 0 };

/** Counts queries sent by every node-postgres client in this process while `run` runs. */
async function countingQueries<T>(run: () => Promise<T>): Promise<{ result: T; queries: number }> {
  const original = pg.Client.prototype.query;
  let queries = 0;
  pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
    queries += 1;
    return (original as (...a: unknown[]) => unknown).apply(this, args);
  } as typeof original;
  try {
    return { result: await run(), queries };
  } finally {
    pg.Client.prototype.query = original;
  }
}

async function timeReservations(pacer: { reserve(chat: string): number | Promise<number> }, count: number): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < count; i++) {
    const started = performance.now();
    await pacer.reserve(String(900_000_000 + (i % 1_000)));
    latencies.push(performance.now() - started);
  }
  return latencies;
}

function costResult(name: string, latencies: number[]): BenchResult {
  const latency = summarize(latencies);
  return { name, perSecond: 1000 / latency.mean, unit: 'reservations/s', latency, count: latencies.length, concurrency: 1 };
}

export async function runSharedBudgetBench(): Promise<NotifyOutcome> {
  const reservations = envCount('BENCH_BUDGET_RESERVATIONS', 2_000);
  const chats = envCount('BENCH_BUDGET_CHATS', 300);
  const delayMs = envCount('BENCH_BUDGET_DELAY_MS', 100, 0);
  const results: BenchResult[] = [];
  const figures: string[] = [];
  console.log(`  machine ${machine()}`);

  // 1. Cost per message.
  const benchDb = await createBenchDatabase();
  const databases: Database[] = [];
  try {
    const open = () => {
      const database = openPostgres(benchDb.url, { poolSize: 2 });
      databases.push(database);
      return database;
    };
    const first = open();
    await first.migrate();
    await timeReservations(new SharedPacer(first.db, UNPACED), 200); // warm-up: connections, plans
    const { result: latencies, queries } = await countingQueries(() => timeReservations(new SharedPacer(first.db, UNPACED), reservations));
    results.push(costResult('budget reserve, PostgreSQL', latencies));
    const roundTrips = queries / reservations;

    // Three workers (three pools) reserving flat out: the budget's own ceiling.
    const pacers = [first, open(), open()].map((d) => new SharedPacer(d.db, UNPACED));
    const started = performance.now();
    await Promise.all(pacers.map((p) => timeReservations(p, Math.ceil(reservations / 3))));
    const ceiling = (3 * Math.ceil(reservations / 3) * 1000) / (performance.now() - started);

    const pglite = await openPglite(undefined);
    databases.push(pglite);
    await pglite.migrate();
    await timeReservations(new SharedPacer(pglite.db, UNPACED), 200);
    results.push(costResult('budget reserve, PGlite', await timeReservations(new SharedPacer(pglite.db, UNPACED), reservations)));
    results.push(costResult('in-memory Pacer (one process)', await timeReservations(new Pacer(UNPACED), reservations)));

    for (const r of results) console.log(`  ${r.name}: mean ${ms(r.latency.mean)}, p50 ${ms(r.latency.p50)}, p99 ${ms(r.latency.p99)} (${r.count} reservations)`);
    console.log(`  PostgreSQL round trips per message: ${roundTrips.toFixed(2)}; 3 workers reserving at once: ${ceiling.toFixed(0)} reservations/s in all`);
    const pgCost = results[0]!.latency;
    figures.push(
      `shared-budget cost per message: ${roundTrips.toFixed(0)} round trips, ${ms(pgCost.mean)} mean / ${ms(pgCost.p99)} p99 on PostgreSQL, ` +
        `${ms(results[1]!.latency.mean)} on PGlite; ceiling with 3 workers ${ceiling.toFixed(0)} reservations/s`,
    );
  } finally {
    for (const database of databases) await database.close();
    await benchDb.drop();
  }

  // 2. Delivery rate with 1 and 3 workers, Telegram 100 ms away.
  const fake = await startFakeTelegram({ enforceLimits: true });
  if (delayMs > 0) fake.fail({ method: 'sendMessage', times: Infinity, response: { delayMs } });
  const fleetDb = await createBenchDatabase();
  const database = openPostgres(fleetDb.url, { poolSize: 2 });
  try {
    await database.migrate();
    for (const [i, workers] of [1, 3].entries()) {
      console.log(`  delivering ${chats} notifications to ${chats} chats with ${workers} worker(s), ${delayMs} ms per sendMessage…`);
      const run = await deliverWithWorkers({ fake, db: database.db, databaseUrl: fleetDb.url, workers, chats, firstChat: 820_000_000 + i * 1_000_000, timeoutMs: 300_000 });
      console.log(`    ${describeRun(run)}`);
      figures.push(`shared-budget delivery, ${delayMs} ms per sendMessage: ${describeRun(run)}`);
    }
  } finally {
    await database.close();
    await fake.close();
    await fleetDb.drop();
  }
  return { results, figures };
}
