/**
 * The rules of a report filled in the field, maybe without signal, as plain functions: when it
 * counts as inspected, and which answers lack the photo P2H_DEFECT_PHOTO=required asks for.
 */
import type { ErrorDetail } from '../lib/errors.js';
import type { SubmitInput } from './api-schemas.js';

/** A phone's clock runs a little ahead now and then; more than this is not a real inspection time. */
export const INSPECTED_AT_MAX_AHEAD_MS = 2 * 60_000;
/** A report that waited offline longer than a day is too stale to stand for a slot. */
export const INSPECTED_AT_MAX_AGE_MS = 24 * 3_600_000;

export type InspectionInstant =
  /** `instant` decides the slot and the operational day; `inspectedAt` is what is stored (null: sent at once). */
  | { ok: true; instant: Date; inspectedAt: Date | null }
  | { ok: false; detail: ErrorDetail };

/**
 * The instant a report speaks for: the time the driver filled it (`inspected_at`, from a report
 * queued offline) when given and believable, else the server's now.
 */
export function inspectionInstant(now: Date, inspectedAt: string | undefined): InspectionInstant {
  if (inspectedAt === undefined) return { ok: true, instant: now, inspectedAt: null };
  const at = new Date(inspectedAt);
  if (Number.isNaN(at.getTime())) {
    return { ok: false, detail: { field: 'inspected_at', code: 'format', message: 'bukan waktu yang valid' } };
  }
  if (at.getTime() - now.getTime() > INSPECTED_AT_MAX_AHEAD_MS) {
    return { ok: false, detail: { field: 'inspected_at', code: 'inspected_at_future', message: 'waktu pemeriksaan tidak boleh di masa depan; periksa jam ponsel' } };
  }
  if (now.getTime() - at.getTime() > INSPECTED_AT_MAX_AGE_MS) {
    return { ok: false, detail: { field: 'inspected_at', code: 'inspected_at_too_old', message: 'waktu pemeriksaan lebih dari 24 jam yang lalu; isi P2H baru' } };
  }
  // A phone a minute ahead files as of now, never as of a slot that has not begun.
  return { ok: true, instant: at > now ? now : at, inspectedAt: at };
}

/** With P2H_DEFECT_PHOTO=required: every WARNING/ABNORMAL answer sent without a photo. */
export function missingDefectPhotos(details: SubmitInput['details']): ErrorDetail[] {
  return details.flatMap((answer, index) =>
    answer.status !== 'normal' && (answer.photo_ids?.length ?? 0) === 0
      ? [{ field: `details[${index}].photo_ids`, code: 'photo_required' as const, message: 'foto wajib untuk jawaban WARNING/ABNORMAL' }]
      : [],
  );
}
