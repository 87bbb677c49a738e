import { Type } from '@sinclair/typebox';
import { actorOf } from '../auth/guard.js';
import { Envelope, ErrorEnvelope, IdParams, Paged } from '../http/api-schemas.js';
import { envelope, ok, pageEnvelope } from '../http/envelope.js';
import { refuseReversedDateRange } from '../http/validation.js';
import { withPaging } from '../lib/paging.js';
import type { HttpServer } from '../http/server.js';
import { ComplianceMatrixSchema, ComplianceQuerySchema, ComplianceSchema, MatrixQuerySchema, ReportDetailSchema, ReportListQuerySchema, ReportSummarySchema, SubmitReportBody } from './api-schemas.js';
import type { ReportPdf } from './pdf/report-pdf.js';
import type { P2hService } from './service.js';
import type { ComplianceMatrixService } from './compliance-matrix.js';

const tags = ['p2h'];
const security = [{ bearer: [] }];

export function registerP2hRoutes(app: HttpServer, deps: { p2h: P2hService; complianceMatrix: ComplianceMatrixService; reportPdf: ReportPdf; companyName: string }) {
  const { p2h, complianceMatrix, reportPdf, companyName } = deps;

  app.post(
    '/api/p2h/reports',
    {
      schema: {
        tags,
        security,
        summary: 'Submit a P2H; the server computes overall_status, the operational date and (when omitted) the slot',
        description:
          'The operational day is always the clock\'s. A driver (role user) files only the slot the clock is in: shift 05:00–15:30, 14:00–23:30, 22:00–05:00; long shift 05:00–18:30, 17:00–05:00; non-shift all day (the usual windows, an hour early and 30 minutes late); any other slot → 422 SLOT_NOT_OPEN naming the open slot and until when. Admins may file any slot of the day. With P2H_ASSIGNED_ONLY=1 a unit with an assigned driver takes reports only from that driver or an admin (403 UNIT_NOT_ASSIGNED). ' +
          'A report filled offline sends `waited_seconds` (filling to sending, on the phone\'s clock): it is dated the server\'s now minus that (`inspected_at`), and its slot and operational day are those of that instant (at most 24 hours, else 422 INVALID_INSPECTION_TIME); `submitted_at` stays the server\'s time. ' +
          '`client_submission_id` makes a resend safe: the same id again from the same user answers 200 with the report already stored, before any slot rule, never a second report; a new report answers 201. ' +
          'Each answer may carry `photo_ids` (the caller\'s own unattached uploads, at most 5; a NORMAL answer\'s are kept too), else 422 PHOTO_NOT_ATTACHABLE naming each id; with P2H_DEFECT_PHOTO=required a WARNING/ABNORMAL answer without one → 422 PHOTO_REQUIRED.',
        body: SubmitReportBody,
        response: {
          ...ok(ReportDetailSchema),
          200: { ...Envelope(ReportDetailSchema), description: 'A resend: the report this client_submission_id already filed' },
          201: { ...Envelope(ReportDetailSchema), description: 'A new report' },
        },
      },
    },
    async (request, reply) => {
      const { report, created } = await p2h.submitOnce(actorOf(request), request.body);
      if (!created) return reply.code(200).send(envelope('P2H ini sudah diterima sebelumnya', report));
      return reply.code(201).send(envelope(`P2H berhasil dikirim: ${report.overall_status.toUpperCase()}`, report));
    },
  );

  app.get(
    '/api/p2h/reports',
    {
      schema: {
        tags,
        security,
        summary: 'Reports, newest first; a user sees their own, admins and viewers all',
        description:
          '`total` is exact when at most about 20 000 reports match; above that it is PostgreSQL\'s estimate ' +
          '(counting a million rows exactly costs far more than the page). An estimate is never less than the ' +
          'rows already paged through plus one while pages are full, and a partly filled page gives the exact total.',
        querystring: ReportListQuerySchema,
        response: ok(Paged(ReportSummarySchema)),
      },
    },
    async (request) => {
      const query = withPaging(request.query);
      refuseReversedDateRange(query);
      return pageEnvelope('Daftar laporan P2H berhasil diambil', query, await p2h.list(actorOf(request), query));
    },
  );

  app.get(
    '/api/p2h/reports/:id',
    { schema: { tags, security, summary: 'One report with its answers', params: IdParams, response: ok(ReportDetailSchema) } },
    async (request) => envelope('Laporan P2H berhasil diambil', await p2h.get(actorOf(request), request.params.id)),
  );

  app.get(
    '/api/p2h/reports/:id/pdf',
    {
      schema: {
        tags,
        security,
        summary: 'The report as a printable A4 PDF: answers by section, defects with photos, signature lines',
        description:
          'Whoever may read the report (GET /api/p2h/reports/{id}) may print it; others get that route\'s 403/404. ' +
          'Headed by P2H_COMPANY_NAME; times in P2H_TIMEZONE; a photo whose file is gone is a note in the PDF, not an error.',
        params: IdParams,
        response: {
          200: { description: 'The PDF, `inline` with a file name such as p2h-DT-012-2026-01-21-shift1.pdf', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } },
          '4xx': Type.Ref(ErrorEnvelope),
          '5xx': Type.Ref(ErrorEnvelope),
        },
      },
    },
    async (request, reply) => {
      const pdf = await reportPdf.render(actorOf(request), request.params.id);
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${pdf.fileName}"`)
        // A report can change (a defect gets repaired); never served from a shared cache.
        .header('cache-control', 'private, no-store')
        .send(pdf.bytes);
    },
  );

  app.delete(
    '/api/p2h/reports/:id',
    {
      schema: { tags, security, summary: 'Soft-delete a report (frees its slot)', params: IdParams, response: ok(Type.Null()) },
    },
    async (request) => {
      await p2h.remove(actorOf(request), request.params.id);
      return envelope('Laporan P2H berhasil dihapus', null);
    },
  );

  app.get(
    '/api/p2h/compliance',
    {
      schema: {
        tags,
        security,
        summary: "Each active unit's slots done on a day: green all, yellow some, red none",
        querystring: ComplianceQuerySchema,
        response: ok(Type.Array(ComplianceSchema)),
      },
    },
    async (request) => envelope('Kepatuhan P2H berhasil diambil', await p2h.compliance(actorOf(request), request.query.date)),
  );

  // The monthly compliance matrix (units × days), as JSON for the web page and as an Excel sheet.
  const matrixDescription =
    'Each cell: complete (every slot of the operational day filed), partial, missing, out_of_service (not every slot filed and the unit was ' +
    'out of service — an unresolved ABNORMAL defect or an admin hold — at some time that day), future (after the unit\'s current operational day); ' +
    '`worst` is the worst status of that day\'s reports. Units: the active ones, plus deactivated units that filed in that month. ' +
    'A month that is not YYYY-MM with 01–12, or later than next month → 400 VALIDATION_ERROR.';
  app.get(
    '/api/p2h/compliance/matrix',
    { schema: { tags, security, summary: 'Monthly compliance matrix: units × days', description: matrixDescription, querystring: MatrixQuerySchema, response: ok(ComplianceMatrixSchema) } },
    async (request) => envelope('Matriks kepatuhan berhasil diambil', await complianceMatrix.matrix(request.query.month)),
  );
  app.get(
    '/api/p2h/compliance/matrix.xlsx',
    {
      schema: {
        tags,
        security,
        summary: 'The monthly compliance matrix as an Excel sheet (same colours as the web, a letter per cell)',
        description: matrixDescription,
        querystring: MatrixQuerySchema,
        response: { 200: { description: 'An .xlsx workbook', type: 'string', format: 'binary' }, '4xx': Type.Ref(ErrorEnvelope), '5xx': Type.Ref(ErrorEnvelope) },
      },
    },
    async (request, reply) => {
      const matrix = await complianceMatrix.matrix(request.query.month);
      // exceljs (~27 MB once loaded) is loaded with the first sheet, not at every start.
      const { complianceMatrixXlsx } = await import('./compliance-matrix-xlsx.js');
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="kepatuhan-p2h-${matrix.month}.xlsx"`)
        .send(await complianceMatrixXlsx(matrix, companyName));
    },
  );
}
