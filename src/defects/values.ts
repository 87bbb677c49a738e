// The defect workflow's names as the contract fixes them; no imports, so the web can use them too.

export const DEFECT_STATUSES = ['open', 'in_progress', 'repaired', 'verified', 'closed'] as const;
export type DefectStatus = (typeof DEFECT_STATUSES)[number];

export const DEFECT_SEVERITIES = ['warning', 'abnormal'] as const;
export type Severity = (typeof DEFECT_SEVERITIES)[number];

export const DEFECT_ACTIONS = ['opened', 'reported_again', 'taken', 'assigned', 'repaired', 'verified', 'reopened', 'closed', 'escalated'] as const;
export type DefectAction = (typeof DEFECT_ACTIONS)[number];


/** The longest repair note, wherever it is written (the API body, the bot's reply). */
export const REPAIR_NOTE_MAX_LENGTH = 1000;
