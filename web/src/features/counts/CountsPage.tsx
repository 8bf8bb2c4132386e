// 盘点 (R-INV-15): a keeper opens a count sheet for a store (POST /counts: one line per lot with
// stock), enters what the shelves hold, and submits it (POST /counts/:id/record); the system
// quantity is then the stock at that moment, and the variances wait for a manager in 审批.
// A sheet covers the store's lots with stock, or every lot of the chosen parts (a cycle count of a
// few parts); a draft opened by mistake is cancelled (作废) by the keeper.
// Sheets still open or awaiting approval are listed; a large sheet pages through its lines. On a
// shelf: scan a part's barcode (or type its code or name) into 定位 and Enter, type the counted
// quantity and Enter, and the cursor is back in 定位 for the next part.
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Empty, Input, InputNumber, Popconfirm, Select, Space, Table, Tag, Typography, type ButtonProps, type InputRef } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { apiGet, apiPost, type Res } from '../../api/client';
import { errorMessage } from '../../lib/formErrors';
import { locationOptions, qty, useLocations, useStores, lineName } from '../../lib/lookups';
import { yuan } from '../../lib/money';
import { findByBarcode } from '../../lib/scan/useLineScan';
import { VarianceTag } from './VarianceTag';
import { PartsSelect } from '../parts/PartSelect';

type Doc = Res<'/documents/{id}'>;
type Line = Doc['lines'][number];
type Recorded = Res<'/counts/{id}/record', 'post'>;

