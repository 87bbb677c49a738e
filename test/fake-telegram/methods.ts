/**
 * Bot API method handlers of the fake.
 */
import type { Chat, Message } from 'grammy/types';
import type { BotState } from './bot-state.js';
import type { FakeTelegramCore } from './core.js';
import { groupChat } from './builders.js';
import { parseFormatted, type ParsedText } from './formatting.js';
import { ApiError, badRequest, type Params } from './types.js';

type Handler = (core: FakeTelegramCore, bot: BotState, p: Params, signal: AbortSignal) => unknown;

export const MAX_TEXT_LENGTH = 4096;

/** Integer parameter (number or numeric string), else undefined. */
export function int(v: unknown): number | undefined {
  if (typeof v === 'number' && Number.isFinite(v)) return Math.trunc(v);
  if (typeof v === 'string' && /^\s*-?\d+\s*$/.test(v)) return Number(v);
  return undefined;
}

const truthy = (v: unknown): boolean => v === true || v === 'true' || v === 1 || v === '1';

/** JSON-valued parameter: objects pass, JSON strings (form/query encoding) are parsed. */
export function jsonParam(v: unknown, what: string): unknown {
  if (typeof v !== 'string') return v;
  try {
    return JSON.parse(v);
  } catch {
    throw badRequest(`can't parse ${what} JSON object`);
  }
}

/** A chat object for an id the fake has not seen (lenient mode). */
export function syntheticChat(id: number): Chat {
  return id > 0 ? { id, type: 'private', first_name: `User${id}` } : groupChat(id);
}

function formatted(core: FakeTelegramCore, p: Params): ParsedText {
  const raw = p['text'] === undefined || p['text'] === null ? '' : String(p['text']);
  if (raw.trim() === '') throw badRequest('message text is empty');
  const parsed = parseFormatted(raw, p['parse_mode'], core.strictAmpersand);
  if (parsed.text.trim() === '') throw badRequest('message text is empty');
  if (parsed.text.length > MAX_TEXT_LENGTH) throw badRequest('message is too long');
  return parsed;
}

export function checkReplyMarkup(v: unknown): unknown {
  if (v === undefined || v === null) return undefined;
  const markup = jsonParam(v, 'reply keyboard markup');
  if (typeof markup !== 'object' || markup === null) throw badRequest("can't parse reply keyboard markup JSON object");
  const m = markup as Record<string, unknown>;
  if ('inline_keyboard' in m) {
    const rows = m['inline_keyboard'];
    if (!Array.isArray(rows) || rows.some((r) => !Array.isArray(r))) throw badRequest('field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays');
    for (const button of rows.flat() as Array<Record<string, unknown>>) {
      if (typeof button?.['text'] !== 'string' || button['text'] === '') throw badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
      const data = button['callback_data'];
      if (data !== undefined && (typeof data !== 'string' || Buffer.byteLength(data) < 1 || Buffer.byteLength(data) > 64)) {
        throw badRequest('BUTTON_DATA_INVALID');
      }
    }
  } else if ('keyboard' in m) {
    const rows = m['keyboard'];
    if (!Array.isArray(rows) || rows.some((r) => !Array.isArray(r))) throw badRequest('field "keyboard" of the ReplyKeyboardMarkup must be an Array of Arrays');
  }
  return markup;
}

function buildMessage(core: FakeTelegramCore, bot: BotState, chat: Chat, parsed: ParsedText, p: Params, markup: unknown): Message {
  const message: Record<string, unknown> = {
    message_id: core.nextMessageId(chat.id),
    from: core.botUser(bot.token),
    chat,
    date: core.dateNow(),
    text: parsed.text,
  };
  if (parsed.entities.length > 0) message['entities'] = parsed.entities;
  const lpo = p['link_preview_options'];
  if (lpo !== undefined) message['link_preview_options'] = jsonParam(lpo, 'link preview options');
  if (markup && typeof markup === 'object' && 'inline_keyboard' in markup) message['reply_markup'] = markup;
  return message as unknown as Message;
}

const sendMessage: Handler = (core, bot, p) => {
  const chat = core.resolveChat(bot, p['chat_id']);
  const parsed = formatted(core, p);
  const markup = checkReplyMarkup(p['reply_markup']);
  core.checkRate(bot, chat.id);
  const message = buildMessage(core, bot, chat, parsed, p, markup);
  const entry = {
    token: bot.token,
    chat_id: chat.id,
    text: String(p['text']),
    message_id: message.message_id,
    timestamp: Date.now(),
    params: p,
    message,
  };
  core.recordSent({
    ...entry,
    ...(p['parse_mode'] !== undefined ? { parse_mode: String(p['parse_mode']) } : {}),
    ...(markup !== undefined ? { reply_markup: markup } : {}),
    ...(message.link_preview_options !== undefined ? { link_preview_options: message.link_preview_options } : {}),
  });
  return message;
};

