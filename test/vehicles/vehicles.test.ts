import assert from 'node:assert/strict';
import { it } from 'node:test';
import { eq } from 'drizzle-orm';
import { vehicles } from '../../src/vehicles/schema.js';
import { describeEachDatabase } from '../support/app.js';
import { assertError, nextSerial, newVehicle, roleTokens, storedCounts } from './helpers.js';

describeEachDatabase('vehicles', (ctx) => {
  const tokens = roleTokens(ctx);
  const create = async (body: Record<string, unknown>, token = tokens.admin) =>
    ctx().request({ method: 'POST', url: '/api/vehicles', token, body });

  it('reading endpoints: anonymous 401, every role 200', async () => {
    const id = await ctx().createVehicle();
    for (const url of ['/api/vehicles', `/api/vehicles/${id}`, '/api/vehicle-types']) {
      assertError(await ctx().request({ method: 'GET', url }), 401, 'UNAUTHENTICATED');
      for (const role of ['viewer', 'user', 'admin', 'superadmin'] as const) {
        const res = await ctx().request({ method: 'GET', url, token: tokens[role] });
        assert.equal(res.status, 200, `${role} GET ${url}: ${JSON.stringify(res.body)}`);
        assert.equal(res.body.success, true);
      }
    }
  });

  it('admin-only endpoints: anonymous 401, viewer and user 403 with nothing stored, admins 2xx', async () => {
    const id = await ctx().createVehicle();
    const before = await storedCounts(ctx());
    const calls = () => [
      { method: 'POST' as const, url: '/api/vehicles', body: newVehicle({ stnk_expiry: '2026-05-01' }), expect: 201 },
      { method: 'PATCH' as const, url: `/api/vehicles/${id}`, body: { brand: `Merk ${nextSerial()}` }, expect: 200 },
      { method: 'DELETE' as const, url: `/api/vehicles/${id}`, body: undefined, expect: 200 },
      { method: 'POST' as const, url: '/api/vehicle-types', body: { name: `Tipe ${nextSerial()}` }, expect: 201 },
      { method: 'GET' as const, url: '/api/vehicles/documents/expiring?before=2026-12-31', body: undefined, expect: 200 },
    ];
    for (const call of calls()) assertError(await ctx().request(call), 401, 'UNAUTHENTICATED');
    for (const role of ['viewer', 'user'] as const) {
      for (const call of calls()) assertError(await ctx().request({ ...call, token: tokens[role] }), 403, 'FORBIDDEN');
    }
    assert.deepEqual(await storedCounts(ctx()), before);
    const [unit] = await ctx().database.db.select().from(vehicles).where(eq(vehicles.id, id));
    assert.equal(unit!.brand, null);
    assert.equal(unit!.isActive, true);
    for (const role of ['admin', 'superadmin'] as const) {
      await ctx().request({ method: 'PATCH', url: `/api/vehicles/${id}`, token: tokens.admin, body: { is_active: true } });
      for (const call of calls()) {
        const res = await ctx().request({ ...call, token: tokens[role] });
        assert.equal(res.status, call.expect, `${role} ${call.method} ${call.url}: ${JSON.stringify(res.body)}`);
        assert.equal(res.body.success, true);
      }
    }
  });

  it('creates a unit with normalised codes and its documents', async () => {
    const res = await create({
      unit_code: '  p.309 ',
      plate_number: ' kt  1234   ab ',
      vehicle_type: 'light vehicle',
      shift_type: 'long_shift',
      brand: ' Toyota  Hilux ',
      stnk_expiry: '2026-03-01',
      kir_expiry: '2026-04-15',
    });
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const v = res.body.payload;
    assert.ok(Number.isInteger(v.id));
    assert.equal(v.unit_code, 'P.309');
    assert.equal(v.plate_number, 'KT 1234 AB');
    assert.equal(v.vehicle_type, 'Light Vehicle');
    assert.equal(v.shift_type, 'long_shift');
    assert.equal(v.brand, 'Toyota Hilux');
    assert.equal(v.assigned_driver_id, null);
    assert.equal(v.is_active, true);
    assert.equal(v.stnk_expiry, '2026-03-01');
    assert.equal(v.kir_expiry, '2026-04-15');
    assert.equal(v.pajak_expiry, null);
    assert.ok(!Number.isNaN(Date.parse(v.created_at)) && !Number.isNaN(Date.parse(v.updated_at)));

    const got = await ctx().request({ method: 'GET', url: `/api/vehicles/${v.id}`, token: tokens.viewer });
    assert.deepEqual(got.body.payload, v);

    for (const q of ['p309', 'P 309', 'p.309', 'kt1234', 'KT 1234 AB']) {
      const found = await ctx().request({ method: 'GET', url: `/api/vehicles?q=${encodeURIComponent(q)}`, token: tokens.user });
      assert.equal(found.status, 200);
      assert.ok(found.body.payload.items.some((i: { id: number }) => i.id === v.id), `q=${q} finds P.309`);
    }
    const miss = await ctx().request({ method: 'GET', url: '/api/vehicles?q=p3099', token: tokens.user });
    assert.ok(!miss.body.payload.items.some((i: { id: number }) => i.id === v.id));
  });

  it('refuses a duplicate unit code in another spelling with 409 and stores nothing', async () => {
    const first = await create(newVehicle({ unit_code: 'Q.77' }));
    assert.equal(first.status, 201);
    const before = await storedCounts(ctx());
    const dup = await create(newVehicle({ unit_code: 'q 77', stnk_expiry: '2027-01-01', pajak_expiry: '2027-02-01' }));
    assertError(dup, 409, 'UNIT_CODE_EXISTS');
    assert.deepEqual(await storedCounts(ctx()), before);

    const other = await create(newVehicle());
    const renamed = await ctx().request({
      method: 'PATCH',
      url: `/api/vehicles/${other.body.payload.id}`,
      token: tokens.admin,
      body: { unit_code: 'Q77', kir_expiry: '2027-01-01' },
    });
    assertError(renamed, 409, 'UNIT_CODE_EXISTS');
    const unchanged = await ctx().request({ method: 'GET', url: `/api/vehicles/${other.body.payload.id}`, token: tokens.admin });
    assert.deepEqual(unchanged.body.payload, other.body.payload);
  });

  it('rejects bad input with 400 naming the field, and stores nothing', async () => {
    const before = await storedCounts(ctx());
    const badDate = await create(newVehicle({ stnk_expiry: '2026-02-30' }));
    assertError(badDate, 400, 'VALIDATION_ERROR');
    assert.ok(badDate.body.payload.details.some((d: { field: string }) => d.field === 'stnk_expiry'), JSON.stringify(badDate.body));

    const unknownField = await create(newVehicle({ colour: 'red' }));
    assertError(unknownField, 400, 'VALIDATION_ERROR');
    assert.deepEqual(
      unknownField.body.payload.details.find((d: { field: string }) => d.field === 'colour'),
      { field: 'colour', code: 'unknown_field', message: 'field tidak dikenal' },
    );

    const badShift = await create(newVehicle({ shift_type: 'double' }));
    assertError(badShift, 400, 'VALIDATION_ERROR');
    assert.ok(badShift.body.payload.details.some((d: { field: string }) => d.field === 'shift_type'));

    const missing = await create({ unit_code: 'X.1' });
    assertError(missing, 400, 'VALIDATION_ERROR');
    const fields = missing.body.payload.details.map((d: { field: string }) => d.field).sort();
    assert.deepEqual(fields, ['plate_number', 'shift_type', 'vehicle_type']);

    assertError(await create(newVehicle({ unit_code: ' .- ' })), 400, 'VALIDATION_ERROR');
    assert.deepEqual(await storedCounts(ctx()), before);

    const id = (await create(newVehicle())).body.payload.id;
    const empty = await ctx().request({ method: 'PATCH', url: `/api/vehicles/${id}`, token: tokens.admin, body: {} });
    assertError(empty, 400, 'VALIDATION_ERROR');
    const badPatch = await ctx().request({ method: 'PATCH', url: `/api/vehicles/${id}`, token: tokens.admin, body: { kir_expiry: '2026-13-01' } });
    assertError(badPatch, 400, 'VALIDATION_ERROR');
    assert.equal(badPatch.body.payload.details[0].field, 'kir_expiry');
    const badQuery = await ctx().request({ method: 'GET', url: '/api/vehicles?page=0&sort=x', token: tokens.admin });
    assertError(badQuery, 400, 'VALIDATION_ERROR');
    assertError(await ctx().request({ method: 'GET', url: '/api/vehicles/abc', token: tokens.admin }), 400, 'VALIDATION_ERROR');
  });

  it('refuses an unknown vehicle type with 422 listing the allowed ones, and stores nothing', async () => {
    const before = await storedCounts(ctx());
    const res = await create(newVehicle({ vehicle_type: 'Hovercraft', stnk_expiry: '2026-06-01' }));
    assertError(res, 422, 'UNKNOWN_VEHICLE_TYPE');
    assert.match(res.body.message, /Hovercraft/);
    assert.match(res.body.message, /Light Vehicle/);
    assert.equal(res.body.payload.details[0].field, 'vehicle_type');
    assert.deepEqual(await storedCounts(ctx()), before);

    const id = (await create(newVehicle())).body.payload.id;
    const patch = await ctx().request({
      method: 'PATCH',
      url: `/api/vehicles/${id}`,
      token: tokens.admin,
      body: { brand: 'Changed', vehicle_type: 'Hovercraft', stnk_expiry: '2026-06-01' },
    });
    assertError(patch, 422, 'UNKNOWN_VEHICLE_TYPE');
    const after = await ctx().request({ method: 'GET', url: `/api/vehicles/${id}`, token: tokens.admin });
    assert.equal(after.body.payload.brand, null);
    assert.equal(after.body.payload.stnk_expiry, null);
  });

  it('answers 404 VEHICLE_NOT_FOUND for unknown ids', async () => {
    for (const method of ['GET', 'PATCH', 'DELETE'] as const) {
      const res = await ctx().request({
        method,
        url: '/api/vehicles/999999',
        token: tokens.admin,
        body: method === 'PATCH' ? { brand: 'X' } : undefined,
      });
      assertError(res, 404, 'VEHICLE_NOT_FOUND');
    }
  });

  it('assigns only active drivers with role user', async () => {
    const driver = await ctx().createUser('user');
    const viewer = await ctx().createUser('viewer');
    const before = await storedCounts(ctx());
    for (const id of [viewer.id, 999999]) {
      const res = await create(newVehicle({ assigned_driver_id: id }));
      assertError(res, 422, 'INVALID_DRIVER');
      assert.equal(res.body.payload.details[0].field, 'assigned_driver_id');
    }
    assert.deepEqual(await storedCounts(ctx()), before);
    const ok = await create(newVehicle({ assigned_driver_id: driver.id }));
    assert.equal(ok.status, 201);
    assert.equal(ok.body.payload.assigned_driver_id, driver.id);
    const cleared = await ctx().request({ method: 'PATCH', url: `/api/vehicles/${ok.body.payload.id}`, token: tokens.admin, body: { assigned_driver_id: null } });
    assert.equal(cleared.body.payload.assigned_driver_id, null);
  });

  it('deactivates on DELETE; lists show active units unless is_active=false', async () => {
    const v = (await create(newVehicle({ unit_code: 'DX.1' }))).body.payload;
    const del = await ctx().request({ method: 'DELETE', url: `/api/vehicles/${v.id}`, token: tokens.admin });
    assert.equal(del.status, 200);
    assert.equal(del.body.payload.is_active, false);
    const active = await ctx().request({ method: 'GET', url: '/api/vehicles?q=dx1', token: tokens.viewer });
    assert.equal(active.body.payload.total, 0);
    const inactive = await ctx().request({ method: 'GET', url: '/api/vehicles?q=dx1&is_active=false', token: tokens.viewer });
    assert.equal(inactive.body.payload.total, 1);
    assert.equal(inactive.body.payload.items[0].id, v.id);
    const stillThere = await ctx().request({ method: 'GET', url: `/api/vehicles/${v.id}`, token: tokens.viewer });
    assert.equal(stillThere.body.payload.is_active, false);
  });

  it('pages, filters and orders the list with correct totals', async () => {
    const codes = ['ZQ.05', 'ZQ.01', 'ZQ.04', 'ZQ.02', 'ZQ.03'];
    for (const [i, code] of codes.entries()) {
      const res = await create(newVehicle({ unit_code: code, vehicle_type: i < 2 ? 'Bus' : 'Ambulance', shift_type: i === 0 ? 'non_shift' : 'shift', kir_expiry: '2028-01-0' + (i + 1) }));
      assert.equal(res.status, 201, JSON.stringify(res.body));
    }
    const page = (qs: string) => ctx().request({ method: 'GET', url: `/api/vehicles?q=zq&${qs}`, token: tokens.user });
    const first = await page('page_size=2');
    assert.equal(first.body.payload.total, 5);
    assert.equal(first.body.payload.page, 1);
    assert.equal(first.body.payload.page_size, 2);
    assert.deepEqual(first.body.payload.items.map((i: { unit_code: string }) => i.unit_code), ['ZQ.01', 'ZQ.02']);
    assert.equal(first.body.payload.items[0].kir_expiry, '2028-01-02');
    const third = await page('page_size=2&page=3');
    assert.deepEqual(third.body.payload.items.map((i: { unit_code: string }) => i.unit_code), ['ZQ.05']);
    assert.equal(third.body.payload.total, 5);
    const beyond = await page('page_size=2&page=9');
    assert.deepEqual(beyond.body.payload.items, []);
    assert.equal(beyond.body.payload.total, 5);
    assert.equal((await page('vehicle_type=Bus')).body.payload.total, 2);
    assert.equal((await page('vehicle_type=bus')).body.payload.total, 2);
    assert.equal((await page('shift_type=non_shift')).body.payload.total, 1);
    assert.equal((await page('vehicle_type=Ambulance&shift_type=shift')).body.payload.total, 3);
    // LIKE wildcards in q are not wildcards.
    assert.equal((await ctx().request({ method: 'GET', url: '/api/vehicles?q=Z_.0%25', token: tokens.user })).body.payload.total, 0);
  });

  it('manages vehicle types', async () => {
    const add = (name: unknown, token = tokens.admin) => ctx().request({ method: 'POST', url: '/api/vehicle-types', token, body: { name } });
    const res = await add('  Dump   Truck ');
    assert.equal(res.status, 201, JSON.stringify(res.body));
    assert.deepEqual(res.body.payload, { name: 'Dump Truck' });
    assertError(await add('dump truck'), 409, 'VEHICLE_TYPE_EXISTS');
    assertError(await add('Bus', tokens.superadmin), 409, 'VEHICLE_TYPE_EXISTS');
    assertError(await add('   '), 400, 'VALIDATION_ERROR');
    assertError(await add('x'.repeat(51)), 400, 'VALIDATION_ERROR');
    assertError(await ctx().request({ method: 'POST', url: '/api/vehicle-types', token: tokens.admin, body: { name: 'A', x: 1 } }), 400, 'VALIDATION_ERROR');

    const list = await ctx().request({ method: 'GET', url: '/api/vehicle-types', token: tokens.user });
    assert.ok(list.body.payload.includes('Dump Truck'));
    assert.ok(list.body.payload.includes('Light Vehicle'));
    assert.deepEqual(list.body.payload, [...list.body.payload].sort());

    const unit = await create(newVehicle({ vehicle_type: 'DUMP TRUCK' }));
    assert.equal(unit.status, 201);
    assert.equal(unit.body.payload.vehicle_type, 'Dump Truck');
  });
});
