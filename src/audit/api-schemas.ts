/** The audit log on the wire: GET /api/audit-log. The web imports these types. */
import { Type, type Static } from '@sinclair/typebox';
import { DateString, LiteralUnion, Nullable, PagingQuery } from '../http/api-schemas.js';
import { AUDIT_ACTIONS, AUDIT_ENTITIES } from './values.js';

export const AuditEntitySchema = LiteralUnion(AUDIT_ENTITIES);
export const AuditActionSchema = LiteralUnion(AUDIT_ACTIONS);

const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });

export const AuditEntrySchema = Type.Object(
  {
    id: Type.Integer(),
    at: Type.String({ format: 'date-time' }),
    actor_id: Nullable(Type.Integer({ description: 'null: the system acted (or the Telegram link API)' })),
    actor_name: Nullable(Type.String({ description: 'the name the person had when they acted' })),
    action: AuditActionSchema,
    entity: AuditEntitySchema,
    entity_id: Type.Integer({ description: 'for document and telegram_link: the unit and the user they belong to' }),
    before: Type.Unknown({ description: 'the record as GET shows it before the change; null when created' }),
    after: Type.Unknown({ description: 'the record as GET shows it after the change' }),
  },
  { $id: 'AuditEntry' },
);
export type AuditEntryView = Static<typeof AuditEntrySchema>;

/** Dates are days in P2H_TIMEZONE, both included. */
export const AuditLogQuerySchema = Type.Object(
  {
    ...PagingQuery,
    entity: Type.Optional(AuditEntitySchema),
    entity_id: Type.Optional(Id),
    actor_id: Type.Optional(Id),
    action: Type.Optional(AuditActionSchema),
    date_from: Type.Optional(DateString()),
    date_to: Type.Optional(DateString()),
  },
  { additionalProperties: false },
);
export type AuditLogQuery = Static<typeof AuditLogQuerySchema>;
