import assert from 'node:assert/strict';
import { before, it } from 'node:test';
import { count, eq } from 'drizzle-orm';
import { auditLog } from '../../src/audit/schema.js';
import { users } from '../../src/users/schema.js';
import { describeEachDatabase, type TestUser } from '../support/app.js';
import { csv, fillTemplate, importFile, template, type Row } from './files.js';

describeEachDatabase('bulk import of users and the temporary password', (ctx) => {
  let admin: TestUser;
  const userCount = async () => (await ctx().database.db.select({ n: count() }).from(users))[0]!.n;
  const auditCount = async () => (await ctx().database.db.select({ n: count() }).from(auditLog))[0]!.n;
  const login = (username: string, password: string) => ctx().request({ method: 'POST', url: '/api/auth/login', body: { username, password } });

  before(async () => {
    admin = await ctx().createUser('admin', { name: 'Admin Impor' });
  });

  it('checks every row, writes all or nothing, and hands out temporary passwords once', async () => {
    const blank = await template(ctx(), admin.token, 'users');
    const good: Row[] = [
      ['Budi Santoso', '0813 1111 0001', 'Budi@Contoh.co.id', 'user', null],
      ['Siti Aminah', '+62 813-1111-0002', null, 'mechanic', 'rahasia-siti-1'],
      ['Rudi Hartono', '6281311110003', null, 'viewer', null],
    ];
    const bad: Row[] = [
      ['Nomor Salah', '12345', null, 'user', null], // row 5
      ['Role Aneh', '081311110005', null, 'kepala', null], // row 6
      ['Calon Admin', '081311110006', null, 'admin', null], // row 7: an admin cannot make admins
      ['Budi Lagi', '+6281311110001', null, 'user', null], // row 8: row 2's phone in another spelling
      [null, '081311110008', 'bukan-email', 'user', 'pendek'], // row 9
    ];
    const usersBefore = await userCount();
    const auditBefore = await auditCount();
    const withErrors = await fillTemplate(blank, [...good, ...bad]);

    const dry = await importFile(ctx(), admin.token, 'users', withErrors, { dryRun: true });
    assert.equal(dry.status, 200, JSON.stringify(dry.body));
    assert.deepEqual(
      dry.body.payload.errors.map((e: any) => `${e.row}:${e.column}:${e.code}`),
      ['5:phone_number:invalid_phone', '6:role:unknown_role', '7:role:role_not_allowed', '8:phone_number:duplicate_in_file', '9:full_name:required', '9:email:invalid_email', '9:password:min_length'],
    );
    assert.deepEqual(dry.body.payload.items.map((i: any) => [i.row, i.action, i.key]), [
      [2, 'create', '+6281311110001'],
      [3, 'create', '+6281311110002'],
      [4, 'create', '+6281311110003'],
    ]);
    assert.deepEqual(dry.body.payload.temporary_passwords, [], 'a dry run makes no password');

    const refused = await importFile(ctx(), admin.token, 'users', withErrors);
    assert.equal(refused.status, 422);
    assert.equal(refused.body.payload.code, 'IMPORT_INVALID');
    assert.equal(await userCount(), usersBefore);
    assert.equal(await auditCount(), auditBefore);

    const fixed = await fillTemplate(blank, good);
    const done = await importFile(ctx(), admin.token, 'users', fixed);
    assert.equal(done.status, 200, JSON.stringify(done.body));
    assert.equal(done.body.payload.create, 3);
    const temporary = done.body.payload.temporary_passwords;
    assert.deepEqual(temporary.map((t: any) => [t.row, t.phone_number]), [
      [2, '+6281311110001'],
      [4, '+6281311110003'],
    ]);
    assert.ok(temporary.every((t: any) => typeof t.password === 'string' && t.password.length >= 12));
    assert.equal(await userCount(), usersBefore + 3);
    assert.equal(await auditCount(), auditBefore + 3);
    const [budi] = await ctx().database.db.select().from(users).where(eq(users.phoneNumber, '+6281311110001'));
    assert.deepEqual([budi!.email, budi!.role, budi!.mustChangePassword], ['budi@contoh.co.id', 'user', true]);
    const [siti] = await ctx().database.db.select().from(users).where(eq(users.phoneNumber, '+6281311110002'));
    assert.equal(siti!.mustChangePassword, false, 'a password given in the sheet is not temporary');
    const audited = JSON.stringify(await ctx().database.db.select().from(auditLog));
    assert.ok(!temporary.some((t: any) => audited.includes(t.password)) && !audited.includes('rahasia-siti-1'), 'no password in the audit log');

    const again = await importFile(ctx(), admin.token, 'users', fixed);
    assert.deepEqual([again.body.payload.create, again.body.payload.update, again.body.payload.unchanged, again.body.payload.temporary_passwords], [0, 0, 3, []]);
    assert.equal(await auditCount(), auditBefore + 3, 'the same file again records nothing');

    // Temporary password → login says so → everything but the password change is refused → changed → works.
    const first = await login('081311110001', temporary[0].password);
    assert.equal(first.status, 200);
    assert.equal(first.body.payload.must_change_password, true);
    const token = first.body.payload.access_token;
    const refusedCall = await ctx().request({ method: 'GET', url: '/api/vehicles', token });
    assert.deepEqual([refusedCall.status, refusedCall.body.payload.code], [403, 'PASSWORD_CHANGE_REQUIRED']);
    assert.equal((await ctx().request({ method: 'GET', url: '/api/users/me', token })).status, 200);
    const changed = await ctx().request({ method: 'POST', url: '/api/users/me/password', token, body: { current_password: temporary[0].password, new_password: 'pilihan-budi-sendiri' } });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    assert.equal(changed.body.payload.must_change_password, false);
    assert.equal((await ctx().request({ method: 'GET', url: '/api/vehicles', token: changed.body.payload.access_token })).status, 200);
    assert.equal((await login('081311110001', 'pilihan-budi-sendiri')).body.payload.must_change_password, false);

    // A later import never resets a stored account's password; it updates what changed.
    const renamed = await importFile(ctx(), admin.token, 'users', Buffer.from(csv([['full_name', 'phone_number', 'role', 'password'], ['Budi Santoso Putra', '081311110001', 'user', 'tidak-dipakai-1']])), { filename: 'u.csv' });
    assert.equal(renamed.status, 200, JSON.stringify(renamed.body));
    assert.deepEqual([renamed.body.payload.update, renamed.body.payload.temporary_passwords], [1, []]);
    assert.equal((await login('081311110001', 'pilihan-budi-sendiri')).status, 200);
  });

  it('refuses to touch an account the admin may not manage, and an email someone else has', async () => {
    const other = await ctx().createUser('admin', { email: 'admin.lain@contoh.co.id' });
    const response = await importFile(
      ctx(),
      admin.token,
      'users',
      Buffer.from(csv([['full_name', 'phone_number', 'email', 'role'], ['Admin Lain', other.phone, null, 'user'], ['Orang Baru', '081311119999', 'admin.lain@contoh.co.id', 'user']])),
      { dryRun: true, filename: 'u.csv' },
    );
    assert.deepEqual(response.body.payload.errors.map((e: any) => `${e.row}:${e.column}:${e.code}`), ['2:phone_number:role_not_allowed', '3:email:email_exists']);
  });
});
