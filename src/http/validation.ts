import AjvModule, { type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import { DomainError, type ErrorDetail } from '../lib/errors.js';

// ajv and ajv-formats are CommonJS; under NodeNext their default export sits one level down.
const Ajv = AjvModule.default;
const addFormats = addFormatsModule.default;

function makeAjv(coerceTypes: boolean) {
  const ajv = new Ajv({
    allErrors: true, // report every bad field at once
    removeAdditional: false, // unknown fields are an error, not silently dropped
    useDefaults: true,
    coerceTypes: coerceTypes ? 'array' : false,
    strict: false,
  });
  addFormats(ajv); // "full" formats: 2026-02-30 is not a date
  return ajv;
}

// Query strings and path params are text by nature, so they are coerced; JSON bodies must carry the right types.
const bodyAjv = makeAjv(false);
const paramsAjv = makeAjv(true);

export const validatorCompiler: FastifySchemaCompiler<unknown> = ({ schema, httpPart }) => {
  const ajv = httpPart === 'body' ? bodyAjv : paramsAjv;
  const validate = ajv.compile(schema as object);
  // PostgreSQL text cannot hold U+0000: refused here as a bad field, or the query fails with a 500.
  const check = (data: unknown): boolean => {
    if (!validate(data)) {
      check.errors = validate.errors ?? null;
      return false;
    }
    const path = nulCharacterAt(data, '');
    check.errors = path === undefined ? null : [{ keyword: 'nulCharacter', instancePath: path, schemaPath: '', params: {} }];
    return path === undefined;
  };
  check.errors = null as ErrorObject[] | null;
  return check as ReturnType<FastifySchemaCompiler<unknown>>;
};

/** The JSON pointer of the first text (value or key) holding U+0000, if any. */
function nulCharacterAt(data: unknown, pointer: string): string | undefined {
  if (typeof data === 'string') return data.includes('\u0000') ? pointer : undefined;
  if (data === null || typeof data !== 'object') return undefined;
  for (const [key, value] of Object.entries(data)) {
    const at = `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (key.includes('\u0000')) return at;
    const found = nulCharacterAt(value, at);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** Turns ajv's errors into one entry per field with an Indonesian message. */
export function describeValidationErrors(errors: ErrorObject[], part: string | undefined): ErrorDetail[] {
  const seen = new Set<string>();
  const details: ErrorDetail[] = [];
  // A nullable field (anyOf [x, null]) that fails reports the real problem plus "must be null" and
  // "must match a schema in anyOf": keep only the real one.
  const withRealProblem = new Set(
    errors.filter((e) => e.keyword !== 'anyOf' && !isNullTypeError(e)).map((e) => e.instancePath),
  );
  for (const error of errors) {
    if (error.keyword === 'anyOf' && withRealProblem.has(error.instancePath)) continue;
    if (isNullTypeError(error) && withRealProblem.has(error.instancePath)) continue;
    const detail = describe(error, part);
    const key = `${detail.field}|${detail.code}`;
    if (seen.has(key)) continue;
    seen.add(key);
    details.push(detail);
  }
  return details;
}

function describe(error: ErrorObject, part: string | undefined): ErrorDetail {
  const base = pointerToField(error.instancePath);
  const params = error.params as Record<string, unknown>;
  const join = (name: unknown) => [base, String(name)].filter(Boolean).join('.');
  const field = (f: string) => (part && part !== 'body' ? `${part}.${f}` : f) || part || 'body';
  switch (error.keyword) {
    case 'required':
      return { field: field(join(params.missingProperty)), code: 'required', message: 'wajib diisi' };
    case 'additionalProperties':
      return { field: field(join(params.additionalProperty)), code: 'unknown_field', message: 'field tidak dikenal' };
    case 'type':
      return { field: field(base), code: 'type', message: `harus bertipe ${translateType(String(params.type))}` };
    case 'format':
      return { field: field(base), code: 'format', message: formatMessage(String(params.format)) };
    case 'enum':
      return {
        field: field(base),
        code: 'enum',
        message: `harus salah satu dari: ${(params.allowedValues as unknown[]).join(', ')}`,
      };
    case 'const':
      return { field: field(base), code: 'enum', message: `harus bernilai ${String(params.allowedValue)}` };
    case 'minLength':
      return Number(params.limit) === 1
        ? { field: field(base), code: 'min_length', message: 'tidak boleh kosong' }
        : { field: field(base), code: 'min_length', message: `minimal ${params.limit} karakter` };
    case 'maxLength':
      return { field: field(base), code: 'max_length', message: `maksimal ${params.limit} karakter` };
    case 'minimum':
      return { field: field(base), code: 'minimum', message: `minimal ${params.limit}` };
    case 'maximum':
      return { field: field(base), code: 'maximum', message: `maksimal ${params.limit}` };
    case 'minItems':
      return { field: field(base), code: 'min_items', message: `minimal ${params.limit} item` };
    case 'maxItems':
      return { field: field(base), code: 'max_items', message: `maksimal ${params.limit} item` };
    case 'pattern':
      return { field: field(base), code: 'pattern', message: 'format tidak valid' };
    case 'anyOf':
      return { field: field(base), code: 'invalid', message: 'nilai tidak valid' };
    case 'nulCharacter':
      return { field: field(base), code: 'invalid_character', message: 'mengandung karakter NUL (\\u0000) yang tidak diizinkan' };
    case 'minProperties':
      return { field: field(base), code: 'empty', message: 'minimal satu field harus diisi' };
    default:
      // A keyword no schema here uses yet: still one of the closed detail codes.
      return { field: field(base), code: 'invalid', message: error.message ?? 'tidak valid' };
  }
}

function isNullTypeError(error: ErrorObject): boolean {
  return error.keyword === 'type' && (error.params as { type?: unknown }).type === 'null';
}

/** "/details/0/status" → "details[0].status" */
function pointerToField(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((path, segment) => (/^\d+$/.test(segment) ? `${path}[${segment}]` : path ? `${path}.${segment}` : segment), '');
}

function translateType(type: string): string {
  const names: Record<string, string> = {
    string: 'teks',
    integer: 'bilangan bulat',
    number: 'angka',
    boolean: 'boolean (true/false)',
    object: 'objek',
    array: 'array',
    null: 'null',
  };
  return type
    .split(',')
    .map((t) => names[t] ?? t)
    .join(' atau ');
}

function formatMessage(format: string): string {
  switch (format) {
    case 'date':
      return 'tanggal tidak valid (format YYYY-MM-DD, tanggal harus ada di kalender)';
    case 'email':
      return 'alamat email tidak valid';
    case 'date-time':
      return 'waktu tidak valid (ISO 8601)';
    default:
      return `format ${format} tidak valid`;
  }
}

/** A list filtered by `date_from`/`date_to` (YYYY-MM-DD, so text order is date order) refuses a reversed range. */
export function refuseReversedDateRange(query: { date_from?: string; date_to?: string }): void {
  if (query.date_from && query.date_to && query.date_from > query.date_to) {
    throw new DomainError('INVALID_DATE_RANGE', 'date_from tidak boleh setelah date_to', {
      details: [{ field: 'querystring.date_from', code: 'date_range', message: 'harus sebelum atau sama dengan date_to' }],
    });
  }
}
