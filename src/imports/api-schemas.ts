/** The bulk import on the wire. The web imports these types. */
import { Type, type Static } from '@sinclair/typebox';
import { LiteralUnion } from '../http/api-schemas.js';
import { IMPORT_ACTIONS } from './values.js';

export const ImportQuerySchema = Type.Object(
  { dry_run: Type.Optional(Type.Boolean({ default: false, description: 'true: check the file and say what each row would do; nothing is written' })) },
  { additionalProperties: false },
);
export type ImportQuery = Static<typeof ImportQuerySchema>;

export const ImportRowErrorSchema = Type.Object({
  row: Type.Integer({ description: 'as the spreadsheet numbers it: the header is row 1' }),
  column: Type.String({ description: 'the column name (or its letter when it has none)' }),
  code: Type.String(),
  message: Type.String(),
});
export type ImportRowError = Static<typeof ImportRowErrorSchema>;

export const ImportItemSchema = Type.Object({
  row: Type.Integer(),
  action: LiteralUnion(IMPORT_ACTIONS),
  key: Type.String({ description: 'unit_code, or the phone number in E.164' }),
});
export type ImportItem = Static<typeof ImportItemSchema>;

export const TemporaryPasswordSchema = Type.Object({
  row: Type.Integer(),
  phone_number: Type.String(),
  password: Type.String({ description: 'shown this once; its owner must change it at first login' }),
});
export type TemporaryPasswordView = Static<typeof TemporaryPasswordSchema>;

const resultProperties = {
  dry_run: Type.Boolean(),
  rows: Type.Integer({ description: 'data rows read (empty rows skipped)' }),
  create: Type.Integer(),
  update: Type.Integer(),
  unchanged: Type.Integer(),
  errors: Type.Array(ImportRowErrorSchema),
  items: Type.Array(ImportItemSchema, { description: 'what each valid row would do (dry run) or did' }),
  temporary_passwords: Type.Array(TemporaryPasswordSchema, { description: 'users import, real run only: the new accounts imported without a password' }),
};

export const ImportResultSchema = Type.Object(resultProperties);
export type ImportResult = Static<typeof ImportResultSchema>;

/** 422 IMPORT_INVALID: the whole result beside the code, so the client shows every error. */
export const ImportRefusedEnvelope = Type.Object({
  success: Type.Literal(false),
  message: Type.String(),
  payload: Type.Object({ code: Type.String(), ...Type.Partial(Type.Object(resultProperties)).properties }),
});
