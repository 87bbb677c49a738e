import { Type } from '@sinclair/typebox';
import { actorOf } from '../auth/guard.js';
import { envelope, IdParams, Nullable, ok } from '../http/envelope.js';
import { DomainError, forbidden } from '../lib/errors.js';
import type { HttpServer } from '../http/server.js';
import { errorLogFields } from '../telegram/describe-error.js';
import { PhoneInput, RoleSchema } from './api-schemas.js';
import { canManageRole } from './rules.js';
import type { UsersService } from './service.js';
import type { TelegramLinkService } from './telegram-link.js';

const StatusSchema = Type.Object({
  is_linked: Type.Boolean(),
  telegram_chat_id: Nullable(Type.String()),
  telegram_username: Nullable(Type.String()),
  telegram_linked_at: Nullable(Type.String({ format: 'date-time' })),
  is_reachable: Type.Boolean(),
});

const LinkedUserSchema = Type.Object({
  id: Type.Integer(),
  full_name: Type.String(),
  phone_number: Type.String(),
  role: RoleSchema,
  telegram_chat_id: Type.String(),
  telegram_username: Nullable(Type.String()),
  telegram_linked_at: Type.String({ format: 'date-time' }),
});

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
        body: Type.Object(
          {
            phone_number: PhoneInput,
            telegram_chat_id: Type.String({ pattern: '^[1-9][0-9]{0,19}$', description: 'private chat id (the Telegram user id)' }),
            telegram_username: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
          },
          { additionalProperties: false },
        ),
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
    { schema: { tags, security, summary: 'My Telegram link', response: ok(StatusSchema) } },
    async (request) => envelope('Status telegram berhasil diambil', await links.status(actorOf(request).id)),
  );

  app.delete(
    '/api/users/me/telegram/unlink',
    { schema: { tags, security, summary: 'Unlink my Telegram', response: ok(StatusSchema) } },
    async (request) => {
      const actor = actorOf(request);
      const changed = await links.unlinkUser(actor.id, 'web', actor.id);
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
        response: ok(Type.Object({ token: Type.String(), url: Type.String(), expires_at: Type.String({ format: 'date-time' }) })),
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
      schema: { tags, security, summary: "Admin reset of a user's Telegram link", params: IdParams, response: ok(StatusSchema) },
    },
    async (request) => {
      const actor = actorOf(request);
      const target = await deps.users.get(request.params.id);
      if (target.id !== actor.id && !canManageRole(actor.role, target.role)) throw forbidden('Anda tidak dapat mereset Telegram akun ini');
      const changed = await links.unlinkUser(target.id, 'admin', actor.id);
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
        response: ok(Type.Object({ total_users: Type.Integer(), linked_users: Type.Integer(), percentage: Type.Number() })),
      },
    },
    async () => envelope('Adopsi Telegram berhasil diambil', await links.adoption()),
  );
}
