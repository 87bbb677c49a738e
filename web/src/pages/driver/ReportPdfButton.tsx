import { useEffect, useRef, useState } from 'react';
import { api } from '../../api/endpoints';
import { saveBlob } from '../../api/save-file';
import type { ReportSummary } from '../../api/types';
import { Button } from '../../components/Button';
import { Notice } from '../../components/States';
import { useI18n } from '../../i18n';

/** How long the saved file's object URL lives: long enough for the browser to take it, then freed. */

/**
 * "Unduh PDF": the report's printable PDF. Fetched with the session's token (a bare link would carry
 * none), then saved from an object URL under the server's file name.
 */
export function ReportPdfButton({ report }: { report: Pick<ReportSummary, 'id' | 'vehicle' | 'operational_date' | 'shift_number'> }) {
  const { t, errorText } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);

  const download = async () => {
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setBusy(true);
    setError(undefined);
    try {
      const { blob, fileName } = await api.reportPdf(report.id, { signal: controller.signal });
      saveBlob(blob, fileName ?? `p2h-${report.vehicle.unit_code}-${report.operational_date}-shift${report.shift_number}.pdf`);
    } catch (failure) {
      if (!controller.signal.aborted) setError(failure);
    } finally {
      if (abort.current === controller) setBusy(false);
    }
  };

  return (
    <div className="button-column" style={{ marginTop: 12, alignItems: "flex-start" }}>
      <Button variant="secondary" busy={busy} busyText={t('report.pdfBusy')} onClick={() => void download()} data-testid="report-pdf">
        {t('report.pdf')}
      </Button>
      {error !== undefined && (
        <Notice
          tone="danger"
          action={
            <Button variant="ghost" icon="refresh" onClick={() => void download()}>
              {t('common.retry')}
            </Button>
          }
        >
          {t('report.pdfFailed', { reason: errorText(error) })}
        </Notice>
      )}
    </div>
  );
}
