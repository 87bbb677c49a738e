import type { FastifyRequest } from 'fastify';
import type { ErrorCode } from '../lib/error-codes.js';

/** The one place a code gets its HTTP status. Exhaustive: a new code without a status fails tsc. */
export const HTTP_STATUS: Readonly<Record<ErrorCode, number>> = {
  VALIDATION_ERROR: 400,
  INVALID_JSON: 400,
  EMPTY_BODY: 400,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  BAD_REQUEST: 400,
  NOT_FOUND: 404,
  PAGE_TOO_DEEP: 400,
  INVALID_DATE_RANGE: 422,

  UNAUTHENTICATED: 401,
  INVALID_TOKEN: 401,
  TOKEN_EXPIRED: 401,
  INVALID_CREDENTIALS: 401,
  ACCOUNT_INACTIVE: 401,
  TOO_MANY_ATTEMPTS: 429,
  FORBIDDEN: 403,
  INVALID_INTERNAL_TOKEN: 401,
  INTERNAL_API_DISABLED: 503,

  USER_NOT_FOUND: 404,
  PHONE_EXISTS: 409,
  EMAIL_EXISTS: 409,
  INVALID_PHONE: 422,
  WRONG_PASSWORD: 401,
  SAME_PASSWORD: 422,
  OWN_PASSWORD_NEEDS_CURRENT: 403,

  PHONE_NOT_FOUND: 404,
  CHAT_ALREADY_LINKED: 409,
  ACCOUNT_LINKED_ELSEWHERE: 409,
  BOT_NOT_CONFIGURED: 503,
  BOT_UNREACHABLE: 503,

  VEHICLE_NOT_FOUND: 404,
  UNIT_CODE_EXISTS: 409,
  VEHICLE_TYPE_EXISTS: 409,
  UNKNOWN_VEHICLE_TYPE: 422,
  INVALID_DRIVER: 422,
  CHECKLIST_ITEM_NOT_FOUND: 404,

  VEHICLE_INACTIVE: 422,
  INVALID_SHIFT: 422,
  INVALID_ANSWERS: 422,
  SLOT_TAKEN: 409,
  SLOT_NOT_OPEN: 422,
  UNIT_NOT_ASSIGNED: 403,
  REPORT_NOT_FOUND: 404,
  INVALID_INSPECTION_TIME: 422,

  DEFECT_NOT_FOUND: 404,
  DEFECT_ALREADY_TAKEN: 409,
  DEFECT_NOT_ACTIVE: 409,
  DEFECT_NOT_ASSIGNED_TO_YOU: 403,
  ASSIGNEE_NOT_MECHANIC: 422,
  ITEM_NOT_APPLICABLE: 422,
  UNRESOLVED_ABNORMAL_DEFECT: 409,

  FILE_MISSING: 400,
  PHOTO_EMPTY: 400,
  PHOTO_TOO_LARGE: 413,
  PHOTO_TOO_MANY_FILES: 400,
  PHOTO_NOT_IMAGE: 415,
  PHOTO_CORRUPT: 422,
  PHOTO_TOO_MANY_PIXELS: 422,
  PHOTO_NOT_FOUND: 404,
  PHOTO_NOT_ATTACHABLE: 422,
  PHOTO_REQUIRED: 422,

  INVALID_QUIET_HOURS: 422,
  NOTIFICATION_NOT_FOUND: 404,
  NOTIFICATION_NOT_RESENDABLE: 409,

  INTERNAL_ERROR: 500,
  DATABASE_UNAVAILABLE: 503,
};

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * A route's own status for a code that means something else there: ACCOUNT_INACTIVE is the
     * caller's session (401) everywhere but on the bot's link call, where it is the target account.
     */
    errorStatus?: Partial<Record<ErrorCode, number>>;
  }
}

/** The status a code answers with on this request's route. */
export function statusOf(code: ErrorCode, request: FastifyRequest): number {
  return request.routeOptions.config?.errorStatus?.[code] ?? HTTP_STATUS[code];
}
