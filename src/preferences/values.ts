/** Notification preferences' closed lists. Dependency-free: the web and the schema import it. */
export const DELIVERY_MODES = ['on', 'silent', 'off'] as const;
export type DeliveryMode = (typeof DELIVERY_MODES)[number];

export const LANGUAGES = ['id', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** The kinds of message a person can tune, as the contract names them. */
export const PREFERENCE_TOPICS = ['p2h_warning', 'p2h_abnormal', 'defects', 'expiry', 'daily_summary'] as const;
export type PreferenceTopic = (typeof PREFERENCE_TOPICS)[number];
