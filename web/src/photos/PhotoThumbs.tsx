import { useEffect, useState } from 'react';
import type { PhotoRef } from '../api/types';
import { useI18n } from '../i18n';
import { fetchPhoto } from './photo-api';
import { useObjectUrl } from './useObjectUrl';

/** One stored photo, fetched with the session's token (the API wants it; a bare <img src> cannot send it). */
function StoredPhoto({ id, size, alt }: { id: number; size: 'thumb' | 'full'; alt: string }) {
  const { t } = useI18n();
  const [blob, setBlob] = useState<Blob | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const controller = new AbortController();
    setFailed(false);
    fetchPhoto(id, size, controller.signal)
      .then(setBlob)
      .catch(() => !controller.signal.aborted && setFailed(true));
    return () => controller.abort();
  }, [id, size]);
  const url = useObjectUrl(blob);
  if (failed) return <span className="photo-failed">{t('photo.loadFailed')}</span>;
  return url ? <img src={url} alt={alt} /> : <span className="photo-loading" aria-hidden="true" />;
}

/** Thumbnails of stored photos; a tap shows the full photo (loaded only then), another tap closes it. */
export function PhotoThumbs({ photos, label }: { photos: readonly PhotoRef[]; label: string }) {
  const { t } = useI18n();
  const [open, setOpen] = useState<number | null>(null);
  if (photos.length === 0) return null;
  const opened = photos.find((p) => p.id === open);
  return (
    <div className="stored-photos">
      <ul className="photo-thumbs" aria-label={label}>
        {photos.map((photo, index) => (
          <li key={photo.id} className="photo-thumb">
            <button type="button" className="photo-open" onClick={() => setOpen(photo.id)} aria-label={t('photo.openFull', { n: index + 1 })}>
              <StoredPhoto id={photo.id} size="thumb" alt={t('photo.alt', { n: index + 1 })} />
            </button>
          </li>
        ))}
      </ul>
      {opened && (
        <button type="button" className="photo-full" onClick={() => setOpen(null)} aria-label={t('photo.close')}>
          <StoredPhoto id={opened.id} size="full" alt={t('photo.alt', { n: photos.indexOf(opened) + 1 })} />
        </button>
      )}
    </div>
  );
}
