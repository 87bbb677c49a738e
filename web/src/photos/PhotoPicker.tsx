import { useId, useRef, useState } from 'react';
import { MAX_PHOTOS_PER_ANSWER } from '../api/types';
import { Icon } from '../components/Icon';
import { useI18n } from '../i18n';
import { photosLeft } from './shrink-size';
import { shrinkPhoto } from './shrink';
import { useObjectUrl } from './useObjectUrl';

/** A photo taken for an answer, already shrunk; the key keeps React's list stable when one is removed. */
export interface PickedPhoto {
  key: string;
  blob: Blob;
}

function Thumb({ photo, index, onRemove }: { photo: PickedPhoto; index: number; onRemove(): void }) {
  const { t } = useI18n();
  const url = useObjectUrl(photo.blob);
  return (
    <li className="photo-thumb">
      {url && <img src={url} alt={t('photo.alt', { n: index + 1 })} />}
      <button type="button" className="photo-remove" onClick={onRemove} aria-label={t('photo.remove', { n: index + 1 })}>
        <Icon name="stop" size={18} />
      </button>
    </li>
  );
}

/**
 * Photos for one answer: the phone's camera (capture=environment opens the back camera straight
 * away; a gallery pick works too), thumbnails, a remove button on each, at most five.
 */
export function PhotoPicker({ label, photos, onChange }: { label: string; photos: PickedPhoto[]; onChange(photos: PickedPhoto[]): void }) {
  const { t } = useI18n();
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [working, setWorking] = useState(false);
  const [failed, setFailed] = useState(false);
  const left = photosLeft(photos.length, MAX_PHOTOS_PER_ANSWER);

  const take = async (files: FileList | null) => {
    if (!files || files.length === 0) return;
    setWorking(true);
    setFailed(false);
    const added: PickedPhoto[] = [];
    for (const file of [...files].slice(0, left)) {
      try {
        added.push({ key: crypto.randomUUID(), blob: await shrinkPhoto(file) });
      } catch {
        setFailed(true);
      }
    }
    if (input.current) input.current.value = ''; // the same photo may be chosen again after a removal
    setWorking(false);
    onChange([...photos, ...added]);
  };

  return (
    <div className="photo-picker">
      {photos.length > 0 && (
        <ul className="photo-thumbs" aria-label={label}>
          {photos.map((photo, index) => (
            <Thumb key={photo.key} photo={photo} index={index} onRemove={() => onChange(photos.filter((p) => p.key !== photo.key))} />
          ))}
        </ul>
      )}
      {left > 0 ? (
        <label htmlFor={inputId} className={`btn btn-secondary photo-take${working ? ' is-busy' : ''}`} aria-busy={working || undefined}>
          <Icon name="camera" />
          <span>{working ? t('photo.working') : photos.length === 0 ? t('photo.take') : t('photo.takeMore')}</span>
          <input
            ref={input}
            id={inputId}
            className="sr-only"
            type="file"
            accept="image/*"
            capture="environment"
            multiple
            disabled={working}
            aria-label={label}
            onChange={(e) => void take(e.target.files)}
          />
        </label>
      ) : (
        <p className="muted small">{t('photo.max', { max: MAX_PHOTOS_PER_ANSWER })}</p>
      )}
      {photos.length > 0 && <p className="muted small">{t('photo.count', { n: photos.length, max: MAX_PHOTOS_PER_ANSWER })}</p>}
      {failed && <p className="field-error">{t('photo.unreadable')}</p>}
    </div>
  );
}
