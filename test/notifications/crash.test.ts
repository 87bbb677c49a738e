/**
 * Crash tests of notification delivery with real `npm run worker` processes against real PostgreSQL
 * (PGlite is single-process, so none of this applies to it): kill -9 in the middle of delivery, over
 * and over, sometimes two workers at once: nothing is lost, and every duplicate is a message that a
 * killed worker had already handed to Telegram but not yet recorded as sent (so duplicates = what was
 * in flight at the kills).
 *
 * The other faults (connections terminated, Telegram down, a send slower than the lease) are in
 * crash-faults.test.ts: a file of their own, so they run alongside these rounds instead of after them.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import {
  arrivals,
  idsWithStatusOtherThan,
  insertNotifications,
  LEASE_SECONDS,
  report,
  sendersById,
  sleep,
  spawnWorker,
  statusCounts,
  TELEGRAM_DELAY_MS,
  waitUntil,
  workerToken,
  useWorkerRig,
} from './crash-support.js';

describe('delivery worker killed with SIGKILL mid-delivery (real processes, PostgreSQL)', () => {
  const NOTIFICATIONS = 300;
  const CHATS = 150;
  // Each round kills at a different moment after the last accepted send: sleep((round * 13) % 40) gives
  // 0, 13, 26, 39 ms. Rounds 5 and 6 only repeated 12 and 25 ms, at the cost of two more process starts.
  const ROUNDS = 4;
  /** In this round two workers run at once and both must deliver (SKIP LOCKED shares the work). */
  const DUAL_ROUND = 2;
  /** Messages each worker of a round must deliver before it is killed. */
  const PROGRESS = 15;
  /**
   * The most messages one killed worker may have handed to Telegram without recording them as sent:
   * a worker sends one message at a time and records it right after Telegram answers, so one.
   */
  const MAX_IN_FLIGHT_PER_KILL = 1;

  const tokens = Array.from({ length: ROUNDS + 3 }, (_, i) => workerToken(i + 1));
  const rig = useWorkerRig({ tokens });

  it('loses nothing, duplicates only the in-flight messages of each kill, and never crash-loops', async (t) => {
    const fk = rig.fake!;
    const db = rig.database!.db;
    const started = Date.now();
    fk.fail({ method: 'sendMessage', times: Infinity, response: { delayMs: TELEGRAM_DELAY_MS } });
    const ids = await insertNotifications(db, NOTIFICATIONS, CHATS);
    assert.equal(ids.length, NOTIFICATIONS);

    const spawnNext = () => {
      const n = rig.workers.length + 1;
      const worker = spawnWorker({ databaseUrl: rig.database!.url!, apiRoot: fk.apiRoot, token: tokens[n - 1]!, appName: `crash-kill-${n}`, leaseSeconds: LEASE_SECONDS });
      rig.workers.push(worker);
      return worker;
    };
    const sentBy = (token: string) => fk.sent.filter((m) => m.token === token).length;
    const kills: { worker: string; delivered: number; unrecorded: number[] }[] = [];

    for (let round = 0; round < ROUNDS; round++) {
      const group = round === DUAL_ROUND ? [spawnNext(), spawnNext()] : [spawnNext()];
      await waitUntil(
        () => {
          for (const w of group) if (!w.alive()) throw new Error(`${w.name} exited before it was killed:\n${w.output()}`);
          return group.every((w) => sentBy(w.token) >= PROGRESS);
        },
        60_000,
        async () => `round ${round}: ${group.map((w) => `${w.name} delivered ${sentBy(w.token)}`).join(', ')}; rows ${JSON.stringify(await statusCounts(db))}`,
        5,
      );
      // Vary the moment of the kill relative to the last accepted send.
      await sleep((round * 13) % 40);
      for (const w of group) w.child.kill('SIGKILL');
      for (const w of group) {
        const { signal } = await w.exit;
        assert.equal(signal, 'SIGKILL', `${w.name} ended by itself, not by our kill:\n${w.output()}`);
      }
      // Let the fake finish requests that were already on the wire (it accepts them, as Telegram would),
      // and any UPDATE the server had already received commit.
      await sleep(500);
      const notSent = await idsWithStatusOtherThan(db, 'sent');
      for (const w of group) {
        const mine = arrivals(fk, new Set([w.token]));
        kills.push({ worker: w.name, delivered: sentBy(w.token), unrecorded: [...mine.keys()].filter((id) => notSent.has(id)) });
      }
    }
    const duringKills = await statusCounts(db);
    assert.ok((duringKills['sent'] ?? 0) < NOTIFICATIONS, 'the kills should have happened before everything was delivered');

    const last = spawnNext();
    await waitUntil(
      async () => {
        if (!last.alive()) throw new Error(`final worker exited:\n${last.output()}`);
        return (await statusCounts(db))['sent'] === NOTIFICATIONS;
      },
      120_000,
      async () => `rows ${JSON.stringify(await statusCounts(db))}`,
      200,
    );
    const elapsedMs = Date.now() - started;

    // Nothing lost.
    const counts = arrivals(fk);
    const missing = ids.filter((id) => !counts.has(id));
    assert.deepEqual(missing, [], 'every notification reached Telegram');
    assert.deepEqual(await statusCounts(db), { sent: NOTIFICATIONS });

    // Every duplicate is accounted for by a kill: its earlier copies came from killed workers that had
    // sent it without recording it, and nothing else was sent twice.
    const duplicates = [...counts.values()].reduce((sum, n) => sum + (n - 1), 0);
    const unrecorded = kills.reduce((sum, k) => sum + k.unrecorded.length, 0);
    const killedTokens = new Set(rig.workers.filter((w) => w !== last).map((w) => w.token));
    for (const [id, senders] of sendersById(fk)) {
      for (const token of senders.slice(0, -1)) assert.ok(killedTokens.has(token), `notification ${id} sent twice by a live worker: ${senders.join(', ')}`);
    }
    assert.equal(duplicates, unrecorded, 'duplicates are exactly the messages killed workers had sent but not recorded');
    for (const kill of kills) {
      assert.ok(kill.unrecorded.length <= MAX_IN_FLIGHT_PER_KILL, `${kill.worker}: ${kill.unrecorded.length} unrecorded sends at the kill (${kill.unrecorded.join(', ')})`);
    }
    assert.ok(duplicates <= kills.length * MAX_IN_FLIGHT_PER_KILL);

    // Both workers of the dual round delivered (checked by the progress wait) and each worker's share.
    const shares = kills.map((k) => `${k.worker}=${k.delivered}/unrecorded ${k.unrecorded.length}`).join(', ');
    const perKill = kills.map((k) => k.unrecorded.length).join(',');

    // The survivor stops cleanly.
    last.child.kill('SIGTERM');
    const end = await last.exit;
    assert.equal(end.code, 0, last.output());

    report(t, `notifications=${NOTIFICATIONS} chats=${CHATS} kills=${kills.length} (rounds=${ROUNDS}, one with two workers at once) ` +
      `duplicates=${duplicates} (per kill: ${perKill}) total_time=${(elapsedMs / 1000).toFixed(1)}s lease=${LEASE_SECONDS}s telegram_delay=${TELEGRAM_DELAY_MS}ms`);
    report(t, `per worker: ${shares}; final worker delivered ${sentBy(last.token)}`);
  });
});
