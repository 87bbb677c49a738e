/**
 * notify-outage: the submit endpoint's latency must not depend on Telegram. The same closed-loop
 * load (8 clients, every report WARNING or ABNORMAL so every submission writes a notification) runs
 * against a fresh app and database in each condition, with a DeliveryWorker wired as in
 * src/runtime.ts delivering at the same time; two rounds, the order rotated between them:
 *
 *   healthy   the fake Bot API answers at once (Telegram's limits enforced)
 *   slow      every sendMessage answered after 2 s
 *   hanging   every sendMessage held 30 s, past grammY's 20 s timeout (a black-holed network)
 *   down      TELEGRAM_API_ROOT on a closed port: every connection refused
 */
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { startFakeTelegram, type FakeTelegram } from '../test/fake-telegram/server.js';
import {
  closedPort,
  envCount,
  loadAverage,
  loginAll,
  postReport,
  prepareNotifyApp,
  problemReportBody,
  startRuntimeWorker,
} from './notify-support.js';
import type { NotifyOutcome } from './notify-support.js';
import { machine, ms, SLOTS_PER_VEHICLE, summarize, VEHICLE_TYPE, type BenchOptions, type BenchResult, type LatencySummary } from './support.js';

interface Condition {
  name: 'healthy' | 'slow' | 'hanging' | 'down';
  label: string;
  /** Fault to inject into the fake; `down` uses no fake at all. */
  delayMs?: number;
}

const CONDITIONS: Condition[] = [
  { name: 'healthy', label: 'Telegram healthy' },
  { name: 'slow', label: 'Telegram slow (every sendMessage 2 s)', delayMs: 2_000 },
  { name: 'hanging', label: 'Telegram hanging (no answer, 20 s client timeout)', delayMs: 30_000 },
  { name: 'down', label: 'Telegram down (connection refused)' },
];

/** One measured run of one condition on its own fresh app and database. */
interface RunResult {
  latencies: number[];
  failures: number;
  elapsedMs: number;
  cpuMs: number;
  sentDuring: number;
  rateLimited: number;
  outbox: { pending: number; failed: number };
  load: string;
}

interface ConditionResult {
  condition: Condition;
  runs: RunResult[];
  perSecond: number;
  latency: LatencySummary;
  count: number;
}

