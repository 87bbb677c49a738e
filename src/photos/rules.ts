import { seesAllReports } from '../users/rules.js';
import type { Role } from '../users/schema.js';

/**
 * Who may see a photo. Not attached yet: only whoever uploaded it. Attached: whoever sees every
 * report (every role but the driver `user`), and its uploader. Anyone else is told it does not
 * exist (404, not 403), so photo ids cannot be probed.
 */
export function maySeePhoto(actor: { id: number; role: Role }, photo: { uploaderId: number; attachedAt: Date | null }): boolean {
  if (actor.id === photo.uploaderId) return true;
  if (photo.attachedAt === null) return false;
  return seesAllReports(actor.role);
}

/** Photos not attached within this long are removed (rows and stored files). */
export const UNATTACHED_PHOTO_TTL_MS = 24 * 60 * 60 * 1000;

/** The instant before which an unattached photo is abandoned. */
export const abandonedBefore = (now: Date): Date => new Date(now.getTime() - UNATTACHED_PHOTO_TTL_MS);
