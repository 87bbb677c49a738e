/**
 * Fake Telegram Bot API server for tests: a real HTTP server on 127.0.0.1
 * that grammY talks to via `new Bot(token, { client: { apiRoot: fake.apiRoot } })`.
 *
 *   const fake = await startFakeTelegram();
 *   fake.sendText({ from: fake.user(42), text: '/start 0812' });
 *   await fake.waitForMessage({ chatId: 42, text: 'Halo' });
 *   await fake.close();
 *
 * Photos (sendPhoto, sendMediaGroup; multipart uploads, file_ids, URLs) are recorded in
 * `fake.photos` with their bytes' size and SHA-256: `fake.photosTo(chat)`, `fake.waitForPhotos(chat, n)`.
 *
 * See core.ts (state, recording, faults), media.ts (photos) and builders.ts (simulated users).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeTelegramCore } from './core.js';
import type { Outcome } from './faults.js';
import { parseMultipart, type UploadedFile } from './multipart.js';
import { PollTracker } from './poll-tracker.js';
import { ApiError, type ApiBody, type FakeTelegramOptions, type Params } from './types.js';

export * from './types.js';
export { user, privateChat, groupChat, commandEntities, inlineButtons, type NewUpdate, type ContactArgs } from './builders.js';
export { parseHtml, parseMarkdownV2, parseFormatted, type ParsedText } from './formatting.js';
export type { MessageMatcher } from './waiting.js';
export type { Outcome } from './faults.js';
export { parseMultipart, boundaryOf, type UploadedFile, type MultipartBody } from './multipart.js';
export { FakeTelegramCore } from './core.js';
export { PollTracker } from './poll-tracker.js';
export type { BotState } from './bot-state.js';

const MAX_BODY = 20 * 1024 * 1024;

export class FakeTelegram extends FakeTelegramCore {
  /** `http://127.0.0.1:PORT` — pass as grammY `client.apiRoot`. */
  apiRoot = '';
  port = 0;
  /** getUpdates long polls held at once (maxConcurrent) and the 409s a second poller caused. */
  readonly polls = new PollTracker();
  private readonly server: Server;
  private readonly inFlight = new Set<ServerResponse>();
  private closing: Promise<void> | undefined;

  constructor(options: FakeTelegramOptions = {}) {
    super(options);
    this.server = createServer((req, res) => {
      void this.onRequest(req, res);
    });
    // Longer than any client idle time, so kept-alive sockets are never closed under a request.
    this.server.keepAliveTimeout = 120_000;
    this.server.headersTimeout = 125_000;
    this.server.requestTimeout = 0;
    this.server.on('clientError', (_err, socket) => socket.destroy());
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    this.port = (this.server.address() as AddressInfo).port;
    this.apiRoot = `http://127.0.0.1:${this.port}`;
    return this;
  }

  /** URL grammY would call for `method` (handy for raw fetch tests). */
  url(method: string, token: string = this.tokens[0] ?? ''): string {
    return `${this.apiRoot}/bot${token}/${method}`;
  }

  /**
   * Answers held long polls with `[]`, stops pending delays and waits,
   * then closes the server and every socket. Idempotent.
   */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.shutdown();
      const deadline = Date.now() + 500;
      while (this.inFlight.size > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
      const closed = new Promise<void>((resolve) => this.server.close(() => resolve()));
      this.server.closeAllConnections();
      await closed;
    })();
    return this.closing;
  }

  private async onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const time = Date.now();
    this.inFlight.add(res);
    res.on('close', () => this.inFlight.delete(res));
    req.on('error', () => undefined);
    res.on('error', () => undefined);
    let token = '';
    let method = '';
    let params: Params = {};
    const finish = (outcome: Outcome): void => {
      const status = outcome.kind === 'drop' || res.destroyed ? 0 : outcome.status;
      this.write(req, res, outcome);
      const call = { token, method, params, time, durationMs: Date.now() - time, status, ok: status === 200 && outcome.kind === 'json' && outcome.body.ok };
      const description = outcome.kind === 'json' && !outcome.body.ok ? outcome.body.description : undefined;
      this.recordCall({ ...call, ...(description ? { description } : {}), ...(outcome.fault ? { fault: outcome.fault } : {}) });
    };
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const match = /^\/bot([^/]*)\/([^/]+)\/?$/.exec(url.pathname);
      token = match ? safeDecode(match[1] ?? '') : '';
      method = match ? safeDecode(match[2] ?? '') : url.pathname;
      const body = await readBody(req);
      if (!match) return finish(jsonOutcome(404, 'Not Found'));
      const bot = this.findBot(token);
      if (!bot) return finish(jsonOutcome(401, 'Unauthorized'));
      const parsed = parseParams(url.searchParams, req.headers['content-type'], body);
      params = parsed.params;
      const abort = new AbortController();
      res.on('close', () => {
        if (!res.writableEnded) abort.abort();
      });
      finish(await this.polls.track(token, method, params, () => this.dispatch(bot, method, params, abort.signal, parsed.files)));
    } catch (e) {
      if (e instanceof ApiError) return finish(jsonOutcome(e.code, e.description));
      finish(jsonOutcome(500, `Internal Server Error: fake-telegram: ${e instanceof Error ? e.message : String(e)}`));
    }
  }

  private write(req: IncomingMessage, res: ServerResponse, outcome: Outcome): void {
    if (res.destroyed || res.writableEnded) return;
    if (outcome.kind === 'drop') {
      req.socket.destroy();
      return;
    }
    const body = outcome.kind === 'json' ? JSON.stringify(outcome.body) : outcome.body;
    const contentType = outcome.kind === 'json' ? 'application/json' : outcome.contentType;
    res.writeHead(outcome.status, {
      'content-type': contentType,
      'content-length': Buffer.byteLength(body),
      ...(this.closed ? { connection: 'close' } : {}),
    });
    res.end(body);
  }
}

/** Starts a fake Bot API server on 127.0.0.1 with a random port. */
export async function startFakeTelegram(options: FakeTelegramOptions = {}): Promise<FakeTelegram> {
  return new FakeTelegram(options).listen();
}

function jsonOutcome(status: number, description: string): Outcome {
  const body: ApiBody = { ok: false, error_code: status, description };
  return { kind: 'json', status, body };
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) {
        reject(new ApiError(413, 'Request Entity Too Large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
    req.on('aborted', () => reject(new ApiError(400, 'Bad Request: request aborted')));
  });
}

/** Query string + JSON, urlencoded or multipart body, like the Bot API accepts; files only from multipart. */
function parseParams(query: URLSearchParams, contentType: string | undefined, raw: Buffer): { params: Params; files: Map<string, UploadedFile> } {
  const params: Params = Object.fromEntries(query);
  const files = new Map<string, UploadedFile>();
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (type === 'multipart/form-data') {
    const multipart = parseMultipart(raw, contentType ?? '');
    return { params: { ...params, ...multipart.fields }, files: multipart.files };
  }
  const body = raw.toString('utf8');
  if (body.trim() === '') return { params, files };
  if (type === 'application/json' || (type === '' && /^\s*[[{]/.test(body))) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch (e) {
      throw new ApiError(400, `Bad Request: can't parse JSON body: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new ApiError(400, 'Bad Request: JSON body must be an object');
    }
    return { params: { ...params, ...(parsed as Params) }, files };
  }
  if (type === 'application/x-www-form-urlencoded' || type === '') {
    return { params: { ...params, ...Object.fromEntries(new URLSearchParams(body)) }, files };
  }
  throw new ApiError(400, `Bad Request: unsupported content type ${type}`);
}
