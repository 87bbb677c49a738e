/** Vehicle enums, in a module that imports nothing: the database, the API schemas and the web app read these lists. */
export const SHIFT_TYPES = ['shift', 'long_shift', 'non_shift'] as const;
export type ShiftType = (typeof SHIFT_TYPES)[number];

/** The documents whose expiry P2H watches. */
export const DOCUMENT_TYPES = ['stnk', 'kir', 'pajak'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];
