import type { Logger } from 'pino';
import { AuditLog } from './audit/service.js';
import { ChecklistService } from './checklist/service.js';
import type { Config } from './config/config.js';
import type { Database } from './db/client.js';
import { DefectsService } from './defects/service.js';
import type { Clock } from './lib/clock.js';
import { AccountNoticeOutbox } from './notifications/account-notices.js';
import { DefectOutbox } from './notifications/defect-notices.js';
import { Outbox } from './notifications/outbox.js';
import { ComplianceMatrixService } from './p2h/compliance-matrix.js';
import { P2hService } from './p2h/service.js';
import { PhotoLinks } from './photos/links.js';
import { PhotosService, photoStorageFor } from './photos/service.js';
import { PreferencesService } from './preferences/service.js';
import { UsersService } from './users/service.js';
import { TelegramLinkService } from './users/telegram-link.js';
import { VehiclesService } from './vehicles/service.js';

export interface ServicesOptions {
  config: Config;
  database: Database;
  clock: Clock;
  log: Pick<Logger, 'warn'> & Partial<Pick<Logger, 'info'>>;
}

export interface Services {
  users: UsersService;
  vehicles: VehiclesService;
  checklist: ChecklistService;
  p2h: P2hService;
  complianceMatrix: ComplianceMatrixService;
  defects: DefectsService;
  /** Attaches uploaded photos to answers, defects and repairs, and reads those links back. */
  photoLinks: PhotoLinks;
  telegramLinks: TelegramLinkService;
  preferences: PreferencesService;
  outbox: Outbox;
  /** Uploads, serving and the 24-hour cleanup of photos (PHOTO_STORAGE: local disk or S3). */
  photos: PhotosService;
  /** Who changed what: services record into it inside the transaction that makes the change. */
  audit: AuditLog;
  /** The one clock every service was given; scheduled work (expiry scan, demo seed) reads it too. */
  clock: Clock;
}

/**
 * Every service, wired, and nothing of HTTP: the worker, the bot and the CLI commands need only
 * this. Each dependency goes in through a constructor, so a half-wired service cannot exist.
 */
export function buildServices(options: ServicesOptions): Services {
  const { config, clock, log } = options;
  const db = options.database.db;
  const audit = new AuditLog(db, clock, config.timezone);
  const preferences = new PreferencesService(db, clock);
  // Info lines (a message held for quiet hours); the CLI's quiet logger has none.
  const info = (fields: Record<string, unknown>, message: string) => log.info?.(fields, message);
  const linkNotices = new AccountNoticeOutbox(preferences, { botConfigured: config.telegram.botToken !== undefined, timezone: config.timezone, now: clock, info });
  const users = new UsersService(db, clock, linkNotices, audit);
  const vehicles = new VehiclesService(db, (id) => users.findById(id), clock, audit);
  const checklist = new ChecklistService(db, vehicles, clock, audit);
  const telegramLinks = new TelegramLinkService(db, clock, linkNotices, audit);
  const outbox = new Outbox(db, telegramLinks, preferences, {
    botConfigured: config.telegram.botToken !== undefined,
    groupChatId: config.telegram.chatId,
    timezone: config.timezone,
    now: clock,
    warn: (fields, message) => log.warn(fields, message),
    info,
  });
  const defectNotices = new DefectOutbox(outbox, telegramLinks, preferences, {
    botConfigured: config.telegram.botToken !== undefined,
    groupChatId: config.telegram.chatId,
    timezone: config.timezone,
    publicUrl: config.publicUrl,
    now: clock,
  });
  const photoLinks = new PhotoLinks(db, clock);
  const defects = new DefectsService(db, { vehicles, users, checklist, notices: defectNotices, photos: photoLinks, audit, clock, escalateMinutes: config.defectEscalateMinutes });
  const p2h = new P2hService(db, {
    vehicles,
    checklist,
    users,
    alerts: outbox,
    defects,
    photos: photoLinks,
    defectPhotoRequired: config.photos.defectPhotoRequired,
    clock,
    timezone: config.timezone,
    assignedOnly: config.assignedOnly,
  });
  const complianceMatrix = new ComplianceMatrixService(db, { vehicles, clock, timezone: config.timezone });
  const photos = new PhotosService(db, { storage: photoStorageFor(config.photos.storage, config.dataDir), clock, log });
  return { audit, users, vehicles, checklist, p2h, complianceMatrix, defects, photoLinks, photos, telegramLinks, preferences, outbox, clock };
}
