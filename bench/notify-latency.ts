/**
 * notify-latency: how long after a driver presses "submit" the alert reaches their Telegram chat,
 * on an idle system. The real app listens on 127.0.0.1 with Telegram pointed at the fake Bot API
 * (which enforces Telegram's limits), a DeliveryWorker is wired as src/runtime.ts wires it, and
 * drivers are linked to distinct private chats. ABNORMAL reports are submitted one at a time over
 * HTTP; each latency runs from just before the POST to the moment the fake records the
 * sendMessage to that driver's chat naming that unit.
 */
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { telegramNotifications } from '../src/db/schema.js';
import { eq, count } from 'drizzle-orm';
import { startFakeTelegram } from '../test/fake-telegram/server.js';
import {
  envCount,
  loadAverage,
  loginAll,
  onFakeSent,
  postReport,
  prepareNotifyApp,
  problemReportBody,
  sleep,
  startRuntimeWorker,
  type NotifyOutcome,
} from './notify-support.js';
import { machine, ms, SLOTS_PER_VEHICLE, summarize, VEHICLE_TYPE, type BenchOptions } from './support.js';

export async function runNotifyLatencyBench(options: BenchOptions): Promise<NotifyOutcome> {
  const reports = envCount('BENCH_NOTIFY_REPORTS', 200);
  const warmup = 10;
  const gapMs = envCount('BENCH_NOTIFY_GAP_MS', 50, 0);
  // Enough drivers (chats) that no chat is written to twice within Telegram's 1 s per-chat limit:
  // the pacer would otherwise hold the message back and we would measure the pacer, not the path.
  const driverCount = 40;
  const submissions = warmup + reports;

  const fake = await startFakeTelegram({ enforceLimits: true });
  console.log(`notify-latency: preparing a fresh database (${driverCount} drivers linked to private chats, ${Math.ceil(submissions / SLOTS_PER_VEHICLE)} vehicles)…`);
  const n = await prepareNotifyApp({ drivers: driverCount, vehicles: Math.ceil(submissions / SLOTS_PER_VEHICLE), poolSize: options.poolSize, apiRoot: fake.apiRoot });
  try {
    const { app, database, drivers, vehicleIds, unitCodes } = n;
    await app.http.listen({ port: 0, host: '127.0.0.1' });
    const baseUrl = `http://127.0.0.1:${(app.http.server.address() as AddressInfo).port}`;
    const tokens = await loginAll(baseUrl, drivers);
    const itemIds = (await app.services.checklist.applicableItems(VEHICLE_TYPE)).map((item) => item.id);
    await startRuntimeWorker(n);

    // The next accepted sendMessage to a chat naming the expected unit resolves that chat's waiter.
    const waiters = new Map<number, { unit: string; resolve: (at: number) => void }>();
    onFakeSent(fake, (message, at) => {
      const waiter = waiters.get(message.chat_id);
      if (waiter && message.text.includes(`<code>${waiter.unit}</code>`)) {
        waiters.delete(message.chat_id);
        waiter.resolve(at);
      }
    });

    const endToEnd: number[] = [];
    const submit: number[] = [];
    const afterAnswer: number[] = [];
    let deliveredBeforeAnswer = 0;
    console.log(`notify-latency: ${warmup} warm-up + ${reports} ABNORMAL reports, one at a time, ${gapMs} ms apart…`);
    const loadBefore = loadAverage();
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    for (let k = 0; k < submissions; k++) {
      const driver = k % drivers.length;
      const vehicleId = vehicleIds[Math.floor(k / SLOTS_PER_VEHICLE)]!;
      const unit = unitCodes.get(vehicleId)!;
      const body = problemReportBody(vehicleId, (k % SLOTS_PER_VEHICLE) + 1, itemIds, 'abnormal', k);
      const chatId = drivers[driver]!.chatId;
      let timer: NodeJS.Timeout | undefined;
      const delivered = new Promise<number>((resolve, reject) => {
        waiters.set(chatId, { unit, resolve });
        timer = setTimeout(() => reject(new Error(`report ${k} (unit ${unit}): no sendMessage to chat ${chatId} within 15 s`)), 15_000);
      });
      const t0 = performance.now();
      const answer = await postReport(baseUrl, tokens[driver]!, body);
      const t1 = performance.now();
      if (answer.status !== 201) throw new Error(`report ${k} not answered 201 but ${answer.status}: ${answer.text.slice(0, 300)}`);
      const tSent = await delivered.finally(() => clearTimeout(timer));
      if (k >= warmup) {
        endToEnd.push(tSent - t0);
        submit.push(t1 - t0);
        afterAnswer.push(tSent - t1);
        if (tSent < t1) deliveredBeforeAnswer++;
      }
      if (gapMs > 0) await sleep(gapMs);
    }
    const elapsed = performance.now() - started;
    const cpu = process.cpuUsage(cpuBefore);

    const [sent] = await database.db.select({ n: count() }).from(telegramNotifications).where(eq(telegramNotifications.status, 'sent'));
    const e2e = summarize(endToEnd);
    const post = summarize(submit);
    const after = summarize(afterAnswer.map((v) => Math.max(0, v)));
    console.log('');
    console.log('  notify end-to-end latency (POST /api/p2h/reports → sendMessage recorded by the fake Bot API)');
    console.log(`  machine      ${machine()}; ${loadBefore} before, ${loadAverage()} after`);
    console.log(`  postgres     ${n.serverVersion}, app pool ${options.poolSize}; worker as npm start runs it (startDelivery: production Pacer, batch 10, poll 2 s, woken by onWritten + LISTEN)`);
    console.log(`  reports      ${endToEnd.length} ABNORMAL, sequential, ${gapMs} ms gap, ${drivers.length} drivers on distinct private chats (+${warmup} warm-up not counted)`);
    console.log(`  end-to-end   p50 ${ms(e2e.p50)}, p95 ${ms(e2e.p95)}, p99 ${ms(e2e.p99)}, max ${ms(e2e.max)} (mean ${ms(e2e.mean)})`);
    console.log(`  of which     HTTP submit p50 ${ms(post.p50)}, p99 ${ms(post.p99)}; answer → sent p50 ${ms(after.p50)}, p99 ${ms(after.p99)}, max ${ms(after.max)}`);
    console.log(`               (${deliveredBeforeAnswer} alerts reached the fake before the client had read the 201: counted as 0 after the answer)`);
    console.log(`  telegram     ${fake.sent.length} accepted sendMessage, ${fake.rateLimited} answered 429; ${sent?.n ?? 0} outbox rows sent`);
    console.log(`  node CPU     ${((cpu.user + cpu.system) / 1e6).toFixed(2)} s over ${(elapsed / 1000).toFixed(1)} s (app, worker, fake and client share this process)`);
    console.log('');
    if ((sent?.n ?? 0) !== submissions) throw new Error(`expected ${submissions} notifications sent, found ${sent?.n ?? 0}`);
    return {
      results: [{ name: 'notify e2e (submit → Telegram)', perSecond: NaN, unit: '', latency: e2e, count: endToEnd.length, concurrency: 1 }],
      figures: [
        `notify-latency: submit → Telegram p50 ${ms(e2e.p50)}, p99 ${ms(e2e.p99)}, max ${ms(e2e.max)} over ${endToEnd.length} ABNORMAL reports; ${fake.rateLimited} × 429`,
      ],
    };
  } finally {
    await fake.close();
    await n.cleanup();
  }
}
