import { describeTelegramError } from '../telegram/describe-error.js';

/** Seconds each Bot API call of the troubleshooting commands may take. */
export const TIMEOUT_SECONDS = 10;

/** Why the Bot API could not be reached, in words an operator can act on (ECONNREFUSED, timeout…), never the URL. */
export function networkReason(error: unknown): string {
  const reason = describeTelegramError(error).replace(/^network: /, '');
  return reason === 'timeout' ? `tidak ada jawaban dalam ${TIMEOUT_SECONDS} detik` : reason;
}
