import assert from 'node:assert/strict';
import fs from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { DEFAULT_TOKEN, startFakeTelegram, type FakeTelegram } from '../fake-telegram/server.js';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { spawnCommand } from './spawn-command.js';


// A module hook in the child that reports every Fastify package it resolves: building an HTTP
// server at all (not only listening) would show here.
const REPORT_FASTIFY_HOOKS = `import { writeSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  if (/^(fastify|@fastify\\/)/.test(specifier)) writeSync(2, 'module loaded: ' + specifier + '\\n');
  return next(specifier, context);
}`;
const REPORT_FASTIFY = `data:text/javascript,${encodeURIComponent(
  `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(REPORT_FASTIFY_HOOKS)}`)});`,
)}`;

const runRole = (script: 'worker' | 'bot', env: Record<string, string>) => spawnCommand(script, env, [REPORT_FASTIFY]);

/** TCP ports the process listens on, from its socket descriptors and the kernel's socket tables. */
function listeningPorts(pid: number): number[] {
  const inodes = new Set<string>();
  for (const fd of fs.readdirSync(`/proc/${pid}/fd`)) {
    let target = '';
    try {
      target = fs.readlinkSync(`/proc/${pid}/fd/${fd}`, { encoding: 'utf8' });
    } catch {
      continue; // closed since the listing
    }
    const socket = /^socket:\[(\d+)\]$/.exec(target);
    if (socket) inodes.add(socket[1]!);
  }
  const ports: number[] = [];
  for (const table of ['tcp', 'tcp6']) {
    for (const line of fs.readFileSync(`/proc/${pid}/net/${table}`, 'utf8').split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      // cols: sl local_address rem_address st ... inode (10th); st 0A is LISTEN.
      if (cols[3] === '0A' && inodes.has(cols[9]!)) ports.push(parseInt(cols[1]!.split(':')[1]!, 16));
    }
  }
  return ports;
}

// The worker and the bot reach the services without the HTTP edge: nothing listens in their process.
describe('npm run worker and npm run bot: no HTTP server', { skip: process.platform !== 'linux' && 'reads /proc' }, () => {
  let fake: FakeTelegram;
  let database: TestDatabase;
  before(async () => {
    fake = await startFakeTelegram({ maxPollSeconds: 1 });
    database = await createTestDatabase('postgres');
  });
  after(async () => {
    await fake.close();
    await database.close();
  });

  it('starts both roles against PostgreSQL with no listening socket, and they stop on SIGTERM', async () => {
    const env = { DATABASE_URL: database.url!, TELEGRAM_BOT_TOKEN: DEFAULT_TOKEN, TELEGRAM_API_ROOT: fake.apiRoot, PORT: '0' };
    const worker = runRole('worker', env);
    const bot = runRole('bot', env);
    try {
      await Promise.all([worker.waitFor(/notification delivery worker started/, 180_000), bot.waitFor(/starting the Telegram bot/, 180_000)]);
      await fake.waitForCalls('getUpdates', 1, 60_000);
      assert.deepEqual(listeningPorts(worker.child.pid!), [], worker.output());
      assert.deepEqual(listeningPorts(bot.child.pid!), [], bot.output());
      assert.doesNotMatch(worker.output() + bot.output(), /module loaded: |P2H is running at/);
    } finally {
      worker.child.kill('SIGTERM');
      bot.child.kill('SIGTERM');
    }
    assert.equal(await worker.exit, 0, worker.output());
    assert.equal(await bot.exit, 0, bot.output());
  });
});
