/**
 * Submit benchmark: POST /api/p2h/reports over real HTTP against the real app on real PostgreSQL.
 *
 * A fresh database is created, migrated and seeded (drivers, and enough shift vehicles that every
 * submission has a free slot: 3 per vehicle and operational day); the app is started in a process
 * of its own (bench/submit-server.ts); drivers log in through the API; then `concurrency` clients
 * in this process send 39-answer reports, first a warm-up that is not counted, then `total`
 * measured ones. Every answer must be 201. The database is dropped at the end.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
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

/**
 * One POST over a kept-alive connection; resolves with the status and the whole answer. Plain
 * node:http rather than fetch: the load generator shares the machine's two CPUs with the server
 * and PostgreSQL, and undici's fetch costs about twice the CPU per request.
 */
function post(agent: http.Agent, url: URL, token: string, body: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), authorization: `Bearer ${token}` } },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/** `concurrency` clients take jobs from a shared queue until it is empty (bounded by jobs.length). */
async function runPhase(baseUrl: string, jobs: Job[], concurrency: number): Promise<PhaseResult> {
  const latenciesMs: number[] = [];
  const failures: Failure[] = [];
  const statusCounts = new Map<number, number>();
  const url = new URL('/api/p2h/reports', baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  let next = 0;
  const client = async () => {
    while (next < jobs.length) {
      const index = next++;
      const job = jobs[index]!;
      const started = performance.now();
      let status = 0;
      let text = '';
      try {
        ({ status, text } = await post(agent, url, job.token, job.body)); // read fully: part of the latency
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
  const elapsedMs = performance.now() - started;
  agent.destroy();
  return { latenciesMs, failures, statusCounts, elapsedMs };
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

const SERVER = fileURLToPath(new URL('./submit-server.ts', import.meta.url));

/** The result, plus the CPU split that bench/run.ts prints next to pgbench's figures. */
export interface SubmitResult extends BenchResult {
  serverCpuMsPerRequest: number;
  clientCpuMsPerRequest: number;
}

interface ServerProcess {
  baseUrl: string;
  /** CPU time (user + system, ms) the server process has used so far, and its event loop's busy and idle ms. */
  usage(): Promise<{ cpuMs: number; systemMs: number; loopActiveMs: number; loopIdleMs: number }>;
  stop(): Promise<void>;
}

/**
 * Starts bench/submit-server.ts on the bench database. BENCH_CPU_PROF_DIR=/tmp/x adds
 * `--cpu-prof --cpu-prof-dir=/tmp/x`: the server writes a .cpuprofile there when it stops.
 */
async function startServer(url: string, jwtSecret: string, poolSize: number): Promise<ServerProcess> {
  const profileDir = process.env.BENCH_CPU_PROF_DIR;
  if (profileDir) mkdirSync(profileDir, { recursive: true });
  const child: ChildProcess = fork(SERVER, [], {
    execArgv: ['--import', 'tsx', ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])],
    env: { ...process.env, BENCH_SERVER_DATABASE_URL: url, BENCH_SERVER_JWT_SECRET: jwtSecret, BENCH_SERVER_POOL_SIZE: String(poolSize) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    // A session of its own, as a service has: with the kernel's autogroup scheduling, CPU is shared
    // fairly between sessions, and every PostgreSQL backend is one (it calls setsid), so a server
    // left in the bench's session would share one slice with the load generator while pgbench's
    // backends each get their own. It still exits with the bench (on 'disconnect').
    detached: true,
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const next = <T>(type: string) =>
    new Promise<T>((resolve, reject) => {
      const onMessage = (message: { type: string } & T) => {
        if (message.type !== type) return;
        child.off('exit', onExit);
        child.off('message', onMessage);
        resolve(message);
      };
      const onExit = (code: number | null) => {
        child.off('message', onMessage);
        reject(new Error(`the bench server exited (code ${code}) before answering '${type}'`));
      };
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const { port } = await next<{ port: number }>('listening');
  if (profileDir) console.log(`submit: the server writes a CPU profile to ${profileDir} when it stops`);
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    async usage() {
      const reply = next<{ usage: NodeJS.CpuUsage; elu: { active: number; idle: number } }>('cpu');
      child.send({ type: 'cpu' });
      const { usage, elu } = await reply;
      return { cpuMs: (usage.user + usage.system) / 1000, systemMs: usage.system / 1000, loopActiveMs: elu.active, loopIdleMs: elu.idle };
    },
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.send({ type: 'stop' });
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export async function runSubmitBench(options: BenchOptions): Promise<SubmitResult> {
  const { concurrency, total, warmup, poolSize } = options;
  const submissions = warmup + total;
  const vehicleCount = Math.ceil(submissions / SLOTS_PER_VEHICLE);
  const driverCount = Math.min(concurrency, 8);

  console.log(`submit: preparing a fresh database (${driverCount} drivers, ${vehicleCount} vehicles)…`);
  const prepared = await prepareBench({ drivers: driverCount, vehicles: vehicleCount, poolSize });
  let server: ServerProcess | undefined;
  try {
    const { app, database, drivers, vehicleIds } = prepared;
    server = await startServer(prepared.bench.url, prepared.config.jwtSecret!, poolSize);
    const { baseUrl } = server;

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
    const serverBefore = await server.usage();
    const clientBefore = process.cpuUsage();
    const measured = await runPhase(baseUrl, jobs.slice(warmup), concurrency);
    const client = process.cpuUsage(clientBefore);
    const serverAfter = await server.usage();
    const serverCpuMs = serverAfter.cpuMs - serverBefore.cpuMs;
    const serverSystemMs = serverAfter.systemMs - serverBefore.systemMs;
    const loopActive = serverAfter.loopActiveMs - serverBefore.loopActiveMs;
    const loopBusy = loopActive / (loopActive + serverAfter.loopIdleMs - serverBefore.loopIdleMs);
    const clientCpuMs = (client.user + client.system) / 1000;
    const load = os.loadavg();
    reportFailures('measured run', measured);

    const [reports] = await database.db.select({ n: count() }).from(p2hReports);
    const [details] = await database.db.select({ n: count() }).from(p2hReportDetails);
    const stored = { reports: reports?.n ?? 0, details: details?.n ?? 0 };

    const done = measured.latenciesMs.length;
    const latency = summarize(measured.latenciesMs);
    const perSecond = (done / measured.elapsedMs) * 1000;
    const cpuLine = (cpuMs: number) => `${(cpuMs / 1000).toFixed(2)} s = ${((cpuMs / measured.elapsedMs) * 100).toFixed(0)}% of one core, ${(cpuMs / done).toFixed(2)} ms per request`;
    console.log('');
    console.log('  HTTP submit (POST /api/p2h/reports, app in its own process on 127.0.0.1, real PostgreSQL)');
    console.log(`  machine      ${machine()}`);
    console.log(`  postgres     ${prepared.serverVersion}, app pool ${poolSize} connections`);
    console.log(`  concurrency  ${concurrency} clients (${drivers.length} drivers), warm-up ${warmup} not counted`);
    console.log(`  total        ${done} reports × ${itemIds.length} answers, ${measured.failures.length} not 201`);
    console.log(`  duration     ${(measured.elapsedMs / 1000).toFixed(2)} s, load average at the end ${load.map((v) => v.toFixed(2)).join(' ')}`);
    console.log(`  throughput   ${perSecond.toFixed(1)} requests/s`);
    console.log(`  latency      p50 ${ms(latency.p50)}, p95 ${ms(latency.p95)}, p99 ${ms(latency.p99)}, max ${ms(latency.max)} (mean ${ms(latency.mean)})`);
    console.log(`  server CPU   ${cpuLine(serverCpuMs)}; ${((serverSystemMs / serverCpuMs) * 100).toFixed(0)}% of it in the kernel`);
    // Busy far above the CPU share: the event loop had work but not the CPU (other processes had it).
    console.log(`  event loop   busy ${(loopBusy * 100).toFixed(0)}% of the time`);
    console.log(`  client CPU   ${cpuLine(clientCpuMs)} (the load generator, in this process)`);
    console.log(`  stored       ${stored.reports} reports, ${stored.details} detail rows`);
    console.log('');

    const failed = warm.failures.length + measured.failures.length;
    if (failed > 0) throw new Error(`submit benchmark: ${failed} requests were not answered 201 (see above)`);
    if (stored.reports !== submissions || stored.details !== submissions * itemIds.length) {
      throw new Error(`submit benchmark: expected ${submissions} reports and ${submissions * itemIds.length} details stored, found ${stored.reports} and ${stored.details}`);
    }
    return {
      name: 'HTTP submit',
      perSecond,
      unit: 'requests/s',
      latency,
      count: done,
      concurrency,
      serverCpuMsPerRequest: serverCpuMs / done,
      clientCpuMsPerRequest: clientCpuMs / done,
    };
  } finally {
    await server?.stop().catch((error: unknown) => console.error('bench cleanup: stopping the server failed:', error));
    await prepared.cleanup();
  }
}
