import { Type } from '@sinclair/typebox';
import { actorOf } from '../auth/guard.js';
import { created, DateString, envelope, IdParams, Nullable, ok, Paged, PagingQuery, pageEnvelope, withPaging } from '../http/envelope.js';
import { unprocessable } from '../http/errors.js';
import type { HttpServer } from '../http/server.js';
import { P2H_STATUSES } from './schema.js';
import type { P2hService } from './service.js';

const StatusSchema = Type.Union(P2H_STATUSES.map((s) => Type.Literal(s)));

const ReportSummarySchema = Type.Object({
  id: Type.Integer(),
  vehicle: Type.Object({
    id: Type.Integer(),
    unit_code: Type.String(),
    plate_number: Type.String(),
    vehicle_type: Type.String(),
    shift_type: Type.Union([Type.Literal('shift'), Type.Literal('long_shift'), Type.Literal('non_shift')]),
    brand: Nullable(Type.String()),
  }),
  user: Type.Object({ id: Type.Integer(), full_name: Type.String() }),
  shift_number: Type.Integer(),
  operational_date: Type.String({ format: 'date' }),
  submitted_at: Type.String({ format: 'date-time' }),
  odometer: Nullable(Type.Number()),
  overall_status: StatusSchema,
  notifications: Type.Array(
    Type.Object({
      id: Type.Integer(),
      type: Type.String(),
      status: Type.String({ description: 'pending, sending, sent, failed or skipped' }),
      recipient_kind: Nullable(Type.String()),
      attempts: Type.Integer(),
      last_error: Nullable(Type.String()),
      sent_at: Nullable(Type.String({ format: 'date-time' })),
    }),
    { description: 'delivery state of the Telegram alerts about this report' },
  ),
});

const ReportDetailSchema = Type.Composite([
  ReportSummarySchema,
  Type.Object({
    details: Type.Array(
      Type.Object({
        checklist_item_id: Type.Integer(),
        section: Type.String(),
        item_name: Type.String(),
        status: StatusSchema,
        keterangan: Nullable(Type.String()),
      }),
    ),
  }),
]);

const ComplianceSchema = Type.Object({
  vehicle_id: Type.Integer(),
  unit_code: Type.String(),
  plate_number: Type.String(),
  shift_type: Type.String(),
  operational_date: Type.String({ format: 'date' }),
  required_slots: Type.Integer(),
  done_slots: Type.Array(Type.Integer()),
  open_slots: Type.Array(Type.Integer(), {
    description: 'slots the caller may still file now: for a driver the slot the clock is in (an hour early and 30 minutes late count), for an admin every slot of the day; empty for another day',
  }),
  color: Type.Union([Type.Literal('green'), Type.Literal('yellow'), Type.Literal('red')]),
  out_of_service: Type.Boolean({ description: 'The unit may not run (listed first); not counted as missing a P2H' }),
  out_of_service_reason: Type.Union([Type.String(), Type.Null()]),
});

const tags = ['p2h'];
const security = [{ bearer: [] }];

export function registerP2hRoutes(app: HttpServer, deps: { p2h: P2hService }) {
  const { p2h } = deps;

  app.post(
    '/api/p2h/reports',
    {
      schema: {
        tags,
        security,
        summary: 'Submit a P2H; the server computes overall_status, the operational date and (when omitted) the slot',
        description:
          'The operational day is always the clock\'s. A driver (role user) files only the slot the clock is in: shift 05:00–15:30, 14:00–23:30, 22:00–05:00; long shift 05:00–18:30, 17:00–05:00; non-shift all day (the usual windows, an hour early and 30 minutes late); any other slot → 422 SLOT_NOT_OPEN naming the open slot and until when. Admins may file any slot of the day. With P2H_ASSIGNED_ONLY=1 a unit with an assigned driver takes reports only from that driver or an admin (403 UNIT_NOT_ASSIGNED).',
        body: Type.Object(
          {
            vehicle_id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
            shift_number: Type.Optional(Type.Integer({ minimum: 1, maximum: 3 })),
            odometer: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 99_999_999 }))),
            details: Type.Array(
              Type.Object(
                {
                  checklist_item_id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
                  status: StatusSchema,
                  keterangan: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
                },
                { additionalProperties: false },
              ),
              { minItems: 1, maxItems: 200 },
            ),
          },
          { additionalProperties: false },
        ),
        response: created(ReportDetailSchema),
      },
    },
    async (request, reply) => {
      const report = await p2h.submit(actorOf(request), request.body);
      return reply.code(201).send(envelope(`P2H berhasil dikirim: ${report.overall_status.toUpperCase()}`, report));
    },
  );

  app.get(
    '/api/p2h/reports',
    {
      schema: {
        tags,
        security,
        summary: 'Reports, newest first; a user sees their own, admins and viewers all',
        description:
          '`total` is exact when at most about 20 000 reports match; above that it is PostgreSQL\'s estimate ' +
          '(counting a million rows exactly costs far more than the page). An estimate is never less than the ' +
          'rows already paged through plus one while pages are full, and a partly filled page gives the exact total.',
        querystring: Type.Object(
          {
            ...PagingQuery,
            date_from: Type.Optional(DateString('operational date from (inclusive)')),
            date_to: Type.Optional(DateString('operational date to (inclusive)')),
            vehicle_id: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
            user_id: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
            status: Type.Optional(StatusSchema),
          },
          { additionalProperties: false },
        ),
        response: ok(Paged(ReportSummarySchema)),
      },
    },
    async (request) => {
      const query = withPaging(request.query);
      if (query.date_from && query.date_to && query.date_from > query.date_to) {
        throw unprocessable('INVALID_DATE_RANGE', 'date_from tidak boleh setelah date_to', [
          { field: 'querystring.date_from', code: 'date_range', message: 'harus sebelum atau sama dengan date_to' },
        ]);
      }
      return pageEnvelope('Daftar laporan P2H berhasil diambil', query, await p2h.list(actorOf(request), query));
    },
  );

  app.get(
    '/api/p2h/reports/:id',
    { schema: { tags, security, summary: 'One report with its answers', params: IdParams, response: ok(ReportDetailSchema) } },
    async (request) => envelope('Laporan P2H berhasil diambil', await p2h.get(actorOf(request), request.params.id)),
  );

  app.delete(
    '/api/p2h/reports/:id',
    {
      schema: { tags, security, summary: 'Soft-delete a report (frees its slot)', params: IdParams, response: ok(Type.Null()) },
    },
    async (request) => {
      await p2h.remove(actorOf(request), request.params.id);
      return envelope('Laporan P2H berhasil dihapus', null);
    },
  );

  app.get(
    '/api/p2h/compliance',
    {
      schema: {
        tags,
        security,
        summary: "Each active unit's slots done on a day: green all, yellow some, red none",
        querystring: Type.Object({ date: Type.Optional(DateString()) }, { additionalProperties: false }),
        response: ok(Type.Array(ComplianceSchema)),
      },
    },
    async (request) => envelope('Kepatuhan P2H berhasil diambil', await p2h.compliance(actorOf(request), request.query.date)),
  );
}
