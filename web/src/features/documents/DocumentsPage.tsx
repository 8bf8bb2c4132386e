// 单据: every document with type/status filters and cursor paging (GET /documents); the detail
// drawer shows lines, remark edit with history (PATCH /documents/:id/remark with version), the
// document's stock moves with reverse-with-reason (POST /moves/:id/reverse), and reprint links.
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Drawer, Empty, Input, Modal, Select, Space, Table, Tag, Timeline, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { apiGet, apiPatch, apiPost, type Res } from '../../api/client';
import { qty, useLocations, useParts, lineName } from '../../lib/lookups';
import { yuan } from '../../lib/money';
import { useMe } from '../../app/session';
import { PrintLinks } from '../issues/PrintLinks';

type Doc = Res<'/documents'>['items'][number];
type Move = Res<'/moves'>['items'][number];

const TYPES = ['receipt', 'issue', 'return', 'write_off', 'transfer', 'transfer_receipt', 'count', 'reversal'];
const STATUSES = ['draft', 'pending_approval', 'posted', 'in_transit', 'received', 'rejected', 'cancelled'];
const EDITORS = ['admin', 'warehouse_keeper', 'service_manager', 'station_user'];
const fmt = (s: string | null) => (s ? dayjs(s).format('YYYY-MM-DD HH:mm') : '—');

