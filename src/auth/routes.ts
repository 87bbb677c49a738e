import { Type } from '@sinclair/typebox';
import { envelope, ok } from '../http/envelope.js';
import { AppError, unauthorized } from '../http/errors.js';
import type { HttpServer } from '../http/server.js';
import { PasswordInput, UserSchema } from '../users/api-schemas.js';
import { toPublicUser, type UsersService } from '../users/service.js';
import { actorOf, ACCESS_TOKEN_TTL_SECONDS, type Auth } from './guard.js';
import type { LoginThrottle } from './login-throttle.js';
import { burnPasswordCheck, verifyPassword } from './password.js';

const TokenPayload = Type.Object({
  access_token: Type.String(),
  token_type: Type.Literal('bearer'),
  expires_in: Type.Integer(),
  user: Type.Ref(UserSchema),
});

export function registerAuthRoutes(app: HttpServer, deps: { auth: Auth; users: UsersService; throttle: LoginThrottle }) {
  const { auth, users, throttle } = deps;

  app.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Log in with a phone number (any Indonesian form) or email',
        body: Type.Object(
          {
            username: Type.String({ minLength: 1, maxLength: 254 }),
            password: Type.String({ minLength: 1, maxLength: 200 }),
          },
          { additionalProperties: false },
        ),
        response: ok(TokenPayload),
      },
    },
    async (request) => {
      const { username, password } = request.body;
      const key = username.trim().toLowerCase();
      const wait = throttle.retryAfter(key, request.ip);
      if (wait > 0) throw tooManyAttempts(wait);

      const user = await users.findByUsername(username);
      const valid = user ? await verifyPassword(user.passwordHash, password) : (await burnPasswordCheck(password), false);
      if (!user || !valid) {
        throttle.recordFailure(key, request.ip);
        throw unauthorized('INVALID_CREDENTIALS', 'Nomor HP/email atau password salah');
      }
      if (!user.isActive) throw unauthorized('ACCOUNT_INACTIVE', 'Akun Anda sudah dinonaktifkan, hubungi admin');
      throttle.recordSuccess(key);
      return envelope('Login berhasil', {
        access_token: auth.issueToken(user),
        token_type: 'bearer' as const,
        expires_in: ACCESS_TOKEN_TTL_SECONDS,
        user: toPublicUser(user),
      });
    },
  );

  app.post(
    '/api/users/me/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change my own password; returns a new token (older tokens stop working)',
        security: [{ bearer: [] }],
        body: Type.Object(
          { current_password: Type.String({ minLength: 1, maxLength: 200 }), new_password: PasswordInput },
          { additionalProperties: false },
        ),
        response: ok(TokenPayload),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      const user = await users.changeOwnPassword(actor.id, request.body.current_password, request.body.new_password);
      return envelope('Password berhasil diubah', {
        access_token: auth.issueToken(user),
        token_type: 'bearer' as const,
        expires_in: ACCESS_TOKEN_TTL_SECONDS,
        user: toPublicUser(user),
      });
    },
  );
}

function tooManyAttempts(seconds: number) {
  const error = new AppError(
    429,
    'TOO_MANY_ATTEMPTS',
    `Terlalu banyak percobaan login gagal. Coba lagi dalam ${Math.ceil(seconds / 60)} menit`,
    undefined,
    { 'retry-after': String(seconds) },
  );
  return error;
}
