import type { ReactNode } from 'react';
import { isApiError } from '../api/client';
import { useI18n } from '../i18n';
import { useOnline } from '../hooks/useOnline';
import { Button } from './Button';
import { Icon, type IconName } from './Icon';

export function Loading({ label }: { label?: string }) {
  const { t } = useI18n();
  return (
    <div className="state state-loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label ?? t('common.loading')}</span>
    </div>
  );
}

export function EmptyState({ icon = 'info', children, action }: { icon?: IconName; children: ReactNode; action?: ReactNode }) {
  return (
    <div className="state state-empty">
      <Icon name={icon} size={40} />
      <p>{children}</p>
      {action}
    </div>
  );
}

/** A failure with what happened (translated) and, for a passing trouble, a "try again" button. */
export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t, errorText } = useI18n();
  const offline = isApiError(error) && (error.code === 'OFFLINE' || error.code === 'NETWORK_ERROR');
  return (
    <div className="state state-error" role="alert">
      <Icon name={offline ? 'offline' : 'warning'} size={40} />
      <p className="state-title">{t('common.errorTitle')}</p>
      <p>{errorText(error)}</p>
      {onRetry && (
        <Button variant="secondary" icon="refresh" onClick={onRetry}>
          {t('common.retry')}
        </Button>
      )}
    </div>
  );
}

export type NoticeTone = 'info' | 'success' | 'warning' | 'danger';
const NOTICE_ICON: Record<NoticeTone, IconName> = { info: 'info', success: 'check', warning: 'warning', danger: 'stop' };

/** An inline message box; `danger` and `warning` are announced at once. */
export function Notice({ tone = 'info', children, action }: { tone?: NoticeTone; children: ReactNode; action?: ReactNode }) {
  const urgent = tone === 'danger' || tone === 'warning';
  return (
    <div className={`notice notice-${tone}`} role={urgent ? 'alert' : 'status'}>
      <Icon name={NOTICE_ICON[tone]} />
      <div className="notice-body">
        <div>{children}</div>
        {action}
      </div>
    </div>
  );
}

/** Shown on every page while the phone has no connection. */
export function OfflineBanner() {
  const online = useOnline();
  const { t } = useI18n();
  if (online) return null;
  return (
    <div className="offline-banner" role="status">
      <Icon name="offline" size={20} />
      <span>{t('common.offline')}</span>
    </div>
  );
}