function ReverseModal({ move, onClose, onDone }: { move: Move | null; onClose: () => void; onDone: (number: string) => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    if (!move) return;
    if (!reason.trim()) {
      setError(t('documents.reasonRequired'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const r = await apiPost('/moves/{id}/reverse', { reason: reason.trim() }, { params: { id: move.id } });
      setReason('');
      onDone(r.documentNumber);
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={!!move} title={t('documents.reverseTitle')} onCancel={onClose} onOk={() => void submit()} confirmLoading={busy} okText={t('documents.reverse')} okButtonProps={{ danger: true, 'data-testid': 'reverse-ok' } as Record<`data-${string}`, string>} destroyOnHidden>
      <Input.TextArea rows={3} maxLength={500} placeholder={t('documents.reason')} value={reason} onChange={(e) => setReason(e.target.value)} status={error ? 'error' : ''} data-testid="reverse-reason" />
      {error && <Alert type="error" showIcon message={error} style={{ marginTop: 8 }} data-testid="reverse-error" />}
    </Modal>
  );
}

function DocumentDetail({ id, canEdit }: { id: number; canEdit: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { data: locations } = useLocations();
  const doc = useQuery({ queryKey: ['documents', 'detail', id], queryFn: () => apiGet('/documents/{id}', { id }) });
  const moves = useQuery({ queryKey: ['moves', 'doc', id], queryFn: async () => (await apiGet('/moves', { documentId: id, limit: 500 })).items });
  // Lines carry their part's code and name; ledger moves do not, so only those are looked up.
  const parts = useParts(moves.data?.map((m) => m.partId) ?? []);
  const [remark, setRemark] = useState<string | null>(null);
  const [remarkError, setRemarkError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [reversing, setReversing] = useState<Move | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const loc = (lid: number | null) => (lid === null ? '—' : (locations?.find((l) => l.id === lid)?.name ?? `#${lid}`));
  const partName = (pid: number | null) => (pid ? `${parts.get(pid)?.code ?? ''} ${parts.get(pid)?.name ?? `#${pid}`}` : '—');
  const d = doc.data;
  if (doc.error) return <Alert type="error" showIcon message={doc.error.message} />;
  if (!d) return null;

  const saveRemark = async () => {
    setSaving(true);
    setRemarkError(null);
    try {
      await apiPatch('/documents/{id}/remark', { remark: remark?.trim() ? remark.trim() : null, version: d.version }, { id: d.id });
      setRemark(null);
      setNotice(t('documents.remarkSaved'));
      await qc.invalidateQueries({ queryKey: ['documents'] });
    } catch (err) {
      setRemarkError(err instanceof Error ? err.message : String(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      {notice && <Alert type="success" showIcon closable message={notice} onClose={() => setNotice(null)} style={{ marginBottom: 12 }} data-testid="doc-notice" />}
      <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered>
        <Descriptions.Item label={t('documents.number')}>{d.number}</Descriptions.Item>
        <Descriptions.Item label={t('documents.type')}>{t(`docType.${d.type}`, { defaultValue: d.type })}</Descriptions.Item>
        <Descriptions.Item label={t('documents.status')}>{t(`status.${d.status}`, { defaultValue: d.status })}</Descriptions.Item>
        <Descriptions.Item label={t('documents.totalCost')}>{yuan(d.totalCost)}</Descriptions.Item>
        <Descriptions.Item label={t('common.from')}>{loc(d.fromLocationId)}</Descriptions.Item>
        <Descriptions.Item label={t('common.to')}>{loc(d.toLocationId)}</Descriptions.Item>
        <Descriptions.Item label={t('documents.createdAt')}>{fmt(d.createdAt)}</Descriptions.Item>
        <Descriptions.Item label={t('documents.postedAt')}>{fmt(d.postedAt)}</Descriptions.Item>
        {d.reason && <Descriptions.Item label={t('documents.reason')}>{d.reason}</Descriptions.Item>}
      </Descriptions>
      <div style={{ margin: '12px 0' }}>
        <Typography.Text strong>{t('documents.reprint')}：</Typography.Text>
        <PrintLinks documentId={d.id} />
      </div>
      <Typography.Title level={5}>{t('documents.lines')}</Typography.Title>
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={d.lines}
        scroll={{ x: 480 }}
        columns={[
          { title: '#', dataIndex: 'lineNo', width: 48 },
          { title: t('common.part'), key: 'part', render: (_: unknown, l: (typeof d.lines)[number]) => lineName(l) },
          { title: t('common.qty'), dataIndex: 'qty', align: 'right', render: (v: number) => qty(v) },
          ...(d.type === 'transfer' ? [{ title: t('transfer.received'), dataIndex: 'receivedQty', align: 'right' as const, render: (v?: number) => qty(v) }] : []),
          { title: t('common.unitCost'), dataIndex: 'unitCost', align: 'right', render: yuan },
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('documents.moves')}
      </Typography.Title>
      <Table<Move>
        rowKey="id"
        size="small"
        pagination={false}
        loading={moves.isPending}
        dataSource={moves.data ?? []}
        scroll={{ x: 560 }}
        data-testid="doc-moves"
        columns={[
          { title: t('common.kind'), dataIndex: 'kind', render: (k: string) => t(`move.${k}`, { defaultValue: k }) },
          { title: t('common.part'), dataIndex: 'partId', render: partName },
          { title: t('common.from'), dataIndex: 'fromLocationId', render: loc },
          { title: t('common.to'), dataIndex: 'toLocationId', render: loc },
          { title: t('common.qty'), dataIndex: 'qty', align: 'right', render: (v: number) => qty(v) },
          ...(canEdit
            ? [
                {
                  title: t('common.actions'),
                  key: 'a',
                  render: (_: unknown, m: Move) =>
                    m.reversesMoveId === null ? (
                      <Button size="small" danger onClick={() => setReversing(m)} data-testid="reverse-move">
                        {t('documents.reverse')}
                      </Button>
                    ) : null,
                },
              ]
            : []),
        ]}
      />
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('common.remark')}
      </Typography.Title>
      {canEdit ? (
        <Space.Compact style={{ width: '100%' }}>
          <Input maxLength={500} value={remark ?? d.remark ?? ''} onChange={(e) => setRemark(e.target.value)} status={remarkError ? 'error' : ''} data-testid="remark-input" />
          <Button type="primary" loading={saving} disabled={remark === null} onClick={() => void saveRemark()} data-testid="remark-save">
            {t('documents.saveRemark')}
          </Button>
        </Space.Compact>
      ) : (
        <Typography.Paragraph>{d.remark ?? '—'}</Typography.Paragraph>
      )}
      {remarkError && <Alert type="error" showIcon message={remarkError} style={{ marginTop: 8 }} data-testid="form-error" />}
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        {t('documents.remarkHistory')}
      </Typography.Title>
      {d.remarkHistory.length ? (
        <Timeline
          data-testid="remark-history"
          items={d.remarkHistory.map((h) => ({
            children: (
              <div>
                <Typography.Text type="secondary">{fmt(h.changedAt)}</Typography.Text>
                <div>
                  <Typography.Text delete type="secondary">{h.previous ?? '—'}</Typography.Text> → {h.remark ?? '—'}
                </div>
              </div>
            ),
          }))}
        />
      ) : (
        <Typography.Text type="secondary">{t('documents.noHistory')}</Typography.Text>
      )}
      <ReverseModal
        move={reversing}
        onClose={() => setReversing(null)}
        onDone={(number) => {
          setReversing(null);
          setNotice(t('documents.reversed', { number }));
          void qc.invalidateQueries({ queryKey: ['documents'] });
          void qc.invalidateQueries({ queryKey: ['moves'] });
          void qc.invalidateQueries({ queryKey: ['stock'] });
          void qc.invalidateQueries({ queryKey: ['holdings'] });
        }}
      />
    </>
  );
}

export default function DocumentsPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [type, setType] = useState<string | undefined>();
  const [status, setStatus] = useState<string | undefined>();
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [open, setOpen] = useState<number | null>(null);
  const cursor = cursors[cursors.length - 1];
  const { data, isFetching, error } = useQuery({
    queryKey: ['documents', 'list', type, status, cursor],
    queryFn: () => apiGet('/documents', { type, status, cursor, limit: 20 }),
  });
  const { data: locations } = useLocations();
  const loc = (lid: number | null) => (lid === null ? '—' : (locations?.find((l) => l.id === lid)?.name ?? `#${lid}`));
  const reset = () => setCursors([undefined]);
  const canEdit = !!me?.roles.some((r) => EDITORS.includes(r));

  return (
    <Card title={t('documents.title')}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Select
          allowClear
          placeholder={t('documents.allTypes')}
          style={{ width: 160 }}
          value={type}
          onChange={(v) => {
            setType(v);
            reset();
          }}
          options={TYPES.map((v) => ({ value: v, label: t(`docType.${v}`) }))}
          data-testid="doc-type"
        />
        <Select
          allowClear
          placeholder={t('documents.allStatuses')}
          style={{ width: 160 }}
          value={status}
          onChange={(v) => {
            setStatus(v);
            reset();
          }}
          options={STATUSES.map((v) => ({ value: v, label: t(`status.${v}`) }))}
          data-testid="doc-status"
        />
      </Space>
      {error && <Alert type="error" showIcon message={error.message} style={{ marginBottom: 12 }} />}
      <Table<Doc>
        rowKey="id"
        size="small"
        loading={isFetching}
        dataSource={data?.items ?? []}
        pagination={false}
        scroll={{ x: 800 }}
        locale={{ emptyText: <Empty description={t('common.noData')} /> }}
        data-testid="doc-table"
        onRow={(d) => ({ onClick: () => setOpen(d.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('documents.number'), dataIndex: 'number' },
          { title: t('documents.type'), dataIndex: 'type', render: (v: string) => t(`docType.${v}`, { defaultValue: v }) },
          { title: t('documents.status'), dataIndex: 'status', render: (v: string) => <Tag color={v === 'posted' || v === 'received' ? 'green' : v === 'in_transit' || v === 'pending_approval' ? 'orange' : undefined}>{t(`status.${v}`, { defaultValue: v })}</Tag> },
          { title: t('common.from'), dataIndex: 'fromLocationId', render: loc },
          { title: t('common.to'), dataIndex: 'toLocationId', render: loc },
          { title: t('documents.totalCost'), dataIndex: 'totalCost', align: 'right', render: yuan },
          { title: t('documents.createdAt'), dataIndex: 'createdAt', render: fmt },
          { title: t('common.remark'), dataIndex: 'remark', ellipsis: true },
        ]}
      />
      <Space style={{ marginTop: 12 }}>
        <Button disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))} data-testid="doc-prev">
          {t('common.prev')}
        </Button>
        <Button disabled={!data?.nextCursor} onClick={() => setCursors((c) => [...c, data!.nextCursor!])} data-testid="doc-next">
          {t('common.next')}
        </Button>
      </Space>
      <Drawer open={open !== null} onClose={() => setOpen(null)} width={Math.min(760, window.innerWidth)} title={t('common.detail')} destroyOnHidden>
        {open !== null && <DocumentDetail id={open} canEdit={canEdit} />}
      </Drawer>
    </Card>
  );
}