function Sheet({ id, onRecorded, onCancelled }: { id: number; onRecorded: (doc: Recorded) => void; onCancelled: (doc: Recorded) => void }) {
  const { t } = useTranslation();
  const { data: doc } = useQuery({ queryKey: ['documents', 'detail', id], queryFn: () => apiGet('/documents/{id}', { id }) });
  const [counted, setCounted] = useState<Record<number, number | null>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [filter, setFilter] = useState<{ text: string; partId?: number } | null>(null);
  const locateRef = useRef<InputRef>(null);
  const tableRef = useRef<HTMLDivElement>(null);
  // After a locate has re-rendered the table: the cursor into the first shown line's count.
  const [located, setLocated] = useState(0);
  useEffect(() => {
    if (located > 0) tableRef.current?.querySelector<HTMLInputElement>('input[data-testid="count-qty"]')?.focus();
  }, [located]);
  if (!doc) return <Card loading />;
  const open = doc.status === 'draft';
  const matches = (l: Line, f: { text: string; partId?: number }) =>
    f.partId !== undefined ? l.partId === f.partId : (l.partCode ?? '').toLowerCase().includes(f.text.toLowerCase()) || (l.partName ?? '').includes(f.text);
  const shown = filter ? doc.lines.filter((l) => matches(l, filter)) : doc.lines;

  /** Shows the lines of the scanned or typed part and puts the cursor in the first one's count. */
  const locate = async (raw: string) => {
    const text = raw.trim();
    if (!text) return setFilter(null);
    let f: { text: string; partId?: number } = { text };
    if (!doc.lines.some((l) => matches(l, f))) {
      const part = await findByBarcode(text).catch(() => null);
      if (part) f = { text, partId: part.id };
    }
    setFilter(f);
    setLocated((n) => n + 1);
  };
  const entered = doc.lines.filter((l) => counted[l.id] !== undefined && counted[l.id] !== null);

  const record = async () => {
    setError(null);
    setBusy(true);
    try {
      onRecorded(await apiPost('/counts/{id}/record', { version: doc.version, lines: entered.map((l) => ({ lineId: l.id, countedQty: counted[l.id]! })) }, { params: { id } }));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const cancel = async () => {
    setError(null);
    setBusy(true);
    try {
      onCancelled(await apiPost('/counts/{id}/cancel', { version: doc.version }, { params: { id } }));
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  const variance = (l: Line) => {
    const c = open ? counted[l.id] : l.countedQty;
    return c === undefined || c === null ? null : <VarianceTag system={l.qty} counted={c} />;
  };

  return (
    <Card
      size="small"
      data-testid="count-sheet"
      title={
        <Space wrap>
          <Typography.Text strong>{doc.number}</Typography.Text>
          <Tag color={open ? 'blue' : 'orange'}>{t(`status.${doc.status}`, { defaultValue: doc.status })}</Tag>
          <Typography.Text type="secondary">{dayjs(doc.createdAt).format('YYYY-MM-DD HH:mm')}</Typography.Text>
        </Space>
      }
    >
      {open && <Typography.Paragraph type="secondary">{t('counts.hint')}</Typography.Paragraph>}
      <Input.Search
        ref={locateRef}
        allowClear
        style={{ maxWidth: 360, marginBottom: 12 }}
        placeholder={t('counts.locate')}
        onSearch={(v) => void locate(v)}
        data-testid="count-locate"
      />
      {filter && shown.length === 0 && <Alert type="warning" showIcon message={t('counts.notOnSheet', { text: filter.text })} style={{ marginBottom: 12 }} data-testid="count-not-found" />}
      <div ref={tableRef}>
        <Table<Line>
          rowKey="id"
          size="small"
          dataSource={shown}
          pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
          scroll={{ x: 640 }}
          onRow={(_, i) => ({ 'data-testid': `count-line-${i}` }) as React.HTMLAttributes<HTMLElement>}
          columns={[
            { title: t('common.part'), key: 'part', render: (_, l) => lineName(l) },
            { title: t('counts.lot'), key: 'lot', render: (_, l) => `#${l.lotId ?? '—'} · ${yuan(l.unitCost)}` },
            { title: t('counts.system'), dataIndex: 'qty', render: (v: number) => qty(v) },
            {
              title: t('counts.counted'),
              key: 'counted',
              render: (_, l) =>
                open ? (
                  <InputNumber
                    min={0}
                    max={1e9}
                    inputMode="decimal"
                    value={counted[l.id] ?? null}
                    onChange={(v) => setCounted((c) => ({ ...c, [l.id]: v }))}
                    onPressEnter={() => locateRef.current?.focus({ cursor: 'all' })}
                    data-testid="count-qty"
                  />
                ) : (
                  qty(l.countedQty)
                ),
            },
            { title: t('counts.variance'), key: 'variance', render: (_, l) => variance(l) },
          ]}
        />
      </div>
      {error && <Alert type="error" showIcon message={error} style={{ marginTop: 12 }} data-testid="form-error" />}
      {open && (
        <Space style={{ marginTop: 12 }}>
          <Button type="primary" disabled={entered.length === 0} loading={busy} onClick={() => void record()} data-testid="count-record">
            {t('counts.record', { n: entered.length })}
          </Button>
          <Popconfirm title={t('counts.cancelConfirm', { number: doc.number })} okButtonProps={{ danger: true, 'data-testid': 'count-cancel-ok' } as ButtonProps} onConfirm={() => void cancel()}>
            <Button danger disabled={busy} data-testid="count-cancel">
              {t('counts.cancel')}
            </Button>
          </Popconfirm>
        </Space>
      )}
    </Card>
  );
}

export default function CountsPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const stores = useStores();
  const { data: locations } = useLocations();
  const [storeId, setStoreId] = useState<number | undefined>();
  const [remark, setRemark] = useState('');
  const [partIds, setPartIds] = useState<number[]>([]);
  const [selected, setSelected] = useState<number | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const sheets = useQuery({
    queryKey: ['documents', 'counts'],
    queryFn: async () => {
      const [draft, pending] = await Promise.all([apiGet('/documents', { type: 'count', status: 'draft', limit: 100 }), apiGet('/documents', { type: 'count', status: 'pending_approval', limit: 100 })]);
      return [...draft.items, ...pending.items].sort((a, b) => b.id - a.id);
    },
  });

  const openSheet = async () => {
    if (!storeId) return;
    setError(null);
    setDone(null);
    setBusy(true);
    try {
      const doc = await apiPost('/counts', { locationId: storeId, partIds: partIds.length > 0 ? partIds : undefined, remark: remark || null });
      setDone(t('counts.created', { number: doc.number, lines: doc.lines.length }));
      setSelected(doc.id);
      setRemark('');
      setPartIds([]);
      void qc.invalidateQueries({ queryKey: ['documents'] });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card title={t('counts.title')}>
        <Space wrap>
          <Select style={{ width: 240 }} placeholder={t('counts.store')} value={storeId} onChange={setStoreId} options={locationOptions(stores.data)} loading={stores.isPending} data-testid="counts-store" />
          <PartsSelect style={{ width: 320 }} value={partIds} onChange={setPartIds} placeholder={t('counts.parts')} data-testid="counts-parts" />
          <Input style={{ width: 260 }} maxLength={500} placeholder={t('common.remark')} value={remark} onChange={(e) => setRemark(e.target.value)} />
          <Button type="primary" disabled={!storeId} loading={busy} onClick={() => void openSheet()} data-testid="counts-open">
            {t('counts.open')}
          </Button>
        </Space>
        {done && <Alert type="success" showIcon closable message={done} onClose={() => setDone(null)} style={{ marginTop: 12 }} data-testid="counts-done" />}
        {error && <Alert type="error" showIcon message={error} style={{ marginTop: 12 }} data-testid="form-error" />}
        <Table
          style={{ marginTop: 16 }}
          rowKey="id"
          size="small"
          loading={sheets.isPending}
          dataSource={sheets.data ?? []}
          pagination={false}
          locale={{ emptyText: <Empty description={t('counts.empty')} /> }}
          onRow={(d) => ({ onClick: () => setSelected(d.id), style: { cursor: 'pointer' } })}
          rowClassName={(d) => (d.id === selected ? 'ant-table-row-selected' : '')}
          columns={[
            { title: t('counts.sheet'), dataIndex: 'number' },
            { title: t('counts.store'), key: 'store', render: (_, d) => locations?.find((l) => l.id === d.fromLocationId)?.name ?? `#${d.fromLocationId}` },
            { title: t('common.status'), dataIndex: 'status', render: (s: string) => <Tag color={s === 'draft' ? 'blue' : 'orange'}>{t(`status.${s}`, { defaultValue: s })}</Tag> },
            { title: t('counts.openedAt'), dataIndex: 'createdAt', render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
          ]}
        />
      </Card>
      {selected !== null && (
        <Sheet
          key={selected}
          id={selected}
          onRecorded={(doc) => {
            setDone(t('counts.recorded', { number: doc.number }));
            void qc.invalidateQueries({ queryKey: ['documents'] });
            void qc.invalidateQueries({ queryKey: ['approvals'] });
          }}
          onCancelled={(doc) => {
            setSelected(null);
            setDone(t('counts.cancelled', { number: doc.number }));
            void qc.invalidateQueries({ queryKey: ['documents'] });
          }}
        />
      )}
    </Space>
  );
}
