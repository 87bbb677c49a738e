import assert from 'node:assert/strict';
import { it } from 'node:test';
import { describeEachDatabase } from '../support/app.js';

describeEachDatabase('P2H submission', (ctx) => {
  it('a driver submits with one abnormal answer and gets overall_status abnormal', async () => {
    const driver = await ctx().createUser('user');
    const vehicleId = await ctx().createVehicle();
    const items = await ctx().app.services.checklist.applicableItems('Light Vehicle');
    assert.equal(items.length, 39);
    const details = items.map((item, i) =>
      i === 4 ? { checklist_item_id: item.id, status: 'abnormal', keterangan: 'Rem blong' } : { checklist_item_id: item.id, status: 'normal' },
    );
    const res = await ctx().request({ method: 'POST', url: '/api/p2h/reports', token: driver.token, body: { vehicle_id: vehicleId, shift_number: 1, details } });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.equal(res.body.payload.overall_status, 'abnormal');
    assert.equal(res.body.payload.operational_date, '2026-01-21');
  });
});
