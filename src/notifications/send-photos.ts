/**
 * The photo step of a notification: the defect photos as one photo (with the message as its caption,
 * or alone) or as an album. The bytes go up as multipart (grammY's InputFile), as Telegram takes a
 * file it has never seen; nothing is uploaded elsewhere first.
 */
import type { FastifyBaseLogger } from 'fastify';
import { InputFile, type Api } from 'grammy';
import type { PhotoReader } from '../photos/types.js';
import { describeTelegramError } from '../telegram/describe-error.js';
import type { MediaStep } from './photo-plan.js';
import type { InlineKeyboard } from './render-defects.js';
import { classifySendError, htmlToPlainText } from './telegram-errors.js';

export type PhotoFiles = Pick<PhotoReader, 'read'>;

/**
 * For production until the photos service is wired in: every file is "gone", so alerts go out as
 * text, as before. The merge with the photos feature replaces this with `services.photos`.
 */
export const NO_PHOTO_FILES: PhotoFiles = { read: async () => null };

/** How a step goes: its buttons (on the last step only) and whether without sound (a silent row: every step). */
export interface StepOptions {
  markup: InlineKeyboard | null;
  silent: boolean;
}

/** The Bot API's optional parameters for a step; absent ones are left out, as before. */
export function stepExtra(how: StepOptions): { reply_markup?: InlineKeyboard; disable_notification?: true } {
  return { ...(how.markup ? { reply_markup: how.markup } : {}), ...(how.silent ? { disable_notification: true as const } : {}) };
}

export interface PhotoFile {
  id: number;
  bytes: Buffer;
}

/** The files of these photos that still exist, in order, and the ids whose file is gone. */
export async function readPhotoFiles(reader: PhotoFiles, photoIds: readonly number[]): Promise<{ files: PhotoFile[]; missing: number[] }> {
  const files: PhotoFile[] = [];
  const missing: number[] = [];
  for (const id of photoIds) {
    const bytes = await reader.read(id, 'full');
    if (bytes && bytes.length > 0) files.push({ id, bytes });
    else missing.push(id);
  }
  return { files, missing };
}

// A fresh InputFile per call: grammY marks a file consumed once sent, and a retry sends it again.
const upload = (file: PhotoFile) => new InputFile(file.bytes, `p2h-photo-${file.id}.jpg`);

/** Sends the media step; answers the first message Telegram created (its id is the notification's). */
export async function sendMediaStep(
  api: Api,
  chatId: string,
  step: MediaStep,
  files: readonly PhotoFile[],
  how: StepOptions,
  log: FastifyBaseLogger,
): Promise<{ message_id: number }> {
  const extra = stepExtra(how);
  switch (step.kind) {
    case 'photo':
      return api.sendPhoto(chatId, upload(files[0]!), extra);
    case 'album': {
      // An album takes no buttons (they go with the text after it), only the sound setting.
      const quiet = how.silent ? { disable_notification: true } : {};
      const messages = await api.sendMediaGroup(chatId, files.map((file) => ({ type: 'photo' as const, media: upload(file) })), quiet);
      return messages[0]!;
    }
    case 'photo_with_caption':
      try {
        return await api.sendPhoto(chatId, upload(files[0]!), { caption: step.caption, parse_mode: 'HTML', ...extra });
      } catch (error) {
        // As for text: Telegram refusing our markup must not lose the alert.
        if (classifySendError(error).kind !== 'bad_markup') throw error;
        log.error({ reason: describeTelegramError(error), chat_id: chatId }, 'telegram refused the HTML of a photo caption; sending it as plain text');
        return api.sendPhoto(chatId, upload(files[0]!), { caption: htmlToPlainText(step.caption), ...extra });
      }
  }
}
