import assert from 'node:assert/strict';
import { createSigner } from 'fast-jwt';
import { it } from 'node:test';
import { describeEachDatabase } from '../support/app.js';

const SECRET = 'test-secret-that-is-at-least-32-characters';

describeEachDatabase('login and tokens', (ctx) => {
  it('logs in with the phone number in any Indonesian form, or the email', async () => {
    const user = await ctx().createUser('user', { phone: '081377700001', email: 'budi@example.co.id', password: 'rahasia-budi' });
    for (const username of ['081377700001', '6281377700001', '+62 813-7770-0001', 'BUDI@example.co.id']) {
      const res = await ctx().request({ method: 'POST', url: '/api/auth/login', body: { username, password: 'rahasia-budi' } });
      assert.equal(res.status, 200, `${username}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.success, true);
      assert.equal(res.body.payload.token_type, 'bearer');
      assert.equal(res.body.payload.user.id, user.id);
      assert.equal(res.body.payload.user.password_hash, undefined);
      const me = await ctx().request({ method: 'GET', url: '/api/users/me', token: res.body.payload.access_token });
      assert.equal(me.body.payload.phone_number, '+6281377700001');
    }
  });

  it('refuses a wrong password or unknown user with the same answer', async () => {
    await ctx().createUser('user', { phone: '081377700002', password: 'rahasia-dua' });
    const wrong = await ctx().request({ method: 'POST', url: '/api/auth/login', body: { username: '081377700002', password: 'salah-sekali' } });
    const unknown = await ctx().request({ method: 'POST', url: '/api/auth/login', body: { username: '081377709999', password: 'salah-sekali' } });
    const garbage = await ctx().request({ method: 'POST', url: '/api/auth/login', body: { username: 'not a phone', password: 'x' } });
    for (const res of [wrong, unknown, garbage]) {
      assert.equal(res.status, 401);
      assert.equal(res.body.success, false);
      assert.equal(res.body.payload.code, 'INVALID_CREDENTIALS');
    }
  });

  it('rate-limits repeated failures for one username with 429 and Retry-After', async () => {
    await ctx().createUser('user', { phone: '081377700003', password: 'rahasia-tiga' });
    const attempt = (password: string) =>
      ctx().request({ method: 'POST', url: '/api/auth/login', body: { username: '0813-7770-0003', password } });
    for (let i = 0; i < 5; i++) assert.equal((await attempt('salah')).status, 401);
    const blocked = await attempt('rahasia-tiga');
    assert.equal(blocked.status, 429);
    assert.equal(blocked.body.payload.code, 'TOO_MANY_ATTEMPTS');
    assert.ok(Number(blocked.headers['retry-after']) > 0);
  });

  it('refuses a deactivated account even with the right password', async () => {
    const user = await ctx().createUser('user', { phone: '081377700004', password: 'rahasia-empat' });
    const admin = await ctx().createUser('admin');
    assert.equal((await ctx().request({ method: 'DELETE', url: `/api/users/${user.id}`, token: admin.token })).status, 200);
    const res = await ctx().request({ method: 'POST', url: '/api/auth/login', body: { username: '081377700004', password: 'rahasia-empat' } });
    assert.equal(res.status, 401);
    assert.equal(res.body.payload.code, 'ACCOUNT_INACTIVE');
    const withOldToken = await ctx().request({ method: 'GET', url: '/api/users/me', token: user.token });
    assert.equal(withOldToken.status, 401);
  });

  it('refuses missing, forged, expired and malformed tokens with 401', async () => {
    const user = await ctx().createUser('user');
    const forged = createSigner({ key: 'another-secret-that-is-at-least-32-chars' })({ sub: String(user.id), tv: 0 });
    const expired = createSigner({ key: SECRET, expiresIn: 1 })({ sub: String(user.id), tv: 0, iat: 1_000_000, exp: 1_000_001 });
    const noneAlg = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(`{"sub":"${user.id}","tv":0}`).toString('base64url')}.`;
    const cases: [string | undefined, string][] = [
      [undefined, 'UNAUTHENTICATED'],
      [forged, 'INVALID_TOKEN'],
      [expired, 'TOKEN_EXPIRED'],
      [noneAlg, 'INVALID_TOKEN'],
      ['garbage', 'INVALID_TOKEN'],
    ];
    for (const [token, code] of cases) {
      const res = await ctx().request({ method: 'GET', url: '/api/users/me', ...(token ? { token } : {}) });
      assert.equal(res.status, 401, `${code}: ${JSON.stringify(res.body)}`);
      assert.equal(res.body.payload.code, code);
    }
    const basic = await ctx().request({ method: 'GET', url: '/api/users/me', headers: { authorization: 'Basic abc' } });
    assert.equal(basic.status, 401);
  });

  it('changes my own password; the old token and password stop working', async () => {
    const user = await ctx().createUser('user', { phone: '081377700005', password: 'lama-12345' });
    const wrong = await ctx().request({
      method: 'POST', url: '/api/users/me/password', token: user.token,
      body: { current_password: 'bukan-ini', new_password: 'baru-12345' },
    });
    assert.equal(wrong.status, 401);
    const short = await ctx().request({
      method: 'POST', url: '/api/users/me/password', token: user.token,
      body: { current_password: 'lama-12345', new_password: 'pendek' },
    });
    assert.equal(short.status, 400);
    assert.equal(short.body.payload.details[0].field, 'new_password');
    const res = await ctx().request({
      method: 'POST', url: '/api/users/me/password', token: user.token,
      body: { current_password: 'lama-12345', new_password: 'baru-12345' },
    });
    assert.equal(res.status, 200);
    assert.equal((await ctx().request({ method: 'GET', url: '/api/users/me', token: user.token })).status, 401);
    assert.equal((await ctx().request({ method: 'GET', url: '/api/users/me', token: res.body.payload.access_token })).status, 200);
    const oldLogin = await ctx().request({ method: 'POST', url: '/api/auth/login', body: { username: '081377700005', password: 'lama-12345' } });
    assert.equal(oldLogin.status, 401);
    const newLogin = await ctx().request({ method: 'POST', url: '/api/auth/login', body: { username: '081377700005', password: 'baru-12345' } });
    assert.equal(newLogin.status, 200);
  });
});
