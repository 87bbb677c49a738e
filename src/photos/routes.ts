import multipart from '@fastify/multipart';
import { Type } from '@sinclair/typebox';
import type { FastifyRequest } from 'fastify';
import { actorOf } from '../auth/guard.js';
import { ErrorEnvelope, IdParams } from '../http/api-schemas.js';
import { created, envelope } from '../http/envelope.js';
import type { HttpServer } from '../http/server.js';
import { readSingleFile, singleFileLimits } from '../http/upload.js';
import { DomainError } from '../lib/errors.js';
import { PhotoQuerySchema, PhotoSchema } from './api-schemas.js';
import { MAX_INPUT_PIXELS, MAX_PHOTO_SIDE, MAX_THUMB_SIDE, MAX_UPLOAD_BYTES } from './process.js';
import type { PhotosService } from './service.js';

const tags = ['photos'];
const security = [{ bearer: [] }];
const errorRef = Type.Ref(ErrorEnvelope);
const MEGABYTES = MAX_UPLOAD_BYTES / 1024 / 1024;

const fileMissing = () => new DomainError('FILE_MISSING', 'Kirim fotonya sebagai multipart/form-data di field "file"');
const tooLarge = () => new DomainError('PHOTO_TOO_LARGE', `Ukuran foto maksimal ${MEGABYTES} MB`);
const tooManyFiles = () => new DomainError('PHOTO_TOO_MANY_FILES', 'Kirim satu foto per permintaan');

export function registerPhotoRoutes(app: HttpServer, deps: { photos: PhotosService }) {
  const { photos } = deps;
  // Multipart only here: every other route keeps refusing anything but JSON.
  app.register(async (scope) => {
    await scope.register(multipart, {
      limits: singleFileLimits(MAX_UPLOAD_BYTES),
    });
    const routes = scope as unknown as HttpServer;

    routes.post(
      '/api/photos',
      {
        schema: {
          tags,
          security,
          // Documentation only: @fastify/multipart leaves the body undefined, and a schema without a
          // `type` lets undefined through; the handler reads and checks the form itself.
          body: {
            content: {
              'multipart/form-data': {
                schema: { properties: { file: { description: `the photo (JPEG, PNG or WebP, at most ${MEGABYTES} MB)`, type: 'string', contentMediaType: 'image/*' } }, required: ['file'] },
              },
            },
          },
          summary: 'Upload a photo (multipart, one file in the field `file`); attach it within 24 hours or it is removed',
          description:
            `JPEG, PNG or WebP, recognised by its bytes (the name and declared type are ignored), at most ${MEGABYTES} MB ` +
            `and ${MAX_INPUT_PIXELS / 1_000_000} megapixels (a 12 MP or 48 MP phone photo passes; a decompression bomb does not). ` +
            `Stored as a JPEG, longest side at most ${MAX_PHOTO_SIDE} px, orientation applied, every piece of metadata (EXIF, GPS) removed. ` +
            'Refusals: 400 FILE_MISSING, 400 PHOTO_EMPTY, 400 PHOTO_TOO_MANY_FILES, 413 PHOTO_TOO_LARGE, 415 PHOTO_NOT_IMAGE, ' +
            '422 PHOTO_CORRUPT, 422 PHOTO_TOO_MANY_PIXELS; nothing is stored.',
          response: created(PhotoSchema),
        },
      },
      async (request, reply) => {
        const upload = await readUpload(request);
        return reply.code(201).send(envelope('Foto berhasil diunggah', await photos.upload(actorOf(request).id, upload)));
      },
    );

    routes.get(
      '/api/photos/:id',
      {
        schema: {
          tags,
          security,
          summary: `A photo as JPEG (\`?size=thumb\`: at most ${MAX_THUMB_SIDE} px); not attached yet: only its uploader; attached: as its report`,
          params: IdParams,
          querystring: PhotoQuerySchema,
          response: {
            200: { description: 'The JPEG', content: { 'image/jpeg': { schema: { type: 'string', format: 'binary' } } } },
            '4xx': errorRef,
            '5xx': errorRef,
          },
        },
      },
      async (request, reply) => {
        const bytes = await photos.open(actorOf(request), request.params.id, request.query.size ?? 'full');
        return reply
          .type('image/jpeg')
          // A photo never changes once stored; `private`: only the caller's browser keeps it.
          .header('cache-control', 'private, max-age=31536000, immutable')
          .header('x-content-type-options', 'nosniff')
          .send(bytes);
      },
    );
  });
}

const refusals = { missing: fileMissing, tooLarge, tooManyFiles };

async function readUpload(request: FastifyRequest): Promise<Buffer> {
  return (await readSingleFile(request, MAX_UPLOAD_BYTES, refusals)).bytes;
}
