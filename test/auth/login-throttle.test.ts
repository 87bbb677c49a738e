import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'drizzle-orm';
import { LoginThrottle, waitFor, type Attempt, type ThrottleLimits } from '../../src/auth/login-throttle.js';
import { createTestDatabase, DB_KINDS, type TestDatabase } from '../support/db.js';

const allowed = (attempt: Attempt) => attempt.allowed;

describe('login throttle: the wait', () => {
  it('is zero under the limit, else until the limit-th most recent attempt leaves the window', () => {
    assert.equal(waitFor([1, 2], 3, 100, 50), 0);
    assert.equal(waitFor([10, 20, 30], 3, 100, 50), 60);
    assert.equal(waitFor([30, 10, 20, 40], 3, 100, 50), 70, 'in any order');
    assert.equal(waitFor([-60, 10, 20], 3, 100, 50), 0, 'older than the window: not counted');
  });
});

for (const kind of DB_KINDS) {
  describe(`login throttle in the database [${kind}]`, () => {
    let database: TestDatabase;
    let now = 1_000_000;
    let key = 0;
    /** A fresh account name per test: the table is shared by the file's tests. */
    const account = () => `acct-${++key}`;
    const throttle = (limits: Partial<ThrottleLimits> = {}) =>
      new LoginThrottle(database.db, { perUsername: 5, perAddress: 100, windowMs: 60_000, ...limits }, () => now);
    before(async () => {
      database = await createTestDatabase(kind);
    });
    after(() => database.close());

    it('blocks an account after 5 failures in the window and frees it when the window passes', async () => {
      const t = throttle();
      const u = account();
      for (let i = 0; i < 5; i++) assert.equal((await t.reserve(u, 'ip')).allowed, true);
      assert.deepEqual(await t.reserve(u, 'ip'), { allowed: false, retryAfter: 60 });
      assert.equal((await t.reserve(account(), 'ip')).allowed, true);
      now += 60_001;
      assert.equal((await t.reserve(u, 'ip')).allowed, true);
    });

    it('blocks an address that tries many accounts', async () => {
      const t = throttle({ perAddress: 3 });
      for (let i = 0; i < 3; i++) await t.reserve(account(), 'ip-many');
      assert.equal((await t.reserve(account(), 'ip-many')).allowed, false);
      assert.equal((await t.reserve(account(), 'other-ip')).allowed, true);
    });

    it('counts across processes and restarts: every throttle on the database sees the same attempts', async () => {
      const u = account();
      const [a, b] = [throttle(), throttle()];
      for (let i = 0; i < 5; i++) await (i % 2 ? a : b).reserve(u, `ip-${i}`);
      assert.equal((await a.reserve(u, 'ip-x')).allowed, false);
      assert.equal((await b.reserve(u, 'ip-y')).allowed, false);
      assert.equal((await throttle().reserve(u, 'ip-z')).allowed, false, 'a new process (a restart) still refuses');
    });

    it('reserves before the check, so parallel attempts on two processes cannot pass the limit; a success releases', async () => {
      const u = account();
      const [a, b] = [throttle(), throttle()];
      const attempts = await Promise.all(Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).reserve(u, 'ip-par')));
      const admitted = attempts.filter(allowed);
      assert.equal(admitted.length, 5);
      const blocked = await a.reserve(u, 'ip-par');
      assert.ok(!blocked.allowed && blocked.retryAfter === 60);
      if (admitted[0]!.allowed) await admitted[0]!.release();
      assert.equal((await b.reserve(u, 'ip-par')).allowed, true, 'a success clears the account');
    });

    it('a success takes back only its own attempt on the address', async () => {
      const t = throttle({ perAddress: 2 });
      await t.reserve(account(), 'ip-shared');
      const mine = await t.reserve(account(), 'ip-shared');
      assert.equal((await t.reserve(account(), 'ip-shared')).allowed, false);
      if (mine.allowed) await mine.release();
      assert.equal((await t.reserve(account(), 'ip-shared')).allowed, true);
      assert.equal((await t.reserve(account(), 'ip-shared')).allowed, false, "the other client's failure still counts");
    });

    it('a cancelled attempt (no password was checked) counts nowhere', async () => {
      const t = throttle({ perUsername: 1, perAddress: 1 });
      const u = account();
      const attempt = await t.reserve(u, 'ip-cancel');
      assert.ok(attempt.allowed);
      await attempt.cancel();
      assert.equal((await t.reserve(account(), 'ip-cancel')).allowed, true, 'the address is free again');
      assert.equal((await t.reserve(u, 'ip-cancel-2')).allowed, true, 'the account is free again');
    });

    it('without an address only the account counts', async () => {
      const t = throttle({ perUsername: 2, perAddress: 1 });
      const u = account();
      assert.equal((await t.reserve(u, null)).allowed, true);
      assert.equal((await t.reserve(u, null)).allowed, true);
      assert.equal((await t.reserve(u, null)).allowed, false);
      assert.equal((await t.reserve(account(), null)).allowed, true);
    });

    it('prunes attempts older than the window', async () => {
      now += 10 * 60_000;
      await throttle().reserve(account(), 'ip-prune');
      const result = await database.db.execute(sql`select count(*)::int as n, min(at) as oldest from rate_limit_hits`);
      const [row] = (result as unknown as { rows: { n: number; oldest: string }[] }).rows;
      assert.ok(new Date(row!.oldest).getTime() > now - 60_000, `only recent attempts are kept (${row!.n} rows)`);
    });
  });
}
