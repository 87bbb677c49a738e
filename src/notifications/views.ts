/** Notifications as the API shows them (admins' list, a report's alerts). */
import type { NotificationRow, NotificationStatus, NotificationType, RecipientKind } from './schema.js';

export interface NotificationView {
  id: number;
  type: NotificationType;
  report_id: number | null;
  vehicle_id: number | null;
  /** The defect a workshop message is about (an alert's first defect, a repair, an escalation). */
  defect_id: number | null;
  document_type: string | null;
  expiry_date: string | null;
  threshold_key: string | null;
  user_id: number | null;
  recipient_chat_id: string | null;
  recipient_kind: RecipientKind | null;
  status: NotificationStatus;
  last_error: string | null;
  attempts: number;
  next_attempt_at: string;
  sent_at: string | null;
  telegram_message_id: string | null;
  created_at: string;
  message: string;
}

export interface NotificationListQuery {
  page: number;
  page_size: number;
  status?: NotificationStatus;
  type?: NotificationType;
  date_from?: string;
  date_to?: string;
}

export function toView(row: NotificationRow): NotificationView {
  return {
    id: row.id,
    type: row.type,
    report_id: row.reportId,
    vehicle_id: row.vehicleId,
    defect_id: row.defectId,
    document_type: row.documentType,
    expiry_date: row.expiryDate,
    threshold_key: row.thresholdKey,
    user_id: row.userId,
    recipient_chat_id: row.recipientChatId,
    recipient_kind: row.recipientKind,
    status: row.status,
    last_error: row.lastError,
    attempts: row.attempts,
    next_attempt_at: row.nextAttemptAt.toISOString(),
    sent_at: row.sentAt?.toISOString() ?? null,
    telegram_message_id: row.telegramMessageId,
    created_at: row.createdAt.toISOString(),
    message: row.message,
  };
}
