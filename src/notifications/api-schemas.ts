/** The notifications log on the wire (admins). The web imports these types. */
import { Type, type Static } from '@sinclair/typebox';
import { DateString, LiteralUnion, Nullable, PagingQuery } from '../http/api-schemas.js';
import { NOTIFICATION_STATUSES, NOTIFICATION_TYPES, RECIPIENT_KINDS } from './values.js';

export const NotificationSchema = Type.Object(
  {
    id: Type.Integer(),
    type: LiteralUnion(NOTIFICATION_TYPES),
    report_id: Nullable(Type.Integer()),
    vehicle_id: Nullable(Type.Integer()),
    defect_id: Nullable(Type.Integer()),
    document_type: Nullable(Type.String()),
    expiry_date: Nullable(Type.String()),
    threshold_key: Nullable(Type.String()),
    user_id: Nullable(Type.Integer()),
    recipient_chat_id: Nullable(Type.String()),
    recipient_kind: Nullable(LiteralUnion(RECIPIENT_KINDS)),
    status: LiteralUnion(NOTIFICATION_STATUSES),
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
/** One row of the log (named so it does not shadow the browser's `Notification`). */
export type NotificationEntry = Static<typeof NotificationSchema>;

/** Dates are days in P2H_TIMEZONE. */
export const NotificationListQuerySchema = Type.Object(
  {
    ...PagingQuery,
    status: Type.Optional(LiteralUnion(NOTIFICATION_STATUSES)),
    type: Type.Optional(LiteralUnion(NOTIFICATION_TYPES)),
    date_from: Type.Optional(DateString()),
    date_to: Type.Optional(DateString()),
  },
  { additionalProperties: false },
);
export type NotificationListQuery = Static<typeof NotificationListQuerySchema>;
