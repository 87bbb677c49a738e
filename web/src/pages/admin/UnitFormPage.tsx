import { useEffect, useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { adminApi, SHIFT_TYPES, type VehicleInput } from '../../api/admin';
import { detailsByField } from '../../api/details';
import { api } from '../../api/endpoints';
import type { ShiftType, Vehicle } from '../../api/types';
import { ButtonLink } from '../../components/Button';
import { SelectField, TextField } from '../../components/Field';
import { Page } from '../../components/Page';
import { ErrorState, Loading, Notice } from '../../components/States';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n';
import { CheckLine, ExpiryTag, FormActions } from './AdminParts';
import { EntityHistory } from './EntityHistory';
import { UnitServicePanel } from './UnitServicePanel';

interface Form {
  unit_code: string;
  plate_number: string;
  vehicle_type: string;
  shift_type: ShiftType;
  brand: string;
  assigned_driver_id: string;
  stnk_expiry: string;
  kir_expiry: string;
  pajak_expiry: string;
  is_active: boolean;
}

const EMPTY: Form = {
  unit_code: '',
  plate_number: '',
  vehicle_type: '',
  shift_type: 'shift',
  brand: '',
  assigned_driver_id: '',
  stnk_expiry: '',
  kir_expiry: '',
  pajak_expiry: '',
  is_active: true,
};

function toForm(v: Vehicle): Form {
  return {
    unit_code: v.unit_code,
    plate_number: v.plate_number,
    vehicle_type: v.vehicle_type,
    shift_type: v.shift_type,
    brand: v.brand ?? '',
    assigned_driver_id: v.assigned_driver_id ? String(v.assigned_driver_id) : '',
    stnk_expiry: v.stnk_expiry ?? '',
    kir_expiry: v.kir_expiry ?? '',
    pajak_expiry: v.pajak_expiry ?? '',
    is_active: v.is_active,
  };
}

function toBody(f: Form, editing: boolean): VehicleInput {
  return {
    unit_code: f.unit_code.trim(),
    plate_number: f.plate_number.trim(),
    vehicle_type: f.vehicle_type,
    shift_type: f.shift_type,
    brand: f.brand.trim() || null,
    assigned_driver_id: f.assigned_driver_id ? Number(f.assigned_driver_id) : null,
    stnk_expiry: f.stnk_expiry || null,
    kir_expiry: f.kir_expiry || null,
    pajak_expiry: f.pajak_expiry || null,
    ...(editing ? { is_active: f.is_active } : {}),
  };
}

const UNIT_HISTORY = ['vehicle', 'document'] as const;

/** Create (/admin/units/new) or edit (/admin/units/:id) a unit; the server's field errors show under each field. */
export function UnitFormPage() {
  const { t, errorText, detailText } = useI18n();
  const navigate = useNavigate();
  const idParam = useParams().id;
  const id = idParam ? Number(idParam) : null;
  const choices = useResource(async (signal) => {
    const [types, drivers] = await Promise.all([
      adminApi.vehicleTypes({ signal }),
      adminApi.users({ role: 'user', is_active: true, page_size: 100 }, { signal }),
    ]);
    const unit = id ? await api.vehicle(id, { signal }) : null;
    return { types, drivers: drivers.items, unit };
  }, [id]);
  const [form, setForm] = useState<Form>(EMPTY);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  useEffect(() => {
    if (choices.data?.unit) setForm(toForm(choices.data.unit));
  }, [choices.data]);

  const errors = detailsByField(failure);
  const fieldError = (name: keyof Form) => {
    const detail = errors.get(name);
    return detail ? detailText(detail) : null;
  };
  const bind = (name: keyof Form) => ({
    name,
    value: form[name] as string,
    error: fieldError(name),
    onChange: (e: { target: { value: string } }) => setForm((f) => ({ ...f, [name]: e.target.value })),
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setFailure(null);
    try {
      const saved = id ? await adminApi.updateVehicle(id, toBody(form, true)) : await adminApi.createVehicle(toBody(form, false));
      navigate('/admin/units', { state: { flash: id ? t('admin.saved') : t('units.admin.created', { code: saved.unit_code }) } });
    } catch (error) {
      setFailure(error);
      setSaving(false);
    }
  };

  const title = id ? t('units.admin.editTitle', { code: choices.data?.unit?.unit_code ?? `#${id}` }) : t('units.admin.new');
  const back = (
    <ButtonLink to="/admin/units" variant="ghost" icon="left">
      {t('common.back')}
    </ButtonLink>
  );
  if (!choices.data) {
    return (
      <Page title={title} actions={back} size="wide">
        {choices.error !== undefined ? <ErrorState error={choices.error} onRetry={choices.reload} /> : <Loading />}
      </Page>
    );
  }
  const { types, drivers } = choices.data;
  return (
    <Page title={title} actions={back} size="wide">
      <form className="card admin-form" onSubmit={submit} noValidate>
        {failure !== null && <Notice tone="danger">{errorText(failure)}</Notice>}
        <div className="form-grid">
          <TextField label={t('units.admin.code')} hint={t('units.admin.codeHint')} required autoComplete="off" {...bind('unit_code')} />
          <TextField label={t('units.admin.plate')} required autoComplete="off" {...bind('plate_number')} />
          <SelectField label={t('units.admin.type')} required {...bind('vehicle_type')}>
            <option value="">{t('units.admin.chooseType')}</option>
            {types.map((type) => (
              <option key={type} value={type}>
                {type}
              </option>
            ))}
          </SelectField>
          <SelectField label={t('units.admin.shift')} {...bind('shift_type')}>
            {SHIFT_TYPES.map((s) => (
              <option key={s} value={s}>
                {t(`units.admin.shift.${s}`)}
              </option>
            ))}
          </SelectField>
          <TextField label={`${t('units.admin.brand')} (${t('common.optional')})`} {...bind('brand')} />
          <SelectField label={`${t('units.admin.driver')} (${t('common.optional')})`} {...bind('assigned_driver_id')}>
            <option value="">{t('units.admin.noDriver')}</option>
            {drivers.map((d) => (
              <option key={d.id} value={String(d.id)}>
                {d.full_name} · {d.phone_number}
              </option>
            ))}
          </SelectField>
        </div>
        <fieldset className="form-fieldset">
          <legend>{t('units.admin.documents')}</legend>
          <div className="form-grid form-grid-3">
            {(['stnk', 'kir', 'pajak'] as const).map((doc) => (
              <div key={doc}>
                <TextField label={t(`units.admin.${doc}`)} type="date" {...bind(`${doc}_expiry`)} />
                <ExpiryTag type={doc} date={form[`${doc}_expiry`] || null} />
              </div>
            ))}
          </div>
        </fieldset>
        {id && (
          <CheckLine checked={form.is_active} onChange={(on) => setForm((f) => ({ ...f, is_active: on }))} label={t('admin.active')} />
        )}
        <FormActions saving={saving} cancelTo="/admin/units" />
      </form>
      {choices.data?.unit && <UnitServicePanel initial={choices.data.unit} />}
      {id && <EntityHistory entities={UNIT_HISTORY} id={id} />}
    </Page>
  );
}
