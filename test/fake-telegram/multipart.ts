/**
 * multipart/form-data as Telegram takes it (RFC 7578). Written here rather than taken from
 * undici's `Response.formData()`: grammY writes `filename=photo.jpg` unquoted and headers without
 * a space after the colon, which Telegram accepts and undici refuses ("Failed to parse body").
 */
import { badRequest } from './types.js';

export interface UploadedFile {
  /** The form field the file came in (grammY: a random id that `attach://<id>` refers to). */
  field: string;
  filename: string;
  contentType: string;
  bytes: Buffer;
}

export interface MultipartBody {
  fields: Record<string, string>;
  files: Map<string, UploadedFile>;
}

/** The boundary parameter of a multipart content type, quoted or not. */
export function boundaryOf(contentType: string): string | undefined {
  const m = /;\s*boundary\s*=\s*(?:"([^"]{1,200})"|([^;\s]{1,200}))/i.exec(contentType);
  return m?.[1] ?? m?.[2];
}

/** Parameters of a header value such as `form-data; name="x"; filename=y.jpg`. */
function headerParams(value: string): Record<string, string> {
  const params: Record<string, string> = {};
  for (const m of value.matchAll(/;\s*([A-Za-z0-9_*-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))/g)) {
    params[m[1]!.toLowerCase()] = m[2] !== undefined ? m[2].replace(/\\(.)/g, '$1') : m[3]!.trim();
  }
  return params;
}

function parsePart(part: Buffer, into: MultipartBody): void {
  // A part with no headers starts with the blank line itself.
  const headerEnd = part.subarray(0, 2).toString('latin1') === '\r\n' ? 0 : part.indexOf('\r\n\r\n');
  if (headerEnd < 0) throw badRequest('multipart part without a header end');
  const headers = new Map<string, string>();
  for (const line of part.subarray(0, headerEnd).toString('utf8').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  const content = part.subarray(headerEnd === 0 ? 2 : headerEnd + 4);
  const disposition = headers.get('content-disposition') ?? '';
  if (!/^form-data\b/i.test(disposition)) throw badRequest('multipart part is not form-data');
  const params = headerParams(disposition);
  const name = params['name'];
  if (name === undefined || name === '') throw badRequest('multipart part without a name');
  if (params['filename'] !== undefined) {
    into.files.set(name, { field: name, filename: params['filename'], contentType: headers.get('content-type') ?? 'application/octet-stream', bytes: Buffer.from(content) });
  } else {
    into.fields[name] = content.toString('utf8');
  }
}

/** Fields (as strings) and files of a multipart/form-data body; 400 like Telegram when malformed. */
export function parseMultipart(body: Buffer, contentType: string): MultipartBody {
  const boundary = boundaryOf(contentType);
  if (!boundary) throw badRequest('multipart/form-data without a boundary');
  const result: MultipartBody = { fields: {}, files: new Map() };
  const opening = Buffer.from(`--${boundary}`);
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  // The first delimiter may open the body (no preamble) or follow a preamble line.
  let at = body.subarray(0, opening.length).equals(opening) ? opening.length : body.indexOf(delimiter);
  if (at < 0) throw badRequest('multipart body without its boundary');
  if (at !== opening.length) at += delimiter.length;
  for (;;) {
    if (body.subarray(at, at + 2).toString('latin1') === '--') return result; // the closing delimiter
    while (body[at] === 0x20 || body[at] === 0x09) at++; // transport padding
    if (body[at] !== 0x0d || body[at + 1] !== 0x0a) throw badRequest('malformed multipart delimiter');
    const start = at + 2;
    const end = body.indexOf(delimiter, start);
    if (end < 0) throw badRequest('multipart body is truncated');
    parsePart(body.subarray(start, end), result);
    at = end + delimiter.length;
  }
}
