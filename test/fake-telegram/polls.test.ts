import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startFakeTelegram, type FakeTelegram } from './server.js';

describe('fake Bot API: concurrent getUpdates', () => {
  let fake: FakeTelegram;
  before(async () => {
    fake = await startFakeTelegram({ maxPollSeconds: 5 });
  });
  after(() => fake.close());

  const poll = (timeout: number) =>
    fetch(fake.url('getUpdates'), { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ timeout }) }).then(
      async (res) => ({ status: res.status, body: (await res.json()) as { ok: boolean; description?: string } }),
    );

  it('one poller at a time: one long poll open at most', async () => {
    fake.polls.reset();
    await poll(1);
    await poll(1);
    assert.equal(fake.polls.maxConcurrent, 1);
    assert.equal(fake.polls.conflicts, 0);
  });

  it('a second long poll while one is held: both counted, and the held one gets 409 like Telegram answers it', async () => {
    fake.polls.reset();
    const first = poll(3);
    while (fake.polls.openFor(fake.tokens[0]!) === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    const second = poll(1);
    const answered = await first;
    assert.equal(answered.status, 409);
    assert.match(answered.body.description ?? '', /Conflict: terminated by other getUpdates request/);
    assert.equal((await second).status, 200);
    assert.equal(fake.polls.maxConcurrent, 2);
    assert.equal(fake.polls.conflicts, 1);
  });

  it('getUpdates without a timeout (grammY confirming its offset as it stops) is not a long poll', async () => {
    fake.polls.reset();
    await Promise.all([poll(0), poll(0), poll(0)]);
    assert.equal(fake.polls.maxConcurrent, 0);
  });
});
