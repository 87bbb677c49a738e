import { Type } from '@sinclair/typebox';
import { IdParams, Paged } from '../http/api-schemas.js';
import { envelope, ok, pageEnvelope } from '../http/envelope.js';
import { withPaging } from '../lib/paging.js';
import type { HttpServer } from '../http/server.js';
import { NotificationListQuerySchema, NotificationSchema } from './api-schemas.js';
import type { Outbox } from './outbox.js';

const tags = ['notifications'];
const security = [{ bearer: [] }];

export function registerNotificationRoutes(app: HttpServer, deps: { outbox: Outbox }) {
  const { outbox } = deps;
  const Ref = Type.Ref(NotificationSchema);

  app.get(
    '/api/notifications',
    {
      schema: {
        tags,
        security,
        summary: 'The telegram_notifications log, newest first; dates are days in P2H_TIMEZONE',
        querystring: NotificationListQuerySchema,
        response: ok(Paged(Ref)),
      },
    },
    async (request) => {
      const query = withPaging(request.query);
      return pageEnvelope('Daftar notifikasi berhasil diambil', query, await outbox.list(query));
    },
  );

  app.get(
    '/api/notifications/:id',
    { schema: { tags, security, params: IdParams, response: ok(Ref) } },
    async (request) => envelope('Notifikasi berhasil diambil', await outbox.get(request.params.id)),
  );

  app.post(
    '/api/notifications/:id/resend',
    {
      schema: {
        tags,
        security,
        summary: 'Queue a failed or skipped notification again, to the recipient chosen now',
        params: IdParams,
        response: ok(Ref),
      },
    },
    async (request) => envelope('Notifikasi dijadwalkan untuk dikirim ulang', await outbox.resend(request.params.id)),
  );
}
