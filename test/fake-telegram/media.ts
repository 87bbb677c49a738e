/**
 * sendPhoto and sendMediaGroup of the fake, taking photos the ways Telegram does: uploaded as
 * multipart (in the method's own field, or `attach://<field>` from inside the `media` JSON), as a
 * file_id the fake gave out earlier, or as an http(s) URL. Everything is checked before anything is
 * recorded, so a refused album leaves no trace but the failed call.
 */
import { createHash } from 'node:crypto';
import type { Chat, Message, PhotoSize } from 'grammy/types';
import type { BotState } from './bot-state.js';
import type { FakeTelegramCore } from './core.js';
import { parseFormatted } from './formatting.js';
import { checkReplyMarkup, jsonParam } from './methods.js';
import type { UploadedFile } from './multipart.js';
import { badRequest, type Params, type SentPhoto } from './types.js';

export const MAX_CAPTION_LENGTH = 1024;
export const MIN_ALBUM = 2;
export const MAX_ALBUM = 10;

/** A photo the fake holds, by the file_id it answered with. */
export interface StoredPhoto {
  fileId: string;
  bytes: number;
  sha256: string;
  width: number;
  height: number;
}

type MediaHandler = (core: FakeTelegramCore, bot: BotState, p: Params, files: ReadonlyMap<string, UploadedFile>) => unknown;

interface ResolvedPhoto extends StoredPhoto {
  source: SentPhoto['source'];
}

interface Caption {
  raw: string;
  text: string;
  entities: Message['entities'];
  parseMode?: string;
}

const EMPTY_SHA256 = createHash('sha256').digest('hex');
let mediaGroups = 0;

/** Width and height of a JPEG (from its SOF segment) or PNG (IHDR); undefined for anything else. */
export function imageSize(bytes: Buffer): { width: number; height: number } | undefined {
  if (bytes.length > 24 && bytes.readUInt32BE(0) === 0x89504e47 && bytes.toString('latin1', 12, 16) === 'IHDR') {
    return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  }
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) return undefined;
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return undefined;
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    const length = bytes.readUInt16BE(at + 2);
    // SOF0–SOF15 carry the frame size; C4 (DHT), C8 (JPG) and CC (DAC) share the range but do not.
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      const size = { height: bytes.readUInt16BE(at + 5), width: bytes.readUInt16BE(at + 7) };
      return size.width > 0 && size.height > 0 ? size : undefined;
    }
    at += 2 + length;
  }
  return undefined;
}

function storeUpload(core: FakeTelegramCore, file: UploadedFile): ResolvedPhoto {
  if (file.bytes.length === 0) throw badRequest('file must be non-empty');
  const size = imageSize(file.bytes);
  if (!size) throw badRequest('IMAGE_PROCESS_FAILED');
  const sha256 = createHash('sha256').update(file.bytes).digest('hex');
  const stored: StoredPhoto = { fileId: `fake-photo-${sha256.slice(0, 16)}`, bytes: file.bytes.length, sha256, ...size };
  core.photoFiles.set(stored.fileId, stored);
  return { ...stored, source: 'upload' };
}

/** A photo parameter: a file in the field itself, `attach://<field>`, a known file_id or a URL. */
function resolvePhoto(core: FakeTelegramCore, value: unknown, field: string, files: ReadonlyMap<string, UploadedFile>): ResolvedPhoto {
  if (value === undefined || value === null || value === '') {
    const direct = files.get(field);
    if (!direct) throw badRequest('there is no photo in the request');
    return storeUpload(core, direct);
  }
  if (typeof value !== 'string') throw badRequest('wrong file identifier/HTTP URL specified');
  const attach = /^attach:\/\/(.+)$/.exec(value);
  if (attach) {
    const file = files.get(attach[1]!);
    if (!file) throw badRequest(`wrong file identifier/HTTP URL specified (no file "${attach[1]}" in the request)`);
    return storeUpload(core, file);
  }
  if (/^https?:\/\/\S+$/i.test(value)) return { fileId: `fake-url-${createHash('sha256').update(value).digest('hex').slice(0, 16)}`, bytes: 0, sha256: EMPTY_SHA256, width: 800, height: 600, source: 'url' };
  const known = core.photoFiles.get(value);
  if (!known) throw badRequest('wrong file identifier/HTTP URL specified');
  return { ...known, source: 'file_id' };
}

