import { actorOf } from '../auth/guard.js';
import { IdParams } from '../http/api-schemas.js';
import { envelope, ok } from '../http/envelope.js';
import { DomainError, forbidden } from '../lib/errors.js';
import type { HttpServer } from '../http/server.js';
import { errorLogFields } from '../telegram/describe-error.js';
import { AdoptionSchema, LinkByPhoneBody, LinkedUserSchema, TelegramLinkTokenSchema, TelegramStatusSchema } from './api-schemas.js';
import { canManageRole } from './rules.js';
import type { UsersService } from './service.js';
import type { TelegramLinkService } from './telegram-link.js';

export interface TelegramRouteDeps {
  users: UsersService;
  links: TelegramLinkService;
  /** The bot's @username for deep links; undefined when no bot is configured. */
  botUsername: (() => Promise<string>) | undefined;
}

const tags = ['telegram'];
const security = [{ bearer: [] }];

export function registerTelegramLinkRoutes(app: HttpServer, deps: TelegramRouteDeps) {
  const { links } = deps;

  app.post(
    '/api/users/telegram/link',
    {
      // The target account is inactive, not the caller's session: a 401 would read as a bad X-Internal-Token.
      config: { errorStatus: { ACCOUNT_INACTIVE: 422 } },
      schema: {
        tags,
        summary: 'Internal: link a Telegram chat to the user with this phone number (header X-Internal-Token)',
        body: LinkByPhoneBody,
        response: ok(LinkedUserSchema),
      },
    },
    async (request) => {
      const { phone_number, telegram_chat_id, telegram_username } = request.body;
      const user = await links.linkByPhone(phone_number, { chatId: telegram_chat_id, username: telegram_username ?? null }, 'internal_api');
      return envelope('Telegram berhasil dihubungkan', user);
    },
  );

  app.get(
    '/api/users/me/telegram/status',
    { schema: { tags, security, summary: 'My Telegram link', response: ok(TelegramStatusSchema) } },
    async (request) => envelope('Status telegram berhasil diambil', await links.status(actorOf(request).id)),
  );

  app.delete(
    '/api/users/me/telegram/unlink',
    { schema: { tags, security, summary: 'Unlink my Telegram', response: ok(TelegramStatusSchema) } },
    async (request) => {
      const actor = actorOf(request);
      const changed = await links.unlinkUser(actor.id, 'web', actor);
      return envelope(changed ? 'Telegram berhasil diputuskan' : 'Telegram memang belum terhubung', await links.status(actor.id));
    },
  );

  app.post(
    '/api/users/me/telegram/link-token',
    {
      schema: {
        tags,
        security,
        summary: 'A one-time deep link (t.me/<bot>?start=<token>) to link this account; 503 when no bot is configured',
        response: ok(TelegramLinkTokenSchema),
      },
    },
    async (request) => {
      if (!deps.botUsername) throw new DomainError('BOT_NOT_CONFIGURED', 'Bot Telegram belum dikonfigurasi (TELEGRAM_BOT_TOKEN)');
      let username: string;
      try {
        username = await deps.botUsername();
      } catch (error) {
        request.log.warn(errorLogFields(error), 'getMe failed while making a link token');
        throw new DomainError('BOT_UNREACHABLE', 'Bot Telegram tidak dapat dihubungi, coba lagi nanti');
      }
      const { token, expiresAt } = await links.createToken(actorOf(request).id);
      return envelope('Link Telegram berhasil dibuat', {
        token,
        url: `https://t.me/${username}?start=${token}`,
        expires_at: expiresAt.toISOString(),
      });
    },
  );

  app.delete(
    '/api/users/:id/telegram',
    {
      schema: { tags, security, summary: "Admin reset of a user's Telegram link", params: IdParams, response: ok(TelegramStatusSchema) },
    },
    async (request) => {
      const actor = actorOf(request);
      const target = await deps.users.get(request.params.id);
      if (target.id !== actor.id && !canManageRole(actor.role, target.role)) throw forbidden('Anda tidak dapat mereset Telegram akun ini');
      const changed = await links.unlinkUser(target.id, 'admin', actor);
      return envelope(changed ? 'Link Telegram user berhasil direset' : 'User ini memang belum terhubung', await links.status(target.id));
    },
  );

  app.get(
    '/api/telegram/adoption',
    {
      schema: {
        tags,
        security,
        summary: 'How many active users linked Telegram',
        response: ok(AdoptionSchema),
      },
    },
    async () => envelope('Adopsi Telegram berhasil diambil', await links.adoption()),
  );
}
