/**
 * The rules of a report filled in the field, maybe without signal, as plain functions: when it
 * counts as inspected, and which answers lack the photo P2H_DEFECT_PHOTO=required asks for.
 */
import type { ErrorDetail } from '../lib/errors.js';
import type { SubmitInput } from './api-schemas.js';

/** A report that waited offline longer than a day is too stale to stand for a slot. */
export const MAX_WAIT_SECONDS = 24 * 3_600;
/** Waits shorter than this are a send at once (the time to press the button and reach the server). */
const SENT_AT_ONCE_SECONDS = 60;

export type InspectionInstant =
  /** `instant` decides the slot and the operational day; `inspectedAt` is what is stored (null: sent at once). */
  | { ok: true; instant: Date; inspectedAt: Date | null }
  | { ok: false; detail: ErrorDetail };

/**
 * The instant a report speaks for: the server's now minus how long it waited on the phone. The
 * phone measures the wait on its own clock, from filling to sending, so a clock set hours wrong
 * (common on site phones) cancels out; a phone's absolute time is never trusted.
 */
export function inspectionInstant(now: Date, waitedSeconds: number | undefined): InspectionInstant {
  if (waitedSeconds === undefined || waitedSeconds < SENT_AT_ONCE_SECONDS) return { ok: true, instant: now, inspectedAt: null };
  if (waitedSeconds > MAX_WAIT_SECONDS) {
    return { ok: false, detail: { field: 'waited_seconds', code: 'inspected_at_too_old', message: 'laporan menunggu lebih dari 24 jam; isi P2H baru' } };
  }
  const at = new Date(now.getTime() - waitedSeconds * 1000);
  return { ok: true, instant: at, inspectedAt: at };
}

/** With P2H_DEFECT_PHOTO=required: every WARNING/ABNORMAL answer sent without a photo. */
export function missingDefectPhotos(details: SubmitInput['details']): ErrorDetail[] {
  return details.flatMap((answer, index) =>
    answer.status !== 'normal' && (answer.photo_ids?.length ?? 0) === 0
      ? [{ field: `details[${index}].photo_ids`, code: 'photo_required' as const, message: 'foto wajib untuk jawaban WARNING/ABNORMAL' }]
      : [],
  );
}
