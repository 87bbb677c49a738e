/**
 * Shared pieces of the notification benchmarks (`npm run bench -- notify`): the real app built on a
 * throw-away PostgreSQL database with Telegram configured (TELEGRAM_BOT_TOKEN = the fake's token,
 * TELEGRAM_API_ROOT = wherever the benchmark points it), drivers linked to distinct private chats,
 * a DeliveryWorker wired the way src/runtime.ts wires it, report bodies with problems, and small
 * measuring helpers. The generic parts (databases, percentiles, the machine) come from support.ts.
 */
import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { pino } from 'pino';
import { startDelivery, type RunningDelivery } from '../src/notifications/start.js';
import { notificationPreferences } from '../src/preferences/schema.js';
import { DEFAULT_TOKEN, type FakeTelegram, type SentMessage } from '../test/fake-telegram/server.js';
export { busiestWindow } from '../test/fake-telegram/send-timeline.js';
import { login, prepareBench, type BenchResult, type PreparedBench } from './support.js';

/** What a notification benchmark hands back to run.ts: summary rows, and lines for the notify summary. */
export interface NotifyOutcome {
  results: BenchResult[];
  figures: string[];
}

/** The fallback / admin group (expiry alerts go there). */
export const GROUP_CHAT_ID = '-1001234567890';
/** Private chats of bench drivers are FIRST_CHAT_ID + 1, + 2, … */
export const FIRST_CHAT_ID = 700_000_000;

/** The runtime logs through pino; here nothing is printed (a down Telegram would log every retry). */
export const silentLog = pino({ level: 'silent' });

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A whole number from the environment, or the default. */
export function envCount(name: string, fallback: number, min = 1): number {
  const raw = process.env[name]?.trim();
  if (raw === undefined || raw === '') return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min) throw new Error(`${name} must be a whole number >= ${min} (got "${raw}")`);
  return Number(raw);
}

/** "load 1.23 0.98 0.77": the 1/5/15-minute load averages, to judge how busy the machine was. */
export function loadAverage(): string {
  return `load ${os.loadavg().map((v) => v.toFixed(2)).join(' ')}`;
}

export interface LinkedDriver {
  id: number;
  /** As typed at login (08…). */
  phone: string;
  /** The private chat the driver is linked to. */
  chatId: number;
}

/** A prepared bench whose drivers are linked to distinct private chats. */
export interface NotifyApp extends Omit<PreparedBench, 'drivers'> {
  drivers: LinkedDriver[];
}

/**
 * A fresh database, migrated; the app built on it with Telegram configured (token DEFAULT_TOKEN,
 * API root `apiRoot`, TELEGRAM_CHAT_ID the group); the default checklist installed; `drivers` users
 * linked to distinct private chats and `vehicles` shift vehicles inserted directly.
 */
export async function prepareNotifyApp(spec: { drivers: number; vehicles: number; poolSize: number; apiRoot: string; concurrency?: number }): Promise<NotifyApp> {
  const prepared = await prepareBench({
    drivers: spec.drivers,
    vehicles: spec.vehicles,
    poolSize: spec.poolSize,
    env: {
      TELEGRAM_BOT_TOKEN: DEFAULT_TOKEN,
      TELEGRAM_API_ROOT: spec.apiRoot,
      TELEGRAM_CHAT_ID: GROUP_CHAT_ID,
      ...(spec.concurrency ? { DELIVERY_CONCURRENCY: String(spec.concurrency) } : {}),
    },
  });
  try {
    const drivers: LinkedDriver[] = [];
    for (const [i, driver] of prepared.drivers.entries()) {
      const chatId = FIRST_CHAT_ID + i + 1;
      await prepared.app.services.telegramLinks.linkById(driver.id, { chatId: String(chatId), username: null }, 'contact');
      drivers.push({ ...driver, chatId });
    }
    // The reporters are admins (for the slot rule), and admins hear every defect as the workshop does:
    // 40 linked admins would turn each ABNORMAL report into ~40 defect alerts queued before the one
    // being measured. Their defect topic is off, so each report queues only its own alert.
    if (drivers.length > 0) {
      await prepared.database.db
        .insert(notificationPreferences)
        .values(drivers.map((d) => ({ userId: d.id, defects: 'off' as const })))
        .onConflictDoUpdate({ target: notificationPreferences.userId, set: { defects: 'off' } });
    }
    return { ...prepared, drivers };
  } catch (error) {
    await prepared.cleanup();
    throw error;
  }
}

