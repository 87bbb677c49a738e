/**
 * Fault tests of notification delivery with real `npm run worker` processes against real PostgreSQL
 * (the kill -9 rounds are in crash.test.ts):
 *
 *  - PostgreSQL connections of the worker terminated under it: the worker keeps running;
 *  - a connection lost inside the claim transaction does not kill the worker;
 *  - Telegram answering 500 / garbage / dropping connections for a while: everything is
 *    delivered once Telegram is back, nothing gives up as failed, the worker keeps running;
 *  - a Telegram answer slower than the lease does not let a second worker send the same row.
 *
 * Each case has its own database, fake Bot API and worker processes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { DEFAULT_TOKEN, startFakeTelegram, type FakeTelegram } from '../fake-telegram/server.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import {
  adminClient,
  arrivals,
  databaseName,
  insertNotifications,
  killAll,
  LEASE_SECONDS,
  query,
  report,
  sendersById,
  sleep,
  spawnWorker,
  statusCounts,
  TELEGRAM_DELAY_MS,
  terminateBackends,
  terminateBlockedClaim,
  waitUntil,
  workerToken,
  type WorkerProcess,
  useWorkerRig,
} from './crash-support.js';

/** One worker process, `NOTIFICATIONS` rows, a fake that delays every send; cleans up after the suite. */
function useSingleWorkerRig(appName: string) {
  const rig = {
    workers: [] as WorkerProcess[],
    fake: undefined as FakeTelegram | undefined,
    database: undefined as TestDatabase | undefined,
    admin: undefined as Awaited<ReturnType<typeof adminClient>> | undefined,
    start(leaseSeconds = LEASE_SECONDS): WorkerProcess {
      const worker = spawnWorker({ databaseUrl: rig.database!.url!, apiRoot: rig.fake!.apiRoot, token: DEFAULT_TOKEN, appName, leaseSeconds });
      rig.workers.push(worker);
      return worker;
    },
    delivered: () => arrivals(rig.fake!).size,
    /** Waits for `atLeast` distinct notifications at the fake, failing at once if the worker exits. */
    async progress(worker: WorkerProcess, atLeast: number, what: string): Promise<void> {
      await waitUntil(
        () => {
          if (!worker.alive()) throw new Error(`worker exited (${what}):\n${worker.output()}`);
          return rig.delivered() >= atLeast;
        },
        60_000,
        async () => `${what}: delivered ${rig.delivered()}, rows ${JSON.stringify(await statusCounts(rig.database!.db))}`,
        5,
      );
    },
    /** Waits until no row is pending/sending any more. */
    async settled(worker: WorkerProcess, total: number, timeoutMs: number): Promise<void> {
      await waitUntil(
        async () => {
          if (!worker.alive()) throw new Error(`worker exited:\n${worker.output()}`);
          const counts = await statusCounts(rig.database!.db);
          return (counts['sent'] ?? 0) + (counts['failed'] ?? 0) === total;
        },
        timeoutMs,
        async () => `rows ${JSON.stringify(await statusCounts(rig.database!.db))}`,
        100,
      );
    },
  };
  before(async () => {
    rig.fake = await startFakeTelegram();
    rig.database = await createTestDatabase('postgres');
    rig.admin = await adminClient();
  });
  after(async () => {
    await killAll(rig.workers);
    await rig.admin?.end().catch(() => {});
    await rig.fake?.close();
    await rig.database?.close();
  });
  return rig;
}

