import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest, FastifySchema, RouteOptions } from 'fastify';
import { DomainError } from '../lib/errors.js';
import type { HttpServer } from '../http/server.js';
import { ADMIN_ROLES, DEFECT_REPORTER_ROLES, MONITOR_ROLES, SUBMITTER_ROLES, WORKSHOP_ROLES } from '../users/rules.js';
import type { Role } from '../users/schema.js';
import type { Auth, Guard } from './guard.js';

/**
 * Who may call a route: anyone, the internal token (the bot's link call), any logged-in user, or a
 * logged-in user with one of these roles. Routes that look at the caller further (a driver sees only
 * their own reports) do so in their handler, after this.
 */
export type Access = 'public' | 'internal' | 'logged_in' | readonly Role[];

/** The monthly compliance matrix: the office (admins) and the auditors (viewers), not the workshop. */
const COMPLIANCE_MATRIX_ROLES: readonly Role[] = ['superadmin', 'admin', 'viewer'];

/**
 * The role matrix: the single source of every /api route's guard. A route missing here stops the
 * start (installAccessControl); test/http/role-matrix.test.ts calls each one as every role.
 * An entry for a route not registered (yet) is harmless.
 */
export const ROUTE_ACCESS: Readonly<Record<string, Access>> = {
  'GET /api/health': 'public',
  'GET /api/health/ready': 'public',

  'POST /api/auth/login': 'public',
  'POST /api/auth/logout': 'logged_in',
  'POST /api/users/me/password': 'logged_in',

  'GET /api/users/me': 'logged_in',
  'GET /api/users': ADMIN_ROLES,
  'POST /api/users': ADMIN_ROLES,
  'GET /api/users/:id': ADMIN_ROLES,
  'PATCH /api/users/:id': ADMIN_ROLES,
  'DELETE /api/users/:id': ADMIN_ROLES,

  'POST /api/users/telegram/link': 'internal',
  'GET /api/users/me/telegram/status': 'logged_in',
  'DELETE /api/users/me/telegram/unlink': 'logged_in',
  'POST /api/users/me/telegram/link-token': 'logged_in',
  'GET /api/users/me/notification-preferences': 'logged_in',
  'PUT /api/users/me/notification-preferences': 'logged_in',
  'DELETE /api/users/:id/telegram': ADMIN_ROLES,
  'GET /api/telegram/adoption': ADMIN_ROLES,

  'GET /api/vehicles': 'logged_in',
  'POST /api/vehicles': ADMIN_ROLES,
  'GET /api/vehicles/documents/expiring': ADMIN_ROLES,
  'GET /api/vehicles/:id': 'logged_in',
  'PATCH /api/vehicles/:id': ADMIN_ROLES,
  'DELETE /api/vehicles/:id': ADMIN_ROLES,
  'POST /api/vehicles/:id/out-of-service': ADMIN_ROLES,
  'POST /api/vehicles/:id/return-to-service': ADMIN_ROLES,
  'GET /api/vehicles/:id/availability': MONITOR_ROLES,
  'GET /api/vehicle-types': 'logged_in',
  'POST /api/vehicle-types': ADMIN_ROLES,

  'GET /api/checklist': 'logged_in',
  'GET /api/checklist/sections': 'logged_in',
  'GET /api/checklist/items': ADMIN_ROLES,
  'POST /api/checklist/items': ADMIN_ROLES,
  'GET /api/checklist/items/:id': ADMIN_ROLES,
  'PATCH /api/checklist/items/:id': ADMIN_ROLES,
  'DELETE /api/checklist/items/:id': ADMIN_ROLES,

  'GET /api/defects': MONITOR_ROLES,
  'POST /api/defects': DEFECT_REPORTER_ROLES,
  'GET /api/defects/:id': MONITOR_ROLES,
  'POST /api/defects/:id/take': WORKSHOP_ROLES,
  'POST /api/defects/:id/assign': ADMIN_ROLES,
  'POST /api/defects/:id/repair': WORKSHOP_ROLES,
  'POST /api/defects/:id/close': ADMIN_ROLES,

  'POST /api/p2h/reports': SUBMITTER_ROLES,
  'GET /api/p2h/reports': 'logged_in',
  'GET /api/p2h/reports/:id': 'logged_in',
  'GET /api/p2h/reports/:id/pdf': 'logged_in',
  'DELETE /api/p2h/reports/:id': ADMIN_ROLES,
  'GET /api/p2h/compliance': 'logged_in',
  'GET /api/p2h/compliance/matrix': COMPLIANCE_MATRIX_ROLES,
  'GET /api/p2h/compliance/matrix.xlsx': COMPLIANCE_MATRIX_ROLES,
  'GET /api/exports/reports.xlsx': ['superadmin', 'admin', 'viewer'],

  // Who sees a photo is decided per photo by its service (src/photos/rules.ts).
  'POST /api/photos': 'logged_in',
  'GET /api/photos/:id': 'logged_in',

  'GET /api/notifications': ADMIN_ROLES,
  'GET /api/notifications/:id': ADMIN_ROLES,
  'POST /api/notifications/:id/resend': ADMIN_ROLES,

  'GET /api/audit-log': ADMIN_ROLES,

  'POST /api/imports/vehicles': ADMIN_ROLES,
  'POST /api/imports/users': ADMIN_ROLES,
  'GET /api/imports/vehicles/template.xlsx': ADMIN_ROLES,
  'GET /api/imports/users/template.xlsx': ADMIN_ROLES,
};

