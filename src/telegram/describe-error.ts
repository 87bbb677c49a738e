import { GrammyError, HttpError } from 'grammy';

/**
 * grammY puts the token in every request URL (`…/bot<id>:<secret>/sendMessage`), and the fetch error
 * it wraps quotes that URL. So no raw grammY error is ever stored, answered or logged: only these
 * words, built from codes we choose, are.
 */
export function describeTelegramError(error: unknown): string {
  if (error instanceof GrammyError) return scrubSecrets(`${error.error_code} ${error.description}`);
  if (error instanceof HttpError) return `network: ${networkCause(error.error)}`;
  return scrubSecrets(error instanceof Error ? error.message : String(error)).slice(0, 300);
}

/** Log fields for an error: a Bot API failure as words, anything else (our own bugs) with its stack. */
export function errorLogFields(error: unknown): Record<string, unknown> {
  if (error instanceof GrammyError || error instanceof HttpError) return { telegram_error: describeTelegramError(error) };
  return { err: error };
}

/** Any URL and anything shaped like a bot token, gone: for text that came from outside. */
export function scrubSecrets(text: string): string {
  return text.replace(/[a-z][a-z0-9+.-]*:\/\/\S+/gi, '<url>').replace(/\d{3,}:[A-Za-z0-9_-]{20,}/g, '<token>');
}

const ERRNO = /^E[A-Z0-9_]{2,40}$/;

/** Why a request got no usable answer, from the error's codes only (never its message: it has the URL). */
function networkCause(inner: unknown): string {
  if (!(inner instanceof Error)) {
    // grammY wraps a non-OK fetch Response too: {status, statusText}.
    const status = (inner as { status?: unknown } | null)?.status;
    return typeof status === 'number' ? `HTTP ${status}` : 'unknown';
  }
  // grammY's own timeout ("Request to 'x' timed out after n seconds") carries no URL, but say it plainly.
  if (/timed out/i.test(inner.message) || inner.name === 'AbortError') return 'timeout';
  const { code, type } = inner as Error & { code?: unknown; type?: unknown };
  if (typeof code === 'string' && ERRNO.test(code)) return code;
  // node-fetch's FetchError types: a proxy's HTML page or a cut-off body is 'invalid-json'.
  if (type === 'invalid-json') return 'invalid response (not JSON)';
  if (type === 'request-timeout' || type === 'body-timeout') return 'timeout';
  if (typeof type === 'string' && /^[a-z-]{1,30}$/.test(type)) return type;
  return /^[A-Za-z]{1,40}$/.test(inner.name) ? inner.name : 'unknown';
}
