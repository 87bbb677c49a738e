import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachDatabase } from '../support/app.js';

const login = (username: string, password: string, headers: Record<string, string> = {}) => ({
  method: 'POST' as const,
  url: '/api/auth/login',
  body: { username, password },
  headers,
});

// Each test logs in from its own address (TRUST_PROXY=loopback reads X-Forwarded-For) so only the account limit is in play.
describeEachDatabase('login throttle keys on the account, not its spelling', (ctx) => {
  const from = (address: string) => ({ 'x-forwarded-for': address });

  it('failures with one spelling of a phone block every other spelling of it', async () => {
    await ctx().createUser('user', { phone: '081377800001', password: 'rahasia-benar' });
    const spellings = ['081377800001', '0813-7780-0001', '+62 813 7780 0001', '6281377800001', '813 7780 0001'];
    for (const username of spellings) assert.equal((await ctx().request(login(username, 'salah', from('10.9.0.1')))).status, 401, username);
    const blocked = await ctx().request(login('+62 (813) 7780-0001', 'rahasia-benar', from('10.9.0.1')));
    assert.equal(blocked.status, 429, JSON.stringify(blocked.body));
    assert.equal(blocked.body.payload.code, 'TOO_MANY_ATTEMPTS');
    assert.ok(Number(blocked.headers['retry-after']) > 0);
  });

  it('an email is one account whatever its case', async () => {
    await ctx().createUser('user', { email: 'sari@p2h.test', password: 'rahasia-benar' });
    for (const username of ['sari@p2h.test', 'SARI@p2h.test', ' Sari@P2H.test ', 'sArI@p2h.TEST', 'SARI@P2H.TEST']) {
      assert.equal((await ctx().request(login(username, 'salah', from('10.9.0.2')))).status, 401, username);
    }
    assert.equal((await ctx().request(login('sari@p2h.test', 'rahasia-benar', from('10.9.0.2')))).status, 429);
  });

  it('20 parallel wrong attempts get at most 5 password checks; the rest are 429', async () => {
    await ctx().createUser('user', { phone: '081377800002', password: 'rahasia-benar' });
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => ctx().request(login('081377800002', `salah-${i}`, from('10.9.0.3')))));
    const statuses = answers.map((a) => a.status);
    assert.ok(statuses.filter((s) => s === 401).length <= 5, `checked ${statuses.filter((s) => s === 401).length} times: ${statuses}`);
    assert.equal(statuses.filter((s) => s !== 401 && s !== 429).length, 0, String(statuses));
  });

  it('a successful login clears the account, so a driver who mistyped twice is not locked later', async () => {
    await ctx().createUser('user', { phone: '081377800003', password: 'rahasia-benar' });
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 4; i++) assert.equal((await ctx().request(login('081377800003', 'salah', from('10.9.0.4')))).status, 401);
      assert.equal((await ctx().request(login('081377800003', 'rahasia-benar', from('10.9.0.4')))).status, 200, `round ${round}`);
    }
  });
}, { TRUST_PROXY: 'loopback' });

describeEachDatabase('sessions and passwords', (ctx) => {
  it('POST /api/auth/logout ends every session of the user server-side', async () => {
    await ctx().createUser('user', { phone: '081377800010', password: 'rahasia-benar' });
    const first = (await ctx().request(login('081377800010', 'rahasia-benar'))).body.payload.access_token as string;
    const second = (await ctx().request(login('081377800010', 'rahasia-benar'))).body.payload.access_token as string;
    const out = await ctx().request({ method: 'POST', url: '/api/auth/logout', token: first });
    assert.equal(out.status, 200, JSON.stringify(out.body));
    assert.equal(out.body.success, true);
    for (const token of [first, second]) {
      const me = await ctx().request({ method: 'GET', url: '/api/users/me', token });
      assert.equal(me.status, 401);
      assert.equal(me.body.payload.code, 'INVALID_TOKEN');
    }
    assert.equal((await ctx().request({ method: 'POST', url: '/api/auth/logout' })).status, 401);
    const again = (await ctx().request(login('081377800010', 'rahasia-benar'))).body.payload.access_token as string;
    assert.equal((await ctx().request({ method: 'GET', url: '/api/users/me', token: again })).status, 200);
  });

  it('wrong current passwords are throttled per account: 5 per window, then 429 even for the right one', async () => {
    const user = await ctx().createUser('user', { password: 'lama-12345' });
    const change = (current: string) =>
      ctx().request({ method: 'POST', url: '/api/users/me/password', token: user.token, body: { current_password: current, new_password: 'baru-12345' } });
    for (let i = 0; i < 5; i++) assert.equal((await change(`salah-${i}`)).status, 401);
    const blocked = await change('lama-12345');
    assert.equal(blocked.status, 429, JSON.stringify(blocked.body));
    assert.equal(blocked.body.payload.code, 'TOO_MANY_ATTEMPTS');
    assert.ok(Number(blocked.headers['retry-after']) > 0);
    assert.equal((await ctx().request({ method: 'GET', url: '/api/users/me', token: user.token })).status, 200, 'nothing changed');
  });

  it('an admin cannot change their own password through PATCH, only with the current one', async () => {
    for (const role of ['admin', 'superadmin'] as const) {
      const admin = await ctx().createUser(role, { password: 'lama-12345' });
      const res = await ctx().request({ method: 'PATCH', url: `/api/users/${admin.id}`, token: admin.token, body: { password: 'baru-12345' } });
      assert.ok(res.status === 403 || res.status === 422, `${role}: ${res.status} ${JSON.stringify(res.body)}`);
      assert.match(res.body.message, /\/api\/users\/me\/password/);
      assert.equal((await ctx().request({ method: 'GET', url: '/api/users/me', token: admin.token })).status, 200, 'token still valid');
      const old = await ctx().request(login(admin.phone, 'lama-12345'));
      assert.equal(old.status, 200, 'password unchanged');
      const name = await ctx().request({ method: 'PATCH', url: `/api/users/${admin.id}`, token: admin.token, body: { full_name: 'Nama Baru' } });
      assert.equal(name.status, 200, 'other own fields still editable');
    }
  });
});
