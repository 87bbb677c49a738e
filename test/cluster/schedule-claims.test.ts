/**
 * Schedules run once per due time whatever the number of workers: the claim rules alone, then the
 * claims in schedule_runs on both databases, then several schedulers (as several workers would run)
 * on one database.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Cron } from 'croner';
import { eq } from 'drizzle-orm';
import pino from 'pino';
import { claimDecision, renewEvery } from '../../src/cluster/claim-rules.js';
import { ScheduleClaims } from '../../src/cluster/schedule-claims.js';
import { latestDue, scheduleClaimedJob } from '../../src/cluster/scheduled-job.js';
import { scheduleRuns } from '../../src/cluster/schema.js';
import { worthCatchingUp } from '../../src/notifications/schedule-daily.js';
import { createTestDatabase, DB_KINDS, type TestDatabase } from '../support/db.js';

const LEASE = 60_000;
const DUE = new Date('2026-12-01T21:00:00Z'); // 05:00 WITA on 2 December
const at = (ms: number) => new Date(DUE.getTime() + ms);
const silent = pino({ enabled: false });

describe('claim rules', () => {
  const claimed = { claimedBy: 'worker-a', claimedAt: at(0), finishedAt: null };

  it('a finished run is never run again, not even long after', () => {
    assert.deepEqual(claimDecision({ ...claimed, finishedAt: at(5_000) }, at(LEASE * 100), LEASE), { kind: 'finished' });
  });
  it('an unfinished claim within its lease belongs to its holder', () => {
    assert.deepEqual(claimDecision(claimed, at(LEASE - 1), LEASE), { kind: 'held', by: 'worker-a', leaseEndsAt: at(LEASE) });
  });
  it('an unfinished claim not renewed within its lease may be taken over (its holder died or failed)', () => {
    assert.deepEqual(claimDecision(claimed, at(LEASE), LEASE), { kind: 'take_over' });
    assert.deepEqual(claimDecision({ ...claimed, claimedAt: at(LEASE) }, at(LEASE + 1), LEASE).kind, 'held', 'a renewal extends it');
  });
  it('a claim is renewed a few times per lease', () => {
    assert.equal(renewEvery(120_000), 40_000);
    assert.ok(renewEvery(60_000) * 2 < 60_000);
  });
});

describe('which due time a daily job runs, and which missed one it catches up', () => {
  const daily = new Cron('0 5 * * *', { timezone: 'Asia/Makassar', paused: true });
  const wita = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+08:00`);

  it('the due time is the latest 05:00 WITA, the same instant in every process', () => {
    assert.deepEqual(latestDue(daily, wita('2026-12-02', '05:00')), DUE);
    assert.deepEqual(latestDue(daily, wita('2026-12-02', '04:59')), new Date('2026-11-30T21:00:00Z'), 'before 05:00: yesterday’s');
    // A tick fired a little early by a process's timer or clock is still today's run.
    assert.deepEqual(latestDue(daily, new Date(DUE.getTime() - 300)), DUE);
  });
  it('a digest or summary catches up today’s run only; the per-document scan any day’s', () => {
    const now = wita('2026-12-02', '04:00');
    const yesterday = latestDue(daily, now)!;
    assert.equal(worthCatchingUp(yesterday, now, 'Asia/Makassar', 'today'), false);
    assert.equal(worthCatchingUp(yesterday, now, 'Asia/Makassar', 'latest'), true);
    assert.equal(worthCatchingUp(DUE, wita('2026-12-02', '23:30'), 'Asia/Makassar', 'today'), true);
  });
});

for (const kind of DB_KINDS) {
  describe(`claims in schedule_runs [${kind}]`, () => {
    let database: TestDatabase;
    let now = at(0);
    const claimsOf = (holder: string) => new ScheduleClaims(database.db, holder, () => now);
    before(async () => {
      database = await createTestDatabase(kind);
    });
    after(async () => {
      await database.close();
    });

    it('of five workers claiming one due time at once, exactly one runs it', async () => {
      const outcomes = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((holder) => claimsOf(holder).claim('race', DUE, LEASE)));
      assert.equal(outcomes.filter((o) => o.kind === 'claimed').length, 1, JSON.stringify(outcomes));
      assert.equal(outcomes.filter((o) => o.kind === 'held').length, 4);
    });

    it('once finished, nobody runs it again; only the holder can finish it', async () => {
      const [a, b] = [claimsOf('a'), claimsOf('b')];
      assert.deepEqual(await a.claim('finish', DUE, LEASE), { kind: 'claimed', tookOverFrom: null });
      assert.equal(await b.finish('finish', DUE, { by: 'b' }), false, 'not its claim');
      assert.equal(await a.finish('finish', DUE, { queued: 1 }), true);
      now = at(LEASE * 10);
      assert.deepEqual(await b.claim('finish', DUE, LEASE), { kind: 'finished' });
      const [row] = await database.db.select().from(scheduleRuns).where(eq(scheduleRuns.job, 'finish'));
      assert.deepEqual(row!.result, { queued: 1 });
      assert.equal(row!.claimedBy, 'a');
    });

    it('a claim its holder stopped renewing is taken over after the lease, and the old holder can no longer finish it', async () => {
      now = at(0);
      const [a, b] = [claimsOf('a'), claimsOf('b')];
      await a.claim('takeover', DUE, LEASE);
      now = at(LEASE / 2);
      assert.equal(await a.renew('takeover', DUE), true);
      now = at(LEASE);
      assert.equal((await b.claim('takeover', DUE, LEASE)).kind, 'held', 'renewed half-way: still a’s');
      now = at(LEASE / 2 + LEASE);
      assert.deepEqual(await b.claim('takeover', DUE, LEASE), { kind: 'claimed', tookOverFrom: 'a' });
      assert.equal(await a.renew('takeover', DUE), false);
      assert.equal(await a.finish('takeover', DUE, {}), false);
      assert.equal(await b.finish('takeover', DUE, { ok: true }), true);
    });

    it('a failed run records why and is run again once its lease runs out', async () => {
      now = at(0);
      const [a, b] = [claimsOf('a'), claimsOf('b')];
      await a.claim('failing', DUE, LEASE);
      await a.fail('failing', DUE, 'database went away');
      const [row] = await database.db.select().from(scheduleRuns).where(eq(scheduleRuns.job, 'failing'));
      assert.deepEqual(row!.result, { error: 'database went away' });
      assert.equal(row!.finishedAt, null);
      assert.equal((await b.claim('failing', DUE, LEASE)).kind, 'held');
      now = at(LEASE);
      assert.equal((await a.claim('failing', DUE, LEASE)).kind, 'claimed', 'any worker, the one that failed included');
    });

    it('old runs are pruned; newer ones stay', async () => {
      now = at(0);
      await claimsOf('a').claim('old', at(-40 * 86_400_000), LEASE);
      const removed = await claimsOf('a').pruneBefore(at(-30 * 86_400_000));
      assert.equal(removed, 1);
      assert.ok((await database.db.select().from(scheduleRuns)).length > 0);
    });

    it('three schedulers (three workers) due at start: the job runs once and its result is recorded', async () => {
      let runs = 0;
      const started = [1, 2, 3].map((worker) =>
        scheduleClaimedJob({
          job: 'daily-at-start',
          name: 'test job',
          pattern: '0 0 * * *',
          timeZone: 'Asia/Makassar',
          claims: new ScheduleClaims(database.db, `worker-${worker}`, () => new Date()),
          leaseMs: LEASE,
          now: () => new Date(),
          catchUp: () => true,
          run: async () => {
            runs += 1;
            return { worker };
          },
          log: silent,
        }),
      );
      try {
        let row: typeof scheduleRuns.$inferSelect | undefined;
        for (let i = 0; i < 300 && !row?.finishedAt; i++) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          [row] = await database.db.select().from(scheduleRuns).where(eq(scheduleRuns.job, 'daily-at-start'));
        }
        assert.ok(row?.finishedAt, 'finished');
        assert.equal(row!.claimedBy, `worker-${(row!.result as { worker: number }).worker}`);
      } finally {
        await Promise.all(started.map((job) => job.stop()));
      }
      assert.equal(runs, 1);
    });
  });
}
