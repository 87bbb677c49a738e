import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { Role } from '../../src/users/schema.js';
import { describeEachDatabase, type TestUser } from '../support/app.js';

describeEachDatabase('user management', (ctx) => {
  const as = async (role: Role) => ctx().createUser(role);

  it('only admins and superadmins list, read, create, edit and deactivate users', async () => {
    const target = await as('user');
    const actors: [Role | 'anonymous', number][] = [
      ['anonymous', 401],
      ['viewer', 403],
      ['user', 403],
      ['admin', 200],
      ['superadmin', 200],
    ];
    for (const [role, expected] of actors) {
      const token = role === 'anonymous' ? undefined : (await as(role)).token;
      const t = token ? { token } : {};
      const list = await ctx().request({ method: 'GET', url: '/api/users', ...t });
      assert.equal(list.status, expected, `${role} GET /api/users`);
      const read = await ctx().request({ method: 'GET', url: `/api/users/${target.id}`, ...t });
      assert.equal(read.status, expected, `${role} GET /api/users/:id`);
      const create = await ctx().request({
        method: 'POST', url: '/api/users', ...t,
        body: { full_name: `Dibuat ${role}`, phone_number: `0857${String(expected)}${String(Math.random()).slice(2, 7)}`, role: 'user', password: 'password-123' },
      });
      assert.equal(create.status, expected === 200 ? 201 : expected, `${role} POST /api/users ${JSON.stringify(create.body)}`);
      const edit = await ctx().request({ method: 'PATCH', url: `/api/users/${target.id}`, ...t, body: { full_name: `Diubah ${role}` } });
      assert.equal(edit.status, expected, `${role} PATCH /api/users/:id`);
      const me = await ctx().request({ method: 'GET', url: '/api/users/me', ...t });
      assert.equal(me.status, role === 'anonymous' ? 401 : 200, `${role} GET /api/users/me`);
    }
    for (const [role, expected] of actors) {
      const victim = await as('viewer');
      const token = role === 'anonymous' ? undefined : (await as(role)).token;
      const res = await ctx().request({ method: 'DELETE', url: `/api/users/${victim.id}`, ...(token ? { token } : {}) });
      assert.equal(res.status, expected, `${role} DELETE /api/users/:id`);
    }
  });

  it('creates a user with a normalised phone and refuses the same number in another form with 409', async () => {
    const admin = await as('admin');
    const created = await ctx().request({
      method: 'POST', url: '/api/users', token: admin.token,
      body: { full_name: 'Siti Aminah', phone_number: '+62 821-5555-0101', email: 'Siti@Example.com', role: 'user', password: 'password-123' },
    });
    assert.equal(created.status, 201);
    assert.equal(created.body.payload.phone_number, '+6282155550101');
    assert.equal(created.body.payload.email, 'siti@example.com');
    assert.equal(typeof created.body.payload.id, 'number');
    const again = await ctx().request({
      method: 'POST', url: '/api/users', token: admin.token,
      body: { full_name: 'Siti Lain', phone_number: '082155550101', role: 'user', password: 'password-123' },
    });
    assert.equal(again.status, 409);
    assert.equal(again.body.payload.code, 'PHONE_EXISTS');
    const sameEmail = await ctx().request({
      method: 'POST', url: '/api/users', token: admin.token,
      body: { full_name: 'Siti Tiga', phone_number: '082155550102', email: 'SITI@example.com', role: 'user', password: 'password-123' },
    });
    assert.equal(sameEmail.status, 409);
    assert.equal(sameEmail.body.payload.code, 'EMAIL_EXISTS');
  });

  it('refuses invalid phone numbers, bad emails, short passwords, unknown roles and unknown fields', async () => {
    const admin = await as('admin');
    const before = (await ctx().request({ method: 'GET', url: '/api/users?page_size=100', token: admin.token })).body.payload.total;
    const base = { full_name: 'Andi', phone_number: '081299990001', role: 'user', password: 'password-123' };
    const invalidPhone = await ctx().request({ method: 'POST', url: '/api/users', token: admin.token, body: { ...base, phone_number: '0812-abc' } });
    assert.equal(invalidPhone.status, 422);
    assert.equal(invalidPhone.body.payload.details[0].field, 'phone_number');
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, email: 'not-an-email' }, 'email'],
      [{ ...base, password: 'short' }, 'password'],
      [{ ...base, role: 'god' }, 'role'],
      [{ ...base, is_admin: true }, 'is_admin'],
      [{ ...base, full_name: 42 }, 'full_name'],
      [{ phone_number: '081299990001', role: 'user', password: 'password-123' }, 'full_name'],
    ];
    for (const [body, field] of cases) {
      const res = await ctx().request({ method: 'POST', url: '/api/users', token: admin.token, body });
      assert.equal(res.status, 400, JSON.stringify(body));
      assert.equal(res.body.payload.code, 'VALIDATION_ERROR');
      assert.ok(res.body.payload.details.some((d: { field: string }) => d.field === field), `${field} in ${JSON.stringify(res.body.payload.details)}`);
    }
    const after = (await ctx().request({ method: 'GET', url: '/api/users?page_size=100', token: admin.token })).body.payload.total;
    assert.equal(after, before);
  });

  it('an admin manages drivers and viewers but not admins; nobody deactivates or demotes themselves', async () => {
    const admin = await as('admin');
    const otherAdmin = await as('admin');
    const superadmin = await as('superadmin');
    const makeAdmin = await ctx().request({
      method: 'POST', url: '/api/users', token: admin.token,
      body: { full_name: 'Calon Admin', phone_number: '081299990002', role: 'admin', password: 'password-123' },
    });
    assert.equal(makeAdmin.status, 403);
    assert.equal((await ctx().request({ method: 'PATCH', url: `/api/users/${otherAdmin.id}`, token: admin.token, body: { full_name: 'x' } })).status, 403);
    const driver = await as('user');
    assert.equal((await ctx().request({ method: 'PATCH', url: `/api/users/${driver.id}`, token: admin.token, body: { role: 'admin' } })).status, 403);
    assert.equal((await ctx().request({ method: 'PATCH', url: `/api/users/${driver.id}`, token: superadmin.token, body: { role: 'admin' } })).status, 200);
    assert.equal((await ctx().request({ method: 'DELETE', url: `/api/users/${admin.id}`, token: admin.token })).status, 403);
    assert.equal((await ctx().request({ method: 'PATCH', url: `/api/users/${superadmin.id}`, token: superadmin.token, body: { role: 'user' } })).status, 403);
    assert.equal((await ctx().request({ method: 'DELETE', url: `/api/users/${otherAdmin.id}`, token: superadmin.token })).status, 200);
  });

  it('lists with paging and searches by name, any phone form and email', async () => {
    const admin = await as('admin');
    const tag = `Cari${Date.now() % 100000}`;
    const phones = ['081366610001', '081366610002', '081366610003'];
    for (const [i, phone] of phones.entries()) {
      const res = await ctx().request({
        method: 'POST', url: '/api/users', token: admin.token,
        body: { full_name: `${tag} ${i}`, phone_number: phone, email: `${tag.toLowerCase()}${i}@site.id`, role: 'viewer', password: 'password-123' },
      });
      assert.equal(res.status, 201);
    }
    const page1 = await ctx().request({ method: 'GET', url: `/api/users?q=${tag}&page=1&page_size=2`, token: admin.token });
    assert.equal(page1.body.payload.total, 3);
    assert.equal(page1.body.payload.items.length, 2);
    const page2 = await ctx().request({ method: 'GET', url: `/api/users?q=${tag}&page=2&page_size=2`, token: admin.token });
    assert.equal(page2.body.payload.items.length, 1);
    const byPhone = await ctx().request({ method: 'GET', url: `/api/users?q=${encodeURIComponent('+62 813-6661-0002')}`, token: admin.token });
    assert.deepEqual(byPhone.body.payload.items.map((u: { full_name: string }) => u.full_name), [`${tag} 1`]);
    const byEmail = await ctx().request({ method: 'GET', url: `/api/users?q=${tag.toLowerCase()}2@`, token: admin.token });
    assert.equal(byEmail.body.payload.total, 1);
    const wildcard = await ctx().request({ method: 'GET', url: `/api/users?q=%25`, token: admin.token });
    assert.equal(wildcard.body.payload.total, 0);
    const badPage = await ctx().request({ method: 'GET', url: '/api/users?page=0&page_size=1000', token: admin.token });
    assert.equal(badPage.status, 400);
    assert.deepEqual(badPage.body.payload.details.map((d: { field: string }) => d.field).sort(), ['querystring.page', 'querystring.page_size']);
  });

  it('answers 404 for unknown users and 400 for ids that are not numbers', async () => {
    const admin: TestUser = await as('admin');
    assert.equal((await ctx().request({ method: 'GET', url: '/api/users/999999', token: admin.token })).status, 404);
    assert.equal((await ctx().request({ method: 'GET', url: '/api/users/abc', token: admin.token })).status, 400);
    assert.equal((await ctx().request({ method: 'PATCH', url: '/api/users/999999', token: admin.token, body: { full_name: 'x' } })).status, 404);
    assert.equal((await ctx().request({ method: 'PATCH', url: `/api/users/${admin.id}`, token: admin.token, body: {} })).status, 400);
  });
});
