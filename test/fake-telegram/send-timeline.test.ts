import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Api, GrammyError } from 'grammy';
import { busiestWindow, sendTimes } from './send-timeline.js';
import { DEFAULT_TOKEN, startFakeTelegram } from './server.js';

describe('fake telegram: send timeline', () => {
  it('counts the busiest window as the limiter does (half-open)', () => {
    assert.equal(busiestWindow([], 1000), 0);
    assert.equal(busiestWindow([0, 999, 1000, 1001], 1000), 3);
    assert.equal(busiestWindow([5, 0, 2_000], 1000), 2, 'in any order');
  });

  it('with limits enforced, a burst gets 30 through in one second and 429 with retry_after for the rest', async () => {
    const fake = await startFakeTelegram({ enforceLimits: true });
    try {
      const api = new Api(DEFAULT_TOKEN, { apiRoot: fake.apiRoot });
      const results = await Promise.allSettled(Array.from({ length: 35 }, (_, i) => api.sendMessage(500 + i, 'x')));
      const refused = results.filter((r) => r.status === 'rejected').map((r) => (r as PromiseRejectedResult).reason as GrammyError);
      assert.equal(refused.length, 5);
      for (const error of refused) assert.ok(error.error_code === 429 && (error.parameters.retry_after ?? 0) >= 1);
      assert.equal(fake.rateLimited, 5);
      assert.equal(busiestWindow(sendTimes(fake), 1000), 30);
      assert.deepEqual(sendTimes(fake, new Set([500])).length, 1, 'filtered by chat');
    } finally {
      await fake.close();
    }
  });
});
