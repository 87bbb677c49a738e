/**
 * What other features use of photos, as interfaces, so p2h, defects and notifications depend on
 * these and not on the photos service's class (src/photos/service.ts implements both).
 */
import type { Executor } from '../db/client.js';
import type { PhotoRef } from './api-schemas.js';

/** What a set of photos is attached to. */
export type AttachTarget =
  /** A report's answer; `defectId` once the answer's defect is known (set in the same transaction). */
  | { kind: 'answer'; reportId: number; checklistItemId: number; defectId: number | null }
  /** A defect reported outside a P2H (POST /api/defects). */
  | { kind: 'defect'; defectId: number }
  /** A repair: the defect and its `repaired` timeline step. */
  | { kind: 'repair'; defectId: number; defectEventId: number };

export interface AttachRequest {
  photoIds: readonly number[];
  target: AttachTarget;
  /** The request field the ids came from, for the error's details, e.g. `details[2].photo_ids`. */
  field: string;
}

export interface PhotoAttacher {
  /**
   * Attaches the uploader's own, not yet attached photos, inside the caller's transaction (one
   * statement for every request). Any id that is unknown, someone else's or already attached →
   * DomainError PHOTO_NOT_ATTACHABLE with a detail per offending id (`photo_not_found`,
   * `photo_not_yours`, `photo_already_attached`), and the caller's transaction rolls back.
   */
  attach(tx: Executor, uploaderId: number, requests: readonly AttachRequest[]): Promise<void>;
}

export interface PhotoReader {
  /** A report's answer photos by checklist item id, in upload order. */
  forReport(reportId: number, executor?: Executor): Promise<Map<number, PhotoRef[]>>;
  /** Every photo showing these defects (answers, reports outside a P2H, repairs), by defect id, oldest first. */
  forDefects(defectIds: readonly number[], executor?: Executor): Promise<Map<number, PhotoRef[]>>;
  /** The stored JPEG (or its thumbnail), for the Telegram delivery; null when gone. */
  read(photoId: number, size: 'full' | 'thumb'): Promise<Buffer | null>;
}
