/** P2H enums, in a module that imports nothing: the database, the API schemas and the web app read these lists. */
export const P2H_STATUSES = ['normal', 'warning', 'abnormal'] as const;
export type P2hStatus = (typeof P2H_STATUSES)[number];

/** A unit's day on the compliance board: green every slot done, yellow some, red none. */
export const COMPLIANCE_COLORS = ['green', 'yellow', 'red'] as const;
export type ComplianceColor = (typeof COMPLIANCE_COLORS)[number];

/** A unit's day in the monthly compliance matrix. */
export const MATRIX_STATUSES = ['complete', 'partial', 'missing', 'out_of_service', 'future'] as const;
export type MatrixStatus = (typeof MATRIX_STATUSES)[number];
