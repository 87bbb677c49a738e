/**
 * The bot lease on PostgreSQL (an advisory lock held by a session of its own): one leader, hot
 * standbys, and a leader that loses its connection stops polling before a standby starts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import pino from 'pino';
import { BOT_LEASE_KEY, startBotLease, type BotLease } from '../../src/cluster/bot-lease.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';

const TIMINGS = { retryMs: 200, checkMs: 200, checkTimeoutMs: 1_000, handoverGraceMs: 300 };
const silent = pino({ enabled: false });

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) assert.fail(`never: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('bot lease [postgres]', () => {
  let database: TestDatabase;
  let admin: pg.Client;
  const events: string[] = [];
  const leases: BotLease[] = [];
  const polling = new Set<string>();

  const start = (name: string) => {
    const lease = startBotLease({
      databaseUrl: database.url!,
      startBot: () => {
        // Two pollers at once is what the lease exists to prevent.
        if (polling.size > 0) events.push(`OVERLAP ${name} with ${[...polling].join()}`);
        polling.add(name);
        events.push(`${name} polls`);
        return {
          stop: async () => {
            polling.delete(name);
            events.push(`${name} stops`);
          },
        };
      },
      log: silent,
      timings: TIMINGS,
    });
    leases.push(lease);
    return lease;
  };

  /** The backend that holds the lock, as pg_locks shows it. */
  const holderBackend = async () =>
    (await admin.query<{ pid: number }>("select pid from pg_locks where locktype = 'advisory' and objid = $1 and granted", [BOT_LEASE_KEY])).rows[0]?.pid;

  before(async () => {
    database = await createTestDatabase('postgres');
    admin = new pg.Client({ connectionString: database.url! });
    await admin.connect();
  });
  after(async () => {
    await Promise.all(leases.map((lease) => lease.stop()));
    await admin.end();
    await database.close();
  });

  it('one of two processes polls; the other stands by', async () => {
    const first = start('A');
    await until(() => first.state() === 'leader', 'A leads');
    const second = start('B');
    await until(async () => (await admin.query("select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()")).rows[0].n >= 2, 'B connected');
    await new Promise((resolve) => setTimeout(resolve, TIMINGS.retryMs * 3));
    assert.equal(second.state(), 'standby');
    assert.deepEqual(events, ['A polls']);
  });

  it('the leader’s connection is cut: it stops polling before the standby starts', async () => {
    const pid = await holderBackend();
    assert.ok(pid);
    await admin.query('select pg_terminate_backend($1)', [pid]);
    await until(() => events.includes('B polls'), 'B takes over');
    assert.deepEqual(events, ['A polls', 'A stops', 'B polls']);
    assert.equal(leases[0]!.state(), 'standby', 'A stands by again');
    assert.equal(leases[1]!.state(), 'leader');
  });

  it('a leader that stops cleanly hands over to the standby', async () => {
    await leases[1]!.stop();
    await until(() => events.filter((e) => e === 'A polls').length === 2, 'A leads again');
    assert.deepEqual(events, ['A polls', 'A stops', 'B polls', 'B stops', 'A polls']);
    assert.ok(!events.some((e) => e.startsWith('OVERLAP')));
  });
});