function captionOf(core: FakeTelegramCore, raw: unknown, parseMode: unknown): Caption | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  const text = String(raw);
  const parsed = parseFormatted(text, parseMode, core.strictAmpersand);
  if (parsed.text.length > MAX_CAPTION_LENGTH) throw badRequest('message caption is too long');
  return { raw: text, text: parsed.text, entities: parsed.entities, ...(parseMode !== undefined && parseMode !== null ? { parseMode: String(parseMode) } : {}) };
}

/** Telegram answers several sizes; the fake gives a thumbnail and the original. */
function photoSizes(photo: StoredPhoto): PhotoSize[] {
  const original = { file_id: photo.fileId, file_unique_id: photo.fileId.slice(-12), width: photo.width, height: photo.height, file_size: photo.bytes };
  const scale = Math.min(1, 90 / Math.max(photo.width, photo.height));
  if (scale === 1) return [original];
  const thumb = { file_id: `${photo.fileId}-s`, file_unique_id: `${photo.fileId.slice(-11)}s`, width: Math.max(1, Math.round(photo.width * scale)), height: Math.max(1, Math.round(photo.height * scale)) };
  return [thumb, original];
}

function record(
  core: FakeTelegramCore,
  bot: BotState,
  chat: Chat,
  method: SentPhoto['method'],
  photo: ResolvedPhoto,
  extras: { caption?: Caption; markup?: unknown; mediaGroupId?: string },
): Message {
  const message: Record<string, unknown> = { message_id: core.nextMessageId(chat.id), from: core.botUser(bot.token), chat, date: core.dateNow(), photo: photoSizes(photo) };
  if (extras.mediaGroupId) message['media_group_id'] = extras.mediaGroupId;
  if (extras.caption) {
    message['caption'] = extras.caption.text;
    if (extras.caption.entities && extras.caption.entities.length > 0) message['caption_entities'] = extras.caption.entities;
  }
  const markup = extras.markup;
  if (markup && typeof markup === 'object' && 'inline_keyboard' in markup) message['reply_markup'] = markup;
  const sent = message as unknown as Message;
  core.recordPhoto({
    token: bot.token,
    method,
    chat_id: chat.id,
    message_id: sent.message_id,
    source: photo.source,
    bytes: photo.bytes,
    sha256: photo.sha256,
    width: photo.width,
    height: photo.height,
    timestamp: Date.now(),
    message: sent,
    ...(extras.caption ? { caption: extras.caption.raw } : {}),
    ...(extras.caption?.parseMode ? { parse_mode: extras.caption.parseMode } : {}),
    ...(markup !== undefined ? { reply_markup: markup } : {}),
    ...(extras.mediaGroupId ? { media_group_id: extras.mediaGroupId } : {}),
  });
  return sent;
}

const sendPhoto: MediaHandler = (core, bot, p, files) => {
  const chat = core.resolveChat(bot, p['chat_id']);
  const photo = resolvePhoto(core, p['photo'], 'photo', files);
  const caption = captionOf(core, p['caption'], p['parse_mode']);
  const markup = checkReplyMarkup(p['reply_markup']);
  core.checkRate(bot, chat.id);
  return record(core, bot, chat, 'sendPhoto', photo, { ...(caption ? { caption } : {}), markup });
};

const sendMediaGroup: MediaHandler = (core, bot, p, files) => {
  const chat = core.resolveChat(bot, p['chat_id']);
  const media = jsonParam(p['media'], 'media');
  if (!Array.isArray(media)) throw badRequest("can't parse media JSON object");
  if (media.length < MIN_ALBUM || media.length > MAX_ALBUM) throw badRequest(`wrong number of media items: an album takes ${MIN_ALBUM} to ${MAX_ALBUM}, got ${media.length}`);
  const items = media.map((raw: unknown, i) => {
    const item = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
    if (item['type'] !== 'photo') throw badRequest(`fake-telegram: media item ${i} is not a photo (only photo albums are supported)`);
    const caption = captionOf(core, item['caption'], item['parse_mode']);
    return { photo: resolvePhoto(core, item['media'], '', files), caption };
  });
  core.checkRate(bot, chat.id);
  const mediaGroupId = String(1_000_000_000_000 + ++mediaGroups);
  return items.map(({ photo, caption }) => record(core, bot, chat, 'sendMediaGroup', photo, { ...(caption ? { caption } : {}), mediaGroupId }));
};

export const MEDIA_METHODS = new Map<string, MediaHandler>([
  ['sendphoto', sendPhoto],
  ['sendmediagroup', sendMediaGroup],
]);
