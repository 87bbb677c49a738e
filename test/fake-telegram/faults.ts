/**
 * Injected faults: matching, counting and the answers they produce.
 */
import { STATUS_CODES } from 'node:http';
import type { ApiBody, Fault, FaultResponse, FaultSpec, Params } from './types.js';

export type Outcome =
  | { kind: 'json'; status: number; body: ApiBody; fault?: string }
  | { kind: 'raw'; status: number; contentType: string; body: string; fault: string }
  | { kind: 'drop'; fault: string };

const BAD_GATEWAY_HTML =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx/1.18.0</center>\r\n</body>\r\n</html>\r\n';

export class FaultBook {
  private readonly faults: Fault[] = [];

  add(spec: FaultSpec): Fault {
    const fault: Fault = { ...spec, remaining: spec.times ?? 1, hits: 0 };
    this.faults.push(fault);
    return fault;
  }

  clear(): void {
    this.faults.length = 0;
  }

  /** The first live fault matching this call; consumes one of its `times`. */
  take(token: string, method: string, params: Params): Fault | undefined {
    const fault = this.faults.find((f) =>
      f.remaining > 0 &&
      (f.method === '*' || f.method.toLowerCase() === method.toLowerCase()) &&
      (f.token === undefined || f.token === token) &&
      (f.chatId === undefined || String(f.chatId) === String(params['chat_id'])));
    if (!fault) return undefined;
    fault.remaining -= 1;
    fault.hits += 1;
    if (fault.remaining <= 0) this.faults.splice(this.faults.indexOf(fault), 1);
    return fault;
  }
}

/** The answer for a fault with a status. */
export function faultOutcome(r: FaultResponse & { status: number }): Outcome {
  const status = r.status;
  if (status === 502) return { kind: 'raw', status, contentType: 'text/html', body: BAD_GATEWAY_HTML, fault: '502' };
  let description = r.description ?? (status >= 500 ? (status === 500 ? 'Internal Server Error' : STATUS_CODES[status] ?? 'Server Error') : STATUS_CODES[status] ?? 'Error');
  let parameters: Record<string, unknown> | undefined = r.parameters;
  if (status === 429) {
    const retry = r.retryAfter ?? 1;
    description = r.description ?? `Too Many Requests: retry after ${retry}`;
    parameters = { retry_after: retry, ...parameters };
  } else if (status === 403) {
    description = r.description ?? 'Forbidden: bot was blocked by the user';
  } else if (status === 400 && r.migrateTo !== undefined) {
    description = r.description ?? 'Bad Request: group chat was upgraded to a supergroup chat';
    parameters = { migrate_to_chat_id: r.migrateTo, ...parameters };
  } else if (status === 400) {
    description = r.description ?? 'Bad Request: chat not found';
  }
  const body: ApiBody = { ok: false, error_code: status, description };
  if (parameters) body.parameters = parameters;
  return { kind: 'json', status, body, fault: String(status) };
}
