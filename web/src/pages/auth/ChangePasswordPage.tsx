import { useState, type FormEvent } from 'react';
import { api } from '../../api/endpoints';
import { detailsByField } from '../../api/details';
import { Button, ButtonLink } from '../../components/Button';
import { PasswordField } from '../../components/Field';
import { Notice } from '../../components/States';
import { Page } from '../../components/Page';
import { useI18n } from '../../i18n';
import { useNavigate } from 'react-router';
import { homePath, useSession } from '../../session/session';

type Field = 'current_password' | 'new_password' | 'confirm';

export function ChangePasswordPage() {
  const { t, errorText, detailText } = useI18n();
  const { replace, mustChangePassword } = useSession();
  const navigate = useNavigate();
  const [values, setValues] = useState<Record<Field, string>>({ current_password: '', new_password: '', confirm: '' });
  const [local, setLocal] = useState<Partial<Record<Field, string>>>({});
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);

  const set = (field: Field) => (event: { target: { value: string } }) => setValues((v) => ({ ...v, [field]: event.target.value }));

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const problems: Partial<Record<Field, string>> = {};
    if (!values.current_password) problems.current_password = t('common.fieldRequired');
    if (values.new_password.length < 8) problems.new_password = t('password.tooShort');
    if (values.confirm !== values.new_password) problems.confirm = t('password.mismatch');
    setLocal(problems);
    setDone(false);
    if (Object.keys(problems).length > 0) return;
    setBusy(true);
    setError(null);
    try {
      const result = await api.changePassword(values.current_password, values.new_password);
      replace(result);
      // A temporary password replaced: on to the app.
      if (mustChangePassword) return navigate(homePath(result.user.role), { replace: true });
      setValues({ current_password: '', new_password: '', confirm: '' });
      setDone(true);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const details = detailsByField(error);
  const fieldError = (field: Field) => {
    if (local[field]) return local[field];
    const detail = details.get(field);
    return detail ? detailText(detail) : null;
  };

  return (
    <Page title={t('password.title')}>
      <div className="card narrow">
        {mustChangePassword && <Notice tone="warning">{t('password.required')}</Notice>}
        {done && <Notice tone="success">{t('password.done')}</Notice>}
        {error !== null && <Notice tone="danger">{errorText(error)}</Notice>}
        <form onSubmit={onSubmit} noValidate>
          <PasswordField
            label={t('password.current')}
            autoComplete="current-password"
            value={values.current_password}
            onChange={set('current_password')}
            error={fieldError('current_password')}
          />
          <PasswordField
            label={t('password.new')}
            hint={t('password.newHint')}
            autoComplete="new-password"
            value={values.new_password}
            onChange={set('new_password')}
            error={fieldError('new_password')}
          />
          <PasswordField label={t('password.confirm')} autoComplete="new-password" value={values.confirm} onChange={set('confirm')} error={fieldError('confirm')} />
          <div className="button-row">
            <Button type="submit" busy={busy} icon="key">
              {t('password.submit')}
            </Button>
            <ButtonLink to="/profile" variant="ghost" icon="left">
              {t('common.back')}
            </ButtonLink>
          </div>
        </form>
      </div>
    </Page>
  );
}
