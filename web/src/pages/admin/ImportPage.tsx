import { useState, type FormEvent } from 'react';
import { isApiError } from '../../api/client';
import { importsApi, IMPORT_KINDS, type ImportKind, type ImportResult } from '../../api/imports';
import { Button } from '../../components/Button';
import { SelectField, TextField } from '../../components/Field';
import { Page } from '../../components/Page';
import { Notice } from '../../components/States';
import { useI18n } from '../../i18n';
import { ImportPreview, ImportResultView } from './ImportPreview';

type Step = 'upload' | 'preview' | 'result';

/**
 * Bulk import: choose units or users, upload a sheet, see the dry run (what each row would do and
 * every error with its row and column), confirm, and see the result with any temporary passwords once.
 */
export function ImportPage() {
  const { t, errorText } = useI18n();
  const [kind, setKind] = useState<ImportKind>('vehicles');
  const [file, setFile] = useState<File | null>(null);
  const [fileKey, setFileKey] = useState(0);
  const [preview, setPreview] = useState<ImportResult | null>(null);
  const [result, setResult] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState<'check' | 'import' | 'template' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const step: Step = result ? 'result' : preview ? 'preview' : 'upload';

  const reset = () => {
    setPreview(null);
    setResult(null);
    setError(null);
  };

  const check = async (event: FormEvent) => {
    event.preventDefault();
    if (!file) return setError(t('common.fieldRequired'));
    reset();
    setBusy('check');
    try {
      setPreview(await importsApi.run(kind, file, true));
    } catch (failure) {
      setError(errorText(failure));
    } finally {
      setBusy(null);
    }
  };

  const confirm = async () => {
    if (!file) return;
    setBusy('import');
    setError(null);
    try {
      setResult(await importsApi.run(kind, file, false));
    } catch (failure) {
      // Refused with the whole result (the data changed since the check): show it as the new preview.
      const refused = isApiError(failure) && failure.code === 'IMPORT_INVALID' ? (failure.payload as ImportResult) : null;
      if (refused?.errors) setPreview({ ...refused, dry_run: true });
      setError(errorText(failure));
    } finally {
      setBusy(null);
    }
  };

  const template = async () => {
    setBusy('template');
    setError(null);
    try {
      await importsApi.downloadTemplate(kind);
    } catch (failure) {
      setError(t('imports.templateFailed', { reason: errorText(failure) }));
    } finally {
      setBusy(null);
    }
  };

  const startOver = () => {
    reset();
    setFile(null);
    setFileKey((k) => k + 1);
  };

  return (
    <Page title={t('imports.title')} subtitle={t('imports.subtitle')} size="wide">
      <ol className="import-steps" aria-label={t('imports.title')}>
        {(['upload', 'preview', 'result'] as const).map((s) => (
          <li key={s} aria-current={s === step ? 'step' : undefined} className={s === step ? 'is-current' : undefined}>
            {t(`imports.step.${s}`)}
          </li>
        ))}
      </ol>
      {error && <Notice tone="danger">{error}</Notice>}
      {step !== 'result' && (
        <form className="card import-upload" onSubmit={check} noValidate>
          <div className="admin-filters">
            <SelectField
              label={t('imports.kind')}
              name="kind"
              value={kind}
              onChange={(e) => {
                setKind(e.target.value as ImportKind);
                reset();
              }}
            >
              {IMPORT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`imports.kind.${k}`)}
                </option>
              ))}
            </SelectField>
            <TextField
              key={fileKey}
              label={t('imports.file')}
              hint={t('imports.fileHint')}
              name="file"
              type="file"
              accept=".xlsx,.csv,.txt,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
              onChange={(e) => {
                setFile(e.target.files?.[0] ?? null);
                reset();
              }}
            />
          </div>
          <div className="form-actions">
            <Button type="submit" icon="search" busy={busy === 'check'} busyText={t('imports.checking')} disabled={!file || busy !== null}>
              {t('imports.check')}
            </Button>
            <Button type="button" variant="secondary" onClick={template} busy={busy === 'template'} disabled={busy !== null}>
              {t('imports.template')}
            </Button>
          </div>
        </form>
      )}
      {step === 'preview' && preview && <ImportPreview preview={preview} busy={busy === 'import'} onConfirm={confirm} />}
      {step === 'result' && result && <ImportResultView result={result} onAnother={startOver} />}
    </Page>
  );
}