// One after the other: started at once, five worker processes starved each other past their 60 s start-up
// waits on the loaded 2-core machine. As a file of its own it still runs alongside the kill rounds.
describe('delivery faults (real processes, PostgreSQL)', () => {
  describe('delivery worker losing its PostgreSQL connections (real process)', () => {
    const NOTIFICATIONS = 300;
    const APP = 'crash-pgterm';
    const rig = useSingleWorkerRig(APP);

    it('keeps running and delivers everything when all its connections are terminated, repeatedly', async (t) => {
      const fk = rig.fake!;
      const db = rig.database!.db;
      const started = Date.now();
      fk.fail({ method: 'sendMessage', times: Infinity, response: { delayMs: TELEGRAM_DELAY_MS } });
      const ids = await insertNotifications(db, NOTIFICATIONS, 150);
      const worker = rig.start();
      await rig.progress(worker, 20, 'before the first termination');

      const ROUNDS = 3;
      let terminated = 0;
      for (let i = 0; i < ROUNDS; i++) {
        const n = await terminateBackends(rig.admin!, databaseName(rig.database!.url!), APP);
        assert.ok(n > 0, 'the worker had connections to terminate');
        terminated += n;
        await rig.progress(worker, Math.min(rig.delivered() + 20, NOTIFICATIONS), `after termination ${i + 1}`);
      }
      await rig.settled(worker, NOTIFICATIONS, 90_000);
      const elapsedMs = Date.now() - started;

      assert.ok(worker.alive(), 'the worker is still the same running process');
      assert.deepEqual(await statusCounts(db), { sent: NOTIFICATIONS }, 'all sent, none failed');
      const counts = arrivals(fk);
      assert.deepEqual(ids.filter((id) => !counts.has(id)), [], 'every notification reached Telegram');
      const duplicates = [...counts.values()].reduce((sum, n) => sum + (n - 1), 0);
      // A terminated connection can lose the UPDATE that records a send Telegram accepted: then that
      // one message is sent again. One send is in flight at a time, so at most one per termination.
      assert.ok(duplicates <= ROUNDS, `duplicates ${duplicates} after ${ROUNDS} terminations`);

      worker.child.kill('SIGTERM');
      assert.equal((await worker.exit).code, 0, worker.output());
      report(t, `pg connection loss: notifications=${NOTIFICATIONS} terminations=${ROUNDS} backends_terminated=${terminated} ` +
        `duplicates=${duplicates} total_time=${(elapsedMs / 1000).toFixed(1)}s`);
    });
  });

  describe('delivery worker losing a connection inside its claim transaction (real process)', () => {
    const HALF = 50;
    const HITS = 2;
    const APP = 'crash-pgterm-tx';
    const rig = useSingleWorkerRig(APP);

    it(
      'keeps running when the connection of its claim transaction is terminated',
      async (t) => {
        const fk = rig.fake!;
        const db = rig.database!.db;
        const dbName = databaseName(rig.database!.url!);
        const started = Date.now();
        const first = await insertNotifications(db, HALF, HALF);
        const worker = rig.start();
        await rig.progress(worker, HALF, 'first half');
        await rig.settled(worker, HALF, 30_000);

        // The idle worker still claims every poll: BEGIN; SELECT … FOR UPDATE SKIP LOCKED; UPDATE; COMMIT.
        // Holding a table lock makes that SELECT wait inside the transaction; terminate it right there.
        const locker = new pg.Client({ connectionString: rig.database!.url! });
        await locker.connect();
        let hits = 0;
        try {
          for (let i = 0; i < HITS; i++) {
            await locker.query('begin');
            await locker.query('lock table telegram_notifications in exclusive mode');
            try {
              hits += await waitUntil(async () => (await terminateBlockedClaim(rig.admin!, dbName, APP)) || false, 15_000, () => `the worker's claim never waited for the lock:\n${worker.output()}`, 10);
            } finally {
              await locker.query('rollback');
            }
            await sleep(1_500);
            assert.ok(worker.alive(), `the worker died after a connection was terminated inside its claim transaction (hit ${i + 1}):\n${worker.output()}`);
          }
        } finally {
          await locker.end().catch(() => {});
        }

        // Still delivering: the second half goes out.
        const second = await insertNotifications(db, HALF, HALF, 6_000_001);
        await db.execute(sql`select pg_notify('p2h_outbox', '')`);
        await rig.settled(worker, 2 * HALF, 60_000);
        assert.deepEqual(await statusCounts(db), { sent: 2 * HALF });
        const counts = arrivals(fk);
        assert.deepEqual([...first, ...second].filter((id) => counts.get(id) !== 1), [], 'every notification reached Telegram once');
        worker.child.kill('SIGTERM');
        assert.equal((await worker.exit).code, 0, worker.output());
        report(t, `pg connection lost inside the claim transaction: hits=${hits}, worker alive, ${2 * HALF} delivered once each, total_time=${((Date.now() - started) / 1000).toFixed(1)}s`);
      },
    );
  });

  describe('Telegram unavailable for a while (real process)', () => {
    const NOTIFICATIONS = 30;
    const DOWN_MS = 5_000;
    const rig = useSingleWorkerRig('crash-tgdown');

    it('delivers everything exactly once after dropped connections, garbage answers and 500s, without giving up', async (t) => {
      const fk = rig.fake!;
      const db = rig.database!.db;
      // Faults are taken in order: the first 10 sends get the connection dropped, the next 10 a 200
      // with a non-JSON body, then every send gets 500 until Telegram "recovers".
      fk.fail({ method: 'sendMessage', times: 10, response: { drop: true } });
      fk.fail({ method: 'sendMessage', times: 10, response: { garbage: true } });
      const http500 = fk.fail({ method: 'sendMessage', times: Infinity, response: { status: 500 } });
      const ids = await insertNotifications(db, NOTIFICATIONS, NOTIFICATIONS);
      const worker = rig.start();

      const failedCalls = () => fk.calls.filter((c) => c.method.toLowerCase() === 'sendmessage' && !c.ok);
      await waitUntil(() => failedCalls().length >= 1, 60_000, () => `no send attempted yet\n${worker.output()}`);
      const firstFailure = failedCalls()[0]!.time;
      await waitUntil(() => failedCalls().length >= NOTIFICATIONS && Date.now() - firstFailure >= DOWN_MS, 60_000, () => `failed sendMessage calls: ${failedCalls().length}`, 50);
      assert.ok(worker.alive(), `worker died while Telegram was down:\n${worker.output()}`);
      assert.equal(fk.sent.length, 0, 'nothing got through while Telegram was down');
      assert.equal((await statusCounts(db))['failed'] ?? 0, 0, 'nothing given up while Telegram was down');
      fk.clearFaults();
      const recovered = Date.now();

      await rig.settled(worker, NOTIFICATIONS, 60_000);
      const done = Date.now();
      assert.ok(worker.alive());
      assert.deepEqual(await statusCounts(db), { sent: NOTIFICATIONS }, 'all sent, none failed');
      const counts = arrivals(fk);
      assert.deepEqual(ids.filter((id) => counts.get(id) !== 1), [], 'each notification arrived exactly once');
      const attempts = await query<{ attempts: number; n: number }>(db, sql`select attempts, count(*)::int as n from telegram_notifications where type = 'test' group by attempts order by attempts`);
      const histogram = attempts.map((r) => `${r.attempts}x${r.n}`).join(' ');
      assert.ok(attempts.every((r) => Number(r.attempts) >= 2), `every notification failed at least once before it was sent: ${histogram}`);

      worker.child.kill('SIGTERM');
      assert.equal((await worker.exit).code, 0, worker.output());
      report(t, `telegram down: notifications=${NOTIFICATIONS} failed_calls=${failedCalls().length} (10 dropped, 10 garbage, ${http500.hits} x 500) ` +
        `down_for=${((recovered - firstFailure) / 1000).toFixed(1)}s all_sent_${((done - recovered) / 1000).toFixed(1)}s_after_recovery attempts(count x rows)=${histogram}`);
    });
  });

  describe('a Telegram answer slower than the lease, two workers (real processes)', () => {
    const NOTIFICATIONS = 10;
    const SLOW_MS = (LEASE_SECONDS + 6) * 1000;
    const tokens = [workerToken(101), workerToken(102)];
    const rig = useWorkerRig({ tokens });

    it(
      'does not let the other worker send a row whose send is still waiting for Telegram',
      async (t) => {
        const fk = rig.fake!;
        const db = rig.database!.db;
        const names = ['crash-slow-a', 'crash-slow-b'];
        for (const [i, token] of tokens.entries()) {
          rig.workers.push(spawnWorker({ databaseUrl: rig.database!.url!, apiRoot: fk.apiRoot, token, appName: names[i]!, leaseSeconds: LEASE_SECONDS }));
        }
        // Both workers up and listening before there is anything to claim.
        await waitUntil(
          async () => {
            for (const w of rig.workers) if (!w.alive()) throw new Error(`${w.name} exited:\n${w.output()}`);
            const rows = await query<{ n: number }>(db, sql`select count(distinct application_name)::int as n from pg_stat_activity
              where datname = current_database() and application_name in (${names[0]}, ${names[1]}) and query ilike 'listen%'`);
            return Number(rows[0]?.n) === 2;
          },
          60_000,
          () => 'workers did not start listening',
          100,
        );
        const ids = await insertNotifications(db, NOTIFICATIONS, NOTIFICATIONS);
        const slowId = ids[0]!;
        const slowChat = 5_000_001; // insertNotifications gives the first row the first chat
        const slow = fk.fail({ method: 'sendMessage', chatId: slowChat, times: 1, response: { delayMs: SLOW_MS } });
        await db.execute(sql`select pg_notify('p2h_outbox', '')`);

        await waitUntil(async () => (await statusCounts(db))['sent'] === NOTIFICATIONS, 60_000, async () => `rows ${JSON.stringify(await statusCounts(db))}`, 100);
        // Let the slow request come back, so its copy (if any) is counted.
        await waitUntil(() => slow.hits === 1 && fk.calls.some((c) => String(c.params['chat_id']) === String(slowChat) && c.durationMs >= SLOW_MS - 100), SLOW_MS + 10_000, () => 'the slow send never finished', 50);
        await sleep(300);
        for (const w of rig.workers) assert.ok(w.alive(), `${w.name} exited:\n${w.output()}`);

        const senders = sendersById(fk);
        const counts = arrivals(fk);
        assert.deepEqual(ids.filter((id) => !counts.has(id)), [], 'every notification reached Telegram');
        const duplicates = [...counts.values()].reduce((sum, n) => sum + (n - 1), 0);
        report(t, `slow Telegram (${SLOW_MS} ms answer, lease ${LEASE_SECONDS}s, no crash): duplicates=${duplicates}; ` +
          `slow row sent by ${(senders.get(slowId) ?? []).map((tk) => names[tokens.indexOf(tk)]).join(' + ')}`);
        assert.equal(duplicates, 0, `no crash, so no duplicate; the slow row was sent by ${JSON.stringify(senders.get(slowId))}`);
      },
    );
  });
});
