import { useId, useState, type FormEvent } from 'react';
import { adminApi } from '../../api/admin';
import type { ChecklistItem } from '../../api/types';
import { detailsByField } from '../../api/details';
import { Button } from '../../components/Button';
import { TextField } from '../../components/Field';
import { Page } from '../../components/Page';
import { ErrorState, Loading, Notice } from '../../components/States';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n';
import { ConfirmButton } from './AdminParts';
import { TypesPicker, VehicleTypesCard } from './ChecklistTypes';

interface Draft {
  section: string;
  item_name: string;
  order: string;
  /** null: every vehicle type */
  vehicle_types: string[] | null;
}

/** Add or edit one item: section (pick or type a new one), question and order. */
function ItemForm({
  initial,
  sections,
  typeNames,
  onSave,
  onCancel,
}: {
  initial: Draft;
  sections: string[];
  typeNames: string[];
  onSave(draft: Draft): Promise<void>;
  onCancel?(): void;
}) {
  const { t, errorText, detailText } = useI18n();
  const listId = useId();
  const [draft, setDraft] = useState(initial);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const errors = detailsByField(failure);
  const bind = (name: 'section' | 'item_name' | 'order') => {
    const detail = errors.get(name);
    return { value: draft[name], error: detail ? detailText(detail) : null, onChange: (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [name]: e.target.value })) };
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setFailure(null);
    try {
      await onSave(draft);
      if (!onCancel) setDraft((d) => ({ ...d, item_name: '', order: String(Number(d.order || 0) + 1) }));
    } catch (error) {
      setFailure(error);
    } finally {
      setSaving(false);
    }
  };
  return (
    <form className="item-form" onSubmit={submit} noValidate>
      {failure !== null && <Notice tone="danger">{errorText(failure)}</Notice>}
      <div className="form-grid form-grid-item">
        <TextField label={t('checklist.admin.section')} hint={t('checklist.admin.sectionHint')} list={listId} autoComplete="off" {...bind('section')} />
        <datalist id={listId}>
          {sections.map((s) => (
            <option key={s} value={s} />
          ))}
        </datalist>
        <TextField label={t('checklist.admin.item')} autoComplete="off" {...bind('item_name')} />
        <TextField label={t('checklist.admin.order')} type="number" inputMode="numeric" min={0} {...bind('order')} />
      </div>
      <TypesPicker value={draft.vehicle_types} typeNames={typeNames} onChange={(vehicle_types) => setDraft((d) => ({ ...d, vehicle_types }))} />
      {errors.get('vehicle_types') && <p className="field-error">{detailText(errors.get('vehicle_types')!)}</p>}
      <div className="form-actions">
        <Button type="submit" busy={saving} busyText={t('admin.saving')} icon="check">
          {onCancel ? t('admin.save') : t('checklist.admin.new')}
        </Button>
        {onCancel && (
          <Button variant="ghost" onClick={onCancel}>
            {t('common.cancel')}
          </Button>
        )}
      </div>
    </form>
  );
}

const toBody = (d: Draft) => ({
  section: d.section.trim(),
  item_name: d.item_name.trim(),
  order: d.order === '' ? 0 : Number(d.order),
  vehicle_types: d.vehicle_types,
});

/** The checklist by section, retired items included (greyed): add, edit, retire and bring back. */
export function ChecklistAdminPage() {
  const { t, errorText } = useI18n();
  const items = useResource((signal) => adminApi.checklistItems({ signal }), []);
  const types = useResource((signal) => adminApi.vehicleTypes({ signal }), []);
  const typeNames = types.data ?? [];
  const [editing, setEditing] = useState<number | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const [message, setMessage] = useState<{ tone: 'success' | 'danger'; text: string } | null>(null);

  if (!items.data) {
    return (
      <Page title={t('checklist.admin.title')} size="wide">
        {items.error !== undefined ? <ErrorState error={items.error} onRetry={items.reload} /> : <Loading />}
      </Page>
    );
  }
  const all = [...items.data].sort((a, b) => a.order - b.order || a.id - b.id);
  const sections = new Map<string, ChecklistItem[]>();
  for (const item of all) sections.set(item.section, [...(sections.get(item.section) ?? []), item]);
  const active = all.filter((i) => i.is_active).length;
  const maxOrder = all.reduce((m, i) => Math.max(m, i.order), 0);

  const toggle = async (item: ChecklistItem) => {
    setBusy(item.id);
    try {
      if (item.is_active) await adminApi.retireChecklistItem(item.id);
      else await adminApi.updateChecklistItem(item.id, { is_active: true });
      setMessage({ tone: 'success', text: t('admin.saved') });
      items.reload();
    } catch (error) {
      setMessage({ tone: 'danger', text: errorText(error) });
    } finally {
      setBusy(null);
    }
  };

  return (
    <Page title={t('checklist.admin.title')} subtitle={t('checklist.admin.count', { active, retired: all.length - active })} size="wide">
      {message && <Notice tone={message.tone}>{message.text}</Notice>}
      <section className="card">
        <h2>{t('checklist.admin.new')}</h2>
        <ItemForm
          initial={{ section: [...sections.keys()][0] ?? '', item_name: '', order: String(maxOrder + 1), vehicle_types: null }}
          sections={[...sections.keys()]}
          typeNames={typeNames}
          onSave={async (d) => {
            await adminApi.createChecklistItem(toBody(d));
            setMessage({ tone: 'success', text: t('admin.saved') });
            items.reload();
          }}
        />
      </section>
      <VehicleTypesCard typeNames={typeNames} onAdded={types.reload} />
      {[...sections].map(([section, list]) => (
        <section key={section} className="card">
          <h2>{section}</h2>
          <ul className="admin-list">
            {list.map((item) => (
              <li key={item.id} className={`admin-row checklist-row${item.is_active ? '' : ' admin-row-inactive'}`}>
                {editing === item.id ? (
                  <ItemForm
                    initial={{ section: item.section, item_name: item.item_name, order: String(item.order), vehicle_types: item.vehicle_types }}
                    sections={[...sections.keys()]}
                    typeNames={typeNames}
                    onCancel={() => setEditing(null)}
                    onSave={async (d) => {
                      await adminApi.updateChecklistItem(item.id, toBody(d));
                      setEditing(null);
                      setMessage({ tone: 'success', text: t('admin.saved') });
                      items.reload();
                    }}
                  />
                ) : (
                  <>
                    <div className="admin-row-main">
                      <span className="order-number">{item.order}</span>
                      <span className="checklist-name">{item.item_name}</span>
                      {!item.is_active && <span className="tag tag-muted">{t('checklist.admin.retired')}</span>}
                    </div>
                    {item.vehicle_types && <div className="admin-row-meta">{t('checklist.admin.types', { types: item.vehicle_types.join(', ') })}</div>}
                    <div className="admin-row-actions">
                      <Button variant="secondary" className="btn-small" onClick={() => setEditing(item.id)} aria-label={`${t('admin.edit')}: ${item.item_name}`}>
                        {t('admin.edit')}
                      </Button>
                      {item.is_active ? (
                        <ConfirmButton busy={busy === item.id} onConfirm={() => toggle(item)}>
                          {t('checklist.admin.retire')}
                        </ConfirmButton>
                      ) : (
                        <Button variant="secondary" className="btn-small" busy={busy === item.id} onClick={() => toggle(item)}>
                          {t('admin.reactivate')}
                        </Button>
                      )}
                    </div>
                  </>
                )}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </Page>
  );
}
