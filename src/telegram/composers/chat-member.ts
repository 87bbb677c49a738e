import { Composer, type Context } from 'grammy';
import type { TelegramLinkService } from '../../users/telegram-link.js';

/**
 * Step 2: blocking the bot (or unblocking it) decides whether personal alerts can arrive. Nobody
 * can be answered here, so a failure goes to bot.catch rather than to the error boundary.
 */
export function chatMember(links: TelegramLinkService): Composer<Context> {
  const composer = new Composer();
  composer.on('my_chat_member', async (ctx) => {
    if (ctx.chat.type !== 'private') return;
    const status = ctx.myChatMember.new_chat_member.status;
    if (status === 'kicked') await links.setReachable(String(ctx.chat.id), false, 'chat_member');
    else if (status === 'member') await links.setReachable(String(ctx.chat.id), true, 'chat_member');
  });
  return composer;
}
