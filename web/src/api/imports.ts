/** Bulk import of units and users (POST /api/imports/{kind}, ?dry_run=true) and their templates. */
import type { ImportResult } from '../../../src/imports/api-schemas';
import type { ImportKind } from '../../../src/imports/values';
import { apiFile, apiRequest } from './client';
import { saveBlob } from './save-file';

export type { ImportItem, ImportResult, ImportRowError, TemporaryPasswordView } from '../../../src/imports/api-schemas';
export type { ImportKind } from '../../../src/imports/values';
export { IMPORT_KINDS } from '../../../src/imports/values';

export const importsApi = {
  /** A dry run says what each row would do; the real run writes everything or nothing (422 IMPORT_INVALID). */
  run(kind: ImportKind, file: File, dryRun: boolean): Promise<ImportResult> {
    const form = new FormData();
    form.append('file', file);
    return apiRequest<ImportResult>('POST', `/api/imports/${kind}`, { body: form, query: { dry_run: dryRun || undefined } });
  },
  async downloadTemplate(kind: ImportKind): Promise<void> {
    const { blob, fileName } = await apiFile(`/api/imports/${kind}/template.xlsx`);
    saveBlob(blob, fileName ?? `p2h-template-${kind}.xlsx`);
  },
};
