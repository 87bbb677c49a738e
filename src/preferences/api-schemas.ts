/** Notification preferences on the wire. Imports only TypeBox and the enum lists: the web type-checks it too. */
import { Type, type Static } from '@sinclair/typebox';
import { LiteralUnion, Nullable } from '../http/api-schemas.js';
import { DELIVERY_MODES, LANGUAGES } from './values.js';

const Mode = LiteralUnion(DELIVERY_MODES, { description: 'on: with sound; silent: without (disable_notification); off: not sent' });
const TimeOfDay = Type.String({ pattern: '^([01][0-9]|2[0-3]):[0-5][0-9]$', description: 'HH:MM in P2H_TIMEZONE' });

export const NotificationPreferencesSchema = Type.Object(
  {
    p2h_warning: Mode,
    p2h_abnormal: LiteralUnion(['on', 'silent'] as const, { description: 'an ABNORMAL (stop operasi) alert cannot be turned off, and quiet hours never hold it' }),
    defects: Mode,
    expiry: Mode,
    daily_summary: Mode,
    quiet_hours_start: Nullable(TimeOfDay),
    quiet_hours_end: Nullable(TimeOfDay),
    language: LiteralUnion(LANGUAGES),
  },
  { additionalProperties: false },
);
export type NotificationPreferences = Static<typeof NotificationPreferencesSchema>;

/** PUT takes any subset; quiet hours are set or cleared together. */
export const UpdateNotificationPreferencesBody = Type.Partial(NotificationPreferencesSchema, { additionalProperties: false, minProperties: 1 });
export type NotificationPreferencesUpdate = Static<typeof UpdateNotificationPreferencesBody>;
