/** P2H reports and the compliance board on the wire. The web imports these types. */
import { Type, type Static } from '@sinclair/typebox';
import { DateString, LiteralUnion, Nullable, PagingQuery } from '../http/api-schemas.js';
import { PhotoIds, PhotoRefSchema } from '../photos/api-schemas.js';
import { SHIFT_TYPES } from '../vehicles/values.js';
import { COMPLIANCE_COLORS, MATRIX_STATUSES, P2H_STATUSES } from './values.js';

export const P2hStatusSchema = LiteralUnion(P2H_STATUSES);

/** One Telegram alert about a report, as far as the reader may see it. */
export const DeliveryStateSchema = Type.Object({
  id: Type.Integer(),
  type: Type.String(),
  status: Type.String({ description: 'pending, sending, sent, failed or skipped' }),
  recipient_kind: Nullable(Type.String()),
  attempts: Type.Integer(),
  last_error: Nullable(Type.String()),
  sent_at: Nullable(Type.String({ format: 'date-time' })),
});
export type DeliveryState = Static<typeof DeliveryStateSchema>;

/** Where the driver was when filing, with their permission. */
export const LocationSchema = Type.Object(
  {
    latitude: Type.Number({ minimum: -90, maximum: 90 }),
    longitude: Type.Number({ minimum: -180, maximum: 180 }),
    accuracy_m: Type.Number({ minimum: 0, maximum: 100_000, description: 'radius in metres, as the phone reports it' }),
  },
  { additionalProperties: false },
);
export type Location = Static<typeof LocationSchema>;

export const ReportSummarySchema = Type.Object({
  id: Type.Integer(),
  vehicle: Type.Object({
    id: Type.Integer(),
    unit_code: Type.String(),
    plate_number: Type.String(),
    vehicle_type: Type.String(),
    shift_type: LiteralUnion(SHIFT_TYPES),
    brand: Nullable(Type.String()),
  }),
  user: Type.Object({ id: Type.Integer(), full_name: Type.String() }),
  shift_number: Type.Integer(),
  operational_date: Type.String({ format: 'date' }),
  submitted_at: Type.String({ format: 'date-time' }),
  odometer: Nullable(Type.Number()),
  overall_status: P2hStatusSchema,
  inspected_at: Nullable(Type.String({ format: 'date-time', description: 'when the driver filled it, for a report that waited for a signal' })),
  location: Nullable(LocationSchema),
  client_submission_id: Nullable(Type.String({ format: 'uuid' })),
  notifications: Type.Array(DeliveryStateSchema, { description: 'delivery state of the Telegram alerts about this report' }),
});
export type ReportSummary = Static<typeof ReportSummarySchema>;

export const ReportAnswerSchema = Type.Object({
  checklist_item_id: Type.Integer(),
  section: Type.String(),
  item_name: Type.String(),
  status: P2hStatusSchema,
  keterangan: Nullable(Type.String()),
  photos: Type.Array(PhotoRefSchema),
});
export type ReportAnswer = Static<typeof ReportAnswerSchema>;

export const ReportDetailSchema = Type.Composite([ReportSummarySchema, Type.Object({ details: Type.Array(ReportAnswerSchema) })]);
export type ReportDetail = Static<typeof ReportDetailSchema>;

export const SubmitReportBody = Type.Object(
  {
    vehicle_id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
    shift_number: Type.Optional(Type.Integer({ minimum: 1, maximum: 3 })),
    odometer: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 99_999_999 }))),
    details: Type.Array(
      Type.Object(
        {
          checklist_item_id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
          status: P2hStatusSchema,
          keterangan: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
          photo_ids: Type.Optional(PhotoIds),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: 200 },
    ),
    client_submission_id: Type.Optional(
      Type.String({ format: 'uuid', description: 'made on the phone; the same id again from the same user answers 200 with the report already stored' }),
    ),
    waited_seconds: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: 604_800,
        description:
          'for a report that waited on the phone for a signal: seconds from filling it to this send, measured on the phone. ' +
          'The server dates the inspection its own now minus this (inspected_at), so a phone clock that is hours off does not matter; ' +
          'its slot and operational day are those of that instant. More than 24 hours → 422 INVALID_INSPECTION_TIME',
      }),
    ),
    location: Type.Optional(LocationSchema),
  },
  { additionalProperties: false },
);
export type SubmitInput = Static<typeof SubmitReportBody>;

export const ReportListQuerySchema = Type.Object(
  {
    ...PagingQuery,
    date_from: Type.Optional(DateString('operational date from (inclusive)')),
    date_to: Type.Optional(DateString('operational date to (inclusive)')),
    vehicle_id: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
    user_id: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
    status: Type.Optional(P2hStatusSchema),
  },
  { additionalProperties: false },
);
export type ReportQuery = Static<typeof ReportListQuerySchema>;

export const ComplianceSchema = Type.Object({
  vehicle_id: Type.Integer(),
  unit_code: Type.String(),
  plate_number: Type.String(),
  shift_type: LiteralUnion(SHIFT_TYPES),
  operational_date: Type.String({ format: 'date' }),
  required_slots: Type.Integer(),
  done_slots: Type.Array(Type.Integer()),
  open_slots: Type.Array(Type.Integer(), {
    description: 'slots the caller may still file now: for a driver the slot the clock is in (an hour early and 30 minutes late count), for an admin every slot of the day; empty for another day',
  }),
  color: LiteralUnion(COMPLIANCE_COLORS),
  out_of_service: Type.Boolean({ description: 'The unit may not run (listed first); not counted as missing a P2H' }),
  out_of_service_reason: Nullable(Type.String()),
});
export type Compliance = Static<typeof ComplianceSchema>;

export const ComplianceQuerySchema = Type.Object({ date: Type.Optional(DateString()) }, { additionalProperties: false });

/* The monthly compliance matrix (GET /api/p2h/compliance/matrix). */
// Only the shape here: the month's range (01–12, not past next month) is the service's 400 with a reason.
export const MatrixQuerySchema = Type.Object(
  { month: Type.Optional(Type.String({ maxLength: 7, description: 'YYYY-MM in P2H_TIMEZONE; default the current month; at most next month' })) },
  { additionalProperties: false },
);

export const MatrixCellSchema = Type.Object({
  date: Type.String({ format: 'date' }),
  status: LiteralUnion(MATRIX_STATUSES),
  worst: Nullable(LiteralUnion(P2H_STATUSES)),
});

export const ComplianceMatrixSchema = Type.Object({
  month: Type.String(),
  days: Type.Array(Type.String({ format: 'date' })),
  units: Type.Array(Type.Object({ vehicle_id: Type.Integer(), unit_code: Type.String(), cells: Type.Array(MatrixCellSchema) })),
});
export type ComplianceMatrix = Static<typeof ComplianceMatrixSchema>;
export type MatrixCell = Static<typeof MatrixCellSchema>;
