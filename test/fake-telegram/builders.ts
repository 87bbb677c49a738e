/**
 * Builders for updates coming from simulated Telegram users.
 */
import type { Chat, InlineKeyboardButton, InlineKeyboardMarkup, Message, MessageEntity, Update, User } from 'grammy/types';

/** A simulated human Telegram user (`from` object). */
export function user(id: number, overrides: Partial<User> = {}): User {
  return {
    id,
    is_bot: false,
    first_name: `User${id}`,
    username: `user${id}`,
    language_code: 'id',
    ...overrides,
  };
}

/** The private chat between the bot and `from`. */
export function privateChat(from: User): Chat.PrivateChat {
  const chat: Chat.PrivateChat = { id: from.id, type: 'private', first_name: from.first_name };
  if (from.last_name !== undefined) chat.last_name = from.last_name;
  if (from.username !== undefined) chat.username = from.username;
  return chat;
}

/** A group chat object; ids <= -1000000000000 are supergroups. */
export function groupChat(chatId: number, title = `Group ${chatId}`): Chat.GroupChat | Chat.SupergroupChat {
  return chatId <= -1_000_000_000_000 ? { id: chatId, type: 'supergroup', title } : { id: chatId, type: 'group', title };
}

/** Entities Telegram adds to a text: a bot_command at offset 0 for `/cmd args`. */
export function commandEntities(text: string): MessageEntity[] {
  const m = /^\/[A-Za-z0-9_]{1,64}(?:@[A-Za-z0-9_]{3,64})?/.exec(text);
  return m ? [{ type: 'bot_command', offset: 0, length: m[0].length }] : [];
}

export type NewUpdate = Omit<Update, 'update_id'> & { update_id?: number };

interface Base {
  from: User;
  /** Defaults to the private chat with `from`. */
  chat?: Chat;
  /** Which bot receives the update (default: the first token). */
  token?: string;
}

export interface ContactArgs extends Base {
  /** `user_id` defaults to `from.id` unless forwarded or the key is present. */
  contact: { phone_number: string; first_name?: string; last_name?: string; user_id?: number };
  /** Makes it a forwarded message (`forward_origin` of type 'user'). */
  forwardedFrom?: User;
}

/**
 * Convenience builders. The fake implements the abstract hooks.
 */
export abstract class UpdateBuilders {
  abstract injectUpdate(update: NewUpdate, token?: string): Update;
  abstract botUser(token?: string): User;
  protected abstract allocMessageId(chatId: number): number;
  protected abstract nowSeconds(): number;

  /** Same as the exported `user()`. */
  user(id: number, overrides?: Partial<User>): User {
    return user(id, overrides);
  }

  private baseMessage(from: User, chat: Chat): Message {
    return { message_id: this.allocMessageId(chat.id), from, chat, date: this.nowSeconds() } as Message;
  }

  private message(args: Base, extra: Partial<Message>): Update {
    const chat = args.chat ?? privateChat(args.from);
    const message = { ...this.baseMessage(args.from, chat), ...extra } as Message & Update.NonChannel;
    return this.injectUpdate({ message }, args.token);
  }

  /** A text message; `/cmd args` gets a bot_command entity (length excludes args). */
  sendText(args: Base & { text: string; replyTo?: Message }): Update {
    const entities = commandEntities(args.text);
    const extra: Partial<Message> = { text: args.text };
    if (entities.length > 0) extra.entities = entities;
    if (args.replyTo) extra.reply_to_message = args.replyTo as NonNullable<Message['reply_to_message']>;
    return this.message(args, extra);
  }

  /** A text message in a group (negative chatId). */
  groupText(args: { from: User; chatId: number; text: string; title?: string; token?: string }): Update {
    return this.sendText({ from: args.from, chat: groupChat(args.chatId, args.title), text: args.text, token: args.token });
  }

  /** A shared contact (request_contact button), or a forwarded contact. */
  sendContact(args: ContactArgs): Update {
    const c = args.contact;
    const contact: NonNullable<Message['contact']> = {
      phone_number: c.phone_number,
      first_name: c.first_name ?? args.from.first_name,
    };
    if (c.last_name !== undefined) contact.last_name = c.last_name;
    if ('user_id' in c) {
      if (c.user_id !== undefined) contact.user_id = c.user_id;
    } else if (!args.forwardedFrom) {
      contact.user_id = args.from.id;
    }
    const extra: Partial<Message> = { contact };
    if (args.forwardedFrom) {
      extra.forward_origin = { type: 'user', sender_user: args.forwardedFrom, date: this.nowSeconds() - 60 };
    }
    return this.message(args, extra);
  }

  /** A sticker message. */
  sendSticker(args: Base & { emoji?: string; fileId?: string; replyTo?: Message }): Update {
    const fileId = args.fileId ?? 'CAACAgIAAxkBAAEfake-sticker';
    const sticker: NonNullable<Message['sticker']> = {
      file_id: fileId,
      file_unique_id: `u-${fileId.slice(-12)}`,
      type: 'regular',
      width: 512,
      height: 512,
      is_animated: false,
      is_video: false,
      emoji: args.emoji ?? '👍',
    };
    const extra: Partial<Message> = { sticker };
    if (args.replyTo) extra.reply_to_message = args.replyTo as NonNullable<Message['reply_to_message']>;
    return this.message(args, extra);
  }

  /** The user edits one of their earlier messages (an `edited_message` update). */
  editText(args: Base & { messageId: number; text: string }): Update {
    const chat = args.chat ?? privateChat(args.from);
    const now = this.nowSeconds();
    const edited = {
      message_id: args.messageId,
      from: args.from,
      chat,
      date: now,
      edit_date: now,
      text: args.text,
    } as Message & Update.Edited & Update.NonChannel;
    const entities = commandEntities(args.text);
    if (entities.length > 0) edited.entities = entities;
    return this.injectUpdate({ edited_message: edited }, args.token);
  }

  /** The user blocks ('kicked') or unblocks/starts ('member') the bot in their private chat. */
  myChatMember(args: { from: User; status: 'kicked' | 'member'; token?: string }): Update {
    const bot = this.botUser(args.token);
    const kicked = { status: 'kicked' as const, user: bot, until_date: 0 };
    const member = { status: 'member' as const, user: bot };
    return this.injectUpdate(
      {
        my_chat_member: {
          chat: privateChat(args.from),
          from: args.from,
          date: this.nowSeconds(),
          old_chat_member: args.status === 'kicked' ? member : kicked,
          new_chat_member: args.status === 'kicked' ? kicked : member,
        },
      },
      args.token,
    );
  }

  private callbackSeq = 0;

  /** The user presses an inline keyboard button of `message` (a bot message). */
  callbackQuery(args: { from: User; data: string; message?: Message; token?: string }): Update {
    this.callbackSeq += 1;
    const query: NonNullable<Update['callback_query']> = {
      id: `cbq-${this.callbackSeq}`,
      from: args.from,
      chat_instance: String(args.message?.chat.id ?? args.from.id),
      data: args.data,
    };
    if (args.message) query.message = args.message as NonNullable<Update['callback_query']>['message'];
    return this.injectUpdate({ callback_query: query }, args.token);
  }
}

/** The inline buttons of a sent or edited message's markup, row after row. */
export function inlineButtons(markup: unknown): InlineKeyboardButton[] {
  return ((markup as InlineKeyboardMarkup | undefined)?.inline_keyboard ?? []).flat();
}
