import { Type } from '@sinclair/typebox';
import { Nullable } from '../http/envelope.js';
import { ROLES } from './schema.js';

export const RoleSchema = Type.Union(ROLES.map((r) => Type.Literal(r)));

export const UserSchema = Type.Object(
  {
    id: Type.Integer(),
    full_name: Type.String(),
    phone_number: Type.String({ description: 'E.164, e.g. +6281234567890' }),
    email: Nullable(Type.String()),
    role: RoleSchema,
    is_active: Type.Boolean(),
    telegram_linked: Type.Boolean({ description: 'linked Telegram for personal alerts' }),
    created_at: Type.String({ format: 'date-time' }),
    updated_at: Type.String({ format: 'date-time' }),
  },
  { $id: 'User' },
);

export const FullName = Type.String({ minLength: 1, maxLength: 120, pattern: '\\S' });
export const PhoneInput = Type.String({ minLength: 1, maxLength: 30, description: 'Any Indonesian form: 0812…, 62812…, +62 812-…' });
export const EmailInput = Nullable(Type.String({ format: 'email', maxLength: 254 }));
export const PasswordInput = Type.String({ minLength: 8, maxLength: 200 });
