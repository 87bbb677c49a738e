import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachDatabase, type TestContext } from '../support/app.js';

/** 30 failures (the per-address limit) from `from`, each on another account so only the address limit counts. */
async function failFrom(ctx: TestContext, forwardedFor: (i: number) => string) {
  for (let i = 0; i < 30; i++) {
    const res = await ctx.request({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'x-forwarded-for': forwardedFor(i) },
      body: { username: `08137790${String(i).padStart(4, '0')}`, password: 'salah' },
    });
    assert.equal(res.status, 401, `attempt ${i}: ${JSON.stringify(res.body)}`);
  }
}

const attemptFrom = (ctx: TestContext, forwardedFor: string) =>
  ctx.request({
    method: 'POST',
    url: '/api/auth/login',
    headers: { 'x-forwarded-for': forwardedFor },
    body: { username: '081377799999', password: 'salah' },
  });

describeEachDatabase(
  'behind a reverse proxy (TRUST_PROXY=loopback)',
  (ctx) => {
    it('X-Forwarded-For tells clients apart: 30 failures from one do not block another', async () => {
      await failFrom(ctx(), () => '203.0.113.7');
      assert.equal((await attemptFrom(ctx(), '203.0.113.7')).status, 429, 'the guessing client is blocked');
      // nginx's $proxy_add_x_forwarded_for appends the real address to whatever the client sent.
      assert.equal((await attemptFrom(ctx(), '198.51.100.99, 203.0.113.7')).status, 429, 'a forged address in front changes nothing');
      const other = await attemptFrom(ctx(), '198.51.100.20');
      assert.equal(other.status, 401, `another client is not: ${JSON.stringify(other.body)}`);
    });
  },
  { TRUST_PROXY: 'loopback' },
);

describeEachDatabase('without TRUST_PROXY', (ctx) => {
  it('X-Forwarded-For is ignored: an attacker cannot dodge the address limit by inventing addresses', async () => {
    await failFrom(ctx(), (i) => `192.0.2.${i + 1}`);
    const res = await attemptFrom(ctx(), '192.0.2.250');
    assert.equal(res.status, 429, JSON.stringify(res.body));
  });
});
