import { Composer, type Context } from 'grammy';
import type { TelegramLinkService } from '../../users/telegram-link.js';
import { botText, HTML, type LinkedAccount } from '../messages.js';


/** Step 4: what a chat can ask about its link: /status, /unlink (or /stop) and /help. */
export function account(links: TelegramLinkService): Composer<Context> {
  const composer = new Composer();
  const messages = composer.on('message');

  messages.command('status', async (ctx) => {
    const user = await links.findByChat(String(ctx.chat.id));
    await ctx.reply(botText.status(user && shown(user)), HTML);
  });

  messages.command(['unlink', 'stop'], async (ctx) => {
    const user = await links.unlinkChat(String(ctx.chat.id));
    await ctx.reply(botText.unlinked(user && shown(user)), HTML);
  });

  messages.command('help', (ctx) => ctx.reply(botText.help(), HTML));

  return composer;
}

/** A users row as the replies show it: name, number, role (never the email). */
const shown = (user: { fullName: string; phoneNumber: string; role: string }): LinkedAccount => ({ full_name: user.fullName, phone_number: user.phoneNumber, role: user.role });
