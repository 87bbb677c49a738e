/**
 * Every `payload.code` the server answers with, and every `payload.details[].code`: one closed list
 * for the services, the HTTP edge (src/http/error-status.ts gives each its status), the bot and the
 * web (a type-only import), so a renamed code fails `tsc` on every side.
 *
 * Imports nothing: the web compiles this file too, with DOM types and no Node.
 */
export const ERROR_CODES = [
  // The request itself, refused at the HTTP edge before any service sees it
  'VALIDATION_ERROR',
  'INVALID_JSON',
  'EMPTY_BODY',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'BAD_REQUEST',
  'NOT_FOUND',
  'PAGE_TOO_DEEP',
  'INVALID_DATE_RANGE',
  // Who is asking
  'UNAUTHENTICATED',
  'INVALID_TOKEN',
  'TOKEN_EXPIRED',
  'INVALID_CREDENTIALS',
  'ACCOUNT_INACTIVE',
  'TOO_MANY_ATTEMPTS',
  'FORBIDDEN',
  'INVALID_INTERNAL_TOKEN',
  'INTERNAL_API_DISABLED',
  // Users
  'USER_NOT_FOUND',
  'PHONE_EXISTS',
  'EMAIL_EXISTS',
  'INVALID_PHONE',
  'WRONG_PASSWORD',
  'SAME_PASSWORD',
  'OWN_PASSWORD_NEEDS_CURRENT',
  'PASSWORD_CHANGE_REQUIRED',
  // Telegram linking
  'PHONE_NOT_FOUND',
  'CHAT_ALREADY_LINKED',
  'ACCOUNT_LINKED_ELSEWHERE',
  'BOT_NOT_CONFIGURED',
  'BOT_UNREACHABLE',
  // Vehicles and the checklist
  'VEHICLE_NOT_FOUND',
  'UNIT_CODE_EXISTS',
  'VEHICLE_TYPE_EXISTS',
  'UNKNOWN_VEHICLE_TYPE',
  'INVALID_DRIVER',
  'CHECKLIST_ITEM_NOT_FOUND',
  // P2H reports
  'VEHICLE_INACTIVE',
  'INVALID_SHIFT',
  'INVALID_ANSWERS',
  'SLOT_TAKEN',
  'SLOT_NOT_OPEN',
  'UNIT_NOT_ASSIGNED',
  'REPORT_NOT_FOUND',
  'INVALID_INSPECTION_TIME',
  // Defects and unit state
  'DEFECT_NOT_FOUND',
  'DEFECT_ALREADY_TAKEN',
  'DEFECT_NOT_ACTIVE',
  'DEFECT_NOT_ASSIGNED_TO_YOU',
  'ASSIGNEE_NOT_MECHANIC',
  'ITEM_NOT_APPLICABLE',
  'UNRESOLVED_ABNORMAL_DEFECT',
  // Photos
  'FILE_MISSING',
  'PHOTO_EMPTY',
  'PHOTO_TOO_LARGE',
  'PHOTO_TOO_MANY_FILES',
  'PHOTO_NOT_IMAGE',
  'PHOTO_CORRUPT',
  'PHOTO_TOO_MANY_PIXELS',
  'PHOTO_NOT_FOUND',
  'PHOTO_NOT_ATTACHABLE',
  'PHOTO_REQUIRED',
  // Bulk import of units and users
  'IMPORT_NOT_SPREADSHEET',
  'IMPORT_TOO_LARGE',
  'IMPORT_UNPACKED_TOO_LARGE',
  'IMPORT_TOO_MANY_ROWS',
  'IMPORT_CORRUPT',
  'IMPORT_EMPTY',
  'IMPORT_INVALID',
  'IMPORT_CONFLICT',
  // Notifications
  'INVALID_QUIET_HOURS',
  'NOTIFICATION_NOT_FOUND',
  'NOTIFICATION_NOT_RESENDABLE',
  // The server's own trouble
  'INTERNAL_ERROR',
  'DATABASE_UNAVAILABLE',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** What is wrong with one field (`details[].code`); the message beside it says it in Indonesian. */
export const DETAIL_CODES = [
  // Schema validation (src/http/validation.ts)
  'required',
  'unknown_field',
  'type',
  'format',
  'enum',
  'min_length',
  'max_length',
  'minimum',
  'maximum',
  'min_items',
  'max_items',
  'pattern',
  'invalid',
  'invalid_character',
  'empty',
  // The rules of the domain
  'page_too_deep',
  'date_range',
  'invalid_phone',
  'invalid_driver',
  'unit_code_exists',
  'unknown_vehicle_type',
  'invalid_shift',
  'slot_taken',
  'slot_not_open',
  'item_not_applicable',
  'duplicate_answer',
  'remark_required',
  'missing_answer',
  'not_mechanic',
  'photo_not_found',
  'photo_not_yours',
  'photo_already_attached',
  'photo_required',
  'inspected_at_too_old',
  'quiet_hours',
  // A row of an imported sheet
  'unknown_column',
  'missing_column',
  'duplicate_column',
  'merged_cell',
  'cell_error',
  'duplicate_in_file',
  'invalid_date',
  'invalid_email',
  'email_exists',
  'unknown_role',
  'role_not_allowed',
  'unknown_shift_type',
] as const;

export type DetailCode = (typeof DETAIL_CODES)[number];
