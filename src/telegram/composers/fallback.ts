import { Composer, type Context } from 'grammy';
import { defectText } from '../defect-messages.js';
import { languageOf } from '../language.js';
import { botText, HTML } from '../messages.js';

/**
 * Last step: a message no feature took gets a pointer to /help, and a button no feature knows (an
 * old or forged one) an answer: Telegram shows a spinner until every callback query is answered.
 * Keep it last.
 */
export function fallback(): Composer<Context> {
  const composer = new Composer();
  composer.on('message', async (ctx) => ctx.reply(botText[await languageOf(ctx)].hint(), HTML));
  composer.on('callback_query', async (ctx) => ctx.answerCallbackQuery({ text: defectText[await languageOf(ctx)].unknownButton(), show_alert: true }));
  return composer;
}
