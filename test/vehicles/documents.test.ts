import assert from 'node:assert/strict';
import { it } from 'node:test';
import { eq } from 'drizzle-orm';
import { vehicleDocuments } from '../../src/vehicles/schema.js';
import { describeEachDatabase } from '../support/app.js';
import { assertError, newVehicle, roleTokens } from './helpers.js';

describeEachDatabase('vehicle documents', (ctx) => {
  const tokens = roleTokens(ctx);
  const create = async (body: Record<string, unknown>, token = tokens.admin) =>
    ctx().request({ method: 'POST', url: '/api/vehicles', token, body });

  it('sets, changes and clears documents through PATCH', async () => {
    const v = (await create(newVehicle({ stnk_expiry: '2026-03-01', pajak_expiry: '2026-09-01' }))).body.payload;
    const res = await ctx().request({
      method: 'PATCH',
      url: `/api/vehicles/${v.id}`,
      token: tokens.superadmin,
      body: { stnk_expiry: null, kir_expiry: '2026-07-07', pajak_expiry: '2027-09-01' },
    });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.equal(res.body.payload.stnk_expiry, null);
    assert.equal(res.body.payload.kir_expiry, '2026-07-07');
    assert.equal(res.body.payload.pajak_expiry, '2027-09-01');
    assert.equal(res.body.payload.unit_code, v.unit_code);
    assert.ok(Date.parse(res.body.payload.updated_at) >= Date.parse(v.updated_at));
    const rows = await ctx().database.db.select().from(vehicleDocuments).where(eq(vehicleDocuments.vehicleId, v.id));
    assert.deepEqual(rows.map((r) => `${r.documentType}=${r.expiryDate}`).sort(), ['kir=2026-07-07', 'pajak=2027-09-01']);

    // A PATCH that does not mention documents leaves them alone.
    const other = await ctx().request({ method: 'PATCH', url: `/api/vehicles/${v.id}`, token: tokens.admin, body: { shift_type: 'non_shift' } });
    assert.equal(other.body.payload.kir_expiry, '2026-07-07');
    assert.equal(other.body.payload.shift_type, 'non_shift');
  });

  it('lists documents expiring on or before a date, active units only, soonest first', async () => {
    const a = (await create(newVehicle({ unit_code: 'EX.1', stnk_expiry: '2030-01-20', kir_expiry: '2030-03-01', pajak_expiry: '2030-01-05' }))).body.payload;
    const b = (await create(newVehicle({ unit_code: 'EX.2', kir_expiry: '2030-01-10' }))).body.payload;
    const c = (await create(newVehicle({ unit_code: 'EX.3', stnk_expiry: '2030-01-01' }))).body.payload;
    await ctx().request({ method: 'DELETE', url: `/api/vehicles/${c.id}`, token: tokens.admin });
    const ours = <T extends { vehicle_id: number }>(rows: T[]) => rows.filter((r) => [a.id, b.id, c.id].includes(r.vehicle_id));

    const res = await ctx().request({ method: 'GET', url: '/api/vehicles/documents/expiring?before=2030-01-20', token: tokens.admin });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    assert.deepEqual(ours(res.body.payload), [
      { vehicle_id: a.id, unit_code: 'EX.1', plate_number: a.plate_number, document_type: 'pajak', expiry_date: '2030-01-05' },
      { vehicle_id: b.id, unit_code: 'EX.2', plate_number: b.plate_number, document_type: 'kir', expiry_date: '2030-01-10' },
      { vehicle_id: a.id, unit_code: 'EX.1', plate_number: a.plate_number, document_type: 'stnk', expiry_date: '2030-01-20' },
    ]);
    const dates = res.body.payload.map((r: { expiry_date: string }) => r.expiry_date);
    assert.deepEqual(dates, [...dates].sort());

    const kir = await ctx().request({ method: 'GET', url: '/api/vehicles/documents/expiring?before=2030-12-31&type=kir', token: tokens.superadmin });
    assert.deepEqual(ours(kir.body.payload).map((r: any) => `${r.unit_code}:${r.expiry_date}`), ['EX.2:2030-01-10', 'EX.1:2030-03-01']);
    assert.ok(kir.body.payload.every((r: { document_type: string }) => r.document_type === 'kir'));

    const service = await ctx().app.services.vehicles.documentsExpiringBefore('2030-01-10', ['stnk', 'pajak']);
    assert.deepEqual(ours(service).map((r) => r.document_type), ['pajak']);

    assertError(await ctx().request({ method: 'GET', url: '/api/vehicles/documents/expiring', token: tokens.admin }), 400, 'VALIDATION_ERROR');
    const badType = await ctx().request({ method: 'GET', url: '/api/vehicles/documents/expiring?before=2030-01-01&type=sim', token: tokens.admin });
    assertError(badType, 400, 'VALIDATION_ERROR');
  });

});
