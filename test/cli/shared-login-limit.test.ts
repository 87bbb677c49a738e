import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../support/db.js';
import { spawnCommand } from './spawn-command.js';

const PHONE = '081200007777';
const PASSWORD = 'kepala-pool-123';

/** `npm run api` on the test database; resolves with its base URL once it listens. */
async function startApi(env: Record<string, string>) {
  const api = spawnCommand('api', { ...env, PORT: '0', P2H_DEMO: '0' });
  await api.waitFor(/P2H is running at http:\/\/[\d.:a-z]+/, 180_000);
  const url = /P2H is running at (http:\/\/[\d.:a-z]+)/.exec(api.output())![1]!;
  return { ...api, url };
}

async function login(baseUrl: string, password: string) {
  const response = await fetch(`${baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: PHONE, password }),
  });
  return { status: response.status, body: (await response.json()) as { payload: { code?: string } } };
}

// Behind a load balancer every API process must count the same failures: the limit lives in PostgreSQL.
describe('npm run api ×2: one login limit', () => {
  let database: TestDatabase;
  const started: ReturnType<typeof spawnCommand>[] = [];
  before(async () => {
    database = await createTestDatabase('postgres');
  });
  after(async () => {
    for (const api of started) api.child.kill('SIGKILL');
    await Promise.all(started.map((api) => api.exit));
    await database.close();
  });

  it('5 failed logins spread over two processes: the 6th is refused on either, and after a restart', async () => {
    const env = { DATABASE_URL: database.url!, ADMIN_PHONE: PHONE, ADMIN_PASSWORD: PASSWORD };
    const [a, b] = await Promise.all([startApi(env), startApi(env)]);
    started.push(a, b);
    for (const [i, api] of [a, b, a, b, a].entries()) {
      assert.equal((await login(api.url, `salah-${i}`)).status, 401, `failure ${i + 1} is checked`);
    }
    for (const api of [a, b]) {
      const refused = await login(api.url, PASSWORD);
      assert.equal(refused.status, 429, api.output());
      assert.equal(refused.body.payload.code, 'TOO_MANY_ATTEMPTS');
    }

    for (const api of [a, b]) {
      api.child.kill('SIGTERM');
      assert.equal(await api.exit, 0, api.output());
    }
    const restarted = await startApi(env);
    started.push(restarted);
    assert.equal((await login(restarted.url, PASSWORD)).status, 429, 'a restart forgets nothing');
  });
});
