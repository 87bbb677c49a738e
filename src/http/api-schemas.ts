/**
 * The wire pieces every feature shares (envelope, paging, nullable, dates) and the health routes'
 * schemas. Like every `api-schemas.ts`, it imports only TypeBox, other api-schemas and the enum
 * lists, because the web type-checks it too (test/unit/api-schemas-imports.test.ts).
 */
import { Type, type Static, type TObject, type TProperties, type TSchema } from '@sinclair/typebox';
import { BOT_LEASE_STATES, HEARTBEAT_MS, LIVE_WITHIN_MS, PROCESS_ROLES } from '../cluster/values.js';

export const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

/** One of a fixed list of strings, e.g. ROLES: the list is the single source of its values. */
export const LiteralUnion = <T extends string>(values: readonly T[], options?: { description?: string }) =>
  Type.Union(
    values.map((value) => Type.Literal(value)),
    options,
  );

/** A PATCH body: each field of the create body, optional, plus `extra` (e.g. is_active); at least one field. */
export const PatchBody = <P extends TProperties, E extends TProperties>(create: TObject<P>, extra: E) =>
  Type.Object({ ...Type.Partial(create).properties, ...extra }, { additionalProperties: false, minProperties: 1 });

export const DateString = (description?: string) => Type.String({ format: 'date', description: description ?? 'YYYY-MM-DD' });

export const Envelope = <T extends TSchema>(payload: T) => Type.Object({ success: Type.Boolean(), message: Type.String(), payload });

export const ErrorEnvelope = Type.Object(
  {
    success: Type.Literal(false),
    message: Type.String(),
    payload: Type.Object({
      code: Type.String(),
      details: Type.Optional(Type.Array(Type.Object({ field: Type.String(), message: Type.String(), code: Type.Optional(Type.String()) }))),
      retry_after_seconds: Type.Optional(Type.Integer()),
    }),
  },
  { $id: 'ErrorEnvelope' },
);
export type ErrorPayload = Static<typeof ErrorEnvelope>['payload'];
/** One refused field of a validation error: `field` names it ("body.phone_number", "details[3].keterangan"). */
export type ErrorDetail = NonNullable<ErrorPayload['details']>[number];

/** Offset paging reaches this many rows at most: deeper pages cost a scan of everything before them. */
export const MAX_PAGING_DEPTH = 10_000;

export const PagingQuery = {
  page: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: MAX_PAGING_DEPTH,
      default: 1,
      description: `page × page_size may not exceed ${MAX_PAGING_DEPTH}; deeper → 400 PAGE_TOO_DEEP: narrow the filters (e.g. a date range) instead`,
    }),
  ),
  page_size: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
};

export const Paged = <T extends TSchema>(item: T) =>
  Type.Object({ items: Type.Array(item), page: Type.Integer(), page_size: Type.Integer(), total: Type.Integer() });

/** One page of a list as the server sends it. */
export type Page<T> = Omit<Static<ReturnType<typeof Paged<TSchema>>>, 'items'> & { items: T[] };

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) }, { additionalProperties: false });

// Health: GET /api/health and GET /api/health/ready.

export const LivenessSchema = Type.Object({ status: Type.Literal('ok') });

const BOT_STATES = ['not_configured', 'ok', 'unreachable'] as const;

export const ReadinessSchema = Type.Object({
  status: Type.Literal('ready'),
  database: Type.String(),
  telegram: Type.Object({
    bot: LiteralUnion(BOT_STATES),
    bot_username: Type.Optional(Nullable(Type.String())),
    error: Type.Optional(Nullable(Type.String())),
  }),
  notifications: Type.Optional(Type.Object({ pending: Type.Integer(), failed: Type.Integer(), oldest_pending_seconds: Nullable(Type.Integer()) })),
  roles: Type.Array(LiteralUnion(PROCESS_ROLES), { description: 'What this process runs: api, worker, bot' }),
  bot_lease: Type.Union([LiteralUnion(BOT_LEASE_STATES), Type.Null()], {
    description: 'With the bot role: leader (polls Telegram) or standby (waits for the lease, PostgreSQL only); null without it',
  }),
  processes: Type.Optional(
    Type.Array(
      Type.Object({
        host: Type.String(),
        pid: Type.String(),
        roles: Type.Array(Type.String()),
        bot_lease: Nullable(Type.String()),
        started_at: Type.String({ format: 'date-time' }),
        heartbeat_at: Type.String({ format: 'date-time' }),
      }),
      { description: `Every P2H process whose heartbeat (every ${HEARTBEAT_MS / 1000} s) is within ${LIVE_WITHIN_MS / 1000} s, oldest first (admins only)` },
    ),
  ),
});
/** The bot's name and error and the backlog come only with an admin's token. */
export type Readiness = Static<typeof ReadinessSchema>;
