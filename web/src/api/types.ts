/**
 * Shapes of the P2H API: the types of the server's route schemas (src/<feature>/api-schemas.ts),
 * re-exported, never copied, so a field renamed on the server fails `tsc -p web`.
 */
export type { ChangePasswordInput, LoginInput, LoginResult } from '../../../src/auth/api-schemas';
export type { ApplicableItem, ChecklistEntry, ChecklistItem, CreateItemInput, UpdateItemInput } from '../../../src/checklist/api-schemas';
export type { ErrorDetail, ErrorPayload, Page, Readiness } from '../../../src/http/api-schemas';
export type { NotificationEntry, NotificationListQuery } from '../../../src/notifications/api-schemas';
export type { NotificationStatus, NotificationType } from '../../../src/notifications/values';
export type { NotificationPreferences, NotificationPreferencesUpdate } from '../../../src/preferences/api-schemas';
export type { DeliveryMode, Language as BotLanguage, PreferenceTopic } from '../../../src/preferences/values';
export type { Location as ReportLocation } from '../../../src/p2h/api-schemas';
export type { Photo, PhotoRef } from '../../../src/photos/api-schemas';
export { MAX_PHOTOS_PER_ANSWER } from '../../../src/photos/values';
export type { Compliance, DeliveryState, ReportAnswer, ReportDetail, ReportQuery, ReportSummary, SubmitInput } from '../../../src/p2h/api-schemas';
export type { ComplianceColor, P2hStatus } from '../../../src/p2h/values';
export type {
  Adoption,
  CreateUserInput,
  TelegramLinkToken,
  TelegramStatus,
  UpdateUserInput,
  User,
  UserListQuery,
} from '../../../src/users/api-schemas';
export type { Role } from '../../../src/users/values';
export type { CreateVehicleInput, ExpiringDocument, UpdateVehicleInput, Vehicle, VehicleListQuery } from '../../../src/vehicles/api-schemas';
export type { DocumentType, ShiftType } from '../../../src/vehicles/values';
