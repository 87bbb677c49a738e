/**
 * One step of a notification on the Bot API — a text part, or its photo/album — as the delivery
 * worker sends it. Any failure comes back as a TelegramSendError, so the worker can tell a refused
 * send (classified and retried) from a failure to record its outcome.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { Api } from 'grammy';
import { describeTelegramError } from '../telegram/describe-error.js';
import type { MediaStep } from './photo-plan.js';
import { sendMediaStep, stepExtra, type PhotoFile, type StepOptions } from './send-photos.js';
import { classifySendError, htmlToPlainText } from './telegram-errors.js';

/** An error from the Bot API call itself, as opposed to recording its outcome. */
export class TelegramSendError extends Error {
  constructor(override readonly cause: unknown) {
    super('telegram send failed');
  }
}

async function asSendError<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new TelegramSendError(error);
  }
}

/** A text part as HTML; when Telegram refuses the markup, the same words as plain text (as quietly). */
export function sendTextStep(api: Api, chatId: string, html: string, how: StepOptions, log: FastifyBaseLogger) {
  const extra = stepExtra(how);
  return asSendError(async () => {
    try {
      return await api.sendMessage(chatId, html, { parse_mode: 'HTML', link_preview_options: { is_disabled: true }, ...extra });
    } catch (error) {
      // Telegram refusing our markup must not lose the alert: the words matter more than the bold.
      if (classifySendError(error).kind !== 'bad_markup') throw error;
      log.error({ reason: describeTelegramError(error), chat_id: chatId }, 'telegram refused the HTML of a notification; sending it as plain text');
      return await api.sendMessage(chatId, htmlToPlainText(html), { link_preview_options: { is_disabled: true }, ...extra });
    }
  });
}

/** The photo or album step. */
export function sendPhotoStep(api: Api, chatId: string, step: MediaStep, files: PhotoFile[], how: StepOptions, log: FastifyBaseLogger) {
  return asSendError(() => sendMediaStep(api, chatId, step, files, how, log));
}

/** Reading the photo files: a storage hiccup is retried like a failed send; it must not drop the photos. */
export const readForSending = <T>(read: () => Promise<T>) => asSendError(read);
