import { HttpError } from 'grammy';

/** Seconds each Bot API call of the troubleshooting commands may take. */
export const TIMEOUT_SECONDS = 10;

/** Why the Bot API could not be reached, in words an operator can act on (ECONNREFUSED, timeout…). */
export function networkReason(error: unknown): string {
  const inner = error instanceof HttpError ? error.error : error;
  if (inner instanceof Error) {
    const code = (inner as NodeJS.ErrnoException).code;
    if (/timed out/i.test(inner.message)) return `tidak ada jawaban dalam ${TIMEOUT_SECONDS} detik`;
    const reason = /reason: (.*)$/.exec(inner.message)?.[1] ?? inner.message;
    return code && !reason.includes(code) ? `${code}: ${reason}` : reason;
  }
  return error instanceof Error ? error.message : String(error);
}
