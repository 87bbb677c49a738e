import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { hashPassword } from '../../src/auth/password.js';
import { users } from '../../src/users/schema.js';
import { DEFAULT_TOKEN, startFakeTelegram, user as tgUser, type FakeTelegram } from '../fake-telegram/server.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { spawnCommand } from './spawn-command.js';


const runBotProcess = (env: Record<string, string>) => spawnCommand('bot', env);

// The two cases share nothing but the fake Bot API and mostly wait for a process to start: run them at once.
describe('npm run bot: the bot as its own process', { concurrency: true }, () => {
  let fake: FakeTelegram;
  let database: TestDatabase;
  before(async () => {
    fake = await startFakeTelegram({ maxPollSeconds: 1 });
    database = await createTestDatabase('postgres');
    await database.db.insert(users).values({ fullName: 'Operator Satu', phoneNumber: '+6281344477001', role: 'user', passwordHash: await hashPassword('x-password') });
  });
  after(async () => {
    await fake.close();
    await database.close();
  });

  it('starts from nothing but a .env in its folder, links a user against PostgreSQL and stops cleanly on SIGTERM', async () => {
    // As the seed tells operators: the variables in .env, nothing exported.
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'p2h-bot-env-'));
    const dotenv = [`DATABASE_URL=${database.url!}`, `TELEGRAM_BOT_TOKEN=${DEFAULT_TOKEN}`, `TELEGRAM_API_ROOT=${fake.apiRoot}`, `JWT_SECRET=${'e'.repeat(32)}`];
    fs.writeFileSync(path.join(folder, '.env'), `# P2H\n${dotenv.join('\n')}\n`);
    const bot = spawnCommand('bot', {}, [], { cwd: folder });
    try {
      await fake.waitForCalls('getUpdates', 1, 180_000);
      const from = tgUser(880001);
      fake.sendText({ from, text: '/start 081344477001' });
      await fake.waitForMessage({ chatId: from.id, text: /Bagikan Nomor Saya/ }, 10_000);
      fake.sendContact({ from, contact: { phone_number: '6281344477001' } });
      await fake.waitForMessage({ chatId: from.id, text: /Berhasil Terhubung/ }, 10_000);
      const [row] = await database.db.select().from(users);
      assert.equal(row!.telegramChatId, '880001');
    } finally {
      bot.child.kill('SIGTERM');
    }
    assert.equal(await bot.exit, 0, bot.output());
    const read = /read .*\.env: (.*)/.exec(bot.output())?.[1]?.split(', ').sort();
    assert.deepEqual(read, ['DATABASE_URL', 'JWT_SECRET', 'TELEGRAM_API_ROOT', 'TELEGRAM_BOT_TOKEN'], bot.output());
    assert.ok(!bot.output().includes(DEFAULT_TOKEN), 'the token is never printed');
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('refuses to run without DATABASE_URL, saying why', async () => {
    const bot = runBotProcess({ TELEGRAM_BOT_TOKEN: DEFAULT_TOKEN, TELEGRAM_API_ROOT: fake.apiRoot });
    assert.equal(await bot.exit, 1);
    assert.match(bot.output(), /needs DATABASE_URL/);
  });
});
