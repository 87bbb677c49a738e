import type { FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { DomainError } from '../lib/errors.js';

/** How a route words its refusals of an upload: each feature has its own codes and messages. */
export interface UploadRefusals {
  missing: () => DomainError;
  tooLarge: () => DomainError;
  tooManyFiles: () => DomainError;
}

export interface UploadedFile {
  bytes: Buffer;
  /** As the client named it; only for messages, never trusted for the content type. */
  filename: string;
}

/**
 * busboy limits for one file of at most `maxBytes`: busboy stops counting past them, so a 50 MB
 * upload is refused without holding 50 MB.
 */
export const singleFileLimits = (maxBytes: number) => ({ fileSize: maxBytes, files: 1, fields: 5, fieldSize: 1024, parts: 6, headerPairs: 50 });

/** The one file of the `file` field, at most `maxBytes`; every other shape is refused with the route's own code. */
export async function readSingleFile(request: FastifyRequest, maxBytes: number, refusals: UploadRefusals): Promise<UploadedFile> {
  if (!request.isMultipart()) throw refusals.missing();
  let upload: UploadedFile | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type !== 'file') continue;
      if (upload || part.fieldname !== 'file') {
        await drain(part.file);
        if (upload) throw refusals.tooManyFiles();
        continue;
      }
      upload = { bytes: await readBounded(part.file as Readable & { truncated?: boolean }, maxBytes, refusals.tooLarge), filename: part.filename };
    }
  } catch (error) {
    throw refusalOf(error, refusals);
  }
  if (!upload) throw refusals.missing();
  return upload;
}

/**
 * The file's bytes, refused as soon as busboy reaches limits.fileSize (its 'limit' event), not when
 * the rest of an oversized upload has streamed past: the 413 goes out early and at most
 * `maxBytes` is ever held.
 */
function readBounded(file: Readable & { truncated?: boolean }, maxBytes: number, tooLarge: () => DomainError): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const refuse = () => {
      file.removeAllListeners('data');
      chunks.length = 0;
      file.resume(); // busboy discards the rest of the part
      reject(tooLarge());
    };
    file.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) return refuse(); // the belt to busboy's braces
      chunks.push(chunk);
    });
    file.once('limit', refuse);
    file.once('error', reject);
    file.once('end', () => (file.truncated ? reject(tooLarge()) : resolve(Buffer.concat(chunks))));
  });
}

async function drain(file: Readable): Promise<void> {
  for await (const _ of file) {
    // discarded
  }
}

/** The multipart plugin's and busboy's errors as the API's codes. */
function refusalOf(error: unknown, refusals: UploadRefusals): unknown {
  if (error instanceof DomainError) return error;
  const code = (error as { code?: string }).code;
  if (code === 'FST_REQ_FILE_TOO_LARGE') return refusals.tooLarge();
  if (code === 'FST_FILES_LIMIT') return refusals.tooManyFiles();
  if (code === 'FST_PARTS_LIMIT' || code === 'FST_FIELDS_LIMIT') return new DomainError('BAD_REQUEST', 'Form berisi terlalu banyak bagian: kirim hanya field "file"');
  // Anything else while reading the form is a malformed request (no boundary, cut short, …).
  return new DomainError('BAD_REQUEST', 'Form multipart tidak valid');
}
