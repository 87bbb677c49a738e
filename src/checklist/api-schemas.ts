import { Type } from '@sinclair/typebox';
import { KnownDefectSchema } from '../defects/api-schemas.js';

export const ApplicableItemSchema = Type.Object({
  id: Type.Integer(),
  section: Type.String(),
  item_name: Type.String(),
  order: Type.Integer(),
});

/** An item to answer for a unit, with what is already known about it on that unit. */
export const ChecklistEntrySchema = Type.Object({
  ...ApplicableItemSchema.properties,
  open_defect: Type.Union([KnownDefectSchema, Type.Null()], {
    description: 'The live defect (open, in progress or repaired awaiting a NORMAL answer) of this item on the unit; null without vehicle_id',
  }),
});

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

export const SectionSchema = Type.Object({
  section: Type.String(),
  order: Type.Integer({ description: 'Smallest order among the section’s active items' }),
  item_count: Type.Integer(),
});

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

export const UpdateItemBody = Type.Object(
  {
    section: Type.Optional(SectionInput),
    item_name: Type.Optional(ItemNameInput),
    order: Type.Optional(OrderInput),
    vehicle_types: Type.Optional(VehicleTypesInput),
    is_active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);
