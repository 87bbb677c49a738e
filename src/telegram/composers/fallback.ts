import { Composer, type Context } from 'grammy';
import { botText, defectText, HTML } from '../messages.js';

/**
 * Last step: a message no feature took gets a pointer to /help, and a button no feature knows (an
 * old or forged one) an answer: Telegram shows a spinner until every callback query is answered.
 * Keep it last.
 */
export function fallback(): Composer<Context> {
  const composer = new Composer();
  composer.on('message', (ctx) => ctx.reply(botText.hint(), HTML));
  composer.on('callback_query', (ctx) => ctx.answerCallbackQuery({ text: defectText.unknownButton(), show_alert: true }));
  return composer;
}
