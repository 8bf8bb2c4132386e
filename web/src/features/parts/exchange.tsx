// Excel at the edge of the parts workspace: export links (GET /exports/*.xlsx with the page's
// filters) and the raw .xlsx upload of POST /imports/* (the typed JSON client does not send bytes).
import { Button } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import i18n from '../../i18n';
import { apiUrl, ApiError } from '../../api/client';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export type ImportKind = 'parts' | 'suppliers' | 'opening-stock';

export interface ImportReport {
  imported: number;
  valid: number;
  failed: number;
  dryRun: boolean;
  documents: string[];
  rows: { row: number; ok: boolean; errors: { column: string; field: string; code: string; message: string }[] }[];
}

/**
 * Sends a workbook to an importer. A report comes back on 200, and on 400 import_rows_invalid
 * (nothing written) its details carry the same report; any other error is thrown.
 */
export async function uploadImport(kind: ImportKind, file: Blob, opts: { dryRun?: boolean; goodRowsOnly?: boolean }): Promise<{ report: ImportReport; rejected: boolean }> {
  const res = await fetch(apiUrl(`/imports/${kind}`, { dryRun: opts.dryRun || undefined, goodRowsOnly: opts.goodRowsOnly || undefined }), {
    method: 'POST',
    credentials: 'same-origin',
    headers: { Accept: 'application/json', 'Accept-Language': i18n.language, 'X-Requested-With': 'aftersales', 'Content-Type': XLSX_MIME },
    body: file,
  });
  const data = (await res.json().catch(() => null)) as (ImportReport & { error?: { code: string; message: string; details: Record<string, unknown> } }) | null;
  if (res.ok && data) return { report: data, rejected: false };
  const e = data?.error;
  if (e?.code === 'import_rows_invalid') return { report: e.details as unknown as ImportReport, rejected: true };
  throw new ApiError(res.status, e?.code ?? 'http_error', e?.message ?? `HTTP ${res.status}`, e?.details ?? {});
}

/** A download button for an export; params are the list's current filters. */
export function ExportButton({ name, params, label, testId }: { name: string; params?: Record<string, unknown>; label: string; testId?: string }) {
  return (
    <Button icon={<DownloadOutlined />} href={apiUrl(`/exports/${name}.xlsx`, params)} download data-testid={testId}>
      {label}
    </Button>
  );
}
