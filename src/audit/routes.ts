import { Type } from '@sinclair/typebox';
import { Paged } from '../http/api-schemas.js';
import { ok, pageEnvelope } from '../http/envelope.js';
import { refuseReversedDateRange } from '../http/validation.js';
import type { HttpServer } from '../http/server.js';
import { withPaging } from '../lib/paging.js';
import { AuditEntrySchema, AuditLogQuerySchema } from './api-schemas.js';
import type { AuditLog } from './service.js';

const tags = ['audit'];
const security = [{ bearer: [] }];

export function registerAuditRoutes(app: HttpServer, deps: { audit: AuditLog }) {
  const { audit } = deps;
  app.addSchema(AuditEntrySchema);

  app.get(
    '/api/audit-log',
    {
      schema: {
        tags,
        security,
        summary: 'Who changed users, units, documents, checklist items, defects and Telegram links: newest first; dates are days in P2H_TIMEZONE',
        querystring: AuditLogQuerySchema,
        response: ok(Paged(Type.Ref(AuditEntrySchema))),
      },
    },
    async (request) => {
      const query = withPaging(request.query);
      refuseReversedDateRange(query);
      return pageEnvelope('Log audit berhasil diambil', query, await audit.list(query));
    },
  );
}
