// 返还与核销: from an employee's holding (GET /holdings?userId=), tick many lines with quantities
// and either return them to a store (POST /returns) or write them off as consumed or scrapped
// (POST /write-offs). Keepers act for an employee; a technician (self) for themselves.
import { useRef, useState } from 'react';
import { Alert, Button, Card, Checkbox, Empty, Grid, InputNumber, Radio, Segmented, Select, Space, Table, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, apiGet, apiPost, newIdempotencyKey, type Res } from '../../api/client';
import { qty, useStores, useTechnicians, locationOptions } from '../../lib/lookups';
import { yuan } from '../../lib/money';
import { errorMessage } from '../../lib/formErrors';
import { useMe } from '../../app/session';

type Holding = Res<'/holdings'>['items'][number];
type Mode = 'return' | 'writeOff';
const keyOf = (h: Holding) => `${h.partId}-${h.lotId}`;

export default function ReturnWriteOffPage({ self = false }: { self?: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { data: me } = useMe();
  const techs = useTechnicians();
  const stores = useStores();
  const [chosen, setChosen] = useState<number | undefined>();
  const userId = self ? me?.id : chosen;
  const [mode, setMode] = useState<Mode>('return');
  const [toLocationId, setTo] = useState<number | undefined>();
  const [reason, setReason] = useState<'consumed' | 'scrapped'>('consumed');
  const [workOrderId, setWorkOrder] = useState<number | null>(null);
  const [picked, setPicked] = useState<Record<string, number | null>>({});
  const [error, setError] = useState<{ message: string; key?: string } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const idem = useRef(newIdempotencyKey());
  // On a phone the lot goes under the part name and the value column goes, so nothing scrolls.
  const narrow = !Grid.useBreakpoint().sm;
  const { data, isFetching } = useQuery({
    queryKey: ['holdings', userId],
    enabled: !!userId,
    queryFn: async () => (await apiGet('/holdings', { userId: userId!, limit: 500 })).items,
  });
  const items = userId ? (data ?? []) : [];
  const chosenLines = items.filter((h) => picked[keyOf(h)] !== undefined);

  const submit = async () => {
    setError(null);
    setDone(null);
    setBusy(true);
    const lines = chosenLines.map((h) => ({ partId: h.partId, lotId: h.lotId, qty: picked[keyOf(h)] ?? 0 }));
    try {
      if (mode === 'return') {
        const doc = await apiPost('/returns', { fromUserId: userId!, toLocationId: toLocationId!, lines }, { idempotencyKey: idem.current });
        setDone(t('rw.returned', { number: doc.number }));
      } else {
        const doc = await apiPost('/write-offs', { userId: userId!, reason, workOrderId: workOrderId ?? null, lines }, { idempotencyKey: idem.current });
        setDone(t('rw.writtenOff', { number: doc.number }));
      }
      idem.current = newIdempotencyKey();
      setPicked({});
      void qc.invalidateQueries({ queryKey: ['holdings'] });
      void qc.invalidateQueries({ queryKey: ['stock'] });
      void qc.invalidateQueries({ queryKey: ['documents'] });
    } catch (err) {
      const f = err instanceof ApiError ? err.field : null;
      const line = f && f[0] === 'lines' && typeof f[1] === 'number' ? chosenLines[f[1]] : undefined;
      setError({ message: errorMessage(err), key: line ? keyOf(line) : undefined });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card title={t('rw.title')}>
      <Space wrap style={{ marginBottom: 16 }}>
        {!self && (
          <Select
            placeholder={t('rw.selectEmployee')}
            showSearch={{ optionFilterProp: 'label' }}
            style={{ width: 220 }}
            value={chosen}
            onChange={(v) => {
              setChosen(v);
              setPicked({});
              setError(null);
            }}
            options={techs.data?.map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` }))}
            loading={techs.isPending}
            data-testid="rw-employee"
          />
        )}
        <Segmented<Mode>
          value={mode}
          onChange={setMode}
          options={[
            { value: 'return', label: t('rw.return') },
            { value: 'writeOff', label: t('rw.writeOff') },
          ]}
          data-testid="rw-mode"
        />
      </Space>
      {done && <Alert type="success" showIcon message={done} closable onClose={() => setDone(null)} style={{ marginBottom: 12 }} data-testid="rw-done" />}
      <Typography.Paragraph type="secondary">{t('rw.pickLines')}</Typography.Paragraph>
      <Table<Holding>
        rowKey={keyOf}
        size="small"
        loading={isFetching}
        dataSource={items}
        pagination={false}
        scroll={narrow ? undefined : { x: 560 }}
        locale={{ emptyText: <Empty description={t('holdings.empty')} /> }}
        data-testid="rw-holdings"
        columns={[
          {
            key: 'pick',
            width: 48,
            render: (_, h) => (
              <Checkbox
                checked={picked[keyOf(h)] !== undefined}
                onChange={(e) =>
                  setPicked((s) => {
                    const n = { ...s };
                    if (e.target.checked) n[keyOf(h)] = h.qty;
                    else delete n[keyOf(h)];
                    return n;
                  })
                }
              />
            ),
          },
          {
            title: t('common.part'),
            key: 'part',
            render: (_, h) => (
              <>
                {`${h.partCode ?? ''} ${h.partName ?? `#${h.partId}`}`}
                {narrow && (
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {t('common.lot')} {h.lotNo}
                    </Typography.Text>
                  </div>
                )}
              </>
            ),
          },
          { title: t('common.lot'), dataIndex: 'lotNo', responsive: ['sm'] },
          { title: t('rw.held'), dataIndex: 'qty', align: 'right', render: (v: number) => qty(v) },
          { title: t('common.value'), dataIndex: 'value', align: 'right', render: yuan, responsive: ['sm'] },
          {
            title: t('rw.qty'),
            key: 'qty',
            render: (_, h) =>
              picked[keyOf(h)] !== undefined ? (
                <InputNumber size="small" min={0} max={h.qty} value={picked[keyOf(h)]} onChange={(v) => setPicked((s) => ({ ...s, [keyOf(h)]: v }))} status={error?.key === keyOf(h) ? 'error' : ''} style={{ width: narrow ? 72 : 96 }} />
              ) : null,
          },
        ]}
      />
      <Space wrap style={{ marginTop: 16 }}>
        {mode === 'return' ? (
          <Select placeholder={t('rw.toLocation')} style={{ width: narrow ? '100%' : 220, minWidth: 200 }} value={toLocationId} onChange={setTo} options={locationOptions(stores.data)} data-testid="rw-to" />
        ) : (
          <>
            <Radio.Group value={reason} onChange={(e) => setReason(e.target.value as 'consumed' | 'scrapped')} data-testid="rw-reason">
              <Radio value="consumed">{t('rw.consumed')}</Radio>
              <Radio value="scrapped">{t('rw.scrapped')}</Radio>
            </Radio.Group>
            <InputNumber placeholder={t('rw.workOrder')} min={1} precision={0} value={workOrderId} onChange={(v) => setWorkOrder(v)} style={{ width: 180 }} />
          </>
        )}
        <Button type="primary" disabled={!chosenLines.length || (mode === 'return' && !toLocationId)} loading={busy} onClick={() => void submit()} data-testid="rw-post">
          {mode === 'return' ? t('rw.submitReturn') : t('rw.submitWriteOff')}
        </Button>
      </Space>
      {error && <Alert type="error" showIcon message={error.message} style={{ marginTop: 12 }} data-testid="form-error" />}
    </Card>
  );
}
