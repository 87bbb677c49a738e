import type { idNotifications } from './id-notifications';

/** The admin's notification log. */
export const enNotifications: Record<keyof typeof idNotifications, string> = {
  'notifs.title': 'Notification log',
  'notifs.status': 'Status',
  'notifs.type': 'Type',
  'notifs.allTypes': 'All types',
  'notifs.allStatuses': 'All statuses',
  'notifs.type.test': 'Test',
  'notifs.created': 'Created',
  'notifs.count': '{n} notifications',
  'notifs.queued': 'Last queued',
  'notifs.attempts': '{n} attempts',
  'notifs.lastError': 'Last error',
  'notifs.skipReason': 'Why it was not sent',
  'notifs.resend': 'Resend',
  'notifs.resent': 'Notification #{id} was queued again (status: {status}).',
  'notifs.report': 'Report #{id}',
};
