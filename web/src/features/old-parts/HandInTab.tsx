// 旧件交回: pick a work order (search by number), see its service reports' old parts (expected,
// handed in, pending; a reopened work order's reports summed per part), type what comes back now (≤ pending) and post it into an old-parts store.
// One Idempotency-Key per attempt: a retried click after a lost answer posts once; a refused post
// keeps its key (the server rolled it back) and a posted one starts a new key.
import { useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Empty, Grid, Input, InputNumber, List, Select, Space, Table, Tag, Typography } from 'antd';
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiGet, apiPost, ApiError, newIdempotencyKey, type Res } from '../../api/client';
import { errorMessage } from '../../lib/formErrors';
import { useDebounced } from '../../lib/useServerSearch';
import { locationOptions } from '../../lib/lookups';
import { fromMilli, mergeOldParts, pendingMilli, toMilli, useOldPartsLocations, type OldPartLine } from './api';

type Posted = Res<'/old-parts/hand-ins', 'post'>;
type WoOption = { value: number; label: string };

export function HandInTab({ workOrderId, onWorkOrder }: { workOrderId: number | null; onWorkOrder: (id: number | null) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [search, setSearch] = useState('');
  const debounced = useDebounced(search.trim(), 250);
  const [qtys, setQtys] = useState<Record<number, number | null>>({});
  const [toLocationId, setToLocationId] = useState<number | undefined>();
  const [remark, setRemark] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; partId?: number } | null>(null);
  const [posted, setPosted] = useState<Posted | null>(null);
  const key = useRef(newIdempotencyKey());
  const locations = useOldPartsLocations();
  const narrow = !Grid.useBreakpoint().md;
  const full = narrow ? '100%' : undefined;

  const orders = useQuery({
    queryKey: ['work-orders', 'old-parts-pick', debounced],
    queryFn: async () => (await apiGet('/work-orders', { q: debounced || undefined, limit: 20 })).items,
  });
  const report = useQuery({
    queryKey: ['work-order-report', workOrderId],
    enabled: workOrderId !== null,
    queryFn: () => apiGet('/work-orders/{id}/report', { id: workOrderId! }),
  });
  // A reopened work order's earlier reports may still be owed old parts.
  const earlier = useQueries({
    queries: (report.data?.cycles ?? [])
      .filter((c) => c !== report.data?.cycle)
      .map((cycle) => ({ queryKey: ['work-order-report', workOrderId, cycle], queryFn: () => apiGet('/work-orders/{id}/report', { id: workOrderId!, cycle }) })),
  });
  const history = useQuery({
    queryKey: ['old-parts', 'work-order', workOrderId],
    enabled: workOrderId !== null,
    queryFn: async () => (await apiGet('/old-parts', { workOrderId: workOrderId!, limit: 200 })).items,
  });

  // A new work order (or a fresh report after posting): every line proposes what is pending.
  // Recomputed when an answer changes (not on every render: the proposed quantities reset with it).
  const earlierAnswers = earlier.map((q) => q.dataUpdatedAt).join();
  const lines = useMemo(() => {
    const reports = earlier.map((q) => q.data);
    if (!report.data || reports.some((r) => r === undefined)) return [];
    return mergeOldParts([...reports.filter((r) => r !== undefined), report.data]);
  }, [report.data, earlierAnswers]);
  useEffect(() => {
    setQtys(Object.fromEntries(lines.map((l) => [l.partId, pendingMilli(l) > 0 ? pendingMilli(l) / 1000 : null])));
  }, [lines]);

  const options: WoOption[] = (orders.data ?? []).map((w) => ({ value: w.id, label: `${w.number} · ${w.fault.slice(0, 30)}` }));
  if (workOrderId !== null && report.data && !options.some((o) => o.value === workOrderId)) options.unshift({ value: workOrderId, label: report.data.workOrderNumber });

  const choose = (id: number | null) => {
    setError(null);
    setPosted(null);
    key.current = newIdempotencyKey();
    onWorkOrder(id);
  };

  const post = async () => {
    setError(null);
    setPosted(null);
    const chosen = lines.map((l) => ({ partId: l.partId, milli: toMilli(qtys[l.partId] ?? 0) })).filter((l) => l.milli > 0);
    if (chosen.length === 0) return setError({ message: t('oldParts.handIn.nothing') });
    const over = chosen.find((c) => c.milli > pendingMilli(lines.find((l) => l.partId === c.partId)!));
    if (over) return setError({ message: t('oldParts.handIn.tooMany', { qty: fromMilli(pendingMilli(lines.find((l) => l.partId === over.partId)!)) }), partId: over.partId });
    setBusy(true);
    try {
      const res = await apiPost('/old-parts/hand-ins', { workOrderId: workOrderId!, lines: chosen.map((c) => ({ partId: c.partId, qty: fromMilli(c.milli) })), toLocationId: toLocationId ?? null, remark: remark.trim() || null }, { idempotencyKey: key.current });
      key.current = newIdempotencyKey();
      setPosted(res);
      setRemark('');
      await Promise.all([qc.invalidateQueries({ queryKey: ['work-order-report', workOrderId] }), qc.invalidateQueries({ queryKey: ['old-parts'] }), qc.invalidateQueries({ queryKey: ['stock'] })]);
    } catch (err) {
      const partId = err instanceof ApiError && typeof err.details.partId === 'number' ? err.details.partId : undefined;
      setError({ message: errorMessage(err), partId });
      // Someone else handed parts in meanwhile: show the report's current numbers.
      if (err instanceof ApiError && err.code === 'old_parts_exceeded') void qc.invalidateQueries({ queryKey: ['work-order-report', workOrderId] });
    } finally {
      setBusy(false);
    }
  };

  const qtyInput = (l: OldPartLine) =>
    pendingMilli(l) === 0 ? (
      <Tag color="green">{t('oldParts.handIn.done')}</Tag>
    ) : (
      <InputNumber
        size={narrow ? 'middle' : 'small'}
        min={0}
        max={pendingMilli(l) / 1000}
        controls={false}
        style={{ width: 96 }}
        status={error?.partId === l.partId ? 'error' : undefined}
        value={qtys[l.partId] ?? null}
        onChange={(v) => setQtys((q) => ({ ...q, [l.partId]: v }))}
        data-testid={`op-qty-${l.partCode}`}
      />
    );
  const allDone = lines.length > 0 && lines.every((l) => pendingMilli(l) === 0);
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <div style={{ display: 'flex', flexDirection: narrow ? 'column' : 'row', flexWrap: 'wrap', gap: 8, alignItems: narrow ? 'stretch' : 'center' }}>
        <Select<number>
          showSearch
          allowClear
          filterOption={false}
          style={{ width: full ?? 340 }}
          placeholder={t('oldParts.handIn.searchWorkOrder')}
          value={workOrderId ?? undefined}
          options={options}
          loading={orders.isFetching}
          onSearch={setSearch}
          onChange={(v) => choose(v ?? null)}
          notFoundContent={orders.isFetching ? null : t('common.noData')}
          data-testid="op-wo"
        />
        {report.data && (
          <Typography.Text type="secondary">
            {t('oldParts.handIn.reportStatus')} <Tag>{t(`oldParts.reportStatus.${report.data.status}`)}</Tag>
          </Typography.Text>
        )}
      </div>
      {posted && <Alert type="success" showIcon message={t('oldParts.handIn.posted', { number: posted.documentNumber })} data-testid="op-done" />}
      {error && <Alert type="error" showIcon message={error.message} data-testid="op-error" closable onClose={() => setError(null)} />}
      {report.error && <Alert type="error" showIcon message={errorMessage(report.error)} />}
      {workOrderId === null && <Empty description={t('oldParts.handIn.pickWorkOrder')} />}
      {report.data && lines.length === 0 && <Empty description={t('oldParts.handIn.noReport')} />}
      {report.data && lines.length > 0 && (
        <>
          {narrow ? (
            <List
              size="small"
              bordered
              dataSource={lines}
              data-testid="op-lines"
              renderItem={(l) => (
                <List.Item key={l.partId} data-row-key={l.partId} style={{ display: 'block' }}>
                  <div>
                    <Typography.Text strong>{l.partCode}</Typography.Text> {l.partName}
                  </div>
                  <Space wrap style={{ marginTop: 4 }}>
                    <Typography.Text type="secondary">
                      {t('oldParts.handIn.expected')} {l.qty} · {t('oldParts.handIn.handedIn')} {l.handedInQty} · {t('oldParts.handIn.pending')} {fromMilli(pendingMilli(l))}
                    </Typography.Text>
                    {qtyInput(l)}
                  </Space>
                </List.Item>
              )}
            />
          ) : (
          <Table<OldPartLine>
            size="small"
            rowKey="partId"
            pagination={false}
            scroll={{ x: 560 }}
            dataSource={lines}
            data-testid="op-lines"
            columns={[
              { title: t('common.code'), dataIndex: 'partCode', width: 120 },
              { title: t('common.name'), dataIndex: 'partName' },
              { title: t('oldParts.handIn.expected'), dataIndex: 'qty', align: 'right', width: 80 },
              { title: t('oldParts.handIn.handedIn'), dataIndex: 'handedInQty', align: 'right', width: 80 },
              { title: t('oldParts.handIn.pending'), key: 'pending', align: 'right', width: 80, render: (_: unknown, l) => fromMilli(pendingMilli(l)) },
              {
                title: t('oldParts.handIn.now'),
                key: 'now',
                width: 120,
                render: (_: unknown, l) => qtyInput(l),
              },
            ]}
          />
          )}
          <Space wrap style={{ width: '100%' }} direction={narrow ? 'vertical' : 'horizontal'}>
            <Select<number>
              allowClear
              style={{ width: full ?? 260 }}
              placeholder={t('oldParts.handIn.defaultLocation')}
              value={toLocationId}
              onChange={setToLocationId}
              options={locationOptions(locations.data)}
              data-testid="op-location"
            />
            <Input style={{ width: full ?? 240 }} maxLength={500} placeholder={t('common.remark')} value={remark} onChange={(e) => setRemark(e.target.value)} />
            <Button type="primary" loading={busy} disabled={allDone} onClick={post} data-testid="op-post">
              {t('oldParts.handIn.post')}
            </Button>
          </Space>
        </>
      )}
      {(history.data?.length ?? 0) > 0 && (
        <>
          <Typography.Title level={5} style={{ margin: 0 }}>
            {t('oldParts.handIn.history')}
          </Typography.Title>
          {narrow ? (
            <List
              size="small"
              bordered
              dataSource={history.data}
              renderItem={(i) => (
                <List.Item key={i.id} style={{ display: 'block' }}>
                  <Space wrap>
                    <Typography.Text strong>{i.documentNumber}</Typography.Text>
                    <Tag color={i.status === 'pending' ? 'orange' : 'green'}>{t(`oldParts.list.${i.status}`)}</Tag>
                  </Space>
                  <div>
                    {i.partCode} {i.partName} × {i.qty}
                  </div>
                  <Typography.Text type="secondary">
                    {i.locationName} · {i.handedInAt.slice(0, 16).replace('T', ' ')}
                  </Typography.Text>
                </List.Item>
              )}
            />
          ) : (
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            scroll={{ x: 560 }}
            dataSource={history.data}
            columns={[
              { title: t('oldParts.list.document'), dataIndex: 'documentNumber', width: 150 },
              { title: t('oldParts.list.part'), key: 'part', render: (_: unknown, i) => `${i.partCode} ${i.partName}` },
              { title: t('oldParts.list.qty'), dataIndex: 'qty', align: 'right', width: 70 },
              { title: t('oldParts.list.location'), dataIndex: 'locationName', width: 130 },
              { title: t('oldParts.list.handedInAt'), dataIndex: 'handedInAt', width: 140, render: (v: string) => v.slice(0, 16).replace('T', ' ') },
              { title: t('oldParts.list.status'), dataIndex: 'status', width: 90, render: (s: string) => <Tag color={s === 'pending' ? 'orange' : 'green'}>{t(`oldParts.list.${s}`)}</Tag> },
            ]}
          />
          )}
        </>
      )}
    </Space>
  );
}
