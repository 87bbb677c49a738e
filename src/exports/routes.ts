import { PassThrough } from 'node:stream';
import { Type } from '@sinclair/typebox';
import { ErrorEnvelope } from '../http/api-schemas.js';
import type { HttpServer } from '../http/server.js';
import { DomainError } from '../lib/errors.js';
import { ReportsExportQuerySchema, type ReportsExportQuery } from './api-schemas.js';
import { exportFileName, exportRangeProblems, MAX_EXPORT_DAYS } from './range.js';
import type { ReportWorkbookDeps } from './report-workbook.js';

const tags = ['exports'];
const security = [{ bearer: [] }];
const errorRef = Type.Ref(ErrorEnvelope);
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';


export function registerExportRoutes(app: HttpServer, deps: Omit<ReportWorkbookDeps, 'maxRowsPerSheet'>) {
  app.get<{ Querystring: ReportsExportQuery }>(
    '/api/exports/reports.xlsx',
    {
      schema: {
        tags,
        security,
        summary: 'The reports of a date range as an Excel workbook: sheets Laporan (a report a row), Detail (an answer a row) and Defect',
        description:
          `Streamed as it is read, in bounded memory. Dates are Excel dates, times in P2H_TIMEZONE; the range is at most ${MAX_EXPORT_DAYS} days ` +
          '(else 400 VALIDATION_ERROR, as for date_to before date_from). A sheet past Excel\'s 1 048 575 rows continues in "Detail 2" and so on. ' +
          'Text starting with =, +, - or @ is prefixed with an apostrophe so it never runs as a formula.',
        querystring: ReportsExportQuerySchema,
        response: {
          200: { description: 'The workbook', content: { [XLSX]: { schema: { type: 'string', format: 'binary' } } } },
          '4xx': errorRef,
          '5xx': errorRef,
        },
      },
    },
    async (request, reply) => {
      const { date_from: dateFrom, date_to: dateTo, vehicle_id: vehicleId, status } = request.query;
      const problems = exportRangeProblems(dateFrom, dateTo);
      if (problems.length > 0) throw new DomainError('VALIDATION_ERROR', `Rentang tanggal tidak valid: ${problems[0]!.message}`, { details: problems });

      const body = new PassThrough();
      const filter = { dateFrom, dateTo, ...(vehicleId !== undefined && { vehicleId }), ...(status && { status }) };
      // Headers go out with the first bytes; a failure after that can only cut the download short.
      // The writer (exceljs, ~27 MB once loaded) is loaded on the first export, not at every start.
      import('./report-workbook.js')
        .then(({ writeReportsWorkbook, ExportAborted }) =>
          writeReportsWorkbook(body, filter, deps).catch((error: unknown) => {
            if (error instanceof ExportAborted) return void request.log.info('reports export: the client left before the end');
            throw error;
          }),
        )
        .catch((error: unknown) => {
          request.log.error({ err: error }, 'reports export failed while streaming');
          body.destroy(error instanceof Error ? error : new Error(String(error)));
        });
      return reply
        .type(XLSX)
        .header('content-disposition', `attachment; filename="${exportFileName(dateFrom, dateTo)}"`)
        .header('cache-control', 'no-store')
        .header('x-content-type-options', 'nosniff')
        .send(body);
    },
  );
}
