import { Type, type Static } from '@sinclair/typebox';
import { PagingQuery } from '../http/api-schemas.js';
import { PhotoIds, PhotoRefSchema } from '../photos/api-schemas.js';
import { DEFECT_ACTIONS, DEFECT_SEVERITIES, DEFECT_STATUSES, REPAIR_NOTE_MAX_LENGTH } from './values.js';

const literals = <T extends string>(values: readonly T[], description?: string) =>
  Type.Union(values.map((v) => Type.Literal(v)), description ? { description } : {});
const NullableString = (options = {}) => Type.Union([Type.String(options), Type.Null()]);
const NullableInteger = () => Type.Union([Type.Integer(), Type.Null()]);

export const DefectStatusSchema = literals(DEFECT_STATUSES, 'open → in_progress (taken or assigned) → repaired → verified (a later NORMAL answer); closed by an admin');
export const DefectSeveritySchema = literals(DEFECT_SEVERITIES);

const defectFields = {
  id: Type.Integer(),
  vehicle_id: Type.Integer(),
  unit_code: Type.String(),
  checklist_item_id: Type.Integer(),
  item_name: Type.String(),
  severity: DefectSeveritySchema,
  status: DefectStatusSchema,
  remark: NullableString(),
  reported_count: Type.Integer({ description: 'How many answers (reports) found it' }),
  opened_at: Type.String({ format: 'date-time' }),
  opened_by_id: Type.Integer(),
  opened_by_name: Type.String(),
  opened_report_id: Type.Union([Type.Integer(), Type.Null()], { description: 'null when reported outside a P2H' }),
  last_report_id: NullableInteger(),
  assigned_to_id: NullableInteger(),
  assigned_to_name: NullableString(),
  repaired_at: NullableString({ format: 'date-time' }),
  repair_note: NullableString(),
  verified_at: NullableString({ format: 'date-time' }),
  closed_at: NullableString({ format: 'date-time' }),
  close_reason: NullableString(),
};

export const DefectSchema = Type.Object(defectFields, { $id: 'Defect' });

export const DefectEventSchema = Type.Object({
  at: Type.String({ format: 'date-time' }),
  action: literals(DEFECT_ACTIONS),
  actor_id: Type.Union([Type.Integer(), Type.Null()], { description: 'null for the system (escalation)' }),
  actor_name: NullableString(),
  note: NullableString(),
  report_id: NullableInteger(),
  photos: Type.Array(PhotoRefSchema, { description: 'the photos this step brought: the answer or defect report it records, or the repair' }),
});

export const DefectDetailSchema = Type.Object({
  ...defectFields,
  photos: Type.Array(PhotoRefSchema, { description: 'every photo showing the defect (answers, reports outside a P2H, repairs), oldest first' }),
  events: Type.Array(DefectEventSchema, { description: 'Oldest first' }),
});

/** What the driver sees on a checklist item that already has a live defect. */
export const KnownDefectSchema = Type.Object({
  id: Type.Integer(),
  severity: DefectSeveritySchema,
  status: DefectStatusSchema,
  remark: NullableString(),
  opened_at: Type.String({ format: 'date-time' }),
  reported_count: Type.Integer(),
  opened_by_name: Type.String(),
  assigned_to_name: NullableString(),
});

const Id = () => Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: '\\S' });

export const DefectListQuery = {
  status: Type.Optional(DefectStatusSchema),
  vehicle_id: Type.Optional(Id()),
  severity: Type.Optional(DefectSeveritySchema),
  assigned_to_id: Type.Optional(Id()),
  report_id: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647, description: 'The defects a report opened, added to, reopened or verified' })),
  older_than_hours: Type.Optional(Type.Integer({ minimum: 0, maximum: 87_600, description: 'Opened at least this many hours ago' })),
};

export const DefectListQuerySchema = Type.Object({ ...PagingQuery, ...DefectListQuery }, { additionalProperties: false });

export const NewDefectBody = Type.Object(
  {
    vehicle_id: Id(),
    checklist_item_id: Id(),
    severity: DefectSeveritySchema,
    remark: Text(500),
    photo_ids: Type.Optional(PhotoIds),
  },
  { additionalProperties: false },
);
export const AssignBody = Type.Object({ user_id: Id() }, { additionalProperties: false });
export const RepairBody = Type.Object(
  { note: Text(REPAIR_NOTE_MAX_LENGTH), photo_ids: Type.Optional(PhotoIds) },
  { additionalProperties: false },
);
export const CloseBody = Type.Object({ reason: Text(500) }, { additionalProperties: false });

export type Defect = Static<typeof DefectSchema>;
export type DefectEvent = Static<typeof DefectEventSchema>;
export type DefectDetail = Static<typeof DefectDetailSchema>;
export type KnownDefect = Static<typeof KnownDefectSchema>;
export type DefectQuery = Static<typeof DefectListQuerySchema>;
export type NewDefectInput = Static<typeof NewDefectBody>;
