/** What an audit entry is about: the contract's `entity` values. */
export const AUDIT_ENTITIES = ['user', 'vehicle', 'document', 'checklist_item', 'defect', 'telegram_link'] as const;
export type AuditEntity = (typeof AUDIT_ENTITIES)[number];

/**
 * What happened to it. A deactivation, a password change and each defect step get their own word,
 * so an admin can filter for them; every other edit is `update`.
 */
export const AUDIT_ACTIONS = [
  'create',
  'update',
  'deactivate',
  'password_change',
  'password_reset',
  'link',
  'unlink',
  'out_of_service',
  'return_to_service',
  'reopen',
  'take',
  'assign',
  'repair',
  'close',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** Fields every write bumps: a change to them alone is no change worth an entry, and the web's diff leaves them out. */
export const AUDIT_BOOKKEEPING_FIELDS = ['updated_at'] as const;
