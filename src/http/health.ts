import { Type } from '@sinclair/typebox';
import type { Database } from '../db/client.js';
import type { Outbox } from '../notifications/outbox.js';
import { envelope, Nullable, ok } from './envelope.js';
import { errorBody, type HttpServer } from './server.js';
import { describeTelegramError } from '../telegram/describe-error.js';

export interface HealthDeps {
  database: Database;
  outbox: Outbox;
  botUsername: (() => Promise<string>) | undefined;
}

export function registerHealthRoutes(app: HttpServer, deps: HealthDeps) {
  app.get(
    '/api/health',
    { schema: { tags: ['health'], summary: 'Liveness', response: ok(Type.Object({ status: Type.Literal('ok') })) } },
    async () => envelope('OK', { status: 'ok' as const }),
  );

  app.get(
    '/api/health/ready',
    {
      schema: {
        tags: ['health'],
        summary: 'Readiness: the database answers (503 otherwise); also the bot token state and the notification backlog',
        response: ok(
          Type.Object({
            status: Type.Literal('ready'),
            database: Type.String(),
            telegram: Type.Object({
              bot: Type.Union([Type.Literal('not_configured'), Type.Literal('ok'), Type.Literal('unreachable')]),
              bot_username: Nullable(Type.String()),
              error: Nullable(Type.String()),
            }),
            notifications: Type.Object({ pending: Type.Integer(), failed: Type.Integer(), oldest_pending_seconds: Nullable(Type.Integer()) }),
          }),
        ),
      },
    },
    async (request, reply) => {
      try {
        await deps.database.ping();
      } catch (error) {
        request.log.warn({ err: error }, 'readiness: database unreachable');
        return reply.code(503).send(errorBody('DATABASE_UNAVAILABLE', 'Database tidak dapat dihubungi'));
      }
      const [notifications, telegram] = await Promise.all([deps.outbox.counts(), botState(deps.botUsername)]);
      return envelope('Siap', { status: 'ready' as const, database: deps.database.kind, telegram, notifications });
    },
  );
}

async function botState(lookup: HealthDeps['botUsername']) {
  if (!lookup) return { bot: 'not_configured' as const, bot_username: null, error: null };
  try {
    // Bounded: readiness must answer even when Telegram does not.
    const username = await Promise.race([lookup(), new Promise<never>((_, reject) => setTimeout(() => reject(new Error('getMe timed out')), 3_000).unref())]);
    return { bot: 'ok' as const, bot_username: username, error: null };
  } catch (error) {
    return { bot: 'unreachable' as const, bot_username: null, error: describeTelegramError(error) };
  }
}
