import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Role } from '../../src/users/schema.js';
import { describeEachDatabase } from '../support/app.js';
import { submitReport } from './harness.js';

describeEachDatabase('notification log API and readiness', (ctx) => {
  it('only admins read the log and resend; filters by status, type and date with paging', async () => {
    const driver = await ctx().createUser('user');
    const abnormal = await submitReport(ctx(), driver, [{ status: 'abnormal', keterangan: 'x' }]);
    await submitReport(ctx(), driver, [{ status: 'warning', keterangan: 'y' }]);
    const id = abnormal.notifications[0]!.id;
    const matrix: [Role | 'anonymous', number][] = [['anonymous', 401], ['viewer', 403], ['user', 403], ['admin', 200], ['superadmin', 200]];
    for (const [role, expected] of matrix) {
      const t = role === 'anonymous' ? {} : { token: (await ctx().createUser(role)).token };
      assert.equal((await ctx().request({ method: 'GET', url: '/api/notifications', ...t })).status, expected, `${role} list`);
      assert.equal((await ctx().request({ method: 'GET', url: `/api/notifications/${id}`, ...t })).status, expected, `${role} get`);
      const resend = await ctx().request({ method: 'POST', url: `/api/notifications/${id}/resend`, ...t });
      assert.equal(resend.status, expected === 200 ? 200 : expected, `${role} resend ${JSON.stringify(resend.body)}`);
    }
    const admin = await ctx().createUser('admin');
    const get = async (query: string) => (await ctx().request({ method: 'GET', url: `/api/notifications?${query}`, token: admin.token })).body.payload;
    assert.equal((await get('type=p2h_abnormal')).items.every((n: { type: string }) => n.type === 'p2h_abnormal'), true);
    assert.ok((await get('status=skipped')).total >= 2);
    assert.equal((await get('status=sent')).total, 0);
    const today = new Date().toISOString().slice(0, 10);
    assert.equal((await get('date_from=2000-01-01&date_to=2000-01-02')).total, 0);
    assert.ok((await get(`date_from=${addDay(today, -1)}&date_to=${addDay(today, 1)}`)).total >= 2);
    const paged = await get('page=1&page_size=1');
    assert.equal(paged.items.length, 1);
    assert.ok(paged.total >= 2);
    const bad = await ctx().request({ method: 'GET', url: '/api/notifications?status=lost', token: admin.token });
    assert.equal(bad.status, 400);
    assert.equal((await ctx().request({ method: 'POST', url: '/api/notifications/999999/resend', token: admin.token })).status, 404);
  });

  it('readiness reports the bot state and, to an admin, the backlog', async () => {
    const admin = await ctx().createUser('admin');
    const res = await ctx().request({ method: 'GET', url: '/api/health/ready', token: admin.token });
    assert.equal(res.status, 200);
    assert.deepEqual(res.body.payload.telegram, { bot: 'not_configured', bot_username: null, error: null });
    assert.equal(typeof res.body.payload.notifications.pending, 'number');
    assert.equal(typeof res.body.payload.notifications.failed, 'number');
  });
});

function addDay(date: string, days: number) {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
