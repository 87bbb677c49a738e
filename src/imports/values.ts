/** Fixed lists and limits of the bulk import, in a module with no dependencies: the server, its API schemas and the web read them. */
export const IMPORT_KINDS = ['vehicles', 'users'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/** What a row would do (dry run) or did. */
export const IMPORT_ACTIONS = ['create', 'update', 'unchanged'] as const;
export type ImportAction = (typeof IMPORT_ACTIONS)[number];

/** The upload itself: a sheet of 10 000 units is well under 2 MB as .xlsx and as .csv. */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
/** What an .xlsx may unpack to (declared and actually): a zip bomb stops here, before exceljs reads it. */
export const MAX_UNPACKED_BYTES = 64 * 1024 * 1024;
/** Rows below the header. */
export const MAX_IMPORT_ROWS = 10_000;

/** The units sheet's columns, in template order. */
export const VEHICLE_COLUMNS = ['unit_code', 'plate_number', 'vehicle_type', 'shift_type', 'brand', 'stnk_expiry', 'kir_expiry', 'pajak_expiry'] as const;
export const VEHICLE_REQUIRED_COLUMNS = ['unit_code', 'plate_number', 'vehicle_type', 'shift_type'] as const;
export type VehicleColumn = (typeof VEHICLE_COLUMNS)[number];

/** The users sheet's columns, in template order. */
export const USER_COLUMNS = ['full_name', 'phone_number', 'email', 'role', 'password'] as const;
export const USER_REQUIRED_COLUMNS = ['full_name', 'phone_number', 'role'] as const;
export type UserColumn = (typeof USER_COLUMNS)[number];
