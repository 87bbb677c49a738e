/** The reports export on the wire: GET /api/exports/reports.xlsx. The web imports these types. */
import { Type, type Static } from '@sinclair/typebox';
import { DateString } from '../http/api-schemas.js';
import { P2hStatusSchema } from '../p2h/api-schemas.js';

export const ReportsExportQuerySchema = Type.Object(
  {
    date_from: DateString('operational date from (inclusive)'),
    date_to: DateString('operational date to (inclusive)'),
    vehicle_id: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
    status: Type.Optional(P2hStatusSchema),
  },
  { additionalProperties: false },
);
export type ReportsExportQuery = Static<typeof ReportsExportQuerySchema>;
