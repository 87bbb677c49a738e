import { Type } from '@sinclair/typebox';
import type { Database } from '../db/client.js';
import { envelope, ok } from './envelope.js';
import { errorBody, type HttpServer } from './server.js';

export function registerHealthRoutes(app: HttpServer, deps: { database: Database }) {
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
        summary: 'Readiness: the database answers',
        response: ok(Type.Object({ status: Type.Literal('ready'), database: Type.String() })),
      },
    },
    async (request, reply) => {
      try {
        await deps.database.ping();
      } catch (error) {
        request.log.warn({ err: error }, 'readiness: database unreachable');
        return reply.code(503).send(errorBody('DATABASE_UNAVAILABLE', 'Database tidak dapat dihubungi'));
      }
      return envelope('Siap', { status: 'ready' as const, database: deps.database.kind });
    },
  );
}
