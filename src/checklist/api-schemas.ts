/** The checklist on the wire: what a driver answers and what admins manage. The web imports these types. */
import { Type, type Static } from '@sinclair/typebox';
import { KnownDefectSchema } from '../defects/api-schemas.js';
import { PatchBody } from '../http/api-schemas.js';

export const ApplicableItemSchema = Type.Object({
  id: Type.Integer(),
  section: Type.String(),
  item_name: Type.String(),
  order: Type.Integer(),
});
/** An item as a driver answers it. */
export type ApplicableItem = Static<typeof ApplicableItemSchema>;

export const ChecklistQuerySchema = Type.Object(
  { vehicle_id: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })) },
  { additionalProperties: false },
);

/** An item to answer for a unit, with what is already known about it on that unit. */
export const ChecklistEntrySchema = Type.Object({
  ...ApplicableItemSchema.properties,
  open_defect: Type.Union([KnownDefectSchema, Type.Null()], {
    description: 'The live defect (open, in progress or repaired awaiting a NORMAL answer) of this item on the unit; null without vehicle_id',
  }),
});
export type ChecklistEntry = Static<typeof ChecklistEntrySchema>;

export const ChecklistItemSchema = Type.Object(
  {
    id: Type.Integer(),
    section: Type.String(),
    item_name: Type.String(),
    order: Type.Integer(),
    vehicle_types: Type.Union([Type.Array(Type.String()), Type.Null()], { description: 'null: applies to every vehicle type' }),
    is_active: Type.Boolean(),
    created_at: Type.String({ format: 'date-time' }),
    updated_at: Type.String({ format: 'date-time' }),
  },
  { $id: 'ChecklistItem' },
);
/** An item as admins manage it. */
export type ChecklistItem = Static<typeof ChecklistItemSchema>;

export const ItemsFilterQuerySchema = Type.Object({ is_active: Type.Optional(Type.Boolean()) }, { additionalProperties: false });

export const SectionSchema = Type.Object({
  section: Type.String(),
  order: Type.Integer({ description: 'Smallest order among the section’s active items' }),
  item_count: Type.Integer(),
});
export type ChecklistSection = Static<typeof SectionSchema>;

const SectionInput = Type.String({ minLength: 1, maxLength: 60, pattern: '\\S', description: 'Upper-cased and trimmed, e.g. REM' });
const ItemNameInput = Type.String({ minLength: 1, maxLength: 200, pattern: '\\S' });
const OrderInput = Type.Integer({
  minimum: 0,
  maximum: 100_000,
  description: 'Position in the checklist; sections follow their smallest order',
});
// An empty list would make an item apply to nothing; "every type" is spelled null.
const VehicleTypesInput = Type.Union(
  [Type.Array(Type.String({ minLength: 1, maxLength: 50, pattern: '\\S' }), { minItems: 1, maxItems: 50 }), Type.Null()],
  { description: 'Vehicle types the item applies to; null for every type' },
);

export const CreateItemBody = Type.Object(
  { section: SectionInput, item_name: ItemNameInput, order: OrderInput, vehicle_types: Type.Optional(VehicleTypesInput) },
  { additionalProperties: false },
);
export type CreateItemInput = Static<typeof CreateItemBody>;

/** is_active=true brings a retired item back. */
export const UpdateItemBody = PatchBody(CreateItemBody, { is_active: Type.Optional(Type.Boolean()) });
export type UpdateItemInput = Static<typeof UpdateItemBody>;
