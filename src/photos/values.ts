/** What a photo is evidence for, once attached. Dependency-free: the web and the schema import it. */
export const PHOTO_ATTACHMENTS = ['answer', 'defect', 'repair'] as const;
export type PhotoAttachment = (typeof PHOTO_ATTACHMENTS)[number];

/** At most this many photos per answer (and per defect report or repair), as the contract says. */
export const MAX_PHOTOS_PER_ANSWER = 5;
