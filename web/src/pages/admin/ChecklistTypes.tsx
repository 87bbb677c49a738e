import { useState, type FormEvent } from 'react';
import { adminApi } from '../../api/admin';
import { Button } from '../../components/Button';
import { TextField } from '../../components/Field';
import { Notice } from '../../components/States';
import { useI18n } from '../../i18n';
import { CheckLine } from './AdminParts';

/**
 * Which vehicle types an item applies to: every type (null), or the ticked ones. An electric unit has
 * no engine oil, an excavator no spare tyre: without this they get questions they cannot answer.
 */
export function TypesPicker({ value, typeNames, onChange }: { value: string[] | null; typeNames: string[]; onChange(value: string[] | null): void }) {
  const { t } = useI18n();
  return (
    <fieldset className="types-picker">
      <legend className="field-label">{t('checklist.admin.appliesTo')}</legend>
      <CheckLine checked={value === null} onChange={(all) => onChange(all ? null : [...typeNames])} label={t('checklist.admin.allTypes')} />
      {value !== null && (
        <div className="types-grid">
          {typeNames.map((name) => (
            <CheckLine
              key={name}
              checked={value.includes(name)}
              onChange={(on) => onChange(on ? [...value, name] : value.filter((v) => v !== name))}
              label={name}
            />
          ))}
        </div>
      )}
    </fieldset>
  );
}

/** The vehicle types units and checklist items choose from, and adding one (POST /api/vehicle-types). */
export function VehicleTypesCard({ typeNames, onAdded }: { typeNames: string[]; onAdded(): void }) {
  const { t, errorText } = useI18n();
  const [name, setName] = useState('');
  const [saving, setSaving] = useState(false);
  const [message, setMessage] = useState<{ tone: 'success' | 'danger'; text: string } | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return setMessage({ tone: 'danger', text: t('common.fieldRequired') });
    setSaving(true);
    setMessage(null);
    try {
      const added = await adminApi.addVehicleType(name.trim());
      setMessage({ tone: 'success', text: t('types.added', { name: added.name }) });
      setName('');
      onAdded();
    } catch (error) {
      setMessage({ tone: 'danger', text: errorText(error) });
    } finally {
      setSaving(false);
    }
  }

  return (
    <section className="card" aria-labelledby="types-title">
      <h2 id="types-title">{t('types.title')}</h2>
      <p className="muted">{typeNames.join(' · ')}</p>
      {message && <Notice tone={message.tone}>{message.text}</Notice>}
      <form className="inline-form" onSubmit={submit} noValidate>
        <TextField label={t('types.name')} autoComplete="off" maxLength={50} value={name} onChange={(e) => setName(e.target.value)} />
        <Button type="submit" variant="secondary" icon="plus" busy={saving}>
          {t('types.add')}
        </Button>
      </form>
    </section>
  );
}
