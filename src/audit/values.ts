/** What an audit entry is about: the contract's `entity` values. */
export const AUDIT_ENTITIES = ['user', 'vehicle', 'document', 'checklist_item', 'defect', 'telegram_link'] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];

/** What happened to it. */
export const AUDIT_ACTIONS = ['create', 'update', 'delete', 'password_change', 'password_reset', 'link', 'unlink', 'transition'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
