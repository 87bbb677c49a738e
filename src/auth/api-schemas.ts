/** Logging in and changing one's password, on the wire. The web imports these types. */
import { Type, type Static } from '@sinclair/typebox';
import { PasswordInput, UserSchema } from '../users/api-schemas.js';

export const LoginBody = Type.Object(
  {
    username: Type.String({ minLength: 1, maxLength: 254 }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);
export type LoginInput = Static<typeof LoginBody>;

export const ChangePasswordBody = Type.Object(
  { current_password: Type.String({ minLength: 1, maxLength: 200 }), new_password: PasswordInput },
  { additionalProperties: false },
);
export type ChangePasswordInput = Static<typeof ChangePasswordBody>;

/** The answer to a login and to a password change (which makes the older tokens stop working). */
export const TokenPayload = Type.Object({
  access_token: Type.String(),
  token_type: Type.Literal('bearer'),
  expires_in: Type.Integer(),
  user: Type.Ref(UserSchema),
  must_change_password: Type.Boolean({ description: 'true: a temporary password; every call but changing it, GET /api/users/me and logout answers 403 PASSWORD_CHANGE_REQUIRED' }),
});
export type LoginResult = Static<typeof TokenPayload>;
