import { Type } from '@sinclair/typebox';
import { DateString, envelope, IdParams, Nullable, ok, Paged, PagingQuery, pageEnvelope, withPaging } from '../http/envelope.js';
import type { HttpServer } from '../http/server.js';
import type { Outbox } from './outbox.js';
import { NOTIFICATION_STATUSES, NOTIFICATION_TYPES, RECIPIENT_KINDS } from './schema.js';

const literalUnion = <T extends string>(values: readonly T[]) => Type.Union(values.map((v) => Type.Literal(v)));

export const NotificationSchema = Type.Object(
  {
    id: Type.Integer(),
    type: literalUnion(NOTIFICATION_TYPES),
    report_id: Nullable(Type.Integer()),
    vehicle_id: Nullable(Type.Integer()),
    defect_id: Nullable(Type.Integer()),
    document_type: Nullable(Type.String()),
    expiry_date: Nullable(Type.String()),
    threshold_key: Nullable(Type.String()),
    user_id: Nullable(Type.Integer()),
    recipient_chat_id: Nullable(Type.String()),
    recipient_kind: Nullable(literalUnion(RECIPIENT_KINDS)),
    status: literalUnion(NOTIFICATION_STATUSES),
    last_error: Nullable(Type.String()),
    attempts: Type.Integer(),
    next_attempt_at: Type.String({ format: 'date-time' }),
    sent_at: Nullable(Type.String({ format: 'date-time' })),
    telegram_message_id: Nullable(Type.String()),
    created_at: Type.String({ format: 'date-time' }),
    message: Type.String({ description: 'the rendered Telegram HTML' }),
  },
  { $id: 'Notification' },
);

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
        querystring: Type.Object(
          {
            ...PagingQuery,
            status: Type.Optional(literalUnion(NOTIFICATION_STATUSES)),
            type: Type.Optional(literalUnion(NOTIFICATION_TYPES)),
            date_from: Type.Optional(DateString()),
            date_to: Type.Optional(DateString()),
          },
          { additionalProperties: false },
        ),
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
