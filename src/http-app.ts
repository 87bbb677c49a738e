import fastifyJwt from '@fastify/jwt';
import type { FastifyBaseLogger } from 'fastify';
import { createAuth } from './auth/guard.js';
import { LoginThrottle } from './auth/login-throttle.js';
import { installAccessControl } from './auth/access.js';
import { registerAuditRoutes } from './audit/routes.js';
import { registerAuthRoutes } from './auth/routes.js';
import { registerChecklistRoutes } from './checklist/routes.js';
import type { ProcessSelf } from './cluster/process-registry.js';
import type { Config } from './config/config.js';
import type { Database } from './db/client.js';
import { registerDefectRoutes } from './defects/routes.js';
import { registerExportRoutes } from './exports/routes.js';
import { registerHealthRoutes } from './http/health.js';
import { registerImportRoutes } from './imports/routes.js';
import { ImportsService } from './imports/service.js';
import { createHttpServer, type HttpServer } from './http/server.js';
import { registerWebApp } from './http/web.js';
import { NotificationSchema } from './notifications/api-schemas.js';
import { registerNotificationRoutes } from './notifications/routes.js';
import { ReportPdf } from './p2h/pdf/report-pdf.js';
import { registerP2hRoutes } from './p2h/routes.js';
import { registerPhotoRoutes } from './photos/routes.js';
import { registerPreferenceRoutes } from './preferences/routes.js';
import type { Services } from './services.js';
import { botUsernameLookup } from './telegram/identity.js';
import { UserSchema } from './users/api-schemas.js';
import { UserImportStore } from './users/import-store.js';
import { registerUserRoutes } from './users/routes.js';
import { registerTelegramLinkRoutes } from './users/telegram-routes.js';
import { VehicleImportStore } from './vehicles/import-store.js';
import { registerVehicleRoutes } from './vehicles/routes.js';

export interface HttpAppOptions {
  config: Config;
  /** The readiness check asks it. */
  database: Database;
  /** The JWT secret actually used (config's, or the one demo mode generated). */
  jwtSecret: string;
  logger: FastifyBaseLogger | false;
  /** Folder of the built web app (default dist/web); the server never needs it to exist. */
  webRoot?: string;
  /** What this process runs, for readiness (default: the API alone). */
  process?: ProcessSelf;
}

const API_ONLY: ProcessSelf = { id: 'api', roles: ['api'], botState: () => null };

/** The HTTP edge over already-built services: Fastify, JWT, the role matrix, every route, the web app. */
export async function buildHttp(services: Services, options: HttpAppOptions): Promise<HttpServer> {
  const { config, database } = options;
  const { users, vehicles, checklist, p2h, defects, telegramLinks, outbox, photos } = services;
  const http = await createHttpServer({ logger: options.logger, trustProxy: config.trustProxy });
  const botUsername = botUsernameLookup(config.telegram);

  await http.register(fastifyJwt, {
    secret: options.jwtSecret,
    sign: { algorithm: 'HS256' },
    verify: { algorithms: ['HS256'] },
  });
  http.addSchema(UserSchema);
  http.addSchema(NotificationSchema);
  const auth = createAuth(http, users);
  // In the database: every API process counts against the same limits, and a restart forgets nothing.
  const throttle = new LoginThrottle(database.db, { perUsername: 5, perAddress: 30, windowMs: 15 * 60_000 });

  // Before the routes: every /api route gets its guard from the one role matrix, or the start fails.
  installAccessControl(http, { auth, internalApiToken: config.internalApiToken });
  registerHealthRoutes(http, { database, outbox, botUsername, auth, process: options.process ?? API_ONLY, clock: services.clock });
  registerAuthRoutes(http, { auth, users, throttle });
  registerUserRoutes(http, { users });
  registerTelegramLinkRoutes(http, { users, links: telegramLinks, botUsername });
  registerPreferenceRoutes(http, { preferences: services.preferences });
  registerVehicleRoutes(http, { vehicles, timezone: config.timezone });
  registerChecklistRoutes(http, { checklist, knownDefects: (vehicleId) => defects.knownOn(vehicleId) });
  registerDefectRoutes(http, { defects });
  registerP2hRoutes(http, { p2h, complianceMatrix: services.complianceMatrix, companyName: config.companyName, reportPdf: new ReportPdf({ reports: p2h, defects, photoLinks: services.photoLinks, photoFiles: photos, companyName: config.companyName, timeZone: config.timezone, clock: services.clock }) });
  registerExportRoutes(http, { db: database.db, vehicles, users, timeZone: config.timezone, companyName: config.companyName });
  registerPhotoRoutes(http, { photos });
  // Built here, not in buildServices: it loads exceljs, which the worker and the bot never need.
  const imports = new ImportsService({
    vehicles: new VehicleImportStore(database.db, services.audit, services.clock),
    users: new UserImportStore(database.db, services.audit, services.clock),
    typeNames: () => vehicles.typeNames(),
  });
  registerImportRoutes(http, { imports });
  registerNotificationRoutes(http, { outbox });
  registerAuditRoutes(http, { audit: services.audit });
  // Last: the web app answers every other GET that is not under /api or /docs.
  await registerWebApp(http, { root: options.webRoot });
  return http;
}
