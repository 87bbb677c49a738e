import { Type } from '@sinclair/typebox';
import { envelope, ok } from '../http/envelope.js';
import { DomainError } from '../lib/errors.js';
import type { HttpServer } from '../http/server.js';
import { normalizeUsername, toPublicUser, type UsersService } from '../users/service.js';
import { ChangePasswordBody, LoginBody, TokenPayload } from './api-schemas.js';
import { actorOf, ACCESS_TOKEN_TTL_SECONDS, type Auth } from './guard.js';
import type { LoginThrottle } from './login-throttle.js';
import { burnPasswordCheck, verifyPassword } from './password.js';

export function registerAuthRoutes(app: HttpServer, deps: { auth: Auth; users: UsersService; throttle: LoginThrottle }) {
  const { auth, users, throttle } = deps;

  app.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Log in with a phone number (any Indonesian form) or email',
        description:
          'Limited to 5 failures per account (every spelling of a phone is one account) and 30 per client address in 15 minutes; ' +
          'then 429 TOO_MANY_ATTEMPTS with Retry-After. Behind a reverse proxy set TRUST_PROXY so clients are told apart.',
        body: LoginBody,
        response: ok(TokenPayload),
      },
    },
    async (request) => {
      const { username, password } = request.body;
      // Every spelling of one phone (0811…, +62 811…) is one account to the limit.
      const account = normalizeUsername(username) ?? username.trim().toLowerCase();
      const attempt = await throttle.reserve(`login:${account}`, request.ip);
      if (!attempt.allowed) throw tooManyAttempts(attempt.retryAfter, 'login gagal');

      const { user, valid } = await checkLogin(users, username, password).catch(async (error: unknown) => {
        await attempt.cancel().catch(() => {}); // the database is failing: the original error says why
        throw error;
      });
      if (!user || !valid) throw new DomainError('INVALID_CREDENTIALS', 'Nomor HP/email atau password salah');
      await attempt.release();
      if (!user.isActive) throw new DomainError('ACCOUNT_INACTIVE', 'Akun Anda sudah dinonaktifkan, hubungi admin');
      return envelope('Login berhasil', {
        access_token: auth.issueToken(user),
        token_type: 'bearer' as const,
        expires_in: ACCESS_TOKEN_TTL_SECONDS,
        user: toPublicUser(user),
        must_change_password: user.mustChangePassword,
      });
    },
  );

  app.post(
    '/api/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: "Log out: every token issued to this user before now stops working (all of the user's devices)",
        security: [{ bearer: [] }],
        response: ok(Type.Null()),
      },
    },
    async (request) => {
      await users.endSessions(actorOf(request).id);
      return envelope('Berhasil keluar', null);
    },
  );

  app.post(
    '/api/users/me/password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Change my own password; returns a new token (older tokens stop working)',
        description: 'A wrong current password counts like a failed login: 5 per 15 minutes per account, then 429 TOO_MANY_ATTEMPTS.',
        security: [{ bearer: [] }],
        body: ChangePasswordBody,
        response: ok(TokenPayload),
      },
    },
    async (request) => {
      const actor = actorOf(request);
      // A stolen session must not become a way to guess the password: same limit as login, per account.
      const attempt = await throttle.reserve(`password:${actor.id}`, null);
      if (!attempt.allowed) throw tooManyAttempts(attempt.retryAfter, 'password salah');
      let user;
      try {
        user = await users.changeOwnPassword(actor.id, request.body.current_password, request.body.new_password);
      } catch (error) {
        const code = error instanceof DomainError ? error.code : undefined;
        if (code === 'SAME_PASSWORD') await attempt.release(); // the current password was right
        else if (code !== 'WRONG_PASSWORD') await attempt.cancel().catch(() => {}); // the database is failing: the original error says why
        throw error;
      }
      await attempt.release();
      return envelope('Password berhasil diubah', {
        access_token: auth.issueToken(user),
        token_type: 'bearer' as const,
        expires_in: ACCESS_TOKEN_TTL_SECONDS,
        user: toPublicUser(user),
        must_change_password: user.mustChangePassword,
      });
    },
  );
}

/** Looks the account up and checks the password, spending the same time when there is no such account. */
async function checkLogin(users: UsersService, username: string, password: string) {
  const user = await users.findByUsername(username);
  const valid = user ? await verifyPassword(user.passwordHash, password) : (await burnPasswordCheck(password), false);
  return { user, valid };
}

function tooManyAttempts(seconds: number, what: string) {
  const message = `Terlalu banyak percobaan ${what}. Coba lagi dalam ${Math.ceil(seconds / 60)} menit`;
  return new DomainError('TOO_MANY_ATTEMPTS', message, { retryAfterSeconds: seconds });
}
