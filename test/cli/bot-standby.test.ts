/**
 * Two `npm run bot` processes on one PostgreSQL database, as on two machines: one polls Telegram,
 * the other stands by on the lease; when the first is killed outright (SIGKILL) the second answers
 * within seconds, and the fake Bot API never sees two long polls at once.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_TOKEN, startFakeTelegram, user as tgUser, type FakeTelegram } from '../fake-telegram/server.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { spawnCommand } from './spawn-command.js';

describe('npm run bot twice: a leader and a hot standby', () => {
  let fake: FakeTelegram;
  let database: TestDatabase;
  before(async () => {
    fake = await startFakeTelegram({ maxPollSeconds: 2 });
    database = await createTestDatabase('postgres');
  });
  after(async () => {
    await fake.close();
    await database.close();
  });

  it('the standby answers /status within 10 s of the leader’s SIGKILL; never two pollers', { timeout: 300_000 }, async (t) => {
    const env = { DATABASE_URL: database.url!, TELEGRAM_BOT_TOKEN: DEFAULT_TOKEN, TELEGRAM_API_ROOT: fake.apiRoot };
    const bots = [spawnCommand('bot', env), spawnCommand('bot', env)];
    try {
      const roleOf = (bot: (typeof bots)[number]) => (/telegram bot polling/.test(bot.output()) ? 'leader' : /bot standby/.test(bot.output()) ? 'standby' : undefined);
      const deadline = Date.now() + 180_000;
      while (!(bots.some((b) => roleOf(b) === 'leader') && bots.some((b) => roleOf(b) === 'standby'))) {
        if (Date.now() > deadline || bots.some((b) => b.child.exitCode !== null)) assert.fail(`no leader and standby:\n${bots.map((b) => b.output()).join('\n----\n')}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const leader = bots.find((b) => roleOf(b) === 'leader')!;
      const standby = bots.find((b) => roleOf(b) === 'standby')!;
      await fake.waitForCalls('getUpdates', 2, 30_000); // polling for a while
      assert.equal(fake.polls.maxConcurrent, 1);

      leader.child.kill('SIGKILL');
      await leader.exit;
      const killedAt = Date.now();
      const from = tgUser(880101);
      fake.sendText({ from, text: '/status' });
      const reply = await fake.waitForMessage({ chatId: from.id }, 10_000);
      t.diagnostic(`standby answered /status ${Date.now() - killedAt} ms after the leader's SIGKILL`);
      assert.match(reply.text, /.+/);
      assert.match(standby.output(), /telegram bot polling/);
      assert.equal(fake.polls.maxConcurrent, 1, 'never two long polls at once');
      assert.equal(fake.polls.conflicts, 0, 'no getUpdates was ended by another');
    } finally {
      for (const bot of bots) if (bot.child.exitCode === null) bot.child.kill('SIGKILL');
      await Promise.all(bots.map((bot) => bot.exit));
    }
  });
});