/** A registered /api route with its declared access: what the role matrix and the fuzz suite walk. */
export interface DeclaredRoute {
  method: string;
  url: string;
  access: Access;
  schema: FastifySchema | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every /api route registered so far, with its access from ROUTE_ACCESS. */
    declaredRoutes: DeclaredRoute[];
  }
}

const INSTALLED = Symbol('access guard');

/**
 * Installs each /api route's guard from ROUTE_ACCESS as its first onRequest hook. Register before
 * the routes. It runs before the body is parsed and validated, so a caller without the right learns
 * nothing about the route's schema and gets the same 401/403 whatever they send.
 */
export function installAccessControl(app: HttpServer, deps: { auth: Auth; internalApiToken: string | undefined }) {
  const declared: DeclaredRoute[] = [];
  app.decorate('declaredRoutes', declared);
  const internal = internalTokenGuard(deps.internalApiToken);

  app.addHook('onRoute', (route: RouteOptions) => {
    if (!route.url.startsWith('/api/')) return; // the web app and /docs are public pages
    // Fastify's automatic HEAD twin of a GET is built from the GET's options, guard included.
    const methods = [route.method].flat().filter((method) => method !== 'HEAD');
    const keys = methods.map((method) => `${method} ${route.url}`);
    const missing = keys.find((key) => !ROUTE_ACCESS[key]);
    if (missing) throw new Error(`${missing} has no entry in ROUTE_ACCESS (src/auth/access.ts): declare who may call it`);
    if (keys.length === 0) return;
    const access = ROUTE_ACCESS[keys[0]!]!;
    if (keys.some((key) => ROUTE_ACCESS[key] !== access)) throw new Error(`${route.url}: one route, several methods with different access`);
    for (const method of methods) declared.push({ method, url: route.url, access, schema: route.schema });

    const guard = access === 'public' ? undefined : access === 'internal' ? internal : deps.auth.require(...(access === 'logged_in' ? [] : access));
    const hooks = [route.onRequest ?? []].flat();
    if (guard && !hooks.some((hook) => INSTALLED in hook)) route.onRequest = [Object.assign(guard, { [INSTALLED]: true }), ...hooks];
  });
}

/** The bot's internal link call: a shared secret, compared in constant time; 503 while none is set. */
function internalTokenGuard(expected: string | undefined): Guard {
  return async (request: FastifyRequest) => {
    if (!expected) throw new DomainError('INTERNAL_API_DISABLED', 'Endpoint internal tidak aktif (INTERNAL_API_TOKEN belum diset)');
    const given = request.headers['x-internal-token'];
    const a = Buffer.from(typeof given === 'string' ? given : '');
    const b = Buffer.from(expected);
    if (a.length !== b.length || !timingSafeEqual(a, b)) throw new DomainError('INVALID_INTERNAL_TOKEN', 'X-Internal-Token tidak valid');
  };
}
