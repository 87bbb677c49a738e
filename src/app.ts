import type { FastifyBaseLogger } from 'fastify';
import { pino } from 'pino';
import type { Config } from './config/config.js';
import type { Database } from './db/client.js';
import { buildHttp } from './http-app.js';
import type { HttpServer } from './http/server.js';
import { systemClock, type Clock } from './lib/clock.js';
import { buildServices, type Services } from './services.js';

export type { Clock, Services };

export interface AppOptions {
  config: Config;
  database: Database;
  /** The JWT secret actually used (config's, or the one demo mode generated). */
  jwtSecret: string;
  logger?: FastifyBaseLogger | false;
  clock?: Clock;
  /** Folder of the built web app (default dist/web); the server never needs it to exist. */
  webRoot?: string;
}

export interface App {
  http: HttpServer;
  services: Services;
}

/** Services plus the HTTP edge, for the API process and the tests that call it through `inject`. */
export async function buildApp(options: AppOptions): Promise<App> {
  const log = options.logger || pino({ enabled: false });
  const services = buildServices({ config: options.config, database: options.database, clock: options.clock ?? systemClock, log });
  const http = await buildHttp(services, { ...options, logger: options.logger ?? false });
  return { http, services };
}
