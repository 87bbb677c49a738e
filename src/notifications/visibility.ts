import { isAdmin } from '../users/rules.js';
import type { Role } from '../users/schema.js';
import { SKIP_REASONS } from './routing.js';

/**
 * What a reader of a report may see of its alert's last error. Admins see it all: they fix delivery.
 * Everyone else sees only why it was skipped (the driver's page explains "bot not configured" and
 * "no recipient"): those are our own fixed words, while a send error is Telegram's text about chats
 * and configuration that drivers and viewers have no business reading.
 */
export function visibleLastError(viewer: Role, notification: { status: string; last_error: string | null }): string | null {
  if (isAdmin(viewer)) return notification.last_error;
  if (notification.status === 'skipped' && notification.last_error !== null && SKIP_REASONS.includes(notification.last_error)) return notification.last_error;
  return null;
}
