import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Auth } from '../auth/guard.js';
import { liveProcesses, type LiveProcess, type ProcessSelf } from '../cluster/process-registry.js';
import type { Database } from '../db/client.js';
import type { Clock } from '../lib/clock.js';
import type { Outbox } from '../notifications/outbox.js';
import { ADMIN_ROLES } from '../users/rules.js';
import { LivenessSchema, ReadinessSchema, type Readiness } from './api-schemas.js';
import { envelope, ok } from './envelope.js';
import { HTTP_STATUS } from './error-status.js';
import { errorBody, type HttpServer } from './server.js';
import { describeTelegramError } from '../telegram/describe-error.js';

export interface HealthDeps {
  database: Database;
  outbox: Outbox;
  botUsername: (() => Promise<string>) | undefined;
  auth: Auth;
  /** This process: its roles and bot lease state are in every answer. */
  process: ProcessSelf;
  clock: Clock;
}

/** How long one readiness answer serves every caller: readiness must not be a way to load the database or Telegram. */
export const READINESS_CACHE_MS = 5_000;

type BotState = Required<Readiness['telegram']>;
type Backlog = Awaited<ReturnType<Outbox['counts']>>;
type ReadinessState = { database: 'down' } | { database: 'up'; telegram: BotState; notifications: Backlog; processes: LiveProcess[] };

export function registerHealthRoutes(app: HttpServer, deps: HealthDeps) {
  const readiness = shared(() => checkReadiness(deps, app), READINESS_CACHE_MS);

  app.get(
    '/api/health',
    { schema: { tags: ['health'], summary: 'Liveness', response: ok(LivenessSchema) } },
    async () => envelope('OK', { status: 'ok' as const }),
  );

  app.get(
    '/api/health/ready',
    {
      schema: {
        tags: ['health'],
        summary: 'Readiness: the database answers (503 otherwise), the bot state and this process’s roles; the backlog, the bot’s name and the live processes for admins',
        description:
          `Anyone gets {status, database, telegram: {bot}, roles, bot_lease}: roles are what the answering process runs (api, worker, bot) and bot_lease whether its bot polls (leader) or waits for the lease (standby). With an admin or superadmin bearer token the answer adds the bot's username and last error, the notification backlog and the live P2H processes (host, pid, roles, bot_lease, heartbeat); any other or invalid token gets the public answer (never 401). One answer is computed at a time and serves every caller for ${READINESS_CACHE_MS / 1000} s.`,
        response: ok(ReadinessSchema),
      },
    },
    async (request, reply) => {
      const state = await readiness();
      if (state.database === 'down') return reply.code(HTTP_STATUS.DATABASE_UNAVAILABLE).send(errorBody('DATABASE_UNAVAILABLE', 'Database tidak dapat dihubungi'));
      const base = { status: 'ready' as const, database: deps.database.kind, roles: deps.process.roles, bot_lease: deps.process.botState() };
      if (!(await isAdminCaller(deps.auth, request, reply))) return envelope('Siap', { ...base, telegram: { bot: state.telegram.bot } });
      return envelope('Siap', { ...base, telegram: state.telegram, notifications: state.notifications, processes: state.processes });
    },
  );
}

async function checkReadiness(deps: HealthDeps, app: HttpServer): Promise<ReadinessState> {
  try {
    await deps.database.ping();
    const [notifications, telegram, processes] = await Promise.all([deps.outbox.counts(), botState(deps.botUsername), liveProcesses(deps.database.db, deps.clock())]);
    return { database: 'up', telegram, notifications, processes };
  } catch (error) {
    app.log.warn({ err: error }, 'readiness: database unreachable');
    return { database: 'down' };
  }
}

/** Details only for a valid admin token; anything else (none, invalid, another role) is simply the public caller. */
async function isAdminCaller(auth: Auth, request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
  if (!request.headers.authorization) return false;
  try {
    await auth.require(...ADMIN_ROLES)(request, reply);
    return true;
  } catch {
    return false;
  }
}

/**
 * One computation at a time, shared by every concurrent caller, and its result reused for `ttlMs`
 * after it settles.
 */
export function shared<T>(compute: () => Promise<T>, ttlMs: number, now: () => number = Date.now): () => Promise<T> {
  let current: { value: Promise<T>; settledAt: number | undefined } | undefined;
  return () => {
    if (current && (current.settledAt === undefined || now() - current.settledAt < ttlMs)) return current.value;
    const entry: { value: Promise<T>; settledAt: number | undefined } = { value: compute(), settledAt: undefined };
    const settle = () => {
      entry.settledAt = now();
    };
    entry.value.then(settle, settle);
    current = entry;
    return entry.value;
  };
}

async function botState(lookup: HealthDeps['botUsername']): Promise<BotState> {
  if (!lookup) return { bot: 'not_configured', bot_username: null, error: null };
  try {
    // Bounded: readiness must answer even when Telegram does not.
    const username = await Promise.race([lookup(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error('getMe timed out')), 3_000).unref())]);
    return { bot: 'ok', bot_username: username, error: null };
  } catch (error) {
    return { bot: 'unreachable', bot_username: null, error: describeTelegramError(error) };
  }
}
