// 从 Excel 导入: the chosen workbook is checked first (dryRun) and its row-by-row report shown;
// with any bad row nothing is imported unless the user explicitly asks for the good rows only.
import { useState } from 'react';
import { Alert, Button, Modal, Segmented, Space, Table, Tag, Typography, Upload } from 'antd';
import { InboxOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiUrl } from '../../api/client';
import { uploadImport, type ImportKind, type ImportReport } from './exchange';

interface ErrorRow {
  key: string;
  row: number;
  column: string;
  message: string;
}

export function ImportModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [kind, setKind] = useState<ImportKind>('parts');
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [done, setDone] = useState<ImportReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const reset = () => {
    setFile(null);
    setReport(null);
    setDone(null);
    setError(null);
  };
  const run = async (f: File, opts: { dryRun?: boolean; goodRowsOnly?: boolean }) => {
    setBusy(true);
    setError(null);
    try {
      const { report: r, rejected } = await uploadImport(kind, f, opts);
      if (opts.dryRun || rejected) setReport(r);
      else {
        setDone(r);
        setReport(null);
        await qc.invalidateQueries();
      }
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };

  const errors: ErrorRow[] = (report?.rows ?? []).flatMap((r) => r.errors.map((e, i) => ({ key: `${r.row}-${i}`, row: r.row, column: e.column, message: e.message })));
  return (
    <Modal
      open={open}
      title={t('importer.title')}
      width={760}
      footer={null}
      onCancel={() => {
        reset();
        onClose();
      }}
      destroyOnHidden
      data-testid="import-modal"
    >
      <Space direction="vertical" style={{ width: '100%' }} size="middle">
        <Space wrap>
          <Segmented<ImportKind>
            value={kind}
            onChange={(v) => {
              setKind(v);
              reset();
            }}
            options={[
              { value: 'parts', label: t('importer.parts') },
              { value: 'suppliers', label: t('importer.suppliers') },
              { value: 'opening-stock', label: t('importer.openingStock') },
            ]}
            data-testid="import-kind"
          />
          <a href={apiUrl(`/imports/templates/${kind}.xlsx`)} download data-testid="import-template">
            {t('importer.template')}
          </a>
        </Space>
        <Upload.Dragger
          accept=".xlsx"
          maxCount={1}
          showUploadList={false}
          beforeUpload={(f) => {
            setFile(f);
            setDone(null);
            void run(f, { dryRun: true });
            return false;
          }}
          disabled={busy}
          data-testid="import-upload"
        >
          <p className="ant-upload-drag-icon">
            <InboxOutlined />
          </p>
          <p>{t('importer.choose')}</p>
          {file && <Typography.Text strong>{file.name}</Typography.Text>}
        </Upload.Dragger>
        {error && <Alert type="error" showIcon message={error} data-testid="import-error" />}
        {done && (
          <Alert
            type="success"
            showIcon
            message={t('importer.imported', { n: done.imported })}
            description={done.documents.length ? t('importer.documents', { numbers: done.documents.join('、') }) : undefined}
            data-testid="import-done"
          />
        )}
        {report && (
          <div data-testid="import-report">
            {report.failed === 0 ? (
              <Alert type="success" showIcon message={t('importer.allOk', { n: report.valid })} />
            ) : (
              <Alert type="warning" showIcon message={t('importer.someBad', { failed: report.failed, valid: report.valid })} />
            )}
            {errors.length > 0 && (
              <Table<ErrorRow>
                size="small"
                style={{ marginTop: 8 }}
                rowKey="key"
                dataSource={errors}
                pagination={errors.length > 10 ? { pageSize: 10, size: 'small' } : false}
                data-testid="import-errors"
                columns={[
                  { title: t('importer.row'), dataIndex: 'row', width: 80, render: (n: number) => <Tag color="red">{n}</Tag> },
                  { title: t('importer.column'), dataIndex: 'column', width: 160 },
                  { title: t('importer.message'), dataIndex: 'message' },
                ]}
              />
            )}
            <Space style={{ marginTop: 12 }} wrap>
              {report.failed === 0 ? (
                <Button type="primary" loading={busy} onClick={() => file && void run(file, {})} data-testid="import-all">
                  {t('importer.importAll', { n: report.valid })}
                </Button>
              ) : (
                <>
                  <Button type="primary" onClick={reset} data-testid="import-nothing">
                    {t('importer.cancel')}
                  </Button>
                  {report.valid > 0 && (
                    <Button danger loading={busy} onClick={() => file && void run(file, { goodRowsOnly: true })} data-testid="import-good-only">
                      {t('importer.goodOnly', { n: report.valid })}
                    </Button>
                  )}
                </>
              )}
            </Space>
          </div>
        )}
      </Space>
    </Modal>
  );
}
