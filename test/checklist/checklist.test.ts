import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { count } from 'drizzle-orm';
import { checklistItems } from '../../src/checklist/schema.js';
import { describeEachDatabase, type TestContext, type TestResponse } from '../support/app.js';

type Tokens = Record<'viewer' | 'user' | 'admin' | 'superadmin', string>;
interface Item {
  id: number;
  section: string;
  item_name: string;
  order: number;
  vehicle_types?: string[] | null;
  is_active?: boolean;
}

let serial = 0;
const newItem = (overrides: Record<string, unknown> = {}) => ({ section: 'TAMBAHAN', item_name: `Item uji ${++serial}`, order: 100 + serial, ...overrides });

function assertError(res: TestResponse, status: number, code: string) {
  assert.equal(res.status, status, JSON.stringify(res.body));
  assert.equal(res.body.success, false);
  assert.equal(res.body.payload.code, code);
}

async function storedItems(ctx: TestContext) {
  const [row] = await ctx.database.db.select({ n: count() }).from(checklistItems);
  return row!.n;
}

describeEachDatabase('checklist', (ctx) => {
  const tokens = {} as Tokens;
  before(async () => {
    for (const role of ['viewer', 'user', 'admin', 'superadmin'] as const) tokens[role] = (await ctx().createUser(role)).token;
  });
  const get = (url: string, token = tokens.user) => ctx().request({ method: 'GET', url, token });
  const create = (body: Record<string, unknown>, token = tokens.admin) => ctx().request({ method: 'POST', url: '/api/checklist/items', token, body });
  const ids = (res: TestResponse) => res.body.payload.map((i: Item) => i.id) as number[];

  it('reading endpoints: anonymous 401, every role 200', async () => {
    const vehicleId = await ctx().createVehicle();
    for (const url of ['/api/checklist', `/api/checklist?vehicle_id=${vehicleId}`, '/api/checklist/sections']) {
      assertError(await ctx().request({ method: 'GET', url }), 401, 'UNAUTHENTICATED');
      for (const role of ['viewer', 'user', 'admin', 'superadmin'] as const) {
        const res = await get(url, tokens[role]);
        assert.equal(res.status, 200, `${role} GET ${url}: ${JSON.stringify(res.body)}`);
      }
    }
  });

  it('admin endpoints: anonymous 401, viewer and user 403 with nothing changed, admins 2xx', async () => {
    const item = (await create(newItem())).body.payload as Item;
    const stored = await storedItems(ctx());
    const calls = () => [
      { method: 'GET' as const, url: '/api/checklist/items', body: undefined, expect: 200 },
      { method: 'GET' as const, url: `/api/checklist/items/${item.id}`, body: undefined, expect: 200 },
      { method: 'POST' as const, url: '/api/checklist/items', body: newItem(), expect: 201 },
      { method: 'PATCH' as const, url: `/api/checklist/items/${item.id}`, body: { item_name: `Ubah ${++serial}`, is_active: true }, expect: 200 },
      { method: 'DELETE' as const, url: `/api/checklist/items/${item.id}`, body: undefined, expect: 200 },
    ];
    for (const call of calls()) assertError(await ctx().request(call), 401, 'UNAUTHENTICATED');
    for (const role of ['viewer', 'user'] as const) {
      for (const call of calls()) assertError(await ctx().request({ ...call, token: tokens[role] }), 403, 'FORBIDDEN');
    }
    assert.equal(await storedItems(ctx()), stored);
    const unchanged = await get(`/api/checklist/items/${item.id}`, tokens.admin);
    assert.deepEqual(unchanged.body.payload, item);
    for (const role of ['admin', 'superadmin'] as const) {
      for (const call of calls()) {
        const res = await ctx().request({ ...call, token: tokens[role] });
        assert.equal(res.status, call.expect, `${role} ${call.method} ${call.url}: ${JSON.stringify(res.body)}`);
        assert.equal(res.body.success, true);
      }
    }
  });

  it('serves the default checklist in order, for a unit or for all', async () => {
    const all = await get('/api/checklist', tokens.viewer);
    const active = all.body.payload as Item[];
    assert.ok(active.length >= 39);
    assert.deepEqual(Object.keys(active[0]!).sort(), ['id', 'item_name', 'open_defect', 'order', 'section']);
    assert.equal(active[0]!.section, 'OLI & RADIATOR');
    const orders = active.map((i) => i.order);
    assert.deepEqual(orders, [...orders].sort((a, b) => a - b));

    const vehicleId = await ctx().createVehicle({ vehicleType: 'Double Cabin' });
    const forUnit = await get(`/api/checklist?vehicle_id=${vehicleId}`);
    const expected = (await ctx().app.services.checklist.applicableItems('Double Cabin')).map((item) => ({ ...item, open_defect: null }));
    assert.deepEqual(forUnit.body.payload, expected);
    assertError(await get('/api/checklist?vehicle_id=999999'), 404, 'VEHICLE_NOT_FOUND');
    assertError(await get('/api/checklist?vehicle_id=abc'), 400, 'VALIDATION_ERROR');
    assertError(await get('/api/checklist?vehicle=1'), 400, 'VALIDATION_ERROR');
  });

  it('applies an item only to the vehicle types it names', async () => {
    const bus = await ctx().createVehicle({ vehicleType: 'Bus' });
    const lv = await ctx().createVehicle({ vehicleType: 'Light Vehicle' });
    const res = await create(newItem({ section: '  penumpang  bus ', item_name: '  Sabuk  pengaman penumpang ', vehicle_types: ['bus', 'Bus'] }));
    assert.equal(res.status, 201, JSON.stringify(res.body));
    const item = res.body.payload as Item;
    assert.equal(item.section, 'PENUMPANG BUS');
    assert.equal(item.item_name, 'Sabuk pengaman penumpang');
    assert.deepEqual(item.vehicle_types, ['Bus']);
    assert.equal(item.is_active, true);

    assert.ok(ids(await get(`/api/checklist?vehicle_id=${bus}`)).includes(item.id));
    assert.ok(!ids(await get(`/api/checklist?vehicle_id=${lv}`)).includes(item.id));
    assert.ok(ids(await get('/api/checklist')).includes(item.id));

    const widened = await ctx().request({ method: 'PATCH', url: `/api/checklist/items/${item.id}`, token: tokens.admin, body: { vehicle_types: null } });
    assert.equal(widened.status, 200);
    assert.equal(widened.body.payload.vehicle_types, null);
    assert.ok(ids(await get(`/api/checklist?vehicle_id=${lv}`)).includes(item.id));
  });

  it('refuses unknown vehicle types (422) and empty or malformed input (400), storing nothing', async () => {
    const stored = await storedItems(ctx());
    const unknown = await create(newItem({ vehicle_types: ['Bus', 'Kapal Selam'] }));
    assertError(unknown, 422, 'UNKNOWN_VEHICLE_TYPE');
    assert.match(unknown.body.message, /Kapal Selam/);
    assert.equal(unknown.body.payload.details[0].field, 'vehicle_types');

    const empty = await create(newItem({ vehicle_types: [] }));
    assertError(empty, 400, 'VALIDATION_ERROR');
    assert.ok(empty.body.payload.details.some((d: { field: string }) => d.field === 'vehicle_types'));
    const extra = await create(newItem({ priority: 1 }));
    assertError(extra, 400, 'VALIDATION_ERROR');
    assert.ok(extra.body.payload.details.some((d: { field: string; code: string }) => d.field === 'priority' && d.code === 'unknown_field'));
    assertError(await create(newItem({ section: '   ' })), 400, 'VALIDATION_ERROR');
    assertError(await create(newItem({ order: 1.5 })), 400, 'VALIDATION_ERROR');
    assertError(await create({ section: 'REM' }), 400, 'VALIDATION_ERROR');
    assert.equal(await storedItems(ctx()), stored);

    const item = (await create(newItem())).body.payload as Item;
    const patch = await ctx().request({
      method: 'PATCH',
      url: `/api/checklist/items/${item.id}`,
      token: tokens.admin,
      body: { item_name: 'Tidak boleh tersimpan', vehicle_types: ['Kapal Selam'] },
    });
    assertError(patch, 422, 'UNKNOWN_VEHICLE_TYPE');
    assert.equal((await get(`/api/checklist/items/${item.id}`, tokens.admin)).body.payload.item_name, item.item_name);
    assertError(await ctx().request({ method: 'PATCH', url: `/api/checklist/items/${item.id}`, token: tokens.admin, body: {} }), 400, 'VALIDATION_ERROR');
  });

  it('answers 404 CHECKLIST_ITEM_NOT_FOUND for unknown items', async () => {
    for (const method of ['GET', 'PATCH', 'DELETE'] as const) {
      const res = await ctx().request({ method, url: '/api/checklist/items/999999', token: tokens.admin, body: method === 'PATCH' ? { order: 1 } : undefined });
      assertError(res, 404, 'CHECKLIST_ITEM_NOT_FOUND');
    }
  });

  it('retires on DELETE: kept in the admin list, gone from the checklist, back with is_active=true', async () => {
    const item = (await create(newItem({ section: 'PENSIUN', order: 500 }))).body.payload as Item;
    const del = await ctx().request({ method: 'DELETE', url: `/api/checklist/items/${item.id}`, token: tokens.admin });
    assert.equal(del.status, 200);
    assert.equal(del.body.payload.is_active, false);

    const adminList = await get('/api/checklist/items', tokens.admin);
    const kept = (adminList.body.payload as Item[]).find((i) => i.id === item.id);
    assert.equal(kept?.is_active, false);
    assert.ok(!ids(await get('/api/checklist/items?is_active=true', tokens.admin)).includes(item.id));
    assert.ok(ids(await get('/api/checklist/items?is_active=false', tokens.admin)).includes(item.id));
    assert.ok(!ids(await get('/api/checklist')).includes(item.id));
    const sections = (await get('/api/checklist/sections')).body.payload as { section: string }[];
    assert.ok(!sections.some((s) => s.section === 'PENSIUN'));

    const back = await ctx().request({ method: 'PATCH', url: `/api/checklist/items/${item.id}`, token: tokens.admin, body: { is_active: true } });
    assert.equal(back.body.payload.is_active, true);
    assert.ok(ids(await get('/api/checklist')).includes(item.id));
    await ctx().request({ method: 'DELETE', url: `/api/checklist/items/${item.id}`, token: tokens.admin });
  });

  it('lists sections by their first item with active item counts', async () => {
    const res = await get('/api/checklist/sections', tokens.viewer);
    assert.equal(res.status, 200);
    const sections = res.body.payload as { section: string; order: number; item_count: number }[];
    assert.deepEqual(sections.slice(0, 8).map((s) => s.section), [
      'OLI & RADIATOR', 'REM', 'LAMPU-LAMPU', 'RODA', 'BODY KABIN', 'TOOLS', 'OTHERS', 'SURAT-SURAT',
    ]);
    assert.deepEqual(sections[0], { section: 'OLI & RADIATOR', order: 1, item_count: 4 });
    assert.deepEqual(sections[1], { section: 'REM', order: 5, item_count: 2 });
    const orders = sections.map((s) => s.order);
    assert.deepEqual(orders, [...orders].sort((a, b) => a - b));
    const active = (await get('/api/checklist')).body.payload as Item[];
    assert.equal(sections.reduce((sum, s) => sum + s.item_count, 0), active.length);

    // A new item in an existing section with a smaller order moves that section up.
    const moved = await create(newItem({ section: 'rem', order: 0 }));
    assert.equal(moved.status, 201);
    const after = (await get('/api/checklist/sections')).body.payload as { section: string; order: number; item_count: number }[];
    assert.deepEqual(after[0], { section: 'REM', order: 0, item_count: 3 });
    await ctx().request({ method: 'DELETE', url: `/api/checklist/items/${moved.body.payload.id}`, token: tokens.admin });
  });

  it('installDefaults is idempotent', async () => {
    const stored = await storedItems(ctx());
    assert.equal(await ctx().app.services.checklist.installDefaults(), false);
    assert.equal(await storedItems(ctx()), stored);
  });
});
