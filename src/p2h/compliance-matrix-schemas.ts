/** The monthly compliance matrix on the wire. The web imports these types. */
import { Type, type Static } from '@sinclair/typebox';
import { LiteralUnion, Nullable } from '../http/api-schemas.js';
import { MATRIX_STATUSES } from './compliance-matrix-rules.js';
import { P2H_STATUSES } from './values.js';

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
export type ComplianceMatrixPayload = Static<typeof ComplianceMatrixSchema>;
