import fastifyJwt from '@fastify/jwt';
import type { FastifyBaseLogger } from 'fastify';
import type { Config } from './config/config.js';
import type { Database } from './db/client.js';
import { createAuth } from './auth/guard.js';
import { LoginThrottle } from './auth/login-throttle.js';
import { installAccessControl } from './auth/access.js';
import { registerAuthRoutes } from './auth/routes.js';
import { ChecklistService } from './checklist/service.js';
import { registerChecklistRoutes } from './checklist/routes.js';
import { registerHealthRoutes } from './http/health.js';
import { Outbox } from './notifications/outbox.js';
import { NotificationSchema, registerNotificationRoutes } from './notifications/routes.js';
import { createHttpServer, type HttpServer } from './http/server.js';
import { registerWebApp } from './http/web.js';
import { P2hService } from './p2h/service.js';
import { registerP2hRoutes } from './p2h/routes.js';
import { UserSchema } from './users/api-schemas.js';
import { registerUserRoutes } from './users/routes.js';
import { TelegramLinkService } from './users/telegram-link.js';
import { registerTelegramLinkRoutes } from './users/telegram-routes.js';
import { botUsernameLookup } from './telegram/identity.js';
import { UsersService } from './users/service.js';
import { VehiclesService } from './vehicles/service.js';
import { registerVehicleRoutes } from './vehicles/routes.js';

export type Clock = () => Date;

export interface AppOptions {
  config: Config;
  database: Database;
  /** The JWT secret actually used (config's, or the one demo mode generated). */
  jwtSecret: string;
  logger?: FastifyBaseLogger | boolean | { level: string };
  clock?: Clock;
  /** Folder of the built web app (default dist/web); the server never needs it to exist. */
  webRoot?: string;
}

export interface Services {
  users: UsersService;
  vehicles: VehiclesService;
  checklist: ChecklistService;
  p2h: P2hService;
  telegramLinks: TelegramLinkService;
  outbox: Outbox;
}

export interface App {
  http: HttpServer;
  services: Services;
}

/** The composition root: the one place that knows every feature and wires them together. */
export async function buildApp(options: AppOptions): Promise<App> {
  const { config, database } = options;
  const clock = options.clock ?? (() => new Date());
  const db = database.db;
  const http = await createHttpServer({ logger: options.logger ?? false, trustProxy: config.trustProxy });

  const users = new UsersService(db);
  const vehicles = new VehiclesService(db, (id) => users.findById(id));
  const checklist = new ChecklistService(db, vehicles);
  const p2h = new P2hService(db, { vehicles, checklist, users, clock, timezone: config.timezone, assignedOnly: config.assignedOnly });
  const telegramLinks = new TelegramLinkService(db, clock);
  const outbox = new Outbox(db, telegramLinks, {
    botConfigured: config.telegram.botToken !== undefined,
    groupChatId: config.telegram.chatId,
    timezone: config.timezone,
    now: clock,
    warn: (fields, message) => http.log.warn(fields, message),
  });
  // The alert is written in the report's own transaction, and the worker is woken after the commit.
  p2h.onReportCreated(async (tx, report) => ((await outbox.enqueueReportAlert(tx, report)) ? () => outbox.signal() : undefined));
  p2h.describeDeliveryWith((ids, viewer) => outbox.forReports(ids, viewer));
  const services: Services = { users, vehicles, checklist, p2h, telegramLinks, outbox };
  const botUsername = botUsernameLookup(config.telegram);

  await http.register(fastifyJwt, {
    secret: options.jwtSecret,
    sign: { algorithm: 'HS256' },
    verify: { algorithms: ['HS256'] },
  });
  http.addSchema(UserSchema);
  http.addSchema(NotificationSchema);
  const auth = createAuth(http, users);
  const throttle = new LoginThrottle({ perUsername: 5, perAddress: 30, windowMs: 15 * 60_000 });

  // Before the routes: every /api route gets its guard from the one role matrix, or the start fails.
  installAccessControl(http, { auth, internalApiToken: config.internalApiToken });
  registerHealthRoutes(http, { database, outbox, botUsername, auth });
  registerAuthRoutes(http, { auth, users, throttle });
  registerUserRoutes(http, { users });
  registerTelegramLinkRoutes(http, { users, links: telegramLinks, botUsername });
  registerVehicleRoutes(http, { vehicles });
  registerChecklistRoutes(http, { checklist });
  registerP2hRoutes(http, { p2h });
  registerNotificationRoutes(http, { outbox });
  // Last: the web app answers every other GET that is not under /api or /docs.
  await registerWebApp(http, { root: options.webRoot });

  return { http, services };
}
