import { useMemo, useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { defectsApi, type Defect, type Severity } from '../../api/defects';
import { api } from '../../api/endpoints';
import { ButtonLink, Button } from '../../components/Button';
import { SelectField, TextArea } from '../../components/Field';
import { Icon } from '../../components/Icon';
import { Page } from '../../components/Page';
import { ErrorState, Loading, Notice } from '../../components/States';
import { STATUS_ICON } from '../../components/StatusBadge';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n';
import { uploadPhoto } from '../../photos/photo-api';
import { PhotoPicker, type PickedPhoto } from '../../photos/PhotoPicker';

const SEVERITIES: Severity[] = ['warning', 'abnormal'];

/** A defect found mid-shift, reported without a whole checklist: which item, how bad, what is wrong. */
export function ReportDefectPage() {
  const { t, errorText } = useI18n();
  const vehicleId = Number(useParams().vehicleId);
  const loaded = useResource(
    async (signal) => {
      const [vehicle, items] = await Promise.all([api.vehicle(vehicleId, { signal }), api.checklist(vehicleId, { signal })]);
      return { vehicle, items };
    },
    [vehicleId],
  );
  const [itemId, setItemId] = useState('');
  const [severity, setSeverity] = useState<Severity | ''>('');
  const [remark, setRemark] = useState('');
  const [showProblems, setShowProblems] = useState(false);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const [saved, setSaved] = useState<Defect | null>(null);
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  /** ids of photos already uploaded, by picker key: a retry after a failed submit does not upload them again */
  const [uploaded, setUploaded] = useState<Record<string, number>>({});
  const sections = useMemo(() => {
    const bySection = new Map<string, NonNullable<typeof loaded.data>['items']>();
    for (const item of loaded.data?.items ?? []) bySection.set(item.section, [...(bySection.get(item.section) ?? []), item]);
    return [...bySection];
  }, [loaded.data]);

  const title = t('reportDefect.title');
  if (!loaded.data) {
    return <Page title={title}>{loaded.error !== undefined ? <ErrorState error={loaded.error} onRetry={loaded.reload} /> : <Loading />}</Page>;
  }
  const { vehicle, items } = loaded.data;
  const chosen = items.find((item) => String(item.id) === itemId);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setShowProblems(true);
    if (!itemId || !severity || !remark.trim()) return;
    setSaving(true);
    setError(undefined);
    try {
      // Online only (this page is not queued): photos first, then the defect with their ids.
      const ids: number[] = [];
      for (const photo of photos) {
        const id = uploaded[photo.key] ?? (await uploadPhoto(photo.blob)).id;
        setUploaded((current) => ({ ...current, [photo.key]: id }));
        ids.push(id);
      }
      setSaved(
        await defectsApi.report({
          vehicle_id: vehicleId,
          checklist_item_id: Number(itemId),
          severity,
          remark: remark.trim(),
          ...(ids.length > 0 ? { photo_ids: ids } : {}),
        }),
      );
    } catch (failure) {
      setError(failure);
    } finally {
      setSaving(false);
    }
  }

  if (saved) {
    return (
      <Page title={title} subtitle={`${vehicle.unit_code} · ${vehicle.plate_number}`}>
        <Notice tone={saved.severity === 'abnormal' ? 'danger' : 'success'}>
          {t(saved.severity === 'abnormal' ? 'reportDefect.savedAbnormal' : 'reportDefect.saved', { item: saved.item_name })}
        </Notice>
        <ButtonLink to="/units" block variant="secondary" icon="left">
          {t('reportDefect.backToUnits')}
        </ButtonLink>
      </Page>
    );
  }

  const back = (
    <ButtonLink to="/units" variant="ghost" icon="left">
      {t('common.back')}
    </ButtonLink>
  );
  return (
    <Page title={title} subtitle={`${vehicle.unit_code} · ${vehicle.plate_number}`} actions={back}>
      <form className="card form-stack" onSubmit={submit} noValidate>
        <p>{t('reportDefect.intro')}</p>
        <SelectField
          label={t('reportDefect.item')}
          value={itemId}
          onChange={(e) => setItemId(e.target.value)}
          error={showProblems && !itemId ? t('common.fieldRequired') : null}
        >
          <option value="">{t('reportDefect.chooseItem')}</option>
          {sections.map(([section, sectionItems]) => (
            <optgroup key={section} label={section}>
              {sectionItems.map((item) => (
                <option key={item.id} value={item.id}>
                  {item.item_name}
                </option>
              ))}
            </optgroup>
          ))}
        </SelectField>
        {chosen?.open_defect && <Notice tone="info">{t('reportDefect.alreadyKnown', { name: chosen.open_defect.opened_by_name })}</Notice>}
        <fieldset className="check-item">
          <legend className="check-item-name">{t('reportDefect.severity')}</legend>
          <div className="answer-options answer-options-2">
            {SEVERITIES.map((choice) => (
              <label key={choice} className={`answer-option answer-${choice}`}>
                <input type="radio" name="severity" value={choice} checked={severity === choice} onChange={() => setSeverity(choice)} />
                <Icon name={STATUS_ICON[choice]} />
                <span>{t(`answer.${choice}`)}</span>
              </label>
            ))}
          </div>
          {showProblems && !severity && <p className="field-error">{t('check.choose')}</p>}
        </fieldset>
        <TextArea
          label={t('check.remark')}
          rows={3}
          maxLength={500}
          placeholder={t('check.remarkPlaceholder')}
          value={remark}
          onChange={(e) => setRemark(e.target.value)}
          error={showProblems && !remark.trim() ? t('common.fieldRequired') : null}
        />
        <PhotoPicker label={t('photo.ofDefect')} photos={photos} onChange={setPhotos} />
        {error !== undefined && <Notice tone="danger">{errorText(error)}</Notice>}
        <Button type="submit" block icon="send" busy={saving}>
          {t('reportDefect.submit')}
        </Button>
      </form>
    </Page>
  );
}
