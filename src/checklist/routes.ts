import { Type } from '@sinclair/typebox';
import { actorOf } from '../auth/guard.js';
import { IdParams } from '../http/api-schemas.js';
import { created, envelope, ok } from '../http/envelope.js';
import type { KnownDefect } from '../defects/types.js';
import type { HttpServer } from '../http/server.js';
import {
  ChecklistEntrySchema,
  ChecklistItemSchema,
  ChecklistQuerySchema,
  CreateItemBody,
  ItemsFilterQuerySchema,
  SectionSchema,
  UpdateItemBody,
} from './api-schemas.js';
import type { ChecklistService } from './service.js';

const ItemRef = Type.Ref(ChecklistItemSchema);
const tags = ['checklist'];
const security = [{ bearer: [] }];

/** The live defects of a unit by checklist item (the defects feature answers it). */
export type KnownDefectsOf = (vehicleId: number) => Promise<Map<number, KnownDefect>>;

export function registerChecklistRoutes(app: HttpServer, deps: { checklist: ChecklistService; knownDefects: KnownDefectsOf }) {
  const { checklist, knownDefects } = deps;
  app.addSchema(ChecklistItemSchema);

  app.get(
    '/api/checklist',
    {
      schema: {
        tags,
        security,
        summary: "The active items to answer for a unit (those for its vehicle type), in order, each with the unit's live defect on it; without vehicle_id, every active item",
        querystring: ChecklistQuerySchema,
        response: ok(Type.Array(ChecklistEntrySchema)),
      },
    },
    async (request) => {
      const vehicleId = request.query.vehicle_id;
      const [items, known] = await Promise.all([checklist.itemsFor(vehicleId), vehicleId === undefined ? new Map<number, KnownDefect>() : knownDefects(vehicleId)]);
      const entries = items.map((item) => ({ ...item, open_defect: known.get(item.id) ?? null }));
      return envelope('Daftar item checklist berhasil diambil', entries);
    },
  );

  app.get(
    '/api/checklist/sections',
    {
      schema: {
        tags,
        security,
        summary: 'Sections of the active checklist, in the order of their first item',
        response: ok(Type.Array(SectionSchema)),
      },
    },
    async () => envelope('Daftar bagian checklist berhasil diambil', await checklist.sections()),
  );

  app.get(
    '/api/checklist/items',
    {
      schema: {
        tags,
        security,
        summary: 'Every checklist item, retired ones included unless is_active is given',
        querystring: ItemsFilterQuerySchema,
        response: ok(Type.Array(ItemRef)),
      },
    },
    async (request) => envelope('Daftar item checklist berhasil diambil', await checklist.listAll(request.query)),
  );

  app.post(
    '/api/checklist/items',
    {
      schema: { tags, security, summary: 'Add a checklist item', body: CreateItemBody, response: created(ItemRef) },
    },
    async (request, reply) => reply.code(201).send(envelope('Item checklist berhasil dibuat', await checklist.create(actorOf(request), request.body))),
  );

  app.get(
    '/api/checklist/items/:id',
    { schema: { tags, security, summary: 'One checklist item', params: IdParams, response: ok(ItemRef) } },
    async (request) => envelope('Item checklist berhasil diambil', await checklist.get(request.params.id)),
  );

  app.patch(
    '/api/checklist/items/:id',
    {
      schema: {
        tags,
        security,
        summary: 'Edit a checklist item; is_active=true brings a retired item back',
        params: IdParams,
        body: UpdateItemBody,
        response: ok(ItemRef),
      },
    },
    async (request) => envelope('Item checklist berhasil diubah', await checklist.update(actorOf(request), request.params.id, request.body)),
  );

  app.delete(
    '/api/checklist/items/:id',
    {
      schema: {
        tags,
        security,
        summary: 'Retire a checklist item (kept for old reports, no longer asked)',
        params: IdParams,
        response: ok(ItemRef),
      },
    },
    async (request) => envelope('Item checklist berhasil dinonaktifkan', await checklist.retire(actorOf(request), request.params.id)),
  );
}
