import { useEffect, useState, type ReactNode } from 'react';
import { NavLink } from 'react-router';
import { expiryState, isoToday } from '../../api/admin';
import type { DocumentType } from '../../api/types';
import { Button, ButtonLink, type ButtonVariant } from '../../components/Button';
import { Icon, type IconName } from '../../components/Icon';
import { EmptyState, ErrorState, Loading } from '../../components/States';
import type { Resource } from '../../hooks/useResource';
import { ADMIN_NAV } from '../../app/nav';
import { useI18n } from '../../i18n';

/** The admin console's tab strip (scrolls sideways on a phone). */
export function AdminTabs() {
  const { t } = useI18n();
  return (
    <nav className="admin-tabs" aria-label={t('admin.menu')}>
      {ADMIN_NAV.map((item) => (
        <NavLink key={item.to} to={item.to} end={item.to === '/admin'} className="admin-tab">
          <Icon name={item.icon} size={20} />
          <span>{t(item.label)}</span>
        </NavLink>
      ))}
    </nav>
  );
}

/** Previous / next with "page x of y". */
export function Pager({ page, pageSize, total, onPage }: { page: number; pageSize: number; total: number; onPage(page: number): void }) {
  const { t } = useI18n();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <div className="pager">
      <Button variant="secondary" icon="left" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t('admin.prev')}
      </Button>
      <span className="pager-text" aria-live="polite">
        {t('admin.pageOf', { page, pages, total })}
      </span>
      <Button variant="secondary" iconAfter="right" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {t('admin.next')}
      </Button>
    </div>
  );
}

/** A destructive action asks once more on the button itself (no modal to lose on a phone). */
export function ConfirmButton({
  children,
  onConfirm,
  busy,
  variant = 'danger',
  label,
}: {
  children: ReactNode;
  onConfirm(): void;
  busy?: boolean;
  variant?: ButtonVariant;
  label?: string;
}) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  useEffect(() => {
    if (!asking) return;
    const timer = window.setTimeout(() => setAsking(false), 6000);
    return () => window.clearTimeout(timer);
  }, [asking]);
  return (
    <Button
      variant={variant}
      busy={busy}
      aria-label={label}
      className="btn-small"
      onClick={() => {
        if (!asking) return setAsking(true);
        setAsking(false);
        onConfirm();
      }}
    >
      {asking ? t('admin.confirm') : children}
    </Button>
  );
}

function daysUntil(date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${isoToday()}T00:00:00Z`)) / 86_400_000);
}

/** A document date: red when expired, amber within 30 days (with a word, not colour alone). */
export function ExpiryTag({ type, date }: { type: DocumentType; date: string | null }) {
  const { t, formatDate } = useI18n();
  const state = expiryState(date);
  if (!date || !state) return null;
  const note = state === 'expired' ? t('admin.dash.expired') : state === 'soon' ? t('admin.dash.daysLeft', { n: daysUntil(date) }) : null;
  return (
    <span className={`expiry expiry-${state}`}>
      {state !== 'ok' && <Icon name={state === 'expired' ? 'stop' : 'warning'} size={16} />}
      <span>
        {t(`admin.doc.${type}`)} {formatDate(date)}
        {note && <strong> · {note}</strong>}
      </span>
    </span>
  );
}

export { daysUntil };

/** A paged list's states in one place: error with retry, loading, empty, or the page and its pager. */
export function PagedList<T>({
  list,
  emptyIcon,
  emptyText,
  page,
  pageSize,
  onPage,
  children,
}: {
  list: Resource<{ items: T[]; total: number }>;
  emptyIcon: IconName;
  emptyText: ReactNode;
  page: number;
  pageSize: number;
  onPage(page: number): void;
  children(items: T[]): ReactNode;
}) {
  if (list.error !== undefined && !list.loading) return <ErrorState error={list.error} onRetry={list.reload} />;
  if (!list.data) return <Loading />;
  if (list.data.items.length === 0) return <EmptyState icon={emptyIcon}>{emptyText}</EmptyState>;
  return (
    <>
      {children(list.data.items)}
      <Pager page={page} pageSize={pageSize} total={list.data.total} onPage={onPage} />
    </>
  );
}

/** A labelled checkbox: the form's active flag, the lists' "show inactive". */
export function CheckLine({ checked, onChange, label }: { checked: boolean; onChange(checked: boolean): void; label: ReactNode }) {
  return (
    <label className="check-line">
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
      <span>{label}</span>
    </label>
  );
}

/** Save and cancel at the end of an admin form. */
export function FormActions({ saving, cancelTo }: { saving: boolean; cancelTo: string }) {
  const { t } = useI18n();
  return (
    <div className="form-actions">
      <Button type="submit" busy={saving} busyText={t('admin.saving')} icon="check">
        {t('admin.save')}
      </Button>
      <ButtonLink to={cancelTo} variant="ghost">
        {t('common.cancel')}
      </ButtonLink>
    </div>
  );
}
