import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ProcessRegistry, liveProcesses } from '../../src/cluster/process-registry.js';
import { systemProcesses } from '../../src/cluster/schema.js';
import type { BotLeaseState } from '../../src/cluster/values.js';
import { createTestDatabase, DB_KINDS, type TestDatabase } from '../support/db.js';

const quiet = { warn: () => {} };

for (const kind of DB_KINDS) {
  describe(`process registry [${kind}]`, () => {
    let database: TestDatabase;
    before(async () => {
      database = await createTestDatabase(kind);
    });
    after(() => database.close());

    it('a process is listed with its roles and bot state from start to clean stop; a silent one drops out of the list', async () => {
      let now = new Date('2026-12-02T01:00:00Z');
      let state: BotLeaseState = 'standby';
      const bot = new ProcessRegistry(database.db, () => now, { id: 'a:1:x', roles: ['bot'], botState: () => state }, quiet);
      const worker = new ProcessRegistry(database.db, () => now, { id: 'b:2:y', roles: ['api', 'worker'], botState: () => null }, quiet);
      await bot.beat();
      await worker.beat();
      let live = await liveProcesses(database.db, now);
      assert.deepEqual(live.map((p) => [p.roles, p.bot_lease]), [[['bot'], 'standby'], [['api', 'worker'], null]]);

      state = 'leader';
      now = new Date(now.getTime() + 20_000);
      await bot.beat(); // the worker misses its beats from here on
      live = await liveProcesses(database.db, now);
      assert.deepEqual(live.map((p) => p.bot_lease), ['leader', null]);
      live = await liveProcesses(database.db, new Date(now.getTime() + 15_000));
      assert.deepEqual(live.map((p) => p.roles), [['bot']], 'no heartbeat within 30 s: not live');

      await bot.stop();
      assert.deepEqual((await liveProcesses(database.db, now)).map((p) => p.roles), [['api', 'worker']], 'the bot is gone on a clean stop');
      const rows = await database.db.select().from(systemProcesses);
      assert.deepEqual(rows.map((r) => r.id), ['b:2:y'], 'a silent process’s row stays until it is forgotten');
    });
  });
}
