import { Composer, type Context } from 'grammy';
import type { TelegramLinkService } from '../../users/telegram-link.js';
import { languageOf } from '../language.js';
import { botText, HTML, type LinkedAccount } from '../messages.js';

/** Step 4: what a chat can ask about its link: /status, /unlink (or /stop) and /help. */
export function account(links: TelegramLinkService): Composer<Context> {
  const composer = new Composer();
  const messages = composer.on('message');

  messages.command('status', async (ctx) => {
    const user = await links.findByChat(String(ctx.chat.id));
    await ctx.reply(botText[await languageOf(ctx)].status(user && shown(user)), HTML);
  });

  messages.command(['unlink', 'stop'], async (ctx) => {
    // Asked before the link goes: the goodbye is in the language the person chose.
    const language = await languageOf(ctx);
    const user = await links.unlinkChat(String(ctx.chat.id));
    await ctx.reply(botText[language].unlinked(user && shown(user)), HTML);
  });

  messages.command('help', async (ctx) => ctx.reply(botText[await languageOf(ctx)].help(), HTML));

  return composer;
}

/** A users row as the replies show it: name, number, role (never the email). */
const shown = (user: { fullName: string; phoneNumber: string; role: string }): LinkedAccount => ({ full_name: user.fullName, phone_number: user.phoneNumber, role: user.role });
