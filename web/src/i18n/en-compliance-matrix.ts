import type { idComplianceMatrix } from './id-compliance-matrix';

/** The monthly compliance matrix (units × days). */
export const enComplianceMatrix: Record<keyof typeof idComplianceMatrix, string> = {
  'nav.complianceMatrix': 'Compliance matrix',
  'matrix.title': 'Compliance matrix',
  'matrix.subtitle': "P2H per unit per day over a month. A shift unit's operational day starts at 05:00 WITA.",
  'matrix.month': 'Month',
  'matrix.prev': 'Previous month',
  'matrix.next': 'Next month',
  'matrix.download': 'Download Excel',
  'matrix.downloadFailed': 'The Excel download failed. Try again.',
  'matrix.unit': 'Unit',
  'matrix.empty': 'No active units yet.',
  'matrix.legend': 'Legend',
  'matrix.letter.complete': 'C',
  'matrix.letter.partial': 'P',
  'matrix.letter.missing': 'M',
  'matrix.letter.out_of_service': 'X',
  'matrix.letter.future': '–',
  'matrix.status.complete': 'Complete: every slot filed',
  'matrix.status.partial': 'Some slots filed',
  'matrix.status.missing': 'No P2H',
  'matrix.status.out_of_service': 'Out of service (defect / hold)',
  'matrix.status.future': 'Not yet',
  'matrix.worst.warning': 'A WARNING report that day',
  'matrix.worst.abnormal': 'An ABNORMAL report that day',
  'matrix.gridLabel': 'Compliance matrix {month}: a row per unit, a column per date',
};
