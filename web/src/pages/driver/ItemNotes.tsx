import { expiryState, isoToday } from '../../api/admin';
import type { ChecklistEntry, P2hStatus, Vehicle } from '../../api/types';
import { useI18n } from '../../i18n';
import { relativeAge } from '../workshop/DefectParts';

/** The unit's document an item asks about (by the default checklist's names), with its expiry date. */
function documentOf(item: ChecklistEntry, vehicle: Vehicle): { name: string; date: string | null } | null {
  if (/^STNK\b/i.test(item.item_name)) return { name: 'STNK', date: vehicle.stnk_expiry };
  if (/^KIR\b/i.test(item.item_name)) return { name: 'KIR', date: vehicle.kir_expiry };
  return null;
}

/**
 * What is already known about an item on this unit: its live defect (so the driver confirms it rather
 * than retyping it) and, for a document item, the expiry date the office has on file.
 */
export function ItemNotes({
  item,
  vehicle,
  answered,
  onConfirm,
}: {
  item: ChecklistEntry;
  vehicle: Vehicle;
  answered: P2hStatus | undefined;
  onConfirm(status: P2hStatus, remark: string): void;
}) {
  const { t, lang, formatDate } = useI18n();
  const known = item.open_defect;
  const document = documentOf(item, vehicle);
  const state = document ? expiryState(document.date) : null;
  if (!known && !state) return null;
  // Whole calendar days, counted as the admin's document list counts them.
  const days = document?.date ? Math.round((Date.parse(`${document.date}T00:00:00Z`) - Date.parse(`${isoToday()}T00:00:00Z`)) / 86_400_000) : 0;
  return (
    <>
      {known && (
        <div className={`item-note item-note-${known.status === 'repaired' ? 'info' : known.severity === 'abnormal' ? 'danger' : 'warning'}`}>
          <p>
            {known.status === 'repaired'
              ? t('check.known.repaired')
              : t(known.status === 'in_progress' ? 'check.known.inProgress' : 'check.known.open', {
                  age: relativeAge(known.opened_at, lang),
                  name: known.opened_by_name,
                })}
          </p>
          {known.remark && <p className="muted">{t('check.known.remark', { remark: known.remark })}</p>}
          {known.status !== 'repaired' && answered !== known.severity && (
            <button type="button" className="link-button" onClick={() => onConfirm(known.severity, known.remark ?? '')}>
              {t('check.known.confirm', { status: t(`answer.${known.severity}`) })}
            </button>
          )}
        </div>
      )}
      {document && state && (
        <div className={`item-note item-note-${state === 'expired' ? 'danger' : state === 'soon' ? 'warning' : 'info'}`} role={state === 'expired' ? 'alert' : undefined}>
          <p>
            {t(`check.doc.${state}`, { doc: document.name, date: formatDate(document.date!), n: Math.max(0, days) })}
          </p>
        </div>
      )}
    </>
  );
}
