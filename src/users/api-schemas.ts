/** The users feature on the wire: accounts and the Telegram link. The web imports these types. */
import { Type, type Static } from '@sinclair/typebox';
import { LiteralUnion, Nullable, PagingQuery, PatchBody } from '../http/api-schemas.js';
import { ROLES } from './values.js';

export const RoleSchema = LiteralUnion(ROLES);

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
export type User = Static<typeof UserSchema>;

export const FullName = Type.String({ minLength: 1, maxLength: 120, pattern: '\\S' });
export const PhoneInput = Type.String({ minLength: 1, maxLength: 30, description: 'Any Indonesian form: 0812…, 62812…, +62 812-…' });
export const EmailInput = Nullable(Type.String({ format: 'email', maxLength: 254 }));
export const PasswordInput = Type.String({ minLength: 8, maxLength: 200 });

export const CreateUserBody = Type.Object(
  { full_name: FullName, phone_number: PhoneInput, email: Type.Optional(EmailInput), role: RoleSchema, password: PasswordInput },
  { additionalProperties: false },
);
export type CreateUserInput = Static<typeof CreateUserBody>;

/** A new password here is an admin reset. */
export const UpdateUserBody = PatchBody(CreateUserBody, { is_active: Type.Optional(Type.Boolean()) });
export type UpdateUserInput = Static<typeof UpdateUserBody>;

export const UserListQuerySchema = Type.Object(
  {
    ...PagingQuery,
    q: Type.Optional(Type.String({ maxLength: 100 })),
    role: Type.Optional(RoleSchema),
    is_active: Type.Optional(Type.Boolean()),
    telegram_linked: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type UserListQuery = Static<typeof UserListQuerySchema>;

// The Telegram link (src/users/telegram-routes.ts).

export const TelegramStatusSchema = Type.Object({
  is_linked: Type.Boolean(),
  telegram_chat_id: Nullable(Type.String()),
  telegram_username: Nullable(Type.String()),
  telegram_linked_at: Nullable(Type.String({ format: 'date-time' })),
  /** False after the user blocked the bot; alerts then go to the fallback group. */
  is_reachable: Type.Boolean(),
});
export type TelegramStatus = Static<typeof TelegramStatusSchema>;

export const LinkedUserSchema = Type.Object({
  id: Type.Integer(),
  full_name: Type.String(),
  phone_number: Type.String(),
  role: RoleSchema,
  telegram_chat_id: Type.String(),
  telegram_username: Nullable(Type.String()),
  telegram_linked_at: Type.String({ format: 'date-time' }),
});
export type LinkedUser = Static<typeof LinkedUserSchema>;

/** The internal link call (header X-Internal-Token). */
export const LinkByPhoneBody = Type.Object(
  {
    phone_number: PhoneInput,
    telegram_chat_id: Type.String({ pattern: '^[1-9][0-9]{0,19}$', description: 'private chat id (the Telegram user id)' }),
    telegram_username: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
  },
  { additionalProperties: false },
);

export const TelegramLinkTokenSchema = Type.Object({ token: Type.String(), url: Type.String(), expires_at: Type.String({ format: 'date-time' }) });
export type TelegramLinkToken = Static<typeof TelegramLinkTokenSchema>;

export const AdoptionSchema = Type.Object({ total_users: Type.Integer(), linked_users: Type.Integer(), percentage: Type.Number() });
export type Adoption = Static<typeof AdoptionSchema>;
