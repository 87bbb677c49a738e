import { Composer, type Context } from 'grammy';
import { botText, HTML } from '../messages.js';

/** Last step: a message no feature took gets a pointer to /help. Keep it last. */
export function fallback(): Composer<Context> {
  const composer = new Composer();
  composer.on('message', (ctx) => ctx.reply(botText.hint(), HTML));
  return composer;
}
