import { Type } from '@sinclair/typebox';
import { actorOf } from '../auth/guard.js';
import { DateString, IdParams, Paged } from '../http/api-schemas.js';
import { created, envelope, ok, pageEnvelope } from '../http/envelope.js';
import { DomainError } from '../lib/errors.js';
import { withPaging } from '../lib/paging.js';
import type { HttpServer } from '../http/server.js';
import { addDays } from '../lib/time.js';
import {
  AvailabilitySchema,
  CreateVehicleBody,
  HoldBody,
  ExpiringDocumentSchema,
  ExpiringQuerySchema,
  UpdateVehicleBody,
  VehicleListQuerySchema,
  VehicleSchema,
  VehicleTypeBody,
  VehicleTypeSchema,
} from './api-schemas.js';
import type { VehiclesService } from './service.js';

const VehicleRef = Type.Ref(VehicleSchema);
const tags = ['vehicles'];
const security = [{ bearer: [] }];

export function registerVehicleRoutes(app: HttpServer, deps: { vehicles: VehiclesService; timezone: string }) {
  const { vehicles, timezone } = deps;
  app.addSchema(VehicleSchema);

  app.post(
    '/api/vehicles',
    {
      schema: {
        tags,
        security,
        summary: 'Register a unit with its document expiry dates',
        body: CreateVehicleBody,
        response: created(VehicleRef),
      },
    },
    async (request, reply) => reply.code(201).send(envelope('Unit berhasil dibuat', await vehicles.create(actorOf(request), request.body))),
  );

  app.get(
    '/api/vehicles',
    {
      schema: {
        tags,
        security,
        summary:
          'List units by unit code, with paging. q matches unit code and plate ignoring case, spaces and dots ' +
          '("p309" finds "P.309"). Only active units unless is_active=false (then only inactive ones).',
        querystring: VehicleListQuerySchema,
        response: ok(Paged(VehicleRef)),
      },
    },
    async (request) => {
      const query = withPaging(request.query);
      return pageEnvelope('Daftar unit berhasil diambil', query, await vehicles.list(query));
    },
  );

  // Registered before /api/vehicles/:id for readability; the router prefers static segments anyway.
  app.get(
    '/api/vehicles/documents/expiring',
    {
      schema: {
        tags,
        security,
        summary: 'Documents (STNK, KIR, pajak) of active units expiring on or before a date, expired ones included, soonest first',
        querystring: ExpiringQuerySchema,
        response: ok(Type.Array(ExpiringDocumentSchema)),
      },
    },
    async (request) => {
      const { before, type } = request.query;
      const documents = await vehicles.documentsExpiringBefore(before, type ? [type] : undefined);
      return envelope('Daftar dokumen yang akan habis berhasil diambil', documents);
    },
  );

  app.get(
    '/api/vehicles/:id',
    { schema: { tags, security, summary: 'One unit', params: IdParams, response: ok(VehicleRef) } },
    async (request) => envelope('Data unit berhasil diambil', await vehicles.get(request.params.id)),
  );

  app.patch(
    '/api/vehicles/:id',
    {
      schema: {
        tags,
        security,
        summary: 'Edit a unit; a document date set to null removes that document',
        params: IdParams,
        body: UpdateVehicleBody,
        response: ok(VehicleRef),
      },
    },
    async (request) => envelope('Unit berhasil diubah', await vehicles.update(actorOf(request), request.params.id, request.body)),
  );

  app.delete(
    '/api/vehicles/:id',
    {
      schema: { tags, security, summary: 'Deactivate a unit (its reports are kept)', params: IdParams, response: ok(VehicleRef) },
    },
    async (request) => envelope('Unit berhasil dinonaktifkan', await vehicles.deactivate(actorOf(request), request.params.id)),
  );

  app.post(
    '/api/vehicles/:id/out-of-service',
    {
      schema: {
        tags,
        security,
        summary: 'Hold a unit out of service by hand, with a reason (again: replaces the reason)',
        params: IdParams,
        body: HoldBody,
        response: ok(VehicleRef),
      },
    },
    async (request) => envelope('Unit dinyatakan tidak boleh beroperasi', await vehicles.holdOutOfService(actorOf(request), request.params.id, request.body.reason)),
  );

  app.post(
    '/api/vehicles/:id/return-to-service',
    {
      schema: {
        tags,
        security,
        summary: "End an admin's hold; 409 UNRESOLVED_ABNORMAL_DEFECT while an ABNORMAL defect is open or in progress",
        params: IdParams,
        response: ok(VehicleRef),
      },
    },
    async (request) => envelope('Unit kembali boleh beroperasi', await vehicles.returnToService(actorOf(request), request.params.id)),
  );

  app.get(
    '/api/vehicles/:id/availability',
    {
      schema: {
        tags,
        security,
        summary: 'Hours out of service and availability % between two dates (both included, P2H_TIMEZONE), up to now',
        params: IdParams,
        querystring: Type.Object({ from: DateString('First day, YYYY-MM-DD'), to: DateString('Last day, YYYY-MM-DD') }, { additionalProperties: false }),
        response: ok(AvailabilitySchema),
      },
    },
    async (request) => {
      const { from, to } = request.query;
      if (from > to) throw new DomainError('INVALID_DATE_RANGE', 'Tanggal "from" harus sebelum atau sama dengan "to"', { details: [{ field: 'querystring.from', code: 'invalid', message: 'setelah "to"' }] });
      if (addDays(from, 366) < to) throw new DomainError('INVALID_DATE_RANGE', 'Rentang paling panjang 366 hari', { details: [{ field: 'querystring.to', code: 'invalid', message: 'lebih dari 366 hari setelah "from"' }] });
      return envelope('Ketersediaan unit berhasil dihitung', await vehicles.availability(request.params.id, { from, to }, timezone));
    },
  );

  app.get(
    '/api/vehicle-types',
    {
      schema: { tags, security, summary: 'Vehicle type names, alphabetical', response: ok(Type.Array(Type.String())) },
    },
    async () => envelope('Daftar tipe kendaraan berhasil diambil', await vehicles.typeNames()),
  );

  app.post(
    '/api/vehicle-types',
    {
      schema: {
        tags,
        security,
        summary: 'Add a vehicle type (trimmed; 409 when it exists in any letter case)',
        body: VehicleTypeBody,
        response: created(VehicleTypeSchema),
      },
    },
    async (request, reply) =>
      reply.code(201).send(envelope('Tipe kendaraan berhasil ditambahkan', { name: await vehicles.addType(request.body.name) })),
  );
}
