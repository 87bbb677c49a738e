import { memo } from 'react';
import type { ChecklistEntry, P2hStatus, Vehicle } from '../../api/types';
import { TextArea } from '../../components/Field';
import { Icon } from '../../components/Icon';
import { STATUS_ICON } from '../../components/StatusBadge';
import { useI18n } from '../../i18n';
import type { Answer } from './draft';
import { itemProblem } from './checklist-model';
import { ItemNotes } from './ItemNotes';
import { PhotoPicker, type PickedPhoto } from '../../photos/PhotoPicker';

const CHOICES: P2hStatus[] = ['normal', 'warning', 'abnormal'];

interface Props {
  item: ChecklistEntry;
  vehicle: Vehicle;
  answer: Answer | undefined;
  /** show what is missing (after "Next" or "Submit" was pressed) */
  showProblems: boolean;
  /** a problem the server found with this answer, already translated */
  serverProblem?: string;
  onChange(itemId: number, answer: Answer): void;
  /** photos taken for this answer (only a WARNING or ABNORMAL one takes them) */
  photos: PickedPhoto[] | undefined;
  onPhotos(itemId: number, photos: PickedPhoto[]): void;
}

const NO_PHOTOS: PickedPhoto[] = [];

/** One checklist item: three big choices (a radio group) and, unless normal, the required remark. */
export const ChecklistItemField = memo(function ChecklistItemField({ item, vehicle, answer, showProblems, serverProblem, onChange, photos = NO_PHOTOS, onPhotos }: Props) {
  const { t } = useI18n();
  const problem = itemProblem(answer);
  const chooseError = showProblems && problem === 'choose' ? t('check.choose') : null;
  const remarkError = (showProblems && problem === 'remark' ? t('check.remarkRequired') : null) ?? serverProblem ?? null;
  const errorId = `item-${item.id}-error`;
  const status = answer?.status;
  return (
    <fieldset
      className={`check-item${status ? ` check-item-${status}` : ''}${chooseError || remarkError ? ' check-item-invalid' : ''}`}
      id={`item-${item.id}`}
      aria-describedby={chooseError ? errorId : undefined}
    >
      <legend className="check-item-name">{item.item_name}</legend>
      <ItemNotes item={item} vehicle={vehicle} answered={status} onConfirm={(s, remark) => onChange(item.id, { status: s, remark })} />
      <div className="answer-options">
        {CHOICES.map((choice) => (
          <label key={choice} className={`answer-option answer-${choice}`}>
            <input
              type="radio"
              name={`item-${item.id}`}
              value={choice}
              checked={status === choice}
              onChange={() => onChange(item.id, { status: choice, remark: answer?.remark ?? '' })}
            />
            <Icon name={STATUS_ICON[choice]} />
            <span>{t(`answer.${choice}`)}</span>
          </label>
        ))}
      </div>
      {chooseError && (
        <p className="field-error" id={errorId}>
          {chooseError}
        </p>
      )}
      {status && status !== 'normal' && (
        <TextArea
          id={`item-${item.id}-remark`}
          label={
            <>
              {t('check.remark')} <span className="sr-only">{t('check.remarkFor', { item: item.item_name })}</span>
            </>
          }
          rows={2}
          maxLength={1000}
          placeholder={t('check.remarkPlaceholder')}
          value={answer?.remark ?? ''}
          onChange={(e) => onChange(item.id, { status, remark: e.target.value })}
          error={remarkError}
        />
      )}
      {status && status !== 'normal' && (
        <PhotoPicker label={t('photo.forItem', { item: item.item_name })} photos={photos} onChange={(picked) => onPhotos(item.id, picked)} />
      )}
    </fieldset>
  );
});
