import { useState } from 'react';
import { isApiError } from '../../api/client';
import { downloadReportsExcel, monthStart, type ReportsExportFilter } from '../../api/exports';
import { isoToday } from '../../api/admin';
import type { P2hStatus } from '../../api/types';
import { Button } from '../../components/Button';
import { useI18n, type MessageKey } from '../../i18n';

/**
 * "Download Excel" of the reports a list shows: its filters as they are; a list without dates gives
 * from the first of the month to today (the server wants a range).
 */
export function ReportsExcelButton({ from, to, vehicleId, status }: { from?: string; to?: string; vehicleId?: number; status?: P2hStatus | '' }) {
  const { t, formatDate } = useI18n();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<MessageKey | null>(null);
  const dateTo = to || isoToday();
  const filter: ReportsExportFilter = {
    date_from: from || monthStart(dateTo),
    date_to: dateTo,
    ...(vehicleId !== undefined && { vehicle_id: vehicleId }),
    ...(status ? { status } : {}),
  };

  const download = async () => {
    setBusy(true);
    setError(null);
    try {
      await downloadReportsExcel(filter);
    } catch (caught) {
      setError(failureKey(caught));
    } finally {
      setBusy(false);
    }
  };

  return (
    <span className="export-action" style={{ display: 'inline-flex', flexDirection: 'column', gap: '0.25rem' }}>
      <Button
        variant="secondary"
        onClick={download}
        busy={busy}
        busyText={t('exports.preparing')}
        title={t('exports.range', { from: formatDate(filter.date_from), to: formatDate(filter.date_to) })}
      >
        {t('exports.downloadExcel')}
      </Button>
      {error && (
        <span className="field-error" role="alert">
          {t(error)}
        </span>
      )}
    </span>
  );
}

function failureKey(error: unknown): MessageKey {
  if (!isApiError(error)) return 'exports.failed';
  if (error.status === 0) return 'exports.offline';
  if (error.status === 400) return 'exports.badRange';
  if (error.status === 401 || error.status === 403) return 'exports.forbidden';
  return 'exports.failed';
}
