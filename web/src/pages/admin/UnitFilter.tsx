import { adminApi } from '../../api/admin';
import { SelectField } from '../../components/Field';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n';

/** The "unit" filter of the admin lists: every unit (up to 100) by code and plate, or all. */
export function UnitFilter({ value, onChange }: { value: string; onChange: (unitId: string) => void }) {
  const { t } = useI18n();
  const units = useResource((signal) => adminApi.vehicles({ page_size: 100 }, { signal }), []);
  return (
    <SelectField label={t('reports.admin.unit')} value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{t('reports.admin.allUnits')}</option>
      {units.data?.items.map((v) => (
        <option key={v.id} value={String(v.id)}>
          {v.unit_code} · {v.plate_number}
        </option>
      ))}
    </SelectField>
  );
}
