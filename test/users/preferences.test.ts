import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachDatabase } from '../support/app.js';

const URL = '/api/users/me/notification-preferences';

describeEachDatabase('notification preferences', (ctx) => {
  it('answers the defaults before anything was chosen', async () => {
    const driver = await ctx().createUser('user');
    const res = await ctx().request({ method: 'GET', url: URL, token: driver.token });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.payload, {
      p2h_warning: 'silent',
      p2h_abnormal: 'on',
      defects: 'on',
      expiry: 'on',
      daily_summary: 'on',
      quiet_hours_start: null,
      quiet_hours_end: null,
      language: 'id',
    });
  });

  it('stores a partial change on top of the rest, per person', async () => {
    const driver = await ctx().createUser('user');
    const other = await ctx().createUser('user');
    const first = await ctx().request({ method: 'PUT', url: URL, token: driver.token, body: { p2h_warning: 'on', quiet_hours_start: '22:00', quiet_hours_end: '05:00' } });
    assert.equal(first.status, 200, JSON.stringify(first.body));
    const second = await ctx().request({ method: 'PUT', url: URL, token: driver.token, body: { language: 'en' } });
    assert.equal(second.body.payload.p2h_warning, 'on');
    assert.equal(second.body.payload.quiet_hours_start, '22:00');
    assert.equal(second.body.payload.language, 'en');
    const again = await ctx().request({ method: 'GET', url: URL, token: driver.token });
    assert.deepEqual(again.body.payload, second.body.payload);
    const untouched = await ctx().request({ method: 'GET', url: URL, token: other.token });
    assert.equal(untouched.body.payload.language, 'id');
  });

  it('refuses ABNORMAL off, half-set quiet hours, bad times and unknown fields, and keeps what was stored', async () => {
    const driver = await ctx().createUser('user');
    await ctx().request({ method: 'PUT', url: URL, token: driver.token, body: { expiry: 'silent' } });
    const refused = [
      { body: { p2h_abnormal: 'off' }, status: 400, code: 'VALIDATION_ERROR' },
      { body: { quiet_hours_start: '22:00' }, status: 422, code: 'INVALID_QUIET_HOURS' },
      { body: { quiet_hours_start: '25:00', quiet_hours_end: '05:00' }, status: 400, code: 'VALIDATION_ERROR' },
      { body: { volume: 'loud' }, status: 400, code: 'VALIDATION_ERROR' },
      { body: {}, status: 400, code: 'VALIDATION_ERROR' },
    ];
    for (const { body, status, code } of refused) {
      const res = await ctx().request({ method: 'PUT', url: URL, token: driver.token, body });
      assert.equal(res.status, status, JSON.stringify(body));
      assert.equal(res.body.payload.code, code, JSON.stringify(res.body));
    }
    const stored = await ctx().request({ method: 'GET', url: URL, token: driver.token });
    assert.equal(stored.body.payload.expiry, 'silent');
    assert.equal(stored.body.payload.p2h_abnormal, 'on');
    assert.equal(stored.body.payload.quiet_hours_start, null);
  });

  it('needs a login', async () => {
    const res = await ctx().request({ method: 'GET', url: URL });
    assert.equal(res.status, 401);
  });
});
