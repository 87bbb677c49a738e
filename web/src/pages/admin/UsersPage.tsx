import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { adminApi, ROLES } from '../../api/admin';
import type { Role, User } from '../../api/types';
import { ButtonLink } from '../../components/Button';
import { SelectField, TextField } from '../../components/Field';
import { Page } from '../../components/Page';
import { Notice } from '../../components/States';
import { useDebounced } from '../../hooks/useDebounced';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n';
import { useUser } from '../../session/session';
import { ConfirmButton, PagedList, CheckLine } from './AdminParts';

const PAGE_SIZE = 20;

/** Every user: search, role filter, pages; edit, deactivate, reset the Telegram link. */
export function UsersPage() {
  const { t, errorText } = useI18n();
  const me = useUser();
  const flash = (useLocation().state as { flash?: string } | null)?.flash;
  const [q, setQ] = useState('');
  const [role, setRole] = useState<Role | ''>('');
  const [page, setPage] = useState(1);
  const [showInactive, setShowInactive] = useState(false);
  const [telegram, setTelegram] = useState<'' | 'linked' | 'unlinked'>('');
  const query = useDebounced(q.trim(), 300);
  const list = useResource(
    (signal) =>
      adminApi.users(
        {
          q: query || undefined,
          role: role || undefined,
          page,
          page_size: PAGE_SIZE,
          is_active: showInactive ? undefined : true,
          telegram_linked: telegram === '' ? undefined : telegram === 'linked',
        },
        { signal },
      ),
    [query, role, page, showInactive, telegram],
  );
  const adoption = useResource((signal) => adminApi.adoption({ signal }), []);
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<{ tone: 'success' | 'danger'; text: string } | null>(flash ? { tone: 'success', text: flash } : null);

  const act = async (key: string, action: () => Promise<unknown>, done: string) => {
    setBusy(key);
    try {
      await action();
      setMessage({ tone: 'success', text: done });
      list.reload();
      adoption.reload();
    } catch (error) {
      setMessage({ tone: 'danger', text: errorText(error) });
    } finally {
      setBusy(null);
    }
  };
  const deactivate = (u: User) => act(`off-${u.id}`, () => adminApi.deactivateUser(u.id), t('users.deactivated', { name: u.full_name }));
  const resetTg = (u: User) => act(`tg-${u.id}`, () => adminApi.resetTelegram(u.id), t('users.tgReset', { name: u.full_name }));

  return (
    <Page
      title={t('users.title')}
      size="wide"
      subtitle={
        adoption.data
          ? `${t('admin.dash.adoption')}: ${Math.round(adoption.data.percentage)}% · ${t('admin.dash.adoptionText', { linked: adoption.data.linked_users, total: adoption.data.total_users })}`
          : undefined
      }
      actions={
        <ButtonLink to="/admin/users/new" icon="user">
          {t('users.new')}
        </ButtonLink>
      }
    >
      {message && <Notice tone={message.tone}>{message.text}</Notice>}
      <div className="admin-filters">
        <TextField label={t('admin.search')} hint={t('users.searchHint')} type="search" value={q} onChange={(e) => (setQ(e.target.value), setPage(1))} />
        <SelectField label={t('users.role')} value={role} onChange={(e) => (setRole(e.target.value as Role | ''), setPage(1))}>
          <option value="">{t('users.allRoles')}</option>
          {ROLES.map((r) => (
            <option key={r} value={r}>
              {t(`role.${r}`)}
            </option>
          ))}
        </SelectField>
        <SelectField label={t('users.tgFilter')} value={telegram} onChange={(e) => (setTelegram(e.target.value as '' | 'linked' | 'unlinked'), setPage(1))}>
          <option value="">{t('users.tgAll')}</option>
          <option value="linked">{t('users.tgLinked')}</option>
          <option value="unlinked">{t('users.tgUnlinked')}</option>
        </SelectField>
        <CheckLine checked={showInactive} onChange={(on) => (setShowInactive(on), setPage(1))} label={t('admin.showInactive')} />
      </div>
      <PagedList list={list} emptyIcon="user" emptyText={t('admin.empty')} page={page} pageSize={PAGE_SIZE} onPage={setPage}>
        {(items) => (
          <ul className="admin-list" aria-busy={list.loading || undefined}>
            {items.map((u) => (
              <li key={u.id} className={`admin-row user-row${u.is_active ? '' : ' admin-row-inactive'}`}>
                <div className="admin-row-main">
                  <Link to={`/admin/users/${u.id}`} className="admin-row-title">
                    {u.full_name}
                  </Link>
                  <span className="tag">{t(`role.${u.role}`)}</span>
                  {!u.is_active && <span className="tag tag-muted">{t('admin.inactive')}</span>}
                  <span className={`tag${u.telegram_linked ? '' : ' tag-muted'}`}>{u.telegram_linked ? `✈ ${t('users.tgLinked')}` : t('users.tgUnlinked')}</span>
                </div>
                <div className="admin-row-meta">{[u.phone_number, u.email].filter(Boolean).join(' · ')}</div>
                <div className="admin-row-actions">
                  <ButtonLink to={`/admin/users/${u.id}`} variant="secondary" className="btn-small" aria-label={`${t('admin.edit')} ${u.full_name}`}>
                    {t('admin.edit')}
                  </ButtonLink>
                  <ConfirmButton variant="secondary" busy={busy === `tg-${u.id}`} onConfirm={() => resetTg(u)}>
                    {t('users.resetTg')}
                  </ConfirmButton>
                  {u.is_active && u.id !== me.id && (
                    <ConfirmButton busy={busy === `off-${u.id}`} onConfirm={() => deactivate(u)}>
                      {t('admin.deactivate')}
                    </ConfirmButton>
                  )}
                </div>
              </li>
            ))}
          </ul>
        )}
      </PagedList>
    </Page>
  );
}
