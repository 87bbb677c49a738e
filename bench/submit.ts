/**
 * Submit benchmark: POST /api/p2h/reports over real HTTP against the real app on real PostgreSQL.
 *
 * A fresh database is created, migrated and seeded (drivers, and enough shift vehicles that every
 * submission has a free slot: 3 per vehicle and operational day); drivers log in through the API;
 * then `concurrency` clients send 39-answer reports, first a warm-up that is not counted, then
 * `total` measured ones. Every answer must be 201. The database is dropped at the end.
 */
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { count } from 'drizzle-orm';
import { p2hReportDetails, p2hReports } from '../src/db/schema.js';
import {
  DRIVER_PASSWORD,
  machine,
  ms,
  login,
  prepareBench,
  SLOTS_PER_VEHICLE,
  summarize,
  VEHICLE_TYPE,
  type BenchOptions,
  type BenchResult,
} from './support.js';

interface Job {
  token: string;
  body: string;
}

interface Failure {
  index: number;
  status: number;
  body: string;
}

interface PhaseResult {
  latenciesMs: number[];
  failures: Failure[];
  statusCounts: Map<number, number>;
  elapsedMs: number;
}

/** Small deterministic PRNG (mulberry32), so every run sends the same mix of answers. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const REMARKS = ['Rembes sedikit, perlu dicek mekanik', 'Lampu redup', 'Tekanan ban kurang', 'Bunyi kasar saat pengereman', 'Kaca retak kecil'];

/**
 * One report body: every applicable item answered; about 70% of reports all normal, the rest with
 * one to three items warning (mostly) or abnormal, each with a remark.
 */
function reportBody(random: () => number, vehicleId: number, shiftNumber: number, itemIds: number[]): string {
  const details: { checklist_item_id: number; status: 'normal' | 'warning' | 'abnormal'; keterangan?: string }[] = itemIds.map((id) => ({
    checklist_item_id: id,
    status: 'normal',
  }));
  if (random() < 0.3) {
    const flagged = 1 + Math.floor(random() * 3);
    for (let k = 0; k < flagged; k++) {
      const answer = details[Math.floor(random() * details.length)]!;
      answer.status = random() < 0.75 ? 'warning' : 'abnormal';
      answer.keterangan = REMARKS[Math.floor(random() * REMARKS.length)]!;
    }
  }
  const odometer = 10_000 + Math.floor(random() * 80_000);
  return JSON.stringify({ vehicle_id: vehicleId, shift_number: shiftNumber, odometer, details });
}

