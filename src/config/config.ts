import path from 'node:path';
import { normalizePhone } from '../users/phone.js';

export type TelegramLinkMode = 'verified' | 'phone';

export interface Config {
  port: number;
  host: string;
  /** postgres://… ; undefined means embedded PGlite under dataDir. */
  databaseUrl: string | undefined;
  dataDir: string;
  demo: boolean;
  admin: { phone: string; password: string; name: string } | undefined;
  /** undefined only in demo mode, where start-up generates one and keeps it in dataDir. */
  jwtSecret: string | undefined;
  telegram: {
    botToken: string | undefined;
    chatId: string | undefined;
    apiRoot: string;
    linkMode: TelegramLinkMode;
  };
  internalApiToken: string | undefined;
  timezone: string;
  /** P2H_ASSIGNED_ONLY: a unit with an assigned driver takes reports only from that driver or an admin. */
  assignedOnly: boolean;
  expiryCheckAt: { hour: number; minute: number };
  /** How long a delivery worker owns a claimed notification before another may take it over. */
  deliveryLeaseSeconds: number;
  /** Messages a worker has in flight at once; each may be duplicated if the worker crashes. */
  deliveryConcurrency: number;
  logLevel: string;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Reads and validates every variable at once, so one start reports all mistakes together. */
export function loadConfig(env: Env = process.env): Config {
  const problems: string[] = [];
  const get = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };

  const port = parseInteger(get('PORT') ?? '3000', 0, 65535);
  if (port === undefined) problems.push(`PORT must be a whole number from 0 to 65535 (got "${get('PORT')}")`);

  const databaseUrl = get('DATABASE_URL');
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must start with postgres:// or postgresql://');
  }

  const demoRaw = get('P2H_DEMO') ?? (databaseUrl === undefined ? '1' : '0');
  const demo = parseBoolean(demoRaw);
  if (demo === undefined) problems.push(`P2H_DEMO must be 1 or 0 (got "${demoRaw}")`);

  const jwtSecret = get('JWT_SECRET');
  if (jwtSecret !== undefined && jwtSecret.length < 32) {
    problems.push('JWT_SECRET must be at least 32 characters long');
  } else if (jwtSecret === undefined && demo === false) {
    problems.push('JWT_SECRET is required when P2H_DEMO=0 (at least 32 random characters)');
  }

  const admin = readAdmin(get, problems);

  const apiRoot = (get('TELEGRAM_API_ROOT') ?? 'https://api.telegram.org').replace(/\/+$/, '');
  if (!isHttpUrl(apiRoot)) problems.push(`TELEGRAM_API_ROOT must be an http(s) URL (got "${apiRoot}")`);

  const botToken = get('TELEGRAM_BOT_TOKEN');
  if (botToken !== undefined && !/^\d+:[A-Za-z0-9_-]{20,}$/.test(botToken)) {
    problems.push('TELEGRAM_BOT_TOKEN does not look like a BotFather token (digits:secret)');
  }

  const chatId = get('TELEGRAM_CHAT_ID');
  if (chatId !== undefined && !/^(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{4,31})$/.test(chatId)) {
    problems.push('TELEGRAM_CHAT_ID must be a numeric chat id (groups are negative, e.g. -1001234567890) or @channelname');
  }

  const linkMode = get('TELEGRAM_LINK_MODE') ?? 'verified';
  if (linkMode !== 'verified' && linkMode !== 'phone') {
    problems.push(`TELEGRAM_LINK_MODE must be "verified" or "phone" (got "${linkMode}")`);
  }

  const timezone = get('P2H_TIMEZONE') ?? 'Asia/Makassar';
  if (!isTimeZone(timezone)) problems.push(`P2H_TIMEZONE must be an IANA time zone such as Asia/Makassar (got "${timezone}")`);

  const assignedOnlyRaw = get('P2H_ASSIGNED_ONLY') ?? '0';
  const assignedOnly = parseBoolean(assignedOnlyRaw);
  if (assignedOnly === undefined) problems.push(`P2H_ASSIGNED_ONLY must be 1 or 0 (got "${assignedOnlyRaw}")`);

  const expiryRaw = get('EXPIRY_CHECK_AT') ?? '05:00';
  const expiryCheckAt = parseTimeOfDay(expiryRaw);
  if (expiryCheckAt === undefined) problems.push(`EXPIRY_CHECK_AT must be HH:MM in 24-hour time (got "${expiryRaw}")`);

  const leaseRaw = get('DELIVERY_LEASE_SECONDS') ?? '60';
  const deliveryLeaseSeconds = parseInteger(leaseRaw, 5, 3600);
  if (deliveryLeaseSeconds === undefined) problems.push(`DELIVERY_LEASE_SECONDS must be a whole number from 5 to 3600 (got "${leaseRaw}")`);

  const concurrencyRaw = get('DELIVERY_CONCURRENCY') ?? '1';
  const deliveryConcurrency = parseInteger(concurrencyRaw, 1, 16);
  if (deliveryConcurrency === undefined) problems.push(`DELIVERY_CONCURRENCY must be a whole number from 1 to 16 (got "${concurrencyRaw}")`);

  if (problems.length > 0) throw new ConfigError(problems);

  return {
    port: port!,
    host: get('HOST') ?? '127.0.0.1',
    databaseUrl,
    dataDir: path.resolve(get('DATA_DIR') ?? './data'),
    demo: demo!,
    admin,
    jwtSecret,
    telegram: { botToken, chatId, apiRoot, linkMode: linkMode as TelegramLinkMode },
    internalApiToken: get('INTERNAL_API_TOKEN'),
    timezone,
    assignedOnly: assignedOnly!,
    expiryCheckAt: expiryCheckAt!,
    deliveryLeaseSeconds: deliveryLeaseSeconds!,
    deliveryConcurrency: deliveryConcurrency!,
    logLevel: get('LOG_LEVEL') ?? 'info',
  };
}

function readAdmin(get: (name: string) => string | undefined, problems: string[]): Config['admin'] {
  const phone = get('ADMIN_PHONE');
  const password = get('ADMIN_PASSWORD');
  if (phone === undefined && password === undefined) return undefined;
  if (phone === undefined || password === undefined) {
    problems.push('ADMIN_PHONE and ADMIN_PASSWORD must be set together');
    return undefined;
  }
  const normalized = normalizePhone(phone);
  if (!normalized.ok) {
    problems.push(`ADMIN_PHONE is not a valid phone number (got "${phone}")`);
    return undefined;
  }
  if (password.length < 8) {
    problems.push('ADMIN_PASSWORD must be at least 8 characters long');
    return undefined;
  }
  return { phone: normalized.e164, password, name: get('ADMIN_NAME') ?? 'Super Admin' };
}

function parseInteger(raw: string, min: number, max: number): number | undefined {
  if (!/^\d+$/.test(raw)) return undefined;
  const value = Number(raw);
  return value >= min && value <= max ? value : undefined;
}

function parseBoolean(raw: string): boolean | undefined {
  if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
  if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
  return undefined;
}

function parseTimeOfDay(raw: string): { hour: number; minute: number } | undefined {
  const match = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(raw);
  return match ? { hour: Number(match[1]), minute: Number(match[2]) } : undefined;
}

function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

function isHttpUrl(raw: string): boolean {
  try {
    const url = new URL(raw);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}
