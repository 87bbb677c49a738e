/**
 * Real `npm run worker` processes on one PostgreSQL database, delivering a backlog to the fake Bot
 * API: what test/cli/shared-budget.test.ts asserts on and bench/shared-budget.ts measures.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '../../src/db/client.js';
import { telegramNotifications } from '../../src/db/schema.js';
import { OUTBOX_CHANNEL } from '../../src/notifications/outbox.js';
import { spawnCommand } from '../cli/spawn-command.js';
import { busiestWindow, sendTimes } from '../fake-telegram/send-timeline.js';
import { DEFAULT_TOKEN, type FakeTelegram } from '../fake-telegram/server.js';

export interface FleetRun {
  workers: number;
  chats: number;
  /** From the NOTIFY that woke the (already running) workers to the last message the fake accepted. */
  totalMs: number;
  perSecond: number;
  busiestSecond: number;
  rateLimited: number;
  /** Messages the fake accepted for this run's chats (each chat is queued exactly one). */
  sent: number;
  distinctChats: number;
}

/**
 * Starts `workers` processes, queues one P2H alert to each of `chats` new private chats (ids from
 * `firstChat`), wakes the workers, waits until the fake accepted them all, and stops the workers
 * (SIGTERM, and SIGKILL if a test fails before that).
 */
export async function deliverWithWorkers(spec: {
  fake: FakeTelegram;
  db: Db;
  databaseUrl: string;
  workers: number;
  chats: number;
  firstChat: number;
  env?: Record<string, string>;
  timeoutMs?: number;
}): Promise<FleetRun> {
  const { fake, db, chats: count } = spec;
  const env = { DATABASE_URL: spec.databaseUrl, TELEGRAM_BOT_TOKEN: DEFAULT_TOKEN, TELEGRAM_API_ROOT: fake.apiRoot, ...spec.env };
  const workers = Array.from({ length: spec.workers }, () => spawnCommand('worker', env));
  let stopped = false;
  try {
    await Promise.all(workers.map((w) => w.waitFor(/notification delivery worker started/, 180_000)));
    const chats = new Set(Array.from({ length: count }, (_, i) => spec.firstChat + i));
    const rateLimitedBefore = fake.rateLimited;
    const acceptedBefore = fake.sent.length;
    await db.insert(telegramNotifications).values(
      [...chats].map((chat) => ({
        type: 'p2h_abnormal' as const,
        message: `🔴 <b>P2H ALERT: ABNORMAL</b>\nUnit: <code>N.${chat}</code>\nStatus Akhir: <b>ABNORMAL</b>`,
        status: 'pending' as const,
        recipientChatId: String(chat),
        recipientKind: 'personal' as const,
      })),
    );
    const startedAt = Date.now();
    await db.execute(sql`select pg_notify(${OUTBOX_CHANNEL}, '')`);
    const deadline = startedAt + (spec.timeoutMs ?? 180_000);
    while (fake.sent.length - acceptedBefore < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    const times = sendTimes(fake, chats);
    const sent = fake.sent.filter((m) => chats.has(m.chat_id));
    const totalMs = (times[times.length - 1] ?? Date.now()) - startedAt;
    for (const w of workers) w.child.kill('SIGTERM');
    await Promise.all(workers.map((w) => w.exit));
    stopped = true;
    return {
      workers: spec.workers,
      chats: count,
      totalMs,
      perSecond: (sent.length / totalMs) * 1000,
      busiestSecond: busiestWindow(times, 1000),
      rateLimited: fake.rateLimited - rateLimitedBefore,
      sent: sent.length,
      distinctChats: new Set(sent.map((m) => m.chat_id)).size,
    };
  } finally {
    if (!stopped) for (const w of workers) w.child.kill('SIGKILL');
  }
}

/** "3 worker(s): 600 messages in 24.10 s = 24.90/s; busiest second 26; 429s 0" */
export function describeRun(run: FleetRun): string {
  return (
    `${run.workers} worker(s): ${run.sent} of ${run.chats} messages in ${(run.totalMs / 1000).toFixed(2)} s = ${run.perSecond.toFixed(2)}/s; ` +
    `busiest second ${run.busiestSecond}; 429s ${run.rateLimited}; duplicates ${run.sent - run.distinctChats}`
  );
}