/** `concurrency` clients take jobs from a shared queue until it is empty (bounded by jobs.length). */
async function runPhase(baseUrl: string, jobs: Job[], concurrency: number): Promise<PhaseResult> {
  const latenciesMs: number[] = [];
  const failures: Failure[] = [];
  const statusCounts = new Map<number, number>();
  let next = 0;
  const client = async () => {
    while (next < jobs.length) {
      const index = next++;
      const job = jobs[index]!;
      const started = performance.now();
      let status = 0;
      let text = '';
      try {
        const response = await fetch(`${baseUrl}/api/p2h/reports`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${job.token}` },
          body: job.body,
        });
        status = response.status;
        text = await response.text(); // read fully: part of the latency, and frees the connection
      } catch (error) {
        text = error instanceof Error ? `${error.message} ${String((error as { cause?: unknown }).cause ?? '')}` : String(error);
      }
      latenciesMs.push(performance.now() - started);
      statusCounts.set(status, (statusCounts.get(status) ?? 0) + 1);
      if (status !== 201) failures.push({ index, status, body: text.slice(0, 500) });
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, jobs.length) }, client));
  return { latenciesMs, failures, statusCounts, elapsedMs: performance.now() - started };
}

function reportFailures(phase: string, result: PhaseResult): void {
  if (result.failures.length === 0) return;
  const statuses = [...result.statusCounts].map(([status, n]) => `${status === 0 ? 'network error' : status}: ${n}`).join(', ');
  console.error(`  ${phase}: ${result.failures.length} of ${result.latenciesMs.length} requests were not 201 (${statuses})`);
  for (const failure of result.failures.slice(0, 10)) {
    console.error(`    #${failure.index} → ${failure.status === 0 ? 'network error' : failure.status}: ${failure.body}`);
  }
  if (result.failures.length > 10) console.error(`    … and ${result.failures.length - 10} more`);
}

export async function runSubmitBench(options: BenchOptions): Promise<BenchResult> {
  const { concurrency, total, warmup, poolSize } = options;
  const submissions = warmup + total;
  const vehicleCount = Math.ceil(submissions / SLOTS_PER_VEHICLE);
  const driverCount = Math.min(concurrency, 8);

  console.log(`submit: preparing a fresh database (${driverCount} drivers, ${vehicleCount} vehicles)…`);
  const prepared = await prepareBench({ drivers: driverCount, vehicles: vehicleCount, poolSize });
  try {
    const { app, database, drivers, vehicleIds } = prepared;
    await app.http.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.http.server.address() as AddressInfo;
    const baseUrl = `http://127.0.0.1:${port}`;

    const tokens: string[] = [];
    for (const driver of drivers) tokens.push(await login(baseUrl, driver.phone));

    const itemIds = (await app.services.checklist.applicableItems(VEHICLE_TYPE)).map((item) => item.id);
    if (itemIds.length === 0) throw new Error(`no checklist items apply to ${VEHICLE_TYPE}: installDefaults did not install the checklist`);

    // Submission k takes slot (k mod 3) + 1 of vehicle ⌊k / 3⌋: no two submissions share a slot.
    // The clock is real time; should the operational day turn mid-run, the new day's slots are free too.
    const random = prng(20260121);
    const jobs: Job[] = Array.from({ length: submissions }, (_, k) => ({
      token: tokens[k % tokens.length]!,
      body: reportBody(random, vehicleIds[Math.floor(k / SLOTS_PER_VEHICLE)]!, (k % SLOTS_PER_VEHICLE) + 1, itemIds),
    }));

    console.log(`submit: warm-up, ${warmup} reports…`);
    const warm = await runPhase(baseUrl, jobs.slice(0, warmup), concurrency);
    reportFailures('warm-up', warm);

    console.log(`submit: measuring, ${total} reports of ${itemIds.length} answers with ${concurrency} concurrent clients…`);
    const cpuBefore = process.cpuUsage();
    const measured = await runPhase(baseUrl, jobs.slice(warmup), concurrency);
    const cpu = process.cpuUsage(cpuBefore);
    const cpuMs = (cpu.user + cpu.system) / 1000;
    reportFailures('measured run', measured);

    const [reports] = await database.db.select({ n: count() }).from(p2hReports);
    const [details] = await database.db.select({ n: count() }).from(p2hReportDetails);
    const stored = { reports: reports?.n ?? 0, details: details?.n ?? 0 };

    const latency = summarize(measured.latenciesMs);
    const perSecond = (measured.latenciesMs.length / measured.elapsedMs) * 1000;
    console.log('');
    console.log('  HTTP submit (POST /api/p2h/reports, real server on 127.0.0.1, real PostgreSQL)');
    console.log(`  machine      ${machine()}`);
    console.log(`  postgres     ${prepared.serverVersion}, app pool ${poolSize} connections`);
    console.log(`  concurrency  ${concurrency} clients (${drivers.length} drivers), warm-up ${warmup} not counted`);
    console.log(`  total        ${measured.latenciesMs.length} reports × ${itemIds.length} answers, ${measured.failures.length} not 201`);
    console.log(`  duration     ${(measured.elapsedMs / 1000).toFixed(2)} s`);
    console.log(`  throughput   ${perSecond.toFixed(1)} requests/s`);
    console.log(`  latency      p50 ${ms(latency.p50)}, p95 ${ms(latency.p95)}, p99 ${ms(latency.p99)}, max ${ms(latency.max)} (mean ${ms(latency.mean)})`);
    console.log(
      `  node CPU     ${(cpuMs / 1000).toFixed(2)} s = ${((cpuMs / measured.elapsedMs) * 100).toFixed(0)}% of one core, ${(cpuMs / measured.latenciesMs.length).toFixed(2)} ms per request (server and clients share this process)`,
    );
    console.log(`  stored       ${stored.reports} reports, ${stored.details} detail rows`);
    console.log('');

    const failed = warm.failures.length + measured.failures.length;
    if (failed > 0) throw new Error(`submit benchmark: ${failed} requests were not answered 201 (see above)`);
    if (stored.reports !== submissions || stored.details !== submissions * itemIds.length) {
      throw new Error(`submit benchmark: expected ${submissions} reports and ${submissions * itemIds.length} details stored, found ${stored.reports} and ${stored.details}`);
    }
    return { name: 'HTTP submit', perSecond, unit: 'requests/s', latency, count: measured.latenciesMs.length, concurrency };
  } finally {
    await prepared.cleanup();
  }
}
