/**
 * Entry of `npm run bench`: runs every benchmark in turn, or those whose name contains one of the
 * given words (`npm run bench -- submit`), then compares their figures.
 *
 *   npm run bench -- [name…] [--concurrency N] [--total N] [--warmup N] [--pool-size N]
 *
 * The same settings come from BENCH_CONCURRENCY, BENCH_TOTAL, BENCH_WARMUP, BENCH_POOL_SIZE;
 * BENCH_DATABASE_URL is the admin URL of the PostgreSQL server on which throw-away databases are made.
 */
import os from 'node:os';
import { runImportVehiclesBench } from './import-vehicles.js';
import { runNotifyDeliveryBench } from './notify-delivery.js';
import { runNotifyExpiryBench } from './notify-expiry.js';
import { runNotifyLatencyBench } from './notify-latency.js';
import { runNotifyOutageBench } from './notify-outage.js';
import type { NotifyOutcome } from './notify-support.js';
import { runPgbenchBench } from './pgbench.js';
import { runPhotoBench } from './photo.js';
import { runReportListBench } from './report-list.js';
import { runSharedBudgetBench } from './shared-budget.js';
import { runRssBench } from './rss.js';
import { runSubmitBench, type SubmitResult } from './submit.js';
import { ADMIN_DATABASE_URL, machine, ms, readOptions, type BenchOptions, type BenchResult } from './support.js';

interface Benchmark {
  name: string;
  description: string;
  /** A result for the summary table, or (notification benchmarks) rows plus lines of figures. */
  run(options: BenchOptions): Promise<BenchResult | NotifyOutcome | 'skipped'>;
}

const BENCHMARKS: Benchmark[] = [
  { name: 'submit', description: 'POST /api/p2h/reports over HTTP, real server and PostgreSQL', run: runSubmitBench },
  // Named so that `npm run bench -- submit` runs both sides of the comparison in one run.
  { name: 'pgbench-submit', description: 'the same inserts straight in SQL with pgbench', run: runPgbenchBench },
  { name: 'report-list', description: 'GET /api/p2h/reports with 1 000 000 reports: admin pages, filters, deep page, a driver\'s history', run: runReportListBench },
  { name: 'rss', description: 'memory of npm start idle after start, PGlite and PostgreSQL', run: runRssBench },
  { name: 'notify-latency', description: 'submit → Telegram chat, one ABNORMAL report at a time, worker as in npm start', run: runNotifyLatencyBench },
  { name: 'notify-outage', description: 'submit latency while Telegram is healthy, slow, hanging or down', run: runNotifyOutageBench },
  { name: 'notify-delivery', description: '1 000 notifications to 1 000 private chats against Telegram\'s rate limits', run: runNotifyDeliveryBench },
  { name: 'shared-budget', description: 'the Telegram budget all workers share: cost per message, delivery with 1 and 3 worker processes, Telegram 100 ms away', run: runSharedBudgetBench },
  { name: 'photo', description: 'processing one uploaded 12 MP photo (sniff, rotate, resize, strip metadata, thumbnail), no HTTP or database', run: runPhotoBench },
  { name: 'notify-expiry', description: 'document-expiry scan over 100 000 units (300 000 documents)', run: runNotifyExpiryBench },
  { name: 'import-vehicles', description: 'POST /api/imports/vehicles with 5 000 units: dry run, real run, the same file again', run: runImportVehiclesBench },
];

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(unparsable URL)';
  }
}

/** The figure: HTTP submit ÷ pgbench of the same inserts, both measured in this run. */
function printSubmitComparison(http: SubmitResult, raw: BenchResult): void {
  console.log(`\n  HTTP submit ÷ pgbench submit = ${(http.perSecond / raw.perSecond).toFixed(2)} (${http.perSecond.toFixed(1)} vs ${raw.perSecond.toFixed(1)} /s)`);
  console.log(`    HTTP     p50 ${ms(http.latency.p50)}, p99 ${ms(http.latency.p99)}; server ${http.serverCpuMsPerRequest.toFixed(2)} ms Node CPU per request (clients ${http.clientCpuMsPerRequest.toFixed(2)} ms)`);
  console.log(`    pgbench  p50 ${ms(raw.latency.p50)}, p99 ${ms(raw.latency.p99)}`);
  console.log(`    load average now ${os.loadavg().map((v) => v.toFixed(2)).join(' ')} on ${os.cpus().length} CPUs`);
}

async function main(): Promise<number> {
  let parsed: ReturnType<typeof readOptions>;
  try {
    parsed = readOptions(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const { options, filters } = parsed;
  const selected = BENCHMARKS.filter((b) => filters.length === 0 || filters.some((f) => b.name.includes(f.toLowerCase())));
  if (selected.length === 0) {
    console.error(`No benchmark matches ${filters.join(', ')}. Known: ${BENCHMARKS.map((b) => b.name).join(', ')}`);
    return 2;
  }

  console.log(`P2H benchmarks: ${selected.map((b) => b.name).join(', ')}`);
  console.log(`  server ${redact(ADMIN_DATABASE_URL)}; ${machine()}`);
  console.log(`  concurrency ${options.concurrency}, total ${options.total}, warm-up ${options.warmup}, app pool ${options.poolSize}\n`);

  const results: BenchResult[] = [];
  const figures: string[] = [];
  let failed = 0;
  for (const benchmark of selected) {
    console.log(`=== ${benchmark.name}: ${benchmark.description}`);
    try {
      const result = await benchmark.run(options);
      if (result === 'skipped') continue;
      if ('figures' in result) {
        results.push(...result.results);
        figures.push(...result.figures);
      } else {
        results.push(result);
      }
    } catch (error) {
      failed += 1;
      console.error(`\n${benchmark.name} FAILED:`, error instanceof Error ? error.message : error);
      if (error instanceof Error && error.stack && !error.message.includes('not answered 201')) console.error(error.stack);
      console.error('');
    }
  }

  if (results.length > 0) {
    console.log('=== summary');
    const rows = results.map((r) => [
      r.name,
      Number.isFinite(r.perSecond) ? `${r.perSecond.toFixed(1)} ${r.unit}` : '–',
      ms(r.latency.p50),
      ms(r.latency.p95),
      ms(r.latency.p99),
      ms(r.latency.max),
      String(r.count),
      String(r.concurrency),
    ]);
    const header = ['benchmark', 'throughput', 'p50', 'p95', 'p99', 'max', 'count', 'clients'];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
    for (const row of [header, ...rows]) console.log(`  ${row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')}`);
    const http = results.find((r): r is SubmitResult => r.name === 'HTTP submit');
    const raw = results.find((r) => r.name === 'pgbench submit');
    if (http && raw) printSubmitComparison(http, raw);
  }
  if (figures.length > 0) {
    console.log(`\n=== notification figures (${new Date().toISOString()}, load ${os.loadavg().map((v) => v.toFixed(2)).join(' ')})`);
    for (const line of figures) console.log(`  ${line}`);
  }
  if (failed > 0) console.error(`\n${failed} benchmark(s) failed.`);
  return failed > 0 ? 1 : 0;
}

// Exit explicitly: a benchmark that failed half-way must not leave the process waiting on a socket.
main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
