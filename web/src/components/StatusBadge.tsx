import type { ComplianceColor, P2hStatus } from '../api/types';
import { useI18n } from '../i18n';
import { Icon, type IconName } from './Icon';

export const STATUS_ICON: Record<P2hStatus, IconName> = { normal: 'check', warning: 'warning', abnormal: 'stop' };
const COMPLIANCE_ICON: Record<ComplianceColor, IconName> = { green: 'check', yellow: 'warning', red: 'stop' };
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
    <span className={`badge badge-${COMPLIANCE_TONE[color]}`}>
      <Icon name={COMPLIANCE_ICON[color]} size={18} />
      <span>{t(`compliance.${color}`)}</span>
    </span>
  );
}
