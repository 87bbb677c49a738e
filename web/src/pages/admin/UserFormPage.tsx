import { useEffect, useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { adminApi, ROLES, type UserInput } from '../../api/admin';
import { apiRequest } from '../../api/client';
import { detailsByField } from '../../api/details';
import type { Role, User } from '../../api/types';
import { ButtonLink } from '../../components/Button';
import { PasswordField, SelectField, TextField } from '../../components/Field';
import { Page } from '../../components/Page';
import { ErrorState, Loading, Notice } from '../../components/States';
import { useResource } from '../../hooks/useResource';
import { CheckLine, FormActions } from './AdminParts';
import { EntityHistory } from './EntityHistory';
import { useI18n } from '../../i18n';
import { useUser } from '../../session/session';

interface Form {
  full_name: string;
  phone_number: string;
  email: string;
  role: Role;
  password: string;
  is_active: boolean;
}

const EMPTY: Form = { full_name: '', phone_number: '', email: '', role: 'user', password: '', is_active: true };

const USER_HISTORY = ['user', 'telegram_link'] as const;

/** Create (/admin/users/new) or edit (/admin/users/:id) a user; only a superadmin may hand out admin roles (the server decides). */
export function UserFormPage() {
  const { t, errorText, detailText } = useI18n();
  const me = useUser();
  const navigate = useNavigate();
  const idParam = useParams().id;
  const id = idParam ? Number(idParam) : null;
  const loaded = useResource((signal) => (id ? apiRequest<User>('GET', `/api/users/${id}`, { signal }) : Promise.resolve(null)), [id]);
  const [form, setForm] = useState<Form>(EMPTY);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);

  useEffect(() => {
    const u = loaded.data;
    if (u) setForm({ full_name: u.full_name, phone_number: u.phone_number, email: u.email ?? '', role: u.role, password: '', is_active: u.is_active });
  }, [loaded.data]);

  const errors = detailsByField(failure);
  const bind = (name: Exclude<keyof Form, 'is_active'>) => {
    const detail = errors.get(name);
    return {
      name,
      value: form[name],
      error: detail ? detailText(detail) : null,
      onChange: (e: { target: { value: string } }) => setForm((f) => ({ ...f, [name]: e.target.value })),
    };
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    setFailure(null);
    const body: UserInput = {
      full_name: form.full_name.trim(),
      phone_number: form.phone_number.trim(),
      email: form.email.trim() || null,
      role: form.role,
      ...(form.password || !id ? { password: form.password } : {}),
      ...(id ? { is_active: form.is_active } : {}),
    };
    try {
      const saved = id ? await adminApi.updateUser(id, body) : await adminApi.createUser(body);
      navigate('/admin/users', { state: { flash: id ? t('admin.saved') : t('users.created', { name: saved.full_name }) } });
    } catch (error) {
      setFailure(error);
      setSaving(false);
    }
  };

  const title = id ? t('users.editTitle', { name: loaded.data?.full_name ?? `#${id}` }) : t('users.new');
  const back = (
    <ButtonLink to="/admin/users" variant="ghost" icon="left">
      {t('common.back')}
    </ButtonLink>
  );
  if (id && !loaded.data) {
    return (
      <Page title={title} actions={back} size="wide">
        {loaded.error !== undefined ? <ErrorState error={loaded.error} onRetry={loaded.reload} /> : <Loading />}
      </Page>
    );
  }
  const roles = me.role === 'superadmin' ? ROLES : ROLES.filter((r) => r !== 'superadmin');
  return (
    <Page title={title} actions={back} size="wide">
      <form className="card admin-form" onSubmit={submit} noValidate>
        {failure !== null && <Notice tone="danger">{errorText(failure)}</Notice>}
        <div className="form-grid">
          <TextField label={t('users.name')} required autoComplete="off" {...bind('full_name')} />
          <TextField label={t('users.phone')} hint={t('users.phoneHint')} required type="tel" inputMode="tel" autoComplete="off" {...bind('phone_number')} />
          <TextField label={`${t('users.email')} (${t('common.optional')})`} type="email" autoComplete="off" {...bind('email')} />
          <SelectField label={t('users.role')} {...bind('role')}>
            {roles.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </SelectField>
          {/* One's own password changes only with the current one (the server refuses it here). */}
          {id === me.id ? (
            <ButtonLink to="/profile/password" variant="ghost">
              {t('password.title')}
            </ButtonLink>
          ) : (
            <PasswordField
              label={id ? `${t('users.passwordNew')} (${t('common.optional')})` : t('users.password')}
              hint={id ? t('users.passwordKeep') : t('users.passwordHint')}
              autoComplete="new-password"
              required={!id}
              {...bind('password')}
            />
          )}
        </div>
        {id && id !== me.id && (
          <CheckLine checked={form.is_active} onChange={(on) => setForm((f) => ({ ...f, is_active: on }))} label={t('admin.active')} />
        )}
        <FormActions saving={saving} cancelTo="/admin/users" />
      </form>
      {id && <EntityHistory entities={USER_HISTORY} id={id} />}
    </Page>
  );
}
