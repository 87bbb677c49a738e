import type { ComplianceColor, P2hStatus } from '../api/types';
import { useI18n } from '../i18n';
import { Icon, type IconName } from './Icon';

export const STATUS_ICON: Record<P2hStatus, IconName> = { normal: 'check', warning: 'warning', abnormal: 'stop' };
// Circles, not the check/triangle/cross of an inspection status: "Belum" (no P2H yet) is not "ABNORMAL".
export const COMPLIANCE_ICON: Record<ComplianceColor, IconName> = { green: 'circleFull', yellow: 'circleHalf', red: 'circleEmpty' };
const COMPLIANCE_TONE: Record<ComplianceColor, P2hStatus> = { green: 'normal', yellow: 'warning', red: 'abnormal' };

/** A report's overall status: colour, icon and word (never colour alone). */
export function StatusBadge({ status, withMeaning = false }: { status: P2hStatus; withMeaning?: boolean }) {
  const { t } = useI18n();
  return (
    <span className={`badge badge-${status}`}>
      <Icon name={STATUS_ICON[status]} size={18} />
      <span>
        {t(`status.${status}`)}
        {withMeaning && <span className="badge-meaning"> · {t(`status.${status}.short`)}</span>}
      </span>
    </span>
  );
}

/** A unit's compliance today: green all slots done, yellow some, red none. */
export function ComplianceBadge({ color }: { color: ComplianceColor }) {
  const { t } = useI18n();
  return (
    <span className={`badge badge-compliance badge-${COMPLIANCE_TONE[color]}`}>
      <Icon name={COMPLIANCE_ICON[color]} size={18} />
      <span>{t(`compliance.${color}`)}</span>
    </span>
  );
}

/** STOP OPERASI: the unit may not leave. Red, with its own sign (a barred circle). */
export function OutOfServiceBadge() {
  const { t } = useI18n();
  return (
    <span className="badge badge-out-of-service">
      <Icon name="ban" size={18} />
      <span>{t('unitState.outOfService')}</span>
    </span>
  );
}
