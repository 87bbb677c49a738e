/** Photos on the wire. Imports only TypeBox and the enum lists: the web type-checks it too. */
import { Type, type Static } from '@sinclair/typebox';
import { MAX_PHOTOS_PER_ANSWER } from './values.js';

/** `POST /api/photos` answers this (201). */
export const PhotoSchema = Type.Object({
  id: Type.Integer(),
  width: Type.Integer(),
  height: Type.Integer(),
  bytes: Type.Integer({ description: 'size of the stored JPEG' }),
  content_type: Type.Literal('image/jpeg'),
});
export type Photo = Static<typeof PhotoSchema>;

/** A photo as shown beside what it is evidence for; the image is at `GET /api/photos/{id}` (`?size=thumb`). */
export const PhotoRefSchema = Type.Object({ id: Type.Integer(), width: Type.Integer(), height: Type.Integer() });
export type PhotoRef = Static<typeof PhotoRefSchema>;

/** The submitter's own photos, not attached yet; at most MAX_PHOTOS_PER_ANSWER. */
export const PhotoIds = Type.Array(Type.Integer({ minimum: 1, maximum: 2_147_483_647 }), {
  maxItems: MAX_PHOTOS_PER_ANSWER,
  uniqueItems: true,
  description: `ids from POST /api/photos: the caller's own, not attached yet (at most ${MAX_PHOTOS_PER_ANSWER})`,
});

export const PhotoQuerySchema = Type.Object(
  { size: Type.Optional(Type.Union([Type.Literal('full'), Type.Literal('thumb')], { default: 'full' })) },
  { additionalProperties: false },
);
export type PhotoQuery = Static<typeof PhotoQuerySchema>;
