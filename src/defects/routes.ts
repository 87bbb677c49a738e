import { Type } from '@sinclair/typebox';
import { actorOf } from '../auth/guard.js';
import { IdParams, Paged } from '../http/api-schemas.js';
import { created, envelope, ok, pageEnvelope } from '../http/envelope.js';
import { withPaging } from '../lib/paging.js';
import type { HttpServer } from '../http/server.js';
import { AssignBody, CloseBody, DefectDetailSchema, DefectListQuerySchema, DefectSchema, NewDefectBody, RepairBody } from './api-schemas.js';
import type { DefectsService } from './service.js';

const DefectRef = Type.Ref(DefectSchema);
const tags = ['defects'];
const security = [{ bearer: [] }];

export function registerDefectRoutes(app: HttpServer, deps: { defects: DefectsService }) {
  const { defects } = deps;
  app.addSchema(DefectSchema);

  app.get(
    '/api/defects',
    {
      schema: {
        tags,
        security,
        summary: 'Defects, ABNORMAL first then oldest first; filters status, unit, severity, assignee, report, age',
        querystring: DefectListQuerySchema,
        response: ok(Paged(DefectRef)),
      },
    },
    async (request) => {
      const query = withPaging(request.query);
      return pageEnvelope('Daftar defect berhasil diambil', query, await defects.list(query));
    },
  );

  app.post(
    '/api/defects',
    {
      schema: {
        tags,
        security,
        summary: 'Report a defect outside a P2H (seen mid-shift); an unresolved defect on the same unit and item is added to',
        body: NewDefectBody,
        response: created(DefectDetailSchema),
      },
    },
    async (request, reply) => reply.code(201).send(envelope('Defect berhasil dilaporkan', await defects.report(actorOf(request), request.body))),
  );

  app.get(
    '/api/defects/:id',
    { schema: { tags, security, summary: 'A defect with its timeline (oldest first)', params: IdParams, response: ok(DefectDetailSchema) } },
    async (request) => envelope('Defect berhasil diambil', await defects.get(request.params.id)),
  );

  app.post(
    '/api/defects/:id/take',
    {
      schema: { tags, security, summary: 'Take an open defect (→ in_progress, assigned to the caller); 409 when someone has it', params: IdParams, response: ok(DefectDetailSchema) },
    },
    async (request) => envelope('Defect diambil', await defects.take(actorOf(request), request.params.id)),
  );

  app.post(
    '/api/defects/:id/assign',
    {
      schema: { tags, security, summary: 'Assign to an active mechanic (→ in_progress)', params: IdParams, body: AssignBody, response: ok(DefectDetailSchema) },
    },
    async (request) => envelope('Defect ditugaskan', await defects.assign(actorOf(request), request.params.id, request.body.user_id)),
  );

  app.post(
    '/api/defects/:id/repair',
    {
      schema: {
        tags,
        security,
        summary: 'Sign the repair with a note (→ repaired): the assigned mechanic or an admin; the unit returns to service with its last ABNORMAL defect',
        params: IdParams,
        body: RepairBody,
        response: ok(DefectDetailSchema),
      },
    },
    async (request) => envelope('Perbaikan dicatat', await defects.repair(actorOf(request), request.params.id, request.body.note, request.body.photo_ids)),
  );

  app.post(
    '/api/defects/:id/close',
    {
      schema: { tags, security, summary: 'Close as needing no repair, with a reason (→ closed)', params: IdParams, body: CloseBody, response: ok(DefectDetailSchema) },
    },
    async (request) => envelope('Defect ditutup', await defects.close(actorOf(request), request.params.id, request.body.reason)),
  );
}
