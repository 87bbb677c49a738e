import type {} from '@fastify/jwt';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, forbidden } from '../lib/errors.js';
import type { HttpServer } from '../http/server.js';
import type { Role } from '../users/schema.js';
import type { Actor, UsersService } from '../users/service.js';

export const ACCESS_TOKEN_TTL_SECONDS = 12 * 60 * 60; // one long shift

interface TokenClaims {
  sub: string;
  tv: number;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
  }
}

/**
 * What a user with a temporary password (bulk import) may still call: their own account, changing
 * the password, and logging out. Everything else answers 403 PASSWORD_CHANGE_REQUIRED until then.
 */
export const PASSWORD_CHANGE_ROUTES: ReadonlySet<string> = new Set(['POST /api/users/me/password', 'GET /api/users/me', 'POST /api/auth/logout']);

export type Guard = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

export interface Auth {
  /** A request hook that admits a logged-in, active user whose role is listed (any role when none). */
  require(...roles: Role[]): Guard;
  issueToken(user: { id: number; tokenVersion: number }): string;
}

export function createAuth(app: HttpServer, users: UsersService): Auth {
  app.decorateRequest('actor', null);

  return {
    issueToken(user) {
      const claims: TokenClaims = { sub: String(user.id), tv: user.tokenVersion };
      return app.jwt.sign(claims, { expiresIn: ACCESS_TOKEN_TTL_SECONDS });
    },
    require(...roles) {
      return async (request) => {
        const claims = await verify(request);
        const id = Number(claims.sub);
        const user = Number.isInteger(id) && id > 0 ? await users.findById(id) : undefined;
        if (!user || user.tokenVersion !== claims.tv) {
          throw new DomainError('INVALID_TOKEN', 'Sesi tidak berlaku lagi, silakan login ulang');
        }
        if (!user.isActive) throw new DomainError('ACCOUNT_INACTIVE', 'Akun Anda sudah dinonaktifkan');
        if (user.mustChangePassword && !PASSWORD_CHANGE_ROUTES.has(`${request.method} ${request.routeOptions.url}`)) {
          throw new DomainError('PASSWORD_CHANGE_REQUIRED', 'Ganti password sementara Anda dulu (POST /api/users/me/password)');
        }
        if (roles.length > 0 && !roles.includes(user.role)) throw forbidden();
        request.actor = { id: user.id, role: user.role, fullName: user.fullName };
      };
    },
  };
}

/** The actor set by the route's guard; a route without a guard calling this is a programming error. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new Error('route has no auth guard');
  return request.actor;
}

async function verify(request: FastifyRequest): Promise<TokenClaims> {
  if (!request.headers.authorization) {
    throw new DomainError('UNAUTHENTICATED', 'Silakan login terlebih dahulu (header Authorization: Bearer <token>)');
  }
  try {
    const claims = await request.jwtVerify<TokenClaims>();
    if (typeof claims.sub !== 'string' || typeof claims.tv !== 'number') throw new Error('claims');
    return claims;
  } catch (error) {
    if (error instanceof DomainError) throw error;
    const code = (error as { code?: string }).code;
    if (code === 'FST_JWT_AUTHORIZATION_TOKEN_EXPIRED') {
      throw new DomainError('TOKEN_EXPIRED', 'Sesi Anda sudah berakhir, silakan login ulang');
    }
    throw new DomainError('INVALID_TOKEN', 'Token tidak valid, silakan login ulang');
  }
}
