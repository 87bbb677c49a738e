import assert from 'node:assert/strict';
import { it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { ProcessRegistry } from '../../src/cluster/process-registry.js';
import { DEFAULT_BOT_USERNAME, DEFAULT_TOKEN } from '../fake-telegram/server.js';
import { startFake } from '../notifications/harness.js';
import { describeEachDatabase, type TestContext } from '../support/app.js';

const fake = await startFake();

/** Counts the backlog queries readiness makes (the outbox is ours: counting its calls stubs nothing external). */
function countBacklogQueries(ctx: TestContext): { readonly calls: number } {
  const outbox = ctx.app.services.outbox;
  const original = outbox.counts.bind(outbox);
  const counter = { calls: 0 };
  outbox.counts = () => {
    counter.calls += 1;
    return original();
  };
  return counter;
}

describeEachDatabase(
  'readiness is cached, and only admins see the backlog and the bot',
  (ctx) => {
    it('while Telegram fails fast, repeated calls within the period make at most one getMe', async () => {
      const failing = fake.fail({ method: 'getMe', times: Infinity, response: { status: 500 } });
      try {
        for (let i = 0; i < 10; i++) assert.equal((await ctx().request({ method: 'GET', url: '/api/health/ready' })).status, 200);
        assert.ok(failing.hits <= 1, `getMe was called ${failing.hits} times`);
      } finally {
        fake.clearFaults();
      }
    });

    it('anonymous, viewer, driver and a bad token get the public answer (no counts, no bot name, no error, no processes); admins get the details', async () => {
      // Another process of the fleet, a bot on standby, as `npm run bot` registers itself.
      const standby = new ProcessRegistry(ctx().database.db, () => new Date(), { id: 'bot-host:4242:abc', roles: ['bot'], botState: () => 'standby' }, console);
      await standby.beat();
      await sleep(5_200); // a fresh answer, with Telegram answering again
      const viewer = await ctx().createUser('viewer');
      const driver = await ctx().createUser('user');
      const superadmin = await ctx().createUser('superadmin');
      for (const token of [undefined, viewer.token, driver.token, 'not-a-token']) {
        const res = await ctx().request({ method: 'GET', url: '/api/health/ready', ...(token ? { token } : {}) });
        assert.equal(res.status, 200, JSON.stringify(res.body));
        // This process's roles (the test app is the API alone), never another process's host or pid.
        assert.deepEqual(res.body.payload, { status: 'ready', database: ctx().kind, roles: ['api'], bot_lease: null, telegram: { bot: 'ok' } });
      }
      const details = await ctx().request({ method: 'GET', url: '/api/health/ready', token: superadmin.token });
      assert.equal(details.body.payload.telegram.bot_username, DEFAULT_BOT_USERNAME);
      assert.deepEqual(Object.keys(details.body.payload.notifications).sort(), ['failed', 'oldest_pending_seconds', 'pending']);
      const processes = details.body.payload.processes as { roles: string[]; bot_lease: string; pid: string }[];
      assert.deepEqual(
        processes.map((p) => ({ roles: p.roles, bot_lease: p.bot_lease, pid: p.pid })),
        [{ roles: ['bot'], bot_lease: 'standby', pid: String(process.pid) }],
        'the live processes (the test app itself registers none)',
      );
      await standby.stop();
    });
    it('20 concurrent calls while Telegram hangs: one getMe and one backlog count, every caller answered', async () => {
      await sleep(5_200); // the previous test's answer expires
      const admin = await ctx().createUser('admin');
      const counter = countBacklogQueries(ctx());
      const hang = fake.fail({ method: 'getMe', times: Infinity, response: { delayMs: 30_000 } });
      try {
        const answers = await Promise.all(
          Array.from({ length: 20 }, (_, i) => ctx().request({ method: 'GET', url: '/api/health/ready', ...(i % 2 ? { token: admin.token } : {}) })),
        );
        for (const res of answers) assert.equal(res.status, 200, JSON.stringify(res.body));
        for (let i = 0; i < 5; i++) assert.equal((await ctx().request({ method: 'GET', url: '/api/health/ready' })).status, 200);
        assert.ok(hang.hits <= 1, `getMe was called ${hang.hits} times`);
        assert.equal(counter.calls, 1, 'one backlog count for the whole period');
        const adminView = answers[1]!.body.payload;
        assert.equal(typeof adminView.telegram.bot_username, 'string', 'a name trusted from an earlier getMe');
        assert.equal(typeof adminView.notifications.pending, 'number');
      } finally {
        fake.clearFaults();
      }
    });

  },
  { TELEGRAM_BOT_TOKEN: DEFAULT_TOKEN, TELEGRAM_API_ROOT: fake.apiRoot },
);
