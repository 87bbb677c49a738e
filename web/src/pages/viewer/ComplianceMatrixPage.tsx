import { useState } from 'react';
import { saveBlob } from '../../api/save-file';
import { complianceMatrixApi, MATRIX_STATUSES, shiftMonth, type ComplianceMatrix, type MatrixCell } from '../../api/compliance-matrix';
import { Button } from '../../components/Button';
import { EmptyState, ErrorState, Loading, Notice } from '../../components/States';
import { Page } from '../../components/Page';
import { useResource } from '../../hooks/useResource';
import { useI18n } from '../../i18n';
import '../../styles/compliance-matrix.css';

/** Appended to the letter, so the worst status also survives a black-and-white print. */
const WORST_MARK = { normal: '', warning: '*', abnormal: '!' } as const;

/** Units × days of a month for admins and viewers: colour plus a letter per cell, a legend, the Excel sheet. */
export function ComplianceMatrixPage() {
  const { t } = useI18n();
  // Undefined until the server answers: then its month (P2H_TIMEZONE's), not the browser's.
  const [month, setMonth] = useState<string | undefined>(undefined);
  const matrix = useResource((signal) => complianceMatrixApi.matrix(month, signal), [month]);
  const shown = month ?? matrix.data?.month;
  const [downloading, setDownloading] = useState(false);
  const [downloadFailed, setDownloadFailed] = useState(false);

  async function download() {
    if (!shown) return;
    setDownloading(true);
    setDownloadFailed(false);
    try {
      saveBlob(await complianceMatrixApi.xlsx(shown), `kepatuhan-p2h-${shown}.xlsx`);
    } catch {
      setDownloadFailed(true);
    } finally {
      setDownloading(false);
    }
  }

  return (
    <Page
      size="wide"
      title={t('matrix.title')}
      subtitle={t('matrix.subtitle')}
      actions={
        <div className="cm-controls">
          <Button variant="secondary" icon="left" onClick={() => shown && setMonth(shiftMonth(shown, -1))} aria-label={t('matrix.prev')} disabled={!shown} />
          <label className="cm-month">
            <span className="sr-only">{t('matrix.month')}</span>
            <input type="month" value={shown ?? ''} onChange={(e) => e.target.value && setMonth(e.target.value)} aria-label={t('matrix.month')} />
          </label>
          <Button variant="secondary" icon="right" onClick={() => shown && setMonth(shiftMonth(shown, 1))} aria-label={t('matrix.next')} disabled={!shown} />
          <Button variant="primary" onClick={download} busy={downloading} disabled={!shown}>
            {t('matrix.download')}
          </Button>
        </div>
      }
    >
      {downloadFailed && <Notice tone="danger">{t('matrix.downloadFailed')}</Notice>}
      <Legend />
      {matrix.error !== undefined ? (
        <ErrorState error={matrix.error} onRetry={matrix.reload} />
      ) : !matrix.data ? (
        <Loading />
      ) : matrix.data.units.length === 0 ? (
        <EmptyState>{t('matrix.empty')}</EmptyState>
      ) : (
        <Grid matrix={matrix.data} />
      )}
    </Page>
  );
}

function Legend() {
  const { t } = useI18n();
  return (
    <section className="cm-legend" aria-label={t('matrix.legend')}>
      <h2 className="sr-only">{t('matrix.legend')}</h2>
      <ul>
        {MATRIX_STATUSES.map((status) => (
          <li key={status}>
            <span className={`cm-swatch cm-${status}`}>{t(`matrix.letter.${status}`)}</span> {t(`matrix.status.${status}`)}
          </li>
        ))}
        <li>
          <span className="cm-swatch cm-worst-warning">{WORST_MARK.warning}</span> {t('matrix.worst.warning')}
        </li>
        <li>
          <span className="cm-swatch cm-worst-abnormal">{WORST_MARK.abnormal}</span> {t('matrix.worst.abnormal')}
        </li>
      </ul>
    </section>
  );
}

function Grid({ matrix }: { matrix: ComplianceMatrix }) {
  const { t, formatDate } = useI18n();
  const label = (unit: string, cell: MatrixCell) =>
    `${unit} · ${formatDate(cell.date)} · ${t(`matrix.status.${cell.status}`)}${cell.worst && cell.worst !== 'normal' ? ` · ${t(`matrix.worst.${cell.worst}`)}` : ''}`;
  return (
    // The grid scrolls sideways on its own, so the page around it stays put on a phone.
    <div className="cm-scroll" role="region" aria-label={t('matrix.gridLabel', { month: matrix.month })} tabIndex={0}>
      <table className="cm-grid">
        <thead>
          <tr>
            <th scope="col" className="cm-unit">
              {t('matrix.unit')}
            </th>
            {matrix.days.map((day) => (
              <th scope="col" key={day} title={formatDate(day)}>
                {Number(day.slice(8))}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {matrix.units.map((unit) => (
            <tr key={unit.vehicle_id}>
              <th scope="row" className="cm-unit">
                {unit.unit_code}
              </th>
              {unit.cells.map((cell) => (
                <td key={cell.date} className={`cm-cell cm-${cell.status}${cell.worst ? ` cm-worst-${cell.worst}` : ''}`} title={label(unit.unit_code, cell)} data-date={cell.date}>
                  {t(`matrix.letter.${cell.status}`)}
                  {cell.worst && WORST_MARK[cell.worst] && <span className="cm-mark">{WORST_MARK[cell.worst]}</span>}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