export async function runNotifyOutageBench(options: BenchOptions): Promise<NotifyOutcome> {
  const clients = envCount('BENCH_NOTIFY_CLIENTS', 8);
  const perClient = envCount('BENCH_NOTIFY_PER_CLIENT', 50);
  const rounds = envCount('BENCH_NOTIFY_ROUNDS', 2);
  const warmup = envCount('BENCH_NOTIFY_WARMUP', 60, 0);
  const total = clients * perClient;
  // Drivers rotate over 40 private chats so that, when healthy, Telegram's 1/s per chat is not what
  // limits delivery (40 chats allow 40/s, above the pacer's planned rate).
  const driverCount = 40;
  const wanted = (process.env.BENCH_NOTIFY_CONDITIONS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const conditions = wanted.length === 0 ? CONDITIONS : wanted.map((name) => {
    const condition = CONDITIONS.find((c) => c.name === name);
    if (!condition) throw new Error(`BENCH_NOTIFY_CONDITIONS: unknown condition "${name}" (known: ${CONDITIONS.map((c) => c.name).join(', ')})`);
    return condition;
  });

  // Rounds with the order rotated (round 2 starts with the second condition…), so neither the
  // process warming up nor a drift in the machine's other load favours one condition.
  const runs = new Map<Condition, RunResult[]>(conditions.map((c) => [c, []]));
  for (let round = 0; round < rounds; round++) {
    const order = conditions.map((_, i) => conditions[(i + round) % conditions.length]!);
    for (const condition of order) {
      console.log(`notify-outage: round ${round + 1}/${rounds}, ${condition.label}: fresh database, ${warmup} warm-up + ${clients} clients × ${perClient} reports…`);
      runs.get(condition)!.push(await runCondition(condition, { clients, total, warmup, driverCount, poolSize: options.poolSize }));
    }
  }
  const measured: ConditionResult[] = conditions.map((condition) => {
    const list = runs.get(condition)!;
    const latencies = list.flatMap((r) => r.latencies);
    const elapsed = list.reduce((sum, r) => sum + r.elapsedMs, 0);
    return { condition, runs: list, perSecond: (latencies.length / elapsed) * 1000, latency: summarize(latencies), count: latencies.length };
  });

  console.log('');
  console.log('  submit latency while Telegram is healthy / slow / hanging / down (POST /api/p2h/reports, every report WARNING or ABNORMAL)');
  console.log(`  machine      ${machine()}`);
  console.log(
    `  load         ${clients} concurrent clients (closed loop), ${driverCount} drivers; per condition ${rounds} rounds × ${total} measured reports ` +
      `(each on a fresh app and database after ${warmup} warm-up reports), rotated order; app pool ${options.poolSize}`,
  );
  const header = ['condition', 'requests/s', 'per round', 'p50', 'p95', 'p99', 'max', 'not 201', 'sent meanwhile', '429s', 'outbox after (pending/failed)', 'node CPU', 'load before'];
  const rows = measured.map((r) => [
    r.condition.name,
    r.perSecond.toFixed(1),
    r.runs.map((run) => ((run.latencies.length / run.elapsedMs) * 1000).toFixed(0)).join(' / '),
    ms(r.latency.p50),
    ms(r.latency.p95),
    ms(r.latency.p99),
    ms(r.latency.max),
    String(r.runs.reduce((sum, run) => sum + run.failures, 0)),
    r.runs.map((run) => run.sentDuring).join(' / '),
    String(r.runs.reduce((sum, run) => sum + run.rateLimited, 0)),
    r.runs.map((run) => `${run.outbox.pending}/${run.outbox.failed}`).join(', '),
    r.runs.map((run) => `${((run.cpuMs / run.elapsedMs) * 100).toFixed(0)}%`).join(' / '),
    r.runs.map((run) => run.load.replace(/^load (\S+).*$/, '$1')).join(' / '),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  for (const row of [header, ...rows]) console.log(`  ${row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ')}`);
  console.log('  (per round, sent meanwhile, node CPU and load before (1-minute average) are listed round by round)');
  const healthy = measured.find((r) => r.condition.name === 'healthy');
  const figures: string[] = [];
  for (const r of measured) {
    const ratio = healthy && r !== healthy ? ` (p50 ×${(r.latency.p50 / healthy.latency.p50).toFixed(2)}, requests/s ×${(r.perSecond / healthy.perSecond).toFixed(2)} of healthy)` : '';
    figures.push(`notify-outage ${r.condition.name}: ${r.perSecond.toFixed(1)} requests/s, submit p50 ${ms(r.latency.p50)}, p99 ${ms(r.latency.p99)}${ratio}`);
  }
  console.log('');
  for (const line of figures) if (!line.startsWith('notify-outage healthy')) console.log(`  ${line}`);
  console.log('');

  const failed = measured.reduce((sum, r) => sum + r.runs.reduce((s2, run) => s2 + run.failures, 0), 0);
  if (failed > 0) throw new Error(`notify-outage: ${failed} submissions were not answered 201`);
  const results: BenchResult[] = measured.map((r) => ({
    name: `submit, ${r.condition.name} Telegram`,
    perSecond: r.perSecond,
    unit: 'requests/s',
    latency: r.latency,
    count: r.count,
    concurrency: clients,
  }));
  return { results, figures };
}

async function runCondition(
  condition: Condition,
  spec: { clients: number; total: number; warmup: number; driverCount: number; poolSize: number },
): Promise<RunResult> {
  let fake: FakeTelegram | undefined;
  let apiRoot: string;
  if (condition.name === 'down') {
    apiRoot = `http://127.0.0.1:${await closedPort()}`;
  } else {
    fake = await startFakeTelegram({ enforceLimits: true });
    if (condition.delayMs) fake.fail({ method: 'sendMessage', times: Infinity, response: { delayMs: condition.delayMs } });
    apiRoot = fake.apiRoot;
  }
  const submissions = spec.warmup + spec.total;
  const n = await prepareNotifyApp({ drivers: spec.driverCount, vehicles: Math.ceil(submissions / SLOTS_PER_VEHICLE), poolSize: spec.poolSize, apiRoot });
  try {
    const { app, drivers, vehicleIds } = n;
    await app.http.listen({ port: 0, host: '127.0.0.1' });
    const baseUrl = `http://127.0.0.1:${(app.http.server.address() as AddressInfo).port}`;
    const tokens = await loginAll(baseUrl, drivers);
    const itemIds = (await app.services.checklist.applicableItems(VEHICLE_TYPE)).map((item) => item.id);
    // Same jobs in every condition: report k on slot k mod 3 + 1 of vehicle ⌊k / 3⌋, a quarter ABNORMAL.
    const jobs = Array.from({ length: submissions }, (_, k) => ({
      token: tokens[k % tokens.length]!,
      body: problemReportBody(vehicleIds[Math.floor(k / SLOTS_PER_VEHICLE)]!, (k % SLOTS_PER_VEHICLE) + 1, itemIds, k % 4 === 0 ? 'abnormal' : 'warning', k),
    }));
    await startRuntimeWorker(n);

    const warm = await closedLoop(baseUrl, jobs.slice(0, spec.warmup), spec.clients);
    const sentBefore = fake?.sent.length ?? 0;
    const load = loadAverage();
    const cpuBefore = process.cpuUsage();
    const run = await closedLoop(baseUrl, jobs.slice(spec.warmup), spec.clients);
    const cpu = process.cpuUsage(cpuBefore);
    const sentDuring = (fake?.sent.length ?? 0) - sentBefore;
    const counts = await app.services.outbox.counts();
    for (const failure of [...warm.failures, ...run.failures].slice(0, 5)) console.error(`    ${condition.name}: ${failure}`);
    return {
      latencies: run.latencies,
      failures: warm.failures.length + run.failures.length,
      elapsedMs: run.elapsedMs,
      cpuMs: (cpu.user + cpu.system) / 1000,
      sentDuring,
      rateLimited: fake?.rateLimited ?? 0,
      outbox: { pending: counts.pending, failed: counts.failed },
      load,
    };
  } finally {
    await fake?.close(); // first: answers held requests, so the worker stops at once
    await n.cleanup();
  }
}

/** `clients` clients take jobs from a shared queue, each sending the next as soon as it has an answer. */
async function closedLoop(baseUrl: string, jobs: { token: string; body: string }[], clients: number) {
  const latencies: number[] = [];
  const failures: string[] = [];
  let next = 0;
  const client = async () => {
    while (next < jobs.length) {
      const index = next++;
      const job = jobs[index]!;
      const t0 = performance.now();
      const answer = await postReport(baseUrl, job.token, job.body);
      latencies.push(performance.now() - t0);
      if (answer.status !== 201) failures.push(`#${index} → ${answer.status}: ${answer.text.slice(0, 300)}`);
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(clients, jobs.length) }, client));
  return { latencies, failures, elapsedMs: performance.now() - started };
}
