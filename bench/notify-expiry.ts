/**
 * notify-expiry: the daily document-expiry scan (`scanExpiringDocuments`, as the scheduler in
 * src/runtime.ts calls it) over a fleet of 100 000 units with STNK, KIR and pajak each (300 000
 * documents), expiry dates spread uniformly over −60…+400 days from today. The first run queues the
 * alerts that are due; the second finds the same documents and queues nothing (idempotent). EXPLAIN
 * (ANALYZE, BUFFERS) of the scan's own query shows which plan PostgreSQL chooses.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { FIRST_THRESHOLD } from '../src/notifications/expiry-rules.js';
import { scanExpiringDocuments, type ExpiryScanResult } from '../src/notifications/expiry-scan.js';
import { addDays, localTime } from '../src/p2h/operational-day.js';
import { envCount, loadAverage, prepareNotifyApp, type NotifyOutcome } from './notify-support.js';
import { withClient } from './support.js';
import { machine, VEHICLE_TYPE, type BenchOptions } from './support.js';

const SPREAD = { from: -60, to: 400 };

export async function runNotifyExpiryBench(options: BenchOptions): Promise<NotifyOutcome> {
  const units = envCount('BENCH_NOTIFY_UNITS', 100_000);
  // No worker runs: the alerts stay pending. Telegram is "configured" so they are queued, not skipped.
  const n = await prepareNotifyApp({ drivers: 0, vehicles: 0, poolSize: options.poolSize, apiRoot: 'http://127.0.0.1:9' });
  try {
    const { app, config, bench } = n;
    const now = new Date();
    const timeZone = config.timezone;
    const today = localTime(now, timeZone).date;
    const cutoff = addDays(today, FIRST_THRESHOLD);

    console.log(`notify-expiry: seeding ${units} units × 3 documents, expiry uniform over ${SPREAD.from}…+${SPREAD.to} days from ${today}…`);
    const seedStarted = performance.now();
    const expected = await withClient(bench.url, async (client) => {
      await client.query(
        `insert into vehicles (unit_code, unit_code_key, plate_number, plate_key, vehicle_type, shift_type)
         select 'X.' || n, 'X' || n, 'KT ' || n || ' XE', 'KT' || n || 'XE', $2,
                (array['shift', 'long_shift', 'non_shift'])[1 + n % 3]::shift_type
         from generate_series(1, $1::int) as n`,
        [units, VEHICLE_TYPE],
      );
      // (id · 2654435761 + k · 40503) mod 461 runs through every residue as id counts up: a uniform,
      // repeatable spread of 461 days, and the three documents of a unit fall on different days.
      const width = SPREAD.to - SPREAD.from + 1;
      await client.query(
        `insert into vehicle_documents (vehicle_id, document_type, expiry_date)
         select v.id, d.type::document_type, $1::date + (((v.id::bigint * 2654435761 + d.k * 40503) % $2::int) + $3::int)::int
         from vehicles v cross join (values ('stnk', 1), ('kir', 2), ('pajak', 3)) as d(type, k)`,
        [today, width, SPREAD.from],
      );
      // What autovacuum would have done by the time a real fleet is scanned.
      await client.query('vacuum analyze vehicles');
      await client.query('vacuum analyze vehicle_documents');
      const { rows } = await client.query<{ documents: string; due: string }>(
        `select count(*) as documents, count(*) filter (where expiry_date <= $1::date) as due from vehicle_documents`,
        [cutoff],
      );
      return { documents: Number(rows[0]!.documents), due: Number(rows[0]!.due) };
    });
    const seedMs = performance.now() - seedStarted;
    console.log(`notify-expiry: ${expected.documents} documents seeded in ${(seedMs / 1000).toFixed(1)} s; ${expected.due} (${((expected.due / expected.documents) * 100).toFixed(1)}%) expire on or before ${cutoff}`);

    const queryStarted = performance.now();
    const documents = await app.services.outbox.unannouncedExpiryDocuments(today, cutoff);
    const queryMs = performance.now() - queryStarted;

    // The scan's own query for its second page of 1 000, as drizzle builds it (not executed: drizzle queries run when awaited).
    const query = (app.services.outbox.unannouncedExpiryDocuments(today, cutoff, { after: documents[999], limit: 1_000 }) as unknown as { toSQL(): { sql: string; params: unknown[] } }).toSQL();
    const plan = await withClient(bench.url, async (client) => {
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(`explain (analyze, buffers) ${query.sql}`, query.params);
      return rows.map((r) => r['QUERY PLAN']);
    });
    const usesIndex = plan.some((line) => line.includes('vehicle_documents_expiry_idx'));

    const load = loadAverage();
    // In `npm start` the scan runs in the API's process (at start-up and daily): how long does it
    // keep the event loop from answering requests?
    const runs: (ExpiryScanResult & { ms: number; cpuMs: number; loopP99: number; loopMax: number; longestBlock: number })[] = [];
    for (let run = 0; run < 2; run++) {
      const loop = monitorEventLoopDelay({ resolution: 10 });
      loop.enable();
      // The longest gap between ticks of a 5 ms timer: how long a request arriving meanwhile could wait.
      let lastTick = performance.now();
      let longestBlock = 0;
      const ticker = setInterval(() => {
        const tick = performance.now();
        longestBlock = Math.max(longestBlock, tick - lastTick - 5);
        lastTick = tick;
      }, 5);
      const cpuBefore = process.cpuUsage();
      const started = performance.now();
      const result = await scanExpiringDocuments(app.services, now, timeZone);
      const cpu = process.cpuUsage(cpuBefore);
      clearInterval(ticker);
      longestBlock = Math.max(longestBlock, performance.now() - lastTick - 5);
      loop.disable();
      runs.push({ ...result, ms: performance.now() - started, cpuMs: (cpu.user + cpu.system) / 1000, loopP99: loop.percentile(99) / 1e6, loopMax: loop.max / 1e6, longestBlock });
    }
    const queued = await withClient(bench.url, async (client) => {
      const { rows } = await client.query<{ n: string }>(`select count(*) as n from telegram_notifications where threshold_key is not null and status = 'pending'`);
      return Number(rows[0]!.n);
    });

    console.log('');
    console.log(`  expiry scan (scanExpiringDocuments) over ${units} units, ${expected.documents} documents, today ${today} (${timeZone}), cutoff ${cutoff}`);
    console.log(`  machine      ${machine()}; ${load} before the scans`);
    console.log(`  postgres     ${n.serverVersion}; tables vacuumed and analyzed after seeding`);
    console.log(`  query alone  ${documents.length} rows in ${queryMs.toFixed(0)} ms (unannouncedExpiryDocuments, awaited through drizzle)`);
    for (const [i, r] of runs.entries()) {
      console.log(`  run ${i + 1}        ${r.documents_checked} documents checked, ${r.alerts_created} alerts created, ${r.ms.toFixed(0)} ms (node CPU ${r.cpuMs.toFixed(0)} ms; event-loop delay p99 ${r.loopP99.toFixed(0)} ms, max ${r.loopMax.toFixed(0)} ms; longest block ${r.longestBlock.toFixed(0)} ms)`);
    }
    console.log(`  outbox       ${queued} expiry alerts pending for the admin group`);
    console.log(`  EXPLAIN (ANALYZE, BUFFERS) of the scan query (second page) — ${usesIndex ? 'uses vehicle_documents_expiry_idx' : 'does NOT use vehicle_documents_expiry_idx'}:`);
    for (const line of plan) console.log(`    ${line}`);
    console.log('');

    const [first, second] = [runs[0]!, runs[1]!];
    if (first.documents_checked !== expected.due) throw new Error(`scan checked ${first.documents_checked} documents, expected ${expected.due}`);
    if (second.alerts_created !== 0) throw new Error(`second scan created ${second.alerts_created} alerts: not idempotent`);
    if (queued !== first.alerts_created) throw new Error(`${queued} expiry alerts in the outbox, the scan reported ${first.alerts_created}`);
    return {
      results: [],
      figures: [
        `notify-expiry: ${units} units / ${expected.documents} documents: run 1 checked ${first.documents_checked}, queued ${first.alerts_created} in ${first.ms.toFixed(0)} ms; ` +
          `run 2 checked ${second.documents_checked}, queued ${second.alerts_created} in ${second.ms.toFixed(0)} ms; ` +
          `longest event-loop block ${first.longestBlock.toFixed(0)} / ${second.longestBlock.toFixed(0)} ms (goals ≤ 2 s / ≤ 0.5 s, block ≤ 50 ms); query ${queryMs.toFixed(0)} ms, ${usesIndex ? 'index' : 'no index'} (vehicle_documents_expiry_idx)`,
      ],
    };
  } finally {
    await n.cleanup();
  }
}
