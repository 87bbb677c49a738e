/** Notification enums, in a module that imports nothing: the database, the API schemas and the web app read these lists. */
export const NOTIFICATION_TYPES = ['p2h_abnormal', 'p2h_warning', 'stnk_expiry', 'kir_expiry', 'pajak_expiry', 'test', 'defect_alert', 'defect_repaired', 'unit_back_in_service', 'defect_escalation', 'expiry_digest', 'daily_summary', 'account_notice'] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];

export const NOTIFICATION_STATUSES = ['pending', 'sending', 'sent', 'failed', 'skipped'] as const;
export type NotificationStatus = (typeof NOTIFICATION_STATUSES)[number];

/** Why this chat: the submitter's own, the fallback group for an unlinked user, the admin group, or a workshop member's own (defect alerts). */
export const RECIPIENT_KINDS = ['personal', 'fallback_group', 'admin_group', 'explicit', 'workshop'] as const;
export type RecipientKind = (typeof RECIPIENT_KINDS)[number];
