import { GrammyError, HttpError, type BotError, type Context } from 'grammy';
import type { FastifyBaseLogger } from 'fastify';
import { errorLogFields } from '../describe-error.js';
import { languageOf } from '../language.js';
import { botText } from '../messages.js';

/**
 * The error boundary's handler: an unexpected failure (the database down, our own bug) is logged
 * and the user is told to try again instead of hearing nothing (a pressed button gets it as the
 * callback's answer, so its spinner stops). A Bot API failure is rethrown to
 * bot.catch: a reply to a chat Telegram just refused would fail the same way.
 */
export function answerFailure(log: FastifyBaseLogger) {
  return async (error: BotError<Context>): Promise<void> => {
    const cause = error.error;
    if (cause instanceof GrammyError || cause instanceof HttpError) throw cause;
    log.error({ ...errorLogFields(cause), update_id: error.ctx.update.update_id }, 'telegram handler failed; the user was told');
    const text = botText[await languageOf(error.ctx)].failure();
    if (error.ctx.callbackQuery) await error.ctx.answerCallbackQuery({ text, show_alert: true });
    else if (error.ctx.chat) await error.ctx.reply(text);
  };
}
