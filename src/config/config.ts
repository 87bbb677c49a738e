import { isIP } from 'node:net';
import path from 'node:path';
import { normalizePhone } from '../users/phone.js';
import { readPhotoConfig, type PhotoConfig } from './photo-config.js';

export type TelegramLinkMode = 'verified' | 'phone';
export type ExpiryAlertMode = 'digest' | 'each';
/** Off, or the addresses/CIDRs (or proxy-addr range names) of the proxies whose X-Forwarded-For is believed. */
export type TrustProxy = false | string[];

export interface Config {
  port: number;
  host: string;
  /** HOST is reachable from other machines (not loopback): a demo there needs P2H_DEMO=1 and gets a warning. */
  publicHost: boolean;
  /** Fastify's trustProxy: false (off) or the proxies' addresses/CIDRs. */
  trustProxy: TrustProxy;
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
  /** EXPIRY_ALERT_MODE: one digest a day to the group (default) or one message per document (the first wave's). */
  expiryAlertMode: ExpiryAlertMode;
  /** DAILY_SUMMARY_AT: when the day's summary goes to the group and to the admins who want it, in P2H_TIMEZONE. */
  dailySummaryAt: { hour: number; minute: number };
  /** DEFECT_ESCALATE_MINUTES: an ABNORMAL defect nobody took this long is announced to the group once. */
  defectEscalateMinutes: number;
  /** P2H_PUBLIC_URL: the web app's address that alerts link to; undefined → no links. */
  publicUrl: string | undefined;
  /** P2H_COMPANY_NAME: the company named at the top of exports and printed reports; default "P2H". */
  companyName: string;
  /** Where photos are kept (PHOTO_STORAGE, S3_*) and whether a defect needs one (P2H_DEFECT_PHOTO). */
  photos: PhotoConfig;
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

  const host = get('HOST') ?? '127.0.0.1';
  const publicHost = !isLoopback(host);
  const demoRaw = get('P2H_DEMO') ?? (databaseUrl === undefined ? '1' : '0');
  const demo = parseBoolean(demoRaw);
  if (demo === undefined) problems.push(`P2H_DEMO must be 1 or 0 (got "${demoRaw}")`);
  // The demo's accounts have a published password: on an address others can reach, only on purpose.
  if (demo === true && publicHost && get('P2H_DEMO') === undefined) {
    problems.push(
      `P2H_DEMO must be set when HOST (${host}) is not a loopback address: demo mode (the default without DATABASE_URL) ` +
        'creates accounts with a published password. Set P2H_DEMO=1 to accept a public demo, ' +
        'or P2H_DEMO=0 with ADMIN_PHONE/ADMIN_PASSWORD and JWT_SECRET for real use',
    );
  }

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

  const expiryModeRaw = get('EXPIRY_ALERT_MODE') ?? 'digest';
  if (expiryModeRaw !== 'digest' && expiryModeRaw !== 'each') {
    problems.push(`EXPIRY_ALERT_MODE must be "digest" (one message a day) or "each" (one per document) (got "${expiryModeRaw}")`);
  }

  const summaryRaw = get('DAILY_SUMMARY_AT') ?? '18:00';
  const dailySummaryAt = parseTimeOfDay(summaryRaw);
  if (dailySummaryAt === undefined) problems.push(`DAILY_SUMMARY_AT must be HH:MM in 24-hour time (got "${summaryRaw}")`);

  const escalateRaw = get('DEFECT_ESCALATE_MINUTES') ?? '30';
  const defectEscalateMinutes = parseInteger(escalateRaw, 1, 10_080);
  if (defectEscalateMinutes === undefined) problems.push(`DEFECT_ESCALATE_MINUTES must be a whole number of minutes from 1 to 10080 (got "${escalateRaw}")`);

  const publicUrl = get('P2H_PUBLIC_URL');
  if (publicUrl !== undefined && !isHttpUrl(publicUrl)) problems.push(`P2H_PUBLIC_URL must be an http(s) address such as https://p2h.example.co.id (got "${publicUrl}")`);

  const companyName = get('P2H_COMPANY_NAME') ?? 'P2H';
  if (companyName.length > 120) problems.push(`P2H_COMPANY_NAME must be at most 120 characters (got ${companyName.length})`);

  const leaseRaw = get('DELIVERY_LEASE_SECONDS') ?? '60';
  const deliveryLeaseSeconds = parseInteger(leaseRaw, 5, 3600);
  if (deliveryLeaseSeconds === undefined) problems.push(`DELIVERY_LEASE_SECONDS must be a whole number from 5 to 3600 (got "${leaseRaw}")`);

  const concurrencyRaw = get('DELIVERY_CONCURRENCY') ?? '1';
  const deliveryConcurrency = parseInteger(concurrencyRaw, 1, 16);
  if (deliveryConcurrency === undefined) problems.push(`DELIVERY_CONCURRENCY must be a whole number from 1 to 16 (got "${concurrencyRaw}")`);

  const trustProxyRaw = get('TRUST_PROXY');
  const trustProxy = trustProxyRaw === undefined ? false : parseTrustProxy(trustProxyRaw);
  if (typeof trustProxy === 'string') problems.push(`TRUST_PROXY ${trustProxy} (got "${trustProxyRaw}")`);

  const photos = readPhotoConfig(get, problems);

  if (problems.length > 0) throw new ConfigError(problems);

  return {
    port: port!,
    host,
    publicHost,
    trustProxy: trustProxy as TrustProxy,
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
    expiryAlertMode: expiryModeRaw as ExpiryAlertMode,
    dailySummaryAt: dailySummaryAt!,
    defectEscalateMinutes: defectEscalateMinutes!,
    publicUrl: publicUrl?.replace(/\/+$/, ''),
    companyName,
    photos,
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

/** proxy-addr's names for address ranges, accepted by Fastify's trustProxy next to addresses and CIDRs. */
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

const TRUST_PROXY_HINT =
  'lists the proxies in front of P2H: loopback for nginx/Caddy on the same machine, or addresses/CIDRs such as 10.0.0.5,10.0.0.0/8';

/** A TrustProxy, or why the value is refused. */
function parseTrustProxy(raw: string): TrustProxy | string {
  const lower = raw.toLowerCase();
  if (['false', '0', 'off', 'no'].includes(lower)) return false;
  // Fastify ignores a hop count alone (fails closed), and `true` believes any X-Forwarded-For, so a
  // client reaching P2H directly, or past an appending proxy, picks its own address and dodges the limit.
  if (/^\d+$/.test(raw) || ['true', 'yes', 'on'].includes(lower)) {
    return `does not take a hop count or true: a client could forge its address; ${TRUST_PROXY_HINT} (0.0.0.0/0,::/0 trusts everyone, on purpose)`;
  }
  const entries = raw.split(',').map((entry) => entry.trim());
  return entries.every(isProxyAddress) ? entries : `${TRUST_PROXY_HINT}, or false`;
}

function isProxyAddress(entry: string): boolean {
  if (PROXY_RANGE_NAMES.includes(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const version = isIP(address ?? '');
  if (version === 0 || rest.length > 0) return false;
  if (prefix === undefined) return true;
  return /^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128);
}

function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  if (bare === 'localhost' || bare === '::1') return true;
  return isIP(bare) === 4 && bare.startsWith('127.');
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
