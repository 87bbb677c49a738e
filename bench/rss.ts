/**
 * rss: memory of the all-in-one process (`npm start` = `node build/main.js`, the compiled server)
 * idle after start, once on PGlite (fresh DATA_DIR, the out-of-the-box demo) and once on PostgreSQL
 * (a throw-away database, P2H_DEMO=0 with JWT_SECRET and ADMIN_*). VmRSS and VmHWM come from
 * /proc/<pid>/status; a preloaded probe prints process.memoryUsage() when signalled at the same
 * moment, to say what the memory is.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { envCount, loadAverage, type NotifyOutcome } from './notify-support.js';
import { buildServer, serverBuildNeeded } from '../src/cli/ensure-server-build.js';
import { createBenchDatabase } from './support.js';

/**
 * Preloaded into the measured process (plain JS: the process runs without tsx): on SIGUSR2 prints
 * process.memoryUsage() in MB, so the figure splits into JS heap, buffers (PGlite's WASM memory
 * counts as external) and the rest (code, native allocations).
 */
const PROBE = `process.on('SIGUSR2', () => {
  const inMb = Object.fromEntries(Object.entries(process.memoryUsage()).map(([k, v]) => [k, v / 2 ** 20]));
  process.stderr.write('P2H_RSS_PROBE ' + JSON.stringify(inMb) + '\\n');
});`;

interface Sample {
  rssMb: number;
  hwmMb: number;
  startMs: number;
  probe: Record<string, number>;
}

function statusMb(pid: number, field: string): number {
  const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(match[1]) / 1024;
}

async function measure(label: string, env: Record<string, string>, idleMs: number): Promise<Sample> {
  const started = Date.now();
  const child = spawn(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(PROBE)}`, 'build/main.js'], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  let probe: Record<string, number> | undefined;
  let readyAt = 0;
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    if (!readyAt && output.includes('P2H is running')) readyAt = Date.now();
    const line = /P2H_RSS_PROBE (\{.*\})/.exec(output);
    if (line && !probe) probe = JSON.parse(line[1]!) as Record<string, number>;
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  try {
    for (let waited = 0; !readyAt; waited += 100) {
      if (child.exitCode !== null || waited > 120_000) throw new Error(`${label}: not ready (exit ${child.exitCode}):\n${output.slice(-2000)}`);
      await sleep(100);
    }
    const startMs = readyAt - started;
    await sleep(idleMs);
    const sample = { rssMb: statusMb(child.pid!, 'VmRSS'), hwmMb: statusMb(child.pid!, 'VmHWM'), startMs };
    child.kill('SIGUSR2');
    for (let waited = 0; !probe; waited += 100) {
      if (waited > 10_000) throw new Error(`${label}: no probe line:\n${output.slice(-2000)}`);
      await sleep(100);
    }
    return { ...sample, probe };
  } finally {
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(20_000).then(() => child.kill('SIGKILL'))]);
  }
}

const mb = (v: number) => `${v.toFixed(0)} MB`;

export async function runRssBench(): Promise<NotifyOutcome> {
  const idleMs = envCount('BENCH_RSS_IDLE_MS', 10_000);
  if (serverBuildNeeded()) await buildServer(); // what npm start's prestart does
  const figures: string[] = [];
  const results: [string, Sample, number][] = [];

  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'p2h-rss-'));
  try {
    results.push(['PGlite', await measure('PGlite', { DATA_DIR: dataDir }, idleMs), 350]);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  const bench = await createBenchDatabase();
  try {
    const env = {
      DATABASE_URL: bench.url,
      P2H_DEMO: '0',
      JWT_SECRET: randomBytes(24).toString('hex'),
      ADMIN_PHONE: '081277000001',
      ADMIN_PASSWORD: 'bench-password-123',
    };
    results.push(['PostgreSQL', await measure('PostgreSQL', env, idleMs), 150]);
  } finally {
    await bench.drop();
  }

  console.log('');
  console.log(`  all-in-one process (node build/main.js), idle ${idleMs / 1000} s after start; ${loadAverage()}`);
  for (const [label, s, goal] of results) {
    const p = s.probe;
    console.log(
      `  ${label.padEnd(10)} VmRSS ${mb(s.rssMb)}, VmHWM ${mb(s.hwmMb)} (goal ≤ ${goal} MB); ready in ${(s.startMs / 1000).toFixed(1)} s; ` +
        `heapUsed ${mb(p.heapUsed!)} of heapTotal ${mb(p.heapTotal!)}, external ${mb(p.external!)} (arrayBuffers ${mb(p.arrayBuffers!)}), rss ${mb(p.rss!)}`,
    );
    figures.push(`rss ${label}: VmRSS ${mb(s.rssMb)}, VmHWM ${mb(s.hwmMb)} idle ${idleMs / 1000} s after start (goal ≤ ${goal} MB)`);
  }
  console.log('');
  return { results: [], figures };
}
