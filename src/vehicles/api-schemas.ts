/** Units, their types and documents on the wire. The web imports these types. */
import { Type, type Static } from '@sinclair/typebox';
import { DateString, LiteralUnion, Nullable, PagingQuery, PatchBody } from '../http/api-schemas.js';
import { DOCUMENT_TYPES, SHIFT_TYPES } from './values.js';

export const ShiftTypeSchema = LiteralUnion(SHIFT_TYPES, { description: 'shift: 3 inspections a day, long_shift: 2, non_shift: 1' });
export const DocumentTypeSchema = LiteralUnion(DOCUMENT_TYPES);

export const VehicleSchema = Type.Object(
  {
    id: Type.Integer(),
    unit_code: Type.String({ description: 'Nomor lambung as painted, e.g. P.309' }),
    plate_number: Type.String({ description: 'Nomor polisi, e.g. KT 1234 AB' }),
    vehicle_type: Type.String(),
    shift_type: ShiftTypeSchema,
    brand: Nullable(Type.String()),
    assigned_driver_id: Nullable(Type.Integer()),
    is_active: Type.Boolean(),
    out_of_service: Type.Boolean({ description: 'The unit may not run (same as operational_status = out_of_service)' }),
    operational_status: Type.Union([Type.Literal('ready'), Type.Literal('out_of_service')], {
      description: 'out_of_service while an ABNORMAL defect is open or in progress, or while an admin holds it',
    }),
    out_of_service_reason: Nullable(Type.String()),
    out_of_service_since: Nullable(Type.String({ format: 'date-time' })),
    stnk_expiry: Nullable(Type.String({ format: 'date' })),
    kir_expiry: Nullable(Type.String({ format: 'date' })),
    pajak_expiry: Nullable(Type.String({ format: 'date' })),
    created_at: Type.String({ format: 'date-time' }),
    updated_at: Type.String({ format: 'date-time' }),
  },
  { $id: 'Vehicle' },
);
export type Vehicle = Static<typeof VehicleSchema>;

export const ExpiringDocumentSchema = Type.Object({
  vehicle_id: Type.Integer(),
  unit_code: Type.String(),
  plate_number: Type.String(),
  document_type: DocumentTypeSchema,
  expiry_date: Type.String({ format: 'date' }),
});
export type ExpiringDocument = Static<typeof ExpiringDocumentSchema>;

export const ExpiringQuerySchema = Type.Object(
  { before: DateString('Inclusive upper bound, YYYY-MM-DD'), type: Type.Optional(DocumentTypeSchema) },
  { additionalProperties: false },
);

// At least one letter or digit: the search key ("P309") must not be empty.
export const UnitCodeInput = Type.String({
  minLength: 1,
  maxLength: 30,
  pattern: '[A-Za-z0-9]',
  description: 'e.g. P.309; case and spacing are normalised',
});
export const PlateInput = Type.String({ minLength: 1, maxLength: 20, pattern: '[A-Za-z0-9]', description: 'e.g. KT 1234 AB' });
export const VehicleTypeInput = Type.String({ minLength: 1, maxLength: 50, pattern: '\\S' });
export const BrandInput = Nullable(Type.String({ maxLength: 60 }));
export const DriverIdInput = Nullable(Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: 'An active user with role user' }));
// null removes the document (PATCH) or means "none" (POST).
export const ExpiryInput = Nullable(DateString('Expiry date YYYY-MM-DD; null removes the document'));

export const CreateVehicleBody = Type.Object(
  {
    unit_code: UnitCodeInput,
    plate_number: PlateInput,
    vehicle_type: VehicleTypeInput,
    shift_type: ShiftTypeSchema,
    brand: Type.Optional(BrandInput),
    assigned_driver_id: Type.Optional(DriverIdInput),
    stnk_expiry: Type.Optional(ExpiryInput),
    kir_expiry: Type.Optional(ExpiryInput),
    pajak_expiry: Type.Optional(ExpiryInput),
  },
  { additionalProperties: false },
);
export type CreateVehicleInput = Static<typeof CreateVehicleBody>;

export const UpdateVehicleBody = PatchBody(CreateVehicleBody, { is_active: Type.Optional(Type.Boolean()) });
export type UpdateVehicleInput = Static<typeof UpdateVehicleBody>;

export const VehicleListQuerySchema = Type.Object(
  {
    ...PagingQuery,
    q: Type.Optional(Type.String({ maxLength: 100 })),
    vehicle_type: Type.Optional(Type.String({ maxLength: 50 })),
    shift_type: Type.Optional(ShiftTypeSchema),
    /** Retired units stay out of lists unless asked for. */
    is_active: Type.Optional(Type.Boolean({ default: true })),
  },
  { additionalProperties: false },
);
export type VehicleListQuery = Static<typeof VehicleListQuerySchema>;

export const VehicleTypeBody = Type.Object({ name: VehicleTypeInput }, { additionalProperties: false });
export const VehicleTypeSchema = Type.Object({ name: Type.String() });

export const AvailabilitySchema = Type.Object({
  hours_total: Type.Number({ description: 'Hours in the range up to now' }),
  hours_out_of_service: Type.Number(),
  availability_percent: Type.Number(),
  periods: Type.Array(
    Type.Object({ from: Type.String({ format: 'date-time' }), to: Nullable(Type.String({ format: 'date-time' })), reason: Type.String() }),
  ),
});

export type Availability = Static<typeof AvailabilitySchema>;

export const HoldBody = Type.Object({ reason: Type.String({ minLength: 1, maxLength: 500, pattern: '\\S' }) }, { additionalProperties: false });
