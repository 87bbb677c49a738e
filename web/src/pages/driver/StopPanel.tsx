import { api } from '../../api/endpoints';
import type { Vehicle } from '../../api/types';
import { Icon } from '../../components/Icon';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n';
import { relativeAge } from '../workshop/DefectParts';

/**
 * STOP OPERASI on the unit card: why the unit may not run, and its open defects. Drivers may not list
 * defects, so they come from the checklist of this unit (each item carries its live defect).
 */
export function StopPanel({ vehicle }: { vehicle: Vehicle }) {
  const { t, lang } = useI18n();
  const checklist = useResource((signal) => api.checklist(vehicle.id, { signal }), [vehicle.id]);
  const known = (checklist.data ?? []).filter((item) => item.open_defect && item.open_defect.status !== 'repaired');
  return (
    <div className="stop-panel" role="alert">
      <p className="stop-title">
        <Icon name="ban" size={28} />
        <span>{t('unitState.stopTitle')}</span>
      </p>
      <p>{t('unitState.stopBody')}</p>
      {vehicle.out_of_service_reason && <p className="stop-reason">{vehicle.out_of_service_reason}</p>}
      {known.length > 0 && (
        <ul className="stop-defects">
          {known.map((item) => (
            <li key={item.id}>
              <strong>{item.item_name}</strong>
              {item.open_defect!.remark && ` — “${item.open_defect!.remark}”`}
              <span className="muted">
                {' '}
                · {t(`status.${item.open_defect!.severity}`)} · {relativeAge(item.open_defect!.opened_at, lang)} ·{' '}
                {t(`defect.status.${item.open_defect!.status}`)}
              </span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
