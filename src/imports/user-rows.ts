import { MIN_PASSWORD_LENGTH } from '../auth/password.js';
import type { UserImportRow } from '../users/import-store.js';
import { normalizePhone } from '../users/phone.js';
import { canManageRole } from '../users/rules.js';
import { ROLES, type Role } from '../users/values.js';
import { RowReader } from './cells.js';
import { mapHeader, type RowError } from './header.js';
import type { Table } from './table.js';
import { USER_COLUMNS, USER_REQUIRED_COLUMNS, type UserColumn } from './values.js';
import type { ParsedRows } from './vehicle-rows.js';

// The same shape the API's email format asks for: something@something.something, no spaces.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The users sheet as rows to write, or the problems of each row: a pure function of the table and
 * the importing admin's role (an admin imports drivers, mechanics and viewers, not other admins).
 */
export function parseUserRows(table: Table, actorRole: Role): ParsedRows<UserImportRow> {
  const header = mapHeader<UserColumn>(table.header, USER_COLUMNS, USER_REQUIRED_COLUMNS);
  if (header.errors.length > 0) return { rows: [], errors: header.errors };
  const firstRowOfPhone = new Map<string, number>();
  const firstRowOfEmail = new Map<string, number>();
  const rows: UserImportRow[] = [];
  const errors: RowError[] = [];
  for (const sheetRow of table.rows) {
    const cells = new RowReader(sheetRow, header.positions);
    const fullName = cells.text('full_name', { required: true, maxLength: 120 });
    const phoneText = cells.text('phone_number', { required: true, maxLength: 30 });
    const emailText = cells.text('email', { maxLength: 254 });
    const roleText = cells.text('role', { required: true, maxLength: 20 });
    const password = cells.text('password', { maxLength: 200 });

    const phone = phoneText === null ? undefined : normalizePhone(phoneText);
    if (phone && !phone.ok) cells.fail('phone_number', 'invalid_phone', `Nomor HP "${phoneText}" ${phone.reason}`);
    const email = emailText?.toLowerCase();
    if (email && !EMAIL.test(email)) cells.fail('email', 'invalid_email', `Email "${emailText}" tidak valid`);
    const role = ROLES.find((r) => r === roleText?.toLowerCase());
    if (roleText !== null && !role) cells.fail('role', 'unknown_role', `Role "${roleText}" tidak dikenal. Pilihan: ${ROLES.join(', ')}`);
    if (role && !canManageRole(actorRole, role)) cells.fail('role', 'role_not_allowed', `Anda tidak dapat membuat atau mengubah akun dengan role ${role}`);
    if (password !== null && password.length < MIN_PASSWORD_LENGTH) cells.fail('password', 'min_length', `password minimal ${MIN_PASSWORD_LENGTH} karakter (kosongkan untuk password sementara)`);
    if (phone?.ok) {
      const first = firstRowOfPhone.get(phone.e164);
      if (first !== undefined) cells.fail('phone_number', 'duplicate_in_file', `Nomor HP ${phoneText} sudah ada di baris ${first}`);
      else firstRowOfPhone.set(phone.e164, sheetRow.row);
    }
    if (email) {
      const first = firstRowOfEmail.get(email);
      if (first !== undefined) cells.fail('email', 'duplicate_in_file', `Email ${email} sudah ada di baris ${first}`);
      else firstRowOfEmail.set(email, sheetRow.row);
    }

    if (cells.errors.length > 0) {
      errors.push(...cells.errors);
      continue;
    }
    rows.push({
      row: sheetRow.row,
      full_name: fullName!,
      phone_number: (phone as { e164: string }).e164,
      role: role!,
      ...(email && { email }),
      ...(password !== null && { password }),
    });
  }
  return { rows, errors };
}
