import type { ImportItem, ImportResult } from '../../api/imports';
import { Button } from '../../components/Button';
import { Notice } from '../../components/States';
import { useI18n } from '../../i18n';

/** A sheet may hold 10 000 rows: the page lists the first ones and says how many more. */
const SHOWN_ROWS = 200;

function Summary({ result }: { result: ImportResult }) {
  const { t } = useI18n();
  return <p className="import-summary">{t('imports.summary', { rows: result.rows, create: result.create, update: result.update, unchanged: result.unchanged })}</p>;
}

/** The dry run: every error with its row and column, then what each valid row would do. */
export function ImportPreview({ preview, busy, onConfirm }: { preview: ImportResult; busy: boolean; onConfirm: () => void }) {
  const { t, detailText } = useI18n();
  const changes = preview.create + preview.update;
  const ready = preview.errors.length === 0 && changes > 0;
  return (
    <section className="card import-preview" aria-label={t('imports.step.preview')}>
      <Summary result={preview} />
      {preview.errors.length > 0 ? (
        <>
          <Notice tone="danger">{t('imports.errorsTitle', { n: preview.errors.length })}</Notice>
          <div className="table-scroll">
            <table className="import-table import-errors">
              <thead>
                <tr>
                  <th scope="col">{t('imports.row')}</th>
                  <th scope="col">{t('imports.column')}</th>
                  <th scope="col">{t('imports.problem')}</th>
                </tr>
              </thead>
              <tbody>
                {preview.errors.slice(0, SHOWN_ROWS).map((e, index) => (
                  <tr key={`${e.row}-${e.column}-${index}`}>
                    <td>{e.row}</td>
                    <td>{e.column}</td>
                    <td>
                      <strong>{detailText({ field: e.column, code: e.code, message: e.message })}</strong>
                      <span className="import-detail">{e.message}</span>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {preview.errors.length > SHOWN_ROWS && <p>{t('imports.moreRows', { n: preview.errors.length - SHOWN_ROWS })}</p>}
        </>
      ) : (
        <Notice tone={changes > 0 ? 'info' : 'success'}>{changes > 0 ? t('imports.noErrors') : t('imports.nothingToDo')}</Notice>
      )}
      <ItemTable items={preview.items} />
      <div className="form-actions">
        <Button onClick={onConfirm} disabled={!ready || busy} busy={busy} busyText={t('imports.importing')} icon="check">
          {t('imports.confirm', { n: changes })}
        </Button>
      </div>
    </section>
  );
}

function ItemTable({ items }: { items: ImportItem[] }) {
  const { t } = useI18n();
  if (items.length === 0) return null;
  return (
    <>
      <div className="table-scroll">
        <table className="import-table import-items">
          <thead>
            <tr>
              <th scope="col">{t('imports.row')}</th>
              <th scope="col">{t('imports.key')}</th>
              <th scope="col">{t('imports.action')}</th>
            </tr>
          </thead>
          <tbody>
            {items.slice(0, SHOWN_ROWS).map((item) => (
              <tr key={item.row} className={`import-${item.action}`}>
                <td>{item.row}</td>
                <td>{item.key}</td>
                <td>{t(`imports.action.${item.action}`)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {items.length > SHOWN_ROWS && <p>{t('imports.moreRows', { n: items.length - SHOWN_ROWS })}</p>}
    </>
  );
}

/** What was written, and the temporary passwords: shown this once, with what to do with them. */
export function ImportResultView({ result, onAnother }: { result: ImportResult; onAnother: () => void }) {
  const { t } = useI18n();
  return (
    <section className="card import-result" aria-label={t('imports.step.result')}>
      <Notice tone="success">{t('imports.done', { create: result.create, update: result.update, unchanged: result.unchanged })}</Notice>
      {result.temporary_passwords.length > 0 && (
        <>
          <h2>{t('imports.passwordsTitle')}</h2>
          <Notice tone="warning">{t('imports.passwordsWarning')}</Notice>
          <div className="table-scroll">
            <table className="import-table import-passwords">
              <thead>
                <tr>
                  <th scope="col">{t('imports.row')}</th>
                  <th scope="col">{t('imports.phone')}</th>
                  <th scope="col">{t('imports.password')}</th>
                </tr>
              </thead>
              <tbody>
                {result.temporary_passwords.map((p) => (
                  <tr key={p.row}>
                    <td>{p.row}</td>
                    <td>{p.phone_number}</td>
                    <td>
                      <code>{p.password}</code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <ItemTable items={result.items} />
      <div className="form-actions">
        <Button variant="secondary" onClick={onAnother}>
          {t('imports.another')}
        </Button>
      </div>
    </section>
  );
}
