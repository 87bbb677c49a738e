/**
 * Which shape a notification goes out in, and its steps. Pure: the delivery worker records how many
 * steps Telegram accepted in `parts_sent`, so the steps must come out the same on every attempt —
 * they depend only on the row's photo count and message, never on the clock or on a file read.
 */
import type { ReportDetail } from '../p2h/types.js';
import { splitMessage } from './split.js';

/** Telegram's caption limit, counted after entities parsing. */
export const TELEGRAM_CAPTION_LIMIT = 1024;
/** Telegram's album limit: sendMediaGroup takes 2 to 10 items. */
export const TELEGRAM_ALBUM_LIMIT = 10;

/** What Telegram is asked to send first, before any text part. */
export type MediaStep =
  /** One photo with the whole message as its caption: the only step. */
  | { kind: 'photo_with_caption'; caption: string }
  /** One photo alone (the message is too long for a caption and follows as text). */
  | { kind: 'photo' }
  /** 2–10 photos as an album, the message following as text. */
  | { kind: 'album' };

export interface DeliveryPlan {
  media: MediaStep | null;
  /** Text parts after the media (none when the photo carries the message as its caption). */
  textParts: string[];
}

/**
 * The shape for `photoCount` photos and this message. Like splitMessage, the caption check counts
 * the raw HTML (never shorter than what Telegram counts after parsing), so a caption that passes
 * always fits.
 */
export function planDelivery(photoCount: number, message: string): DeliveryPlan {
  if (photoCount <= 0) return { media: null, textParts: splitMessage(message) };
  if (photoCount === 1 && message.length <= TELEGRAM_CAPTION_LIMIT) return { media: { kind: 'photo_with_caption', caption: message }, textParts: [] };
  return { media: photoCount === 1 ? { kind: 'photo' } : { kind: 'album' }, textParts: splitMessage(message) };
}

/** How many steps (Bot API calls that each record progress) the plan has: `parts_sent` counts these. */
export const stepCount = (plan: DeliveryPlan): number => (plan.media ? 1 : 0) + plan.textParts.length;

/**
 * The answer photos an alert carries: those of its WARNING/ABNORMAL items, in the alert's item
 * order (abnormal first, then warning, each in checklist order — as renderP2hAlert lists them).
 * At most TELEGRAM_ALBUM_LIMIT: one album is all an alert sends; the rest stay visible in the web
 * app's report page, which every alert is about.
 */
export function alertPhotoIds(report: Pick<ReportDetail, 'details'>): number[] {
  const problems = [...report.details.filter((d) => d.status === 'abnormal'), ...report.details.filter((d) => d.status === 'warning')];
  return problems.flatMap((d) => (d.photos ?? []).map((p) => p.id)).slice(0, TELEGRAM_ALBUM_LIMIT);
}
