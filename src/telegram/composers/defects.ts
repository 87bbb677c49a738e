import { Composer, GrammyError, HttpError, type Context } from 'grammy';
import type { InlineKeyboardButton, Message } from 'grammy/types';
import type { FastifyBaseLogger } from 'fastify';
import type { DefectsService } from '../../defects/service.js';
import { REPAIR_NOTE_MAX_LENGTH } from '../../defects/values.js';
import type { DefectDetail } from '../../defects/types.js';
import { DomainError } from '../../lib/errors.js';
import type { Actor } from '../../users/service.js';
import type { TelegramLinkService } from '../../users/telegram-link.js';
import { errorLogFields } from '../describe-error.js';
import { DEFECT_QUESTION, defectText, type DefectText } from '../defect-messages.js';
import { languageOf } from '../language.js';
import { HTML } from '../messages.js';

/** The API's limit on a repair note (POST /api/defects/{id}/repair). */
/** Telegram shows at most 200 characters of a callback answer. */
const ANSWER_MAX = 200;

export type DefectButton = { action: 'take' | 'done'; defectId: number };

/** Callback data is untrusted: only `defect:take:<id>` / `defect:done:<id>` with a sane id pass. */
export function parseDefectButton(data: string | undefined): DefectButton | undefined {
  const match = /^defect:(take|done):([1-9]\d{0,8})$/.exec(data ?? '');
  if (!match) return undefined;
  return { action: match[1] as DefectButton['action'], defectId: Number(match[2]) };
}

export interface DefectButtonsOptions {
  defects: DefectsService;
  links: TelegramLinkService;
  log: FastifyBaseLogger;
}

type Who = { ok: true; actor: Actor; chatId: string } | { ok: false; text: string };

/**
 * Step 5: the workshop works from Telegram. `🔧 Tangani` takes a defect as the linked user who
 * pressed it, with the API's rights; `✅ Selesai` asks for the repair note with a question that
 * names the defect, and a reply to that question signs the repair. Stateless: the defect id travels
 * in the button and in the bot's own question, so any bot process, after any restart, finishes it.
 */
export function defectButtons({ defects, links, log }: DefectButtonsOptions): Composer<Context> {
  const composer = new Composer();

  // Who pressed or replied, as P2H knows them now: the link and the account may have changed since
  // the message was sent. A private chat's id is its user's id, so from.id finds the link anywhere.
  const whoIs = async (telegramUserId: number, t: DefectText): Promise<Who> => {
    const user = await links.findByChat(String(telegramUserId));
    if (!user) return { ok: false, text: t.notLinked() };
    if (!user.isActive) return { ok: false, text: t.inactive() };
    return { ok: true, actor: { id: user.id, role: user.role, fullName: user.fullName }, chatId: user.telegramChatId! };
  };

  const answer = (ctx: Context, text: string, alert = false) => ctx.answerCallbackQuery({ text: text.slice(0, ANSWER_MAX), show_alert: alert });

  composer.on('callback_query:data', async (ctx, next) => {
    const button = parseDefectButton(ctx.callbackQuery.data);
    if (!button) return next();
    const t = defectText[await languageOf(ctx)];
    const who = await whoIs(ctx.from.id, t);
    if (!who.ok) return void (await answer(ctx, who.text, true));
    if (button.action === 'take') await take(ctx, t, who.actor, button.defectId);
    else await askForNote(ctx, t, who, button.defectId);
  });

  const take = async (ctx: Context, t: DefectText, actor: Actor, defectId: number) => {
    let defect: DefectDetail;
    try {
      defect = await defects.take(actor, defectId);
      await answer(ctx, t.taken(defect.id, defect.item_name));
    } catch (error) {
      const refusal = refusalText(error, t, defectId);
      if (!(error instanceof DomainError) || error.code !== 'DEFECT_ALREADY_TAKEN') return void (await answer(ctx, refusal, true));
      // Pressed twice (or the first edit was lost): still theirs, so show them the ✅ Selesai button.
      defect = await defects.get(defectId);
      if (defect.assigned_to_id !== actor.id) return void (await answer(ctx, refusal, true));
      await answer(ctx, t.alreadyYours(defect.id, defect.item_name));
    }
    await showTaken(ctx, t, defect, log);
  };

  const askForNote = async (ctx: Context, t: DefectText, who: Extract<Who, { ok: true }>, defectId: number) => {
    let defect: DefectDetail;
    try {
      defect = await defects.get(defectId);
    } catch (error) {
      return void (await answer(ctx, refusalText(error, t, defectId), true));
    }
    // The service checks again when the note arrives; asking only whoever may sign saves a useless question.
    const refusal = await defects.repairRefusal(who.actor, defect);
    if (refusal) return void (await answer(ctx, refusalText(refusal, t, defectId), true));
    // Always in the user's own chat: the guards ignore group messages, so a reply there would go unheard.
    const here = String(ctx.chat?.id) === who.chatId;
    await answer(ctx, here ? t.askedHere() : t.askedPrivately());
    await askRepairNote(ctx, t, who.chatId, defect);
  };

  composer.on('message').filter(
    (ctx) => questionedDefect(ctx.message, ctx.me.id) !== undefined,
    async (ctx) => {
      const defectId = questionedDefect(ctx.message, ctx.me.id)!;
      const t = defectText[await languageOf(ctx)];
      const who = await whoIs(ctx.from.id, t);
      if (!who.ok) return void (await ctx.reply(who.text, HTML));
      const note = ctx.message.text?.trim() ?? '';
      if (!note || note.length > REPAIR_NOTE_MAX_LENGTH) {
        await ctx.reply(note ? t.noteTooLong(REPAIR_NOTE_MAX_LENGTH) : t.noteRequired());
        const defect = await defects.get(defectId).catch(() => undefined);
        if (defect) await askRepairNote(ctx, t, String(ctx.chat.id), defect);
        return;
      }
      try {
        const repaired = await defects.repair(who.actor, defectId, note);
        await ctx.reply(t.repaired(repaired.id, repaired.item_name, repaired.unit_code, note), HTML);
      } catch (error) {
        await ctx.reply(refusalText(error, t, defectId));
      }
    },
  );

  return composer;
}

