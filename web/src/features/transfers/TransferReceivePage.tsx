// 调拨收货: a station confirms what arrived for each in-transit transfer (per-line received
// quantity, POST /transfers/:id/receive) and sees the differences the server recorded.
import { useState } from 'react';
import { Alert, Button, Card, Empty, InputNumber, List, Space, Table, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { ApiError, apiGet, apiPost, type Res } from '../../api/client';
import { qty, useLocations, useParts, lineName } from '../../lib/lookups';
import { useMe } from '../../app/session';

type Doc = Res<'/documents'>['items'][number];
type Received = Res<'/transfers/{id}/receive', 'post'>;

function TransferCard({ doc, onDone }: { doc: Doc; onDone: (r: Received) => void }) {
  const { t } = useTranslation();
  const { data: locations } = useLocations();
  const [received, setReceived] = useState<Record<number, number | null>>(() => Object.fromEntries(doc.lines.map((l) => [l.id, l.qty])));
  const [error, setError] = useState<{ message: string; lineId?: number } | null>(null);
  const [busy, setBusy] = useState(false);
  const name = (id: number | null) => locations?.find((l) => l.id === id)?.name ?? `#${id}`;

  const submit = async () => {
    setError(null);
    setBusy(true);
    const lines = doc.lines.map((l) => ({ lineId: l.id, receivedQty: received[l.id] ?? 0 }));
    try {
      onDone(await apiPost('/transfers/{id}/receive', { lines }, { params: { id: doc.id } }));
    } catch (err) {
      const f = err instanceof ApiError ? err.field : null;
      const i = f && f[0] === 'lines' && typeof f[1] === 'number' ? f[1] : -1;
      setError({ message: err instanceof Error ? err.message : String(err), lineId: lines[i]?.lineId });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card
      size="small"
      data-testid="transfer-card"
      title={
        <Space wrap>
          <Typography.Text strong>{doc.number}</Typography.Text>
          <Typography.Text type="secondary">
            {name(doc.fromLocationId)} → {name(doc.toLocationId)} · {dayjs(doc.createdAt).format('YYYY-MM-DD HH:mm')}
          </Typography.Text>
        </Space>
      }
    >
      <Table
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={doc.lines}
        scroll={{ x: 480 }}
        columns={[
          { title: t('common.part'), key: 'part', render: (_, l) => lineName(l) },
          { title: t('transfer.sent'), dataIndex: 'qty', render: (v: number) => qty(v) },
          {
            title: t('transfer.received'),
            key: 'received',
            render: (_, l) => (
              <InputNumber
                min={0}
                max={1e9}
                value={received[l.id]}
                onChange={(v) => setReceived((s) => ({ ...s, [l.id]: v }))}
                status={error?.lineId === l.id ? 'error' : ''}
                data-testid={`received-${l.lineNo}`}
              />
            ),
          },
        ]}
      />
      {error && <Alert type="error" showIcon message={error.message} style={{ marginTop: 12 }} data-testid="form-error" />}
      <Button type="primary" style={{ marginTop: 12 }} loading={busy} onClick={() => void submit()} data-testid="receive-post">
        {t('transfer.receive')}
      </Button>
    </Card>
  );
}

function Differences({ result }: { result: Received }) {
  const { t } = useTranslation();
  const parts = useParts(result.differences.map((d) => d.partId ?? 0).filter(Boolean));
  return (
    <Alert
      type={result.differences.length ? 'warning' : 'success'}
      showIcon
      closable
      style={{ marginBottom: 16 }}
      data-testid="receive-result"
      message={t('transfer.receivedOk', { number: result.receiptNumber })}
      description={
        result.differences.length ? (
          <div data-testid="differences">
            <Typography.Text strong>{t('transfer.differences')}：</Typography.Text>
            {result.differences.map((d) => (
              <div key={d.lineId} data-testid="difference">
                {t('transfer.diffLine', {
                  part: d.partId ? (parts.get(d.partId)?.name ?? `#${d.partId}`) : '—',
                  sent: qty(d.sent),
                  received: qty(d.received),
                  diff: qty(Math.round((d.received - d.sent) * 1000) / 1000),
                })}
              </div>
            ))}
          </div>
        ) : (
          t('transfer.noDifferences')
        )
      }
    />
  );
}

export default function TransferReceivePage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { data: me } = useMe();
  const { data: locations } = useLocations();
  const [result, setResult] = useState<Received | null>(null);
  const { data, isPending } = useQuery({
    queryKey: ['documents', 'transfer', 'in_transit'],
    queryFn: async () => (await apiGet('/documents', { type: 'transfer', status: 'in_transit', limit: 100 })).items,
  });
  // A station user sees the transfers addressed to their station (me.stationId is the station's
  // location) or to a store that belongs to it, as the server's station scope does (R-PLT-1).
  const mine = new Set(locations?.filter((l) => me?.stationId && (l.id === me.stationId || l.stationId === me.stationId)).map((l) => l.id));
  const items = (data ?? []).filter((d) => !me?.stationId || !locations || mine.has(d.toLocationId ?? -1));

  return (
    <Card title={t('transfer.receiveTitle')}>
      {result && <Differences result={result} />}
      <List<Doc>
        loading={isPending}
        dataSource={items}
        locale={{ emptyText: <Empty description={t('transfer.empty')} /> }}
        renderItem={(d) => (
          <List.Item key={d.id} style={{ display: 'block' }}>
            <TransferCard
              doc={d}
              onDone={(r) => {
                setResult(r);
                void qc.invalidateQueries({ queryKey: ['documents'] });
                void qc.invalidateQueries({ queryKey: ['stock'] });
              }}
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
