import type { MessageKey } from './id';

/** English when the count {n} is exactly one ("1 day left", not "1 days left"); the plural form stays in en.ts. */
export const EN_SINGULAR: Partial<Record<MessageKey, string>> = {
  'admin.dash.daysLeft': '{n} day left',
  'check.doc.soon': 'This unit’s {doc} is valid until {date} ({n} day left).',
  'check.fixSection': '{n} item in this part is not complete yet.',
  'check.missing': '{n} item is not complete. Complete it before submitting.',
  'history.count': '{n} report',
  'notifs.count': '{n} notification',
  'notifs.attempts': '{n} attempt',
  'queue.waiting.many': '{n} report waiting for signal',
  'queue.loginWaiting': '{n} report on this phone waits to be sent: log in again to send it.',
  'queue.photos': '{n} photo',
  'board.count': '{n} defect',
  'board.olderHours': 'Older than {n} hour',
  'board.olderDays': 'Older than {n} day',
};