function askRepairNote(ctx: Context, t: DefectText, chatId: string, defect: DefectDetail) {
  return ctx.api.sendMessage(chatId, t.askRepairNote(defect.id, defect.item_name, defect.unit_code), {
    ...HTML,
    reply_markup: { force_reply: true, input_field_placeholder: t.notePlaceholder },
  });
}

/**
 * The defect a message answers: only a reply to the bot's own question counts (a forwarded copy or
 * a user's look-alike text is from someone else), and the id is read from the bot's own words.
 */
export function questionedDefect(message: Message, botId: number): number | undefined {
  const question = message.reply_to_message;
  if (!question || question.from?.id !== botId || !question.from.is_bot) return undefined;
  const match = DEFECT_QUESTION.exec(question.text ?? '');
  return match ? Number(match[1]) : undefined;
}

/**
 * After a take: the message says who has it, and that defect's 🔧 Tangani becomes ✅ Selesai.
 * The take has committed and was answered; a message Telegram will not edit (too old, deleted,
 * Telegram unreachable) is only logged.
 */
async function showTaken(ctx: Context, t: DefectText, defect: DefectDetail, log: FastifyBaseLogger): Promise<void> {
  const message = ctx.callbackQuery?.message;
  if (!message || !('text' in message) || message.text === undefined) return;
  // In the presser's language: in a shared message, the one who acted reads it first.
  const line = t.takenLine(defect.id, defect.item_name, defect.assigned_to_name ?? ctx.from!.first_name);
  const text = message.text.includes(line) ? message.text : `${message.text}\n\n${line}`;
  const keyboard = withDoneButton(message.reply_markup?.inline_keyboard ?? [], defect, t);
  if (text === message.text && JSON.stringify(keyboard) === JSON.stringify(message.reply_markup?.inline_keyboard ?? [])) return;
  try {
    await ctx.editMessageText(text, {
      ...(message.entities ? { entities: message.entities } : {}),
      // As the outbox sent it: the web link in an alert stays a link, not a preview card.
      link_preview_options: { is_disabled: true },
      reply_markup: { inline_keyboard: keyboard },
    });
  } catch (error) {
    if (!(error instanceof GrammyError || error instanceof HttpError)) throw error;
    log.warn({ ...errorLogFields(error), defect_id: defect.id }, 'could not edit the defect message after a take');
  }
}

/** The defect's 🔧 Tangani button becomes ✅ Selesai; the message's other defects keep theirs. */
export function withDoneButton(rows: InlineKeyboardButton[][], defect: { id: number; item_name: string }, t: DefectText): InlineKeyboardButton[][] {
  return rows.map((row) =>
    row.map((button) =>
      'callback_data' in button && button.callback_data === `defect:take:${defect.id}`
        ? { text: t.doneButton(defect.id, defect.item_name).slice(0, 60), callback_data: `defect:done:${defect.id}` }
        : button,
    ),
  );
}

/** The service's refusal in the user's words; "Tidak ada akses" when the role may not do it. */
function refusalText(error: unknown, t: DefectText, defectId: number): string {
  if (!(error instanceof DomainError)) throw error;
  if (error.code === 'FORBIDDEN') return t.noAccess();
  return t.refused(error.code, defectId, error.message);
}
