import { useState, type FormEvent } from 'react';
import { adminApi } from '../../api/admin';
import { defectsApi, type Defect } from '../../api/defects';
import { Button } from '../../components/Button';
import { SelectField, TextArea } from '../../components/Field';
import { Notice } from '../../components/States';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n';
import { uploadPhoto } from '../../photos/photo-api';
import { PhotoPicker, type PickedPhoto } from '../../photos/PhotoPicker';
import { ADMINS, useUser } from '../../session/session';

/**
 * What this user may do with a defect now: take it (open, or someone else's for admins is "assign"),
 * write the repair note and mark it repaired (the one who has it), and for admins assign and close.
 * The server decides in the end; its refusal is shown in words.
 */
export function DefectActions({ defect, onChanged }: { defect: Defect; onChanged(defect: Defect): void }) {
  const { t, errorText } = useI18n();
  const user = useUser();
  const admin = ADMINS.includes(user.role);
  const workshop = admin || user.role === 'mechanic';
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const [note, setNote] = useState('');
  const [noteError, setNoteError] = useState<string | null>(null);
  const [photos, setPhotos] = useState<PickedPhoto[]>([]);
  /** ids of photos already uploaded, by picker key: a retry after a failed repair does not upload them again */
  const [uploaded, setUploaded] = useState<Record<string, number>>({});
  const active = defect.status === 'open' || defect.status === 'in_progress';
  // The one who has it signs the repair; an admin may sign for the workshop too (the API allows it).
  const mine = defect.status === 'in_progress' && (defect.assigned_to_id === user.id || admin);

  async function run(name: string, action: () => Promise<Defect>) {
    setBusy(name);
    setError(undefined);
    try {
      onChanged(await action());
      setNote('');
      setPhotos([]);
      setUploaded({});
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(null);
    }
  }

  function submitRepair(event: FormEvent) {
    event.preventDefault();
    if (!note.trim()) {
      setNoteError(t('defect.noteRequired'));
      return;
    }
    setNoteError(null);
    void run('repair', async () => {
      const ids: number[] = [];
      for (const photo of photos) {
        const id = uploaded[photo.key] ?? (await uploadPhoto(photo.blob)).id;
        setUploaded((current) => ({ ...current, [photo.key]: id }));
        ids.push(id);
      }
      return defectsApi.repair(defect.id, note.trim(), ids);
    });
  }

  if (!workshop || !active) return null;
  return (
    <div className="defect-actions">
      {error !== undefined && <Notice tone="danger">{errorText(error)}</Notice>}
      {defect.status === 'open' && (
        <Button block icon="wrench" busy={busy === 'take'} onClick={() => void run('take', () => defectsApi.take(defect.id))}>
          {t('defect.take')}
        </Button>
      )}
      {mine && (
        <form className="repair-form" onSubmit={submitRepair} noValidate>
          <TextArea
            label={t('defect.repairNoteLabel')}
            hint={t('defect.repairNoteHint')}
            rows={3}
            maxLength={1000}
            value={note}
            error={noteError}
            onChange={(e) => (setNote(e.target.value), setNoteError(null))}
          />
          <PhotoPicker label={t('photo.ofRepair')} photos={photos} onChange={setPhotos} />
          <Button type="submit" block icon="check" busy={busy === 'repair'}>
            {t('defect.markRepaired')}
          </Button>
        </form>
      )}
      {admin && <AdminDefectActions defect={defect} busy={busy} run={run} />}
    </div>
  );
}

function AdminDefectActions({ defect, busy, run }: { defect: Defect; busy: string | null; run(name: string, action: () => Promise<Defect>): Promise<void> }) {
  const { t } = useI18n();
  const mechanics = useResource((signal) => adminApi.users({ role: 'mechanic', is_active: true, page_size: 100 }, { signal }), []);
  const [assignee, setAssignee] = useState('');
  const [closing, setClosing] = useState(false);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const options = (mechanics.data?.items ?? []).filter((m) => m.id !== defect.assigned_to_id);
  return (
    <div className="defect-admin-actions">
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (assignee) void run('assign', () => defectsApi.assign(defect.id, Number(assignee)));
        }}
      >
        <SelectField label={t('defect.assignTo')} value={assignee} onChange={(e) => setAssignee(e.target.value)} disabled={mechanics.data === undefined}>
          <option value="">{mechanics.error !== undefined ? t('defect.mechanicsFailed') : t('defect.chooseMechanic')}</option>
          {options.map((m) => (
            <option key={m.id} value={m.id}>
              {m.full_name}
            </option>
          ))}
        </SelectField>
        <Button type="submit" variant="secondary" busy={busy === 'assign'} disabled={!assignee}>
          {t('defect.assign')}
        </Button>
      </form>
      {!closing ? (
        <Button variant="ghost" icon="stop" onClick={() => setClosing(true)}>
          {t('defect.close')}
        </Button>
      ) : (
        <form
          className="repair-form"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (!reason.trim()) return setReasonError(t('defect.reasonRequired'));
            setReasonError(null);
            void run('close', () => defectsApi.close(defect.id, reason.trim()));
          }}
        >
          <TextArea label={t('defect.closeReasonLabel')} rows={2} maxLength={500} value={reason} error={reasonError} onChange={(e) => setReason(e.target.value)} />
          <div className="button-row">
            <Button type="submit" variant="danger" busy={busy === 'close'}>
              {t('defect.confirmClose')}
            </Button>
            <Button variant="ghost" onClick={() => setClosing(false)}>
              {t('common.cancel')}
            </Button>
          </div>
        </form>
      )}
    </div>
  );
}
