import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { eq } from 'drizzle-orm';
import { auditLog } from '../../src/audit/schema.js';
import { users } from '../../src/users/schema.js';
import { describeEachDatabase, type TestContext, type TestUser } from '../support/app.js';

interface Entry {
  id: number;
  at: string;
  actor_id: number | null;
  actor_name: string | null;
  action: string;
  entity: string;
  entity_id: number;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

let serial = 0;
const nextUnit = () => `AU.${++serial}`;

describeEachDatabase('audit log', (ctx) => {
  let admin: TestUser;
  let adminName: string;
  before(async () => {
    admin = await ctx().createUser('admin', { name: 'Admin Audit' });
    adminName = 'Admin Audit';
  });

  const api = (token: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) => ctx().request({ method, url, token, body });
  /** The entries of one entity, oldest first. */
  const entriesOf = async (entity: string, id: number): Promise<Entry[]> => {
    const res = await api(admin.token, 'GET', `/api/audit-log?entity=${entity}&entity_id=${id}&page_size=100`);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return [...res.body.payload.items].reverse();
  };
  const totalRows = async (c: TestContext) => (await c.database.db.select({ id: auditLog.id }).from(auditLog)).length;

  it('a user: create, edit, unchanged edit, admin reset, own password change, deactivation; never a password or hash', async () => {
    const created = await api(admin.token, 'POST', '/api/users', { full_name: 'Sopir Audit', phone_number: '081299990001', role: 'user', password: 'rahasia-awal-1' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const id = created.body.payload.id as number;
    await api(admin.token, 'PATCH', `/api/users/${id}`, { full_name: 'Sopir Audit Baru' });
    // The same values again: nothing changed, nothing recorded.
    await api(admin.token, 'PATCH', `/api/users/${id}`, { full_name: 'Sopir Audit Baru' });
    await api(admin.token, 'PATCH', `/api/users/${id}`, { password: 'rahasia-reset-2' });
    const login = await ctx().request({ method: 'POST', url: '/api/auth/login', body: { username: '081299990001', password: 'rahasia-reset-2' } });
    assert.equal(login.status, 200, JSON.stringify(login.body));
    const own = await api(login.body.payload.token ?? login.body.payload.access_token, 'POST', '/api/users/me/password', { current_password: 'rahasia-reset-2', new_password: 'rahasia-sendiri-3' });
    assert.equal(own.status, 200, JSON.stringify(own.body));
    await api(admin.token, 'DELETE', `/api/users/${id}`);

    const entries = await entriesOf('user', id);
    assert.deepEqual(entries.map((e) => e.action), ['create', 'update', 'password_reset', 'password_change', 'deactivate']);
    assert.deepEqual(entries.map((e) => e.actor_id), [admin.id, admin.id, admin.id, id, admin.id]);
    assert.equal(entries[0]!.actor_name, adminName);
    assert.equal(entries[0]!.before, null);
    assert.equal(entries[0]!.after!.full_name, 'Sopir Audit');
    assert.equal(entries[1]!.before!.full_name, 'Sopir Audit');
    assert.equal(entries[1]!.after!.full_name, 'Sopir Audit Baru');
    assert.equal(entries[4]!.after!.is_active, false);

    const [row] = await ctx().database.db.select({ hash: users.passwordHash }).from(users).where(eq(users.id, id));
    const stored = JSON.stringify(await ctx().database.db.select().from(auditLog));
    for (const secret of ['rahasia-awal-1', 'rahasia-reset-2', 'rahasia-sendiri-3', row!.hash, 'password_hash', 'passwordHash']) {
      assert.ok(!stored.includes(secret), `no audit row contains ${secret.slice(0, 12)}…`);
    }
  });

  it('a refused change records nothing: a validation error, a taken phone, a unit code conflict', async () => {
    const before = await totalRows(ctx());
    const existing = await ctx().createUser('user');
    assert.equal((await api(admin.token, 'POST', '/api/users', { full_name: 'X', phone_number: existing.phone, role: 'user', password: 'password-123' })).status, 409);
    assert.equal((await api(admin.token, 'POST', '/api/users', { full_name: 'X', phone_number: 'bukan', role: 'user', password: 'password-123' })).status, 422);
    assert.equal((await api(admin.token, 'PATCH', `/api/users/${admin.id}`, { password: 'password-baru-1' })).status >= 400, true);
    const unit = nextUnit();
    assert.equal((await api(admin.token, 'POST', '/api/vehicles', { unit_code: unit, plate_number: 'KT 1 AU', vehicle_type: 'Light Vehicle', shift_type: 'shift' })).status, 201);
    const afterCreate = await totalRows(ctx());
    assert.equal(afterCreate, before + 1);
    assert.equal((await api(admin.token, 'POST', '/api/vehicles', { unit_code: unit, plate_number: 'KT 2 AU', vehicle_type: 'Light Vehicle', shift_type: 'shift' })).status, 409);
    assert.equal((await api(admin.token, 'POST', '/api/checklist/items', { section: 'X', item_name: 'Y', order: 1, vehicle_types: ['Kapal Terbang'] })).status, 422);
    assert.equal(await totalRows(ctx()), afterCreate);
  });

  it('a unit: create with documents, edit, a document date, hold and return; units and documents are entries of their own', async () => {
    const created = await api(admin.token, 'POST', '/api/vehicles', { unit_code: nextUnit(), plate_number: 'KT 3 AU', vehicle_type: 'Light Vehicle', shift_type: 'shift', kir_expiry: '2027-01-01' });
    const id = created.body.payload.id as number;
    await api(admin.token, 'PATCH', `/api/vehicles/${id}`, { brand: 'Toyota' });
    await api(admin.token, 'PATCH', `/api/vehicles/${id}`, { brand: 'Toyota', kir_expiry: '2027-01-01' }); // unchanged
    await api(admin.token, 'PATCH', `/api/vehicles/${id}`, { kir_expiry: '2028-02-02' });
    await api(admin.token, 'POST', `/api/vehicles/${id}/out-of-service`, { reason: 'Servis berkala' });
    await api(admin.token, 'POST', `/api/vehicles/${id}/return-to-service`);

    const unit = await entriesOf('vehicle', id);
    assert.deepEqual(unit.map((e) => e.action), ['create', 'update', 'out_of_service', 'return_to_service']);
    assert.ok(unit.every((e) => e.actor_id === admin.id && e.actor_name === adminName));
    assert.equal(unit[1]!.before!.brand, null);
    assert.equal(unit[1]!.after!.brand, 'Toyota');
    assert.equal(unit[2]!.after!.out_of_service, true);
    assert.equal(unit[2]!.after!.out_of_service_reason, 'Servis berkala');
    assert.ok(!('kir_expiry' in unit[0]!.after!), 'document dates live in the document entries');

    const documents = await entriesOf('document', id);
    assert.deepEqual(documents.map((e) => e.action), ['create', 'update']);
    assert.deepEqual(documents[1]!.before, { stnk_expiry: null, kir_expiry: '2027-01-01', pajak_expiry: null });
    assert.deepEqual(documents[1]!.after, { stnk_expiry: null, kir_expiry: '2028-02-02', pajak_expiry: null });
  });

  it('a checklist item: create, edit, retire', async () => {
    const created = await api(admin.token, 'POST', '/api/checklist/items', { section: 'rem', item_name: 'Rem tangan audit', order: 900 });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const id = created.body.payload.id as number;
    await api(admin.token, 'PATCH', `/api/checklist/items/${id}`, { item_name: 'Rem tangan (audit)' });
    await api(admin.token, 'PATCH', `/api/checklist/items/${id}`, { order: 900 }); // unchanged
    await api(admin.token, 'DELETE', `/api/checklist/items/${id}`);
    const entries = await entriesOf('checklist_item', id);
    assert.deepEqual(entries.map((e) => e.action), ['create', 'update', 'deactivate']);
    assert.equal(entries[1]!.before!.item_name, 'Rem tangan audit');
    assert.equal(entries[1]!.after!.item_name, 'Rem tangan (audit)');
  });

  it('a defect: reported, taken, repaired; another assigned and closed; each step one entry by whoever took it', async () => {
    const driver = await ctx().createUser('user', { name: 'Sopir Defect' });
    const mechanic = await ctx().createUser('mechanic', { name: 'Mekanik Defect' });
    const vehicleId = await ctx().createVehicle();
    const [first, second] = await ctx().app.services.checklist.applicableItems('Light Vehicle');
    const reported = await api(driver.token, 'POST', '/api/defects', { vehicle_id: vehicleId, checklist_item_id: first!.id, severity: 'warning', remark: 'ban kempes' });
    assert.equal(reported.status, 201, JSON.stringify(reported.body));
    const id = reported.body.payload.id as number;
    assert.equal((await api(mechanic.token, 'POST', `/api/defects/${id}/take`)).status, 200);
    // A second take is refused, and records nothing.
    assert.equal((await api(mechanic.token, 'POST', `/api/defects/${id}/take`)).status >= 400, true);
    assert.equal((await api(mechanic.token, 'POST', `/api/defects/${id}/repair`, { note: 'ditambal' })).status, 200);
    const entries = await entriesOf('defect', id);
    assert.deepEqual(entries.map((e) => e.action), ['create', 'take', 'repair']);
    assert.deepEqual(entries.map((e) => e.actor_name), ['Sopir Defect', 'Mekanik Defect', 'Mekanik Defect']);
    assert.equal(entries[1]!.before!.status, 'open');
    assert.equal(entries[1]!.after!.status, 'in_progress');
    assert.equal(entries[2]!.after!.repair_note, 'ditambal');

    const other = await api(driver.token, 'POST', '/api/defects', { vehicle_id: vehicleId, checklist_item_id: second!.id, severity: 'abnormal', remark: 'oli bocor' });
    const otherId = other.body.payload.id as number;
    await api(admin.token, 'POST', `/api/defects/${otherId}/assign`, { user_id: mechanic.id });
    await api(admin.token, 'POST', `/api/defects/${otherId}/close`, { reason: 'bukan kerusakan' });
    assert.deepEqual((await entriesOf('defect', otherId)).map((e) => [e.action, e.actor_id]), [['create', driver.id], ['assign', admin.id], ['close', admin.id]]);
  });

  it('a Telegram link: by token (the person acts), unlinked by an admin; the token is never recorded', async () => {
    const person = await ctx().createUser('user', { name: 'Pengguna Telegram' });
    const links = ctx().app.services.telegramLinks;
    const { token } = await links.createToken(person.id);
    const userId = await links.redeemToken(token);
    assert.equal(userId, person.id);
    await links.linkById(person.id, { chatId: '777001', username: 'pengguna' }, 'token');
    assert.equal((await api(admin.token, 'DELETE', `/api/users/${person.id}/telegram`)).status, 200);
    const entries = await entriesOf('telegram_link', person.id);
    assert.deepEqual(entries.map((e) => [e.action, e.actor_id]), [['link', person.id], ['unlink', admin.id]]);
    assert.equal(entries[0]!.before!.is_linked, false);
    assert.equal(entries[0]!.after!.telegram_chat_id, '777001');
    assert.equal(entries[1]!.after!.is_linked, false);
    const stored = JSON.stringify(await ctx().database.db.select().from(auditLog));
    assert.ok(!stored.includes(token), 'no audit row contains the link token');
  });

  it('filters by actor, action and dates (days in P2H_TIMEZONE), newest first, paged; unknown values are refused', async () => {
    const other = await ctx().createUser('superadmin', { name: 'Super Audit' });
    const saved = ctx().clock.now;
    try {
      ctx().clock.now = new Date('2026-03-10T23:30:00+08:00'); // 10 March in WITA, 15:30 UTC
      const ids: number[] = [];
      for (let i = 0; i < 3; i += 1) {
        const res = await api(other.token, 'POST', '/api/vehicles', { unit_code: nextUnit(), plate_number: `KT ${40 + i} AU`, vehicle_type: 'Light Vehicle', shift_type: 'shift' });
        ids.push(res.body.payload.id);
      }
      const byActor = await api(admin.token, 'GET', `/api/audit-log?actor_id=${other.id}&action=create&page_size=2`);
      assert.equal(byActor.status, 200, JSON.stringify(byActor.body));
      assert.equal(byActor.body.payload.total, 3);
      assert.equal(byActor.body.payload.page_size, 2);
      assert.deepEqual(byActor.body.payload.items.map((e: Entry) => e.entity_id), [ids[2], ids[1]]);
      const page2 = await api(admin.token, 'GET', `/api/audit-log?actor_id=${other.id}&page=2&page_size=2`);
      assert.deepEqual(page2.body.payload.items.map((e: Entry) => e.entity_id), [ids[0]]);

      const day = await api(admin.token, 'GET', `/api/audit-log?actor_id=${other.id}&date_from=2026-03-10&date_to=2026-03-10`);
      assert.equal(day.body.payload.total, 3);
      const nextDay = await api(admin.token, 'GET', `/api/audit-log?actor_id=${other.id}&date_from=2026-03-11`);
      assert.equal(nextDay.body.payload.total, 0);

      for (const query of ['entity=unit', 'action=import', 'entity_id=0', 'date_from=2026-13-01', 'date_from=2026-03-11&date_to=2026-03-10', 'sort=asc']) {
        const res = await api(admin.token, 'GET', `/api/audit-log?${query}`);
        assert.ok([400, 422].includes(res.status), `${query} → ${res.status}`);
        assert.equal(res.body.success, false);
        assert.ok(res.body.payload.code, query);
      }
    } finally {
      ctx().clock.now = saved;
    }
  });

  it('is for admins and superadmins only', async () => {
    for (const role of ['user', 'mechanic', 'viewer'] as const) {
      const user = await ctx().createUser(role);
      assert.equal((await api(user.token, 'GET', '/api/audit-log')).status, 403, role);
    }
    const superadmin = await ctx().createUser('superadmin');
    assert.equal((await api(superadmin.token, 'GET', '/api/audit-log')).status, 200);
    assert.equal((await ctx().request({ method: 'GET', url: '/api/audit-log' })).status, 401);
  });
});
