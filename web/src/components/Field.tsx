import { useId, useState, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { useI18n } from '../i18n';

interface FieldFrame {
  label: ReactNode;
  hint?: ReactNode;
  /** shown under the field, announced, and marks it invalid */
  error?: string | null;
}

function describedBy(id: string, hint: unknown, error: unknown) {
  return [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

function Frame({ id, label, hint, error, children }: FieldFrame & { id: string; children: ReactNode }) {
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label className="field-label" htmlFor={id}>
        {label}
      </label>
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {children}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

export function TextField({ label, hint, error, id, ...input }: FieldFrame & InputHTMLAttributes<HTMLInputElement>) {
  const generated = useId();
  const fieldId = id ?? generated;
  return (
    <Frame id={fieldId} label={label} hint={hint} error={error}>
      <input {...input} id={fieldId} className="input" aria-invalid={error ? true : undefined} aria-describedby={describedBy(fieldId, hint, error)} />
    </Frame>
  );
}

export function PasswordField({ label, hint, error, id, ...input }: FieldFrame & Omit<InputHTMLAttributes<HTMLInputElement>, 'type'>) {
  const { t } = useI18n();
  const generated = useId();
  const fieldId = id ?? generated;
  const [visible, setVisible] = useState(false);
  return (
    <Frame id={fieldId} label={label} hint={hint} error={error}>
      <div className="input-with-button">
        <input
          {...input}
          id={fieldId}
          type={visible ? 'text' : 'password'}
          className="input"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(fieldId, hint, error)}
        />
        <button
          type="button"
          className="input-side-button"
          aria-pressed={visible}
          aria-controls={fieldId}
          onClick={() => setVisible((v) => !v)}
        >
          {visible ? t('common.hidePassword') : t('common.showPassword')}
        </button>
      </div>
    </Frame>
  );
}

export function TextArea({ label, hint, error, id, ...input }: FieldFrame & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const generated = useId();
  const fieldId = id ?? generated;
  return (
    <Frame id={fieldId} label={label} hint={hint} error={error}>
      <textarea {...input} id={fieldId} className="input" aria-invalid={error ? true : undefined} aria-describedby={describedBy(fieldId, hint, error)} />
    </Frame>
  );
}

export function SelectField({ label, hint, error, id, children, ...select }: FieldFrame & SelectHTMLAttributes<HTMLSelectElement>) {
  const generated = useId();
  const fieldId = id ?? generated;
  return (
    <Frame id={fieldId} label={label} hint={hint} error={error}>
      <select {...select} id={fieldId} className="input" aria-invalid={error ? true : undefined} aria-describedby={describedBy(fieldId, hint, error)}>
        {children}
      </select>
    </Frame>
  );
}
