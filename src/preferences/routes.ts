import { actorOf } from '../auth/guard.js';
import { envelope, ok } from '../http/envelope.js';
import type { HttpServer } from '../http/server.js';
import { NotificationPreferencesSchema, UpdateNotificationPreferencesBody } from './api-schemas.js';
import type { PreferencesService } from './service.js';

const tags = ['users'];
const security = [{ bearer: [] }];

export function registerPreferenceRoutes(app: HttpServer, deps: { preferences: PreferencesService }) {
  const { preferences } = deps;

  app.get(
    '/api/users/me/notification-preferences',
    { schema: { tags, security, summary: 'Which Telegram messages I get, how loudly, when, and in which language', response: ok(NotificationPreferencesSchema) } },
    async (request) => envelope('Preferensi notifikasi berhasil diambil', await preferences.get(actorOf(request).id)),
  );

  app.put(
    '/api/users/me/notification-preferences',
    {
      schema: {
        tags,
        security,
        summary: 'Change my notification preferences (any subset; ABNORMAL cannot be off; quiet hours set or cleared together)',
        body: UpdateNotificationPreferencesBody,
        response: ok(NotificationPreferencesSchema),
      },
    },
    async (request) => envelope('Preferensi notifikasi disimpan', await preferences.update(actorOf(request).id, request.body)),
  );
}
