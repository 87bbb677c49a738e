import { apiBlob, apiRequest } from '../api/client';
import type { Photo } from '../api/types';

/** POST /api/photos (multipart field `file`): the server stores it until a report, defect or repair takes it. */
export function uploadPhoto(blob: Blob): Promise<Photo> {
  const form = new FormData();
  form.append('file', blob, 'photo.jpg');
  return apiRequest<Photo>('POST', '/api/photos', { body: form });
}

/** The image bytes (the API wants the Bearer token, so no bare <img src>). */
export function fetchPhoto(id: number, size: 'thumb' | 'full', signal?: AbortSignal): Promise<Blob> {
  return apiBlob(size === 'thumb' ? `/api/photos/${id}?size=thumb` : `/api/photos/${id}`, signal);
}