/**
 * The delivery worker exactly as `npm start` / `npm run worker` start it (startDelivery). Its stop
 * is registered with the app's cleanup (capped, so a hanging Telegram cannot hold the benchmark).
 */
export async function startRuntimeWorker(n: NotifyApp): Promise<RunningDelivery> {
  const delivery = await startDelivery({ config: n.config, database: n.database, outbox: n.app.services.outbox, links: n.app.services.telegramLinks, photos: n.app.services.photos, log: silentLog, now: n.app.services.clock });
  let stopped: Promise<void> | undefined;
  // In-flight sends may sit in the pacer for up to 5 s, or on a hanging Telegram for grammY's 20 s.
  const stop = () => (stopped ??= Promise.race([delivery.stop(), sleep(10_000)]));
  n.onCleanup(stop);
  return { worker: delivery.worker, stop };
}

/** A TCP port on 127.0.0.1 on which nothing listens (connections are refused): Telegram down. */
export async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Logs the drivers in through POST /api/auth/login, a few at a time; tokens in driver order. */
export async function loginAll(baseUrl: string, drivers: LinkedDriver[], parallel = 4): Promise<string[]> {
  const tokens: string[] = new Array(drivers.length);
  let next = 0;
  const worker = async () => {
    while (next < drivers.length) {
      const index = next++;
      tokens[index] = await login(baseUrl, drivers[index]!.phone);
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, drivers.length) }, worker));
  return tokens;
}


const REMARKS = ['Rem blong, kampas habis', 'Lampu sein kanan mati', 'Ban depan kiri aus', 'Oli rembes di karter', 'Kaca depan retak'];

/**
 * A 39-answer report with problems, so the submission writes a notification: `abnormal` items
 * (one or two) or, for `warning`, one to three warning items; each problem with a remark.
 */
export function problemReportBody(vehicleId: number, shiftNumber: number, itemIds: number[], status: 'warning' | 'abnormal', seed: number): string {
  const details: { checklist_item_id: number; status: 'normal' | 'warning' | 'abnormal'; keterangan?: string }[] = itemIds.map((id) => ({
    checklist_item_id: id,
    status: 'normal',
  }));
  const problems = status === 'abnormal' ? 1 + (seed % 2) : 1 + (seed % 3);
  for (let k = 0; k < problems; k++) {
    const answer = details[(seed * 7 + k * 13) % details.length]!;
    answer.status = status;
    answer.keterangan = REMARKS[(seed + k) % REMARKS.length]!;
  }
  return JSON.stringify({ vehicle_id: vehicleId, shift_number: shiftNumber, odometer: 10_000 + ((seed * 7919) % 80_000), details });
}

/** POST /api/p2h/reports; the status and the time until the whole answer was read. */
export async function postReport(baseUrl: string, token: string, body: string): Promise<{ status: number; text: string }> {
  try {
    const response = await fetch(`${baseUrl}/api/p2h/reports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body,
    });
    return { status: response.status, text: await response.text() };
  } catch (error) {
    return { status: 0, text: error instanceof Error ? `${error.message} ${String((error as { cause?: unknown }).cause ?? '')}` : String(error) };
  }
}

/**
 * Calls `listener` with a high-resolution time (performance.now()) whenever the fake accepts a
 * sendMessage, from inside the fake's own recording: no polling, no extra latency.
 */
export function onFakeSent(fake: FakeTelegram, listener: (message: SentMessage, at: number) => void): void {
  const record = fake.recordSent.bind(fake);
  fake.recordSent = (entry: SentMessage) => {
    record(entry);
    listener(entry, performance.now());
  };
}

/** Polls `check` every `everyMs` until it answers true; throws with `describe()` after `timeoutMs`. */
export async function waitUntil(check: () => boolean | Promise<boolean>, timeoutMs: number, describe: () => string | Promise<string>, everyMs = 20): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${await describe()}`);
    await sleep(everyMs);
  }
}

/** Most sendMessage requests the fake was serving at the same time (from its call records). */
export function peakConcurrency(calls: { method: string; time: number; durationMs: number }[]): number {
  const events: [number, number][] = [];
  for (const call of calls) {
    if (call.method.toLowerCase() !== 'sendmessage') continue;
    events.push([call.time, 1], [call.time + call.durationMs, -1]);
  }
  events.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
  let current = 0;
  let peak = 0;
  for (const [, delta] of events) {
    current += delta;
    peak = Math.max(peak, current);
  }
  return peak;
}
