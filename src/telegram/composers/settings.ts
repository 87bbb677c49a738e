import { Composer, GrammyError, type Context } from 'grammy';
import type { PreferencesService } from '../../preferences/service.js';
import type { TelegramLinkService } from '../../users/telegram-link.js';
import { languageOf } from '../language.js';
import { HTML } from '../messages.js';
import { parseSettingsButton, renderSettings, settingsText } from '../settings-view.js';

/**
 * Step 6: /settings shows the person's notification preferences with buttons; a press saves the
 * change through the same service as the web profile and edits the message in place. Stateless:
 * the button says what to set, and the presser is looked up again, so it works after restarts.
 */
export function settings({ links, preferences }: { links: TelegramLinkService; preferences: PreferencesService }): Composer<Context> {
  const composer = new Composer();

  composer.on('message').command('settings', async (ctx) => {
    const user = await links.findByChat(String(ctx.chat.id));
    if (!user || !user.isActive) return void (await ctx.reply(settingsText(await languageOf(ctx)).notLinked));
    const view = renderSettings(await preferences.get(user.id));
    await ctx.reply(view.text, { ...HTML, reply_markup: { inline_keyboard: view.keyboard } });
  });

  composer.on('callback_query:data', async (ctx, next) => {
    const change = parseSettingsButton(ctx.callbackQuery.data);
    if (change === undefined) return next();
    // A private chat's id is its user's id: the presser's own link, wherever the message is.
    const user = await links.findByChat(String(ctx.from.id));
    if (!user || !user.isActive) return void (await ctx.answerCallbackQuery({ text: settingsText(await languageOf(ctx)).notLinked, show_alert: true }));
    if (change === 'noop') return void (await ctx.answerCallbackQuery());
    const saved = await preferences.update(user.id, change);
    await ctx.answerCallbackQuery({ text: settingsText(saved.language).saved });
    const view = renderSettings(saved);
    try {
      await ctx.editMessageText(view.text, { ...HTML, reply_markup: { inline_keyboard: view.keyboard } });
    } catch (error) {
      // Pressing the option already chosen changes nothing on screen: Telegram says so, and that is fine.
      if (!(error instanceof GrammyError && /message is not modified/.test(error.description))) throw error;
    }
  });

  return composer;
}