const editMessageText: Handler = (core, bot, p) => {
  const parsed = formatted(core, p);
  const markup = checkReplyMarkup(p['reply_markup']);
  if (p['inline_message_id'] !== undefined) return true;
  const chat = core.resolveChat(bot, p['chat_id'], false);
  const id = int(p['message_id']);
  if (id === undefined) throw badRequest('message identifier is not specified');
  const key = `${bot.token}|${chat.id}|${id}`;
  const old = core.botMessages.get(key);
  if (!old) throw badRequest('message to edit not found');
  const oldMarkup = JSON.stringify(old.reply_markup ?? null);
  // As Telegram: an empty inline keyboard removes the buttons rather than keeping an empty markup.
  const hasButtons = (m: unknown) => Array.isArray((m as { inline_keyboard?: unknown[][] }).inline_keyboard) && (m as { inline_keyboard: unknown[][] }).inline_keyboard.flat().length > 0;
  const newMarkup = markup && typeof markup === 'object' && 'inline_keyboard' in markup && hasButtons(markup) ? markup : undefined;
  if (old.text === parsed.text && oldMarkup === JSON.stringify(newMarkup ?? null) &&
    JSON.stringify(old.entities ?? []) === JSON.stringify(parsed.entities)) {
    throw badRequest('message is not modified: specified new message content and reply markup are exactly the same as a content and reply markup of the current message');
  }
  const edited: Record<string, unknown> = { ...old, text: parsed.text, edit_date: core.dateNow() };
  delete edited['entities'];
  delete edited['reply_markup'];
  // Telegram takes the formatting either from parse_mode or as explicit entities (a bot editing the
  // text it received back keeps the original's entities that way).
  const given = p['parse_mode'] === undefined && p['entities'] !== undefined ? jsonParam(p['entities'], 'entities') : undefined;
  if (given !== undefined && !Array.isArray(given)) throw badRequest("can't parse entities JSON object");
  const entities = (given as unknown[] | undefined) ?? parsed.entities;
  if (entities.length > 0) edited['entities'] = entities;
  if (newMarkup) edited['reply_markup'] = newMarkup;
  core.botMessages.set(key, edited as unknown as Message);
  return edited;
};

const getUpdates: Handler = (core, bot, p, signal) => {
  if (bot.webhookUrl) {
    throw new ApiError(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
  }
  const limit = Math.min(100, Math.max(1, int(p['limit']) ?? 100));
  const timeout = Math.min(core.maxPollSeconds, Math.max(0, int(p['timeout']) ?? 0));
  bot.confirm(int(p['offset']));
  bot.terminateWaiters();
  const ready = bot.take(limit);
  if (ready.length > 0 || timeout === 0 || signal.aborted) return ready;
  return bot.wait(limit, timeout * 1000, signal);
};

function commandsKey(p: Params): string {
  const scope = jsonParam(p['scope'], 'scope') ?? { type: 'default' };
  return `${JSON.stringify(scope)}|${typeof p['language_code'] === 'string' ? p['language_code'] : ''}`;
}

const setMyCommands: Handler = (_core, bot, p) => {
  const commands = jsonParam(p['commands'], 'commands');
  if (!Array.isArray(commands)) throw badRequest('parameter "commands" must be an array');
  if (commands.length > 100) throw badRequest('too many commands specified');
  for (const c of commands as Array<Record<string, unknown>>) {
    if (typeof c?.['command'] !== 'string' || !/^[a-z0-9_]{1,32}$/.test(c['command'])) throw badRequest('BOT_COMMAND_INVALID');
    const d = c['description'];
    if (typeof d !== 'string' || d.length < 1 || d.length > 256) throw badRequest('BOT_COMMAND_DESCRIPTION_INVALID');
  }
  const key = commandsKey(p);
  if (commands.length === 0) bot.commands.delete(key);
  else bot.commands.set(key, commands.map((c: Record<string, unknown>) => ({ command: c['command'], description: c['description'] })));
  return true;
};

const setWebhook: Handler = (_core, bot, p) => {
  const url = typeof p['url'] === 'string' ? p['url'] : '';
  if (url !== '' && !/^https:\/\/[^/\s]+/.test(url)) throw badRequest('bad webhook: An HTTPS URL must be provided for webhook');
  bot.webhookUrl = url;
  bot.webhookParams = url === '' ? {} : { ...p };
  if (truthy(p['drop_pending_updates'])) bot.updates.length = 0;
  return true;
};

export const METHODS = new Map<string, Handler>(Object.entries({
  getme: (_core, bot) => ({
    id: bot.identity.id,
    is_bot: true,
    first_name: bot.identity.first_name,
    username: bot.identity.username,
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
  }),
  getupdates: getUpdates,
  setwebhook: setWebhook,
  deletewebhook: (_core, bot, p) => {
    bot.webhookUrl = '';
    bot.webhookParams = {};
    if (truthy(p['drop_pending_updates'])) bot.updates.length = 0;
    return true;
  },
  getwebhookinfo: (_core, bot) => {
    const info: Record<string, unknown> = { url: bot.webhookUrl, has_custom_certificate: false, pending_update_count: bot.updates.length };
    if (bot.webhookUrl) {
      info['max_connections'] = int(bot.webhookParams['max_connections']) ?? 40;
      const allowed = bot.webhookParams['allowed_updates'];
      if (allowed !== undefined) info['allowed_updates'] = jsonParam(allowed, 'allowed updates');
    }
    return info;
  },
  sendmessage: sendMessage,
  editmessagetext: editMessageText,
  setmycommands: setMyCommands,
  getmycommands: (_core, bot, p) => bot.commands.get(commandsKey(p)) ?? [],
  deletemycommands: (_core, bot, p) => {
    bot.commands.delete(commandsKey(p));
    return true;
  },
  getchat: (core, _bot, p) => {
    const id = int(p['chat_id']);
    const chat = id === undefined ? undefined : core.chats.get(id);
    if (!chat) throw badRequest(p['chat_id'] === undefined ? 'chat_id is empty' : 'chat not found');
    return { ...chat, accent_color_id: 0, max_reaction_count: 11 };
  },
  answercallbackquery: (_core, _bot, p) => {
    if (typeof p['callback_query_id'] !== 'string' || p['callback_query_id'] === '') throw badRequest('QUERY_ID_INVALID');
    return true;
  },
  sendchataction: (core, bot, p) => {
    core.resolveChat(bot, p['chat_id']);
    if (typeof p['action'] !== 'string' || p['action'] === '') throw badRequest('wrong parameter action in request');
    return true;
  },
  close: () => true,
  logout: () => true,
} satisfies Record<string, Handler>));
