/**
 * Entry of `npm run bench`: runs every benchmark in turn, or those whose name contains one of the
 * given words (`npm run bench -- submit`), then compares their figures.
 *
 *   npm run bench -- [name…] [--concurrency N] [--total N] [--warmup N] [--pool-size N]
 *
 * The same settings come from BENCH_CONCURRENCY, BENCH_TOTAL, BENCH_WARMUP, BENCH_POOL_SIZE;
 * BENCH_DATABASE_URL is the admin URL of the PostgreSQL server on which throw-away databases are made.
 */
import { runPgbenchBench } from './pgbench.js';
import { runSubmitBench } from './submit.js';
import { ADMIN_DATABASE_URL, machine, ms, readOptions, type BenchOptions, type BenchResult } from './support.js';

interface Benchmark {
  name: string;
  description: string;
  run(options: BenchOptions): Promise<BenchResult | 'skipped'>;
}

const BENCHMARKS: Benchmark[] = [
  { name: 'submit', description: 'POST /api/p2h/reports over HTTP, real server and PostgreSQL', run: runSubmitBench },
  { name: 'pgbench', description: 'the same inserts straight in SQL with pgbench', run: runPgbenchBench },
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
  let failed = 0;
  for (const benchmark of selected) {
    console.log(`=== ${benchmark.name}: ${benchmark.description}`);
    try {
      const result = await benchmark.run(options);
      if (result !== 'skipped') results.push(result);
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
      `${r.perSecond.toFixed(1)} ${r.unit}`,
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
    const http = results.find((r) => r.name === 'HTTP submit');
    const raw = results.find((r) => r.name === 'pgbench submit');
    if (http && raw) {
      console.log(`\n  HTTP submit reaches ${((http.perSecond / raw.perSecond) * 100).toFixed(0)}% of pgbench's throughput for the same writes.`);
    }
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
