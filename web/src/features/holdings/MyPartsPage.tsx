// 我的配件: what the logged-in technician holds (GET /holdings?userId=me) with its value, and
// 返还: tick lines and quantities, choose a store, POST /returns.
import { useRef, useState } from 'react';
import { Alert, Button, Card, Checkbox, Empty, InputNumber, List, Select, Space, Statistic, Typography } from 'antd';
import { RollbackOutlined, ScheduleOutlined } from '@ant-design/icons';
import { Link, useNavigate } from 'react-router';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ApiError, apiGet, apiPost, newIdempotencyKey, type Res } from '../../api/client';
import { errorMessage } from '../../lib/formErrors';
import { qty, useStores, locationOptions } from '../../lib/lookups';
import { sumMoney, yuan } from '../../lib/money';
import { useMe } from '../../app/session';

type Holding = Res<'/holdings'>['items'][number];
const keyOf = (h: Holding) => `${h.partId}-${h.lotId}`;

export default function MyPartsPage({ returning = false }: { returning?: boolean }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const nav = useNavigate();
  const { data: me } = useMe();
  const stores = useStores();
  const { data, isPending } = useQuery({
    queryKey: ['holdings', me?.id],
    enabled: !!me,
    queryFn: async () => (await apiGet('/holdings', { userId: me!.id, limit: 500 })).items,
  });
  const [picked, setPicked] = useState<Record<string, number | null>>({});
  const [toLocationId, setTo] = useState<number | undefined>();
  const [error, setError] = useState<{ message: string; key?: string } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const idem = useRef(newIdempotencyKey());
  const items = data ?? [];
  const total = sumMoney(items.map((h) => h.value));

  const submit = async () => {
    const lines = items.filter((h) => picked[keyOf(h)] !== undefined);
    setError(null);
    setBusy(true);
    try {
      const doc = await apiPost(
        '/returns',
        { fromUserId: me!.id, toLocationId: toLocationId!, lines: lines.map((h) => ({ partId: h.partId, lotId: h.lotId, qty: picked[keyOf(h)] ?? 0 })) },
        { idempotencyKey: idem.current },
      );
      idem.current = newIdempotencyKey();
      setDone(t('holdings.returned', { number: doc.number }));
      setPicked({});
      void qc.invalidateQueries({ queryKey: ['holdings'] });
      void qc.invalidateQueries({ queryKey: ['stock'] });
    } catch (err) {
      const f = err instanceof ApiError ? err.field : null;
      const line = f && f[0] === 'lines' && typeof f[1] === 'number' ? lines[f[1]] : undefined;
      setError({ message: errorMessage(err), key: line ? keyOf(line) : undefined });
    } finally {
      setBusy(false);
    }
  };
  const anyPicked = Object.keys(picked).length > 0;

  return (
    <Card title={returning ? t('nav.returns') : t('holdings.title')}>
      <Statistic title={t('holdings.totalValue')} value={yuan(total)} data-testid="holdings-total" />
      {!returning && (
        <Space wrap style={{ marginTop: 12 }}>
          <Button type="primary" icon={<ScheduleOutlined />} onClick={() => nav('/reservations?new=1')} data-testid="reserve-more">
            {t('reservations.new')}
          </Button>
          <Button icon={<RollbackOutlined />} onClick={() => nav('/returns')}>
            {t('nav.returns')}
          </Button>
        </Space>
      )}
      {returning && <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>{t('holdings.selectToReturn')}</Typography.Paragraph>}
      {done && <Alert type="success" showIcon message={done} style={{ marginTop: 12 }} closable onClose={() => setDone(null)} />}
      <List<Holding>
        style={{ marginTop: 12 }}
        loading={isPending}
        dataSource={items}
        locale={{ emptyText: <Empty description={t('holdings.empty')} /> }}
        data-testid="holdings"
        renderItem={(h) => {
          const p = { name: h.partName, code: h.partCode, spec: h.spec, unit: h.unit };
          const k = keyOf(h);
          return (
            <List.Item
              key={k}
              data-testid="holding"
              actions={
                returning
                  ? [
                      <Space key="r" direction="vertical" size={4}>
                        <Checkbox
                          checked={picked[k] !== undefined}
                          onChange={(e) =>
                            setPicked((s) => {
                              const n = { ...s };
                              if (e.target.checked) n[k] = h.qty;
                              else delete n[k];
                              return n;
                            })
                          }
                        >
                          {t('nav.returns')}
                        </Checkbox>
                        {picked[k] !== undefined && (
                          <InputNumber size="small" min={0} max={h.qty} value={picked[k]} onChange={(v) => setPicked((s) => ({ ...s, [k]: v }))} status={error?.key === k ? 'error' : ''} style={{ width: 96 }} />
                        )}
                      </Space>,
                    ]
                  : undefined
              }
            >
              <List.Item.Meta
                title={
                  <span>
                    {p?.name ?? `#${h.partId}`} <Typography.Text type="secondary">{p?.code}</Typography.Text>
                  </span>
                }
                description={
                  <span>
                    {p?.spec ? `${p.spec} · ` : ''}
                    {t('common.lot')} {h.lotNo} · {t('common.unitCost')} {yuan(h.unitCost)}
                  </span>
                }
              />
              <div style={{ textAlign: 'right', minWidth: 90 }}>
                <div>
                  <Typography.Text strong>{qty(h.qty)}</Typography.Text> {p?.unit ?? ''}
                </div>
                <Typography.Text type="secondary">{yuan(h.value)}</Typography.Text>
                {!returning && (
                  <div>
                    <Link to={`/reservations?partId=${h.partId}`} data-testid="reserve-again">
                      {t('reservations.again')}
                    </Link>
                  </div>
                )}
              </div>
            </List.Item>
          );
        }}
      />
      {returning && items.length > 0 && (
        <Space wrap style={{ marginTop: 16 }}>
          <Select placeholder={t('holdings.returnTo')} style={{ width: 200 }} value={toLocationId} onChange={setTo} options={locationOptions(stores.data)} data-testid="return-to" />
          <Button type="primary" disabled={!anyPicked || !toLocationId} loading={busy} onClick={() => void submit()} data-testid="return-post">
            {t('holdings.returnSelected')}
          </Button>
        </Space>
      )}
      {error && <Alert type="error" showIcon message={error.message} style={{ marginTop: 12 }} data-testid="form-error" />}
    </Card>
  );
}
