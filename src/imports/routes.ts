import multipart from '@fastify/multipart';
import { Type } from '@sinclair/typebox';
import { actorOf } from '../auth/guard.js';
import { Envelope, ErrorEnvelope } from '../http/api-schemas.js';
import { envelope } from '../http/envelope.js';
import type { HttpServer } from '../http/server.js';
import { readSingleFile, singleFileLimits } from '../http/upload.js';
import { DomainError } from '../lib/errors.js';
import { ImportQuerySchema, ImportRefusedEnvelope, ImportResultSchema, type ImportResult } from './api-schemas.js';
import type { ImportsService } from './service.js';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ROWS, MAX_UNPACKED_BYTES, USER_COLUMNS, VEHICLE_COLUMNS, type ImportKind } from './values.js';

const tags = ['imports'];
const security = [{ bearer: [] }];
const errorRef = Type.Ref(ErrorEnvelope);
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MEGABYTES = MAX_IMPORT_BYTES / 1024 / 1024;

const refusals = {
  missing: () => new DomainError('FILE_MISSING', 'Kirim berkasnya (.xlsx atau .csv) sebagai multipart/form-data di field "file"'),
  tooLarge: () => new DomainError('IMPORT_TOO_LARGE', `Ukuran berkas impor maksimal ${MEGABYTES} MB`),
  tooManyFiles: () => new DomainError('BAD_REQUEST', 'Kirim satu berkas per impor'),
};

const WHAT = { vehicles: { noun: 'units', columns: VEHICLE_COLUMNS, key: 'unit_code' }, users: { noun: 'users', columns: USER_COLUMNS, key: 'phone_number (normalised)' } } as const;

export function registerImportRoutes(app: HttpServer, deps: { imports: ImportsService }) {
  const { imports } = deps;
  app.register(async (scope) => {
    // Multipart only here (and for photos): every other route keeps refusing anything but JSON.
    await scope.register(multipart, { limits: singleFileLimits(MAX_IMPORT_BYTES) });
    const routes = scope as unknown as HttpServer;
    for (const kind of ['vehicles', 'users'] as const) {
      const { noun, columns, key } = WHAT[kind];
      routes.post(
        `/api/imports/${kind}`,
        {
          schema: {
            tags,
            security,
            summary: `Import ${noun} from .xlsx or .csv (multipart, the field \`file\`); \`?dry_run=true\` only says what each row would do`,
            description:
              `Columns (header row, any order): ${columns.join(', ')}. Rows are matched by ${key}: a match is updated, else created; the same file again changes nothing. ` +
              `At most ${MEGABYTES} MB, ${MAX_IMPORT_ROWS} rows and ${MAX_UNPACKED_BYTES / 1024 / 1024} MB unpacked (.xlsx). CSV: UTF-8, UTF-16 with BOM or Windows-1252; separator , ; or tab. ` +
              'Empty rows are skipped, merged cells refused, formulas stored as their text (never evaluated). Without dry_run it is all or nothing, in one transaction: ' +
              'any error → 422 IMPORT_INVALID with the whole result (every error with its row and column) and nothing written. ' +
              (kind === 'users' ? 'A new account without a password gets a temporary one, returned once in temporary_passwords, and must change it at first login. A stored account keeps its password. ' : '') +
              'Refusals: 400 FILE_MISSING, 413 IMPORT_TOO_LARGE, 413 IMPORT_UNPACKED_TOO_LARGE, 413 IMPORT_TOO_MANY_ROWS, 415 IMPORT_NOT_SPREADSHEET, 422 IMPORT_CORRUPT, 422 IMPORT_EMPTY, 422 IMPORT_INVALID, 409 IMPORT_CONFLICT.',
            querystring: ImportQuerySchema,
            // Documentation only: @fastify/multipart leaves the body undefined; the handler reads the form.
            body: { content: { 'multipart/form-data': { schema: { properties: { file: { type: 'string', contentMediaType: XLSX } }, required: ['file'] } } } },
            response: { 200: Envelope(ImportResultSchema), 422: ImportRefusedEnvelope, '4xx': errorRef, '5xx': errorRef },
          },
        },
        async (request) => {
          const { bytes } = await readSingleFile(request, MAX_IMPORT_BYTES, refusals);
          const options = { dryRun: (request.query as { dry_run?: boolean }).dry_run === true };
          const actor = actorOf(request);
          const result = kind === 'vehicles' ? await imports.importVehicles(actor, bytes, options) : await imports.importUsers(actor, bytes, options);
          return envelope(messageOf(result), result);
        },
      );
    }
  });

  for (const kind of ['vehicles', 'users'] as const) {
    app.get(
      `/api/imports/${kind}/template.xlsx`,
      {
        schema: {
          tags,
          security,
          summary: `The ${WHAT[kind].noun} import template: the sheet to fill (first) and a sheet that explains each column`,
          response: { 200: { description: 'The workbook', content: { [XLSX]: { schema: { type: 'string', format: 'binary' } } } }, '4xx': errorRef, '5xx': errorRef },
        },
      },
      async (_request, reply) =>
        reply
          .type(XLSX)
          .header('content-disposition', `attachment; filename="${templateFileName(kind)}"`)
          .header('cache-control', 'no-store')
          .header('x-content-type-options', 'nosniff')
          .send(await imports.template(kind)),
    );
  }
}

export const templateFileName = (kind: ImportKind) => `p2h-template-${kind === 'vehicles' ? 'unit' : 'user'}.xlsx`;

function messageOf(result: ImportResult): string {
  const counts = `${result.create} baru, ${result.update} diperbarui, ${result.unchanged} tidak berubah`;
  if (!result.dry_run) return `Impor selesai: ${counts}`;
  return result.errors.length > 0 ? `Pemeriksaan: ${result.errors.length} kesalahan; baris yang benar: ${counts}` : `Pemeriksaan: ${counts}. Belum ada yang disimpan`;
}
