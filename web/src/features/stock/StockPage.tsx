// 库存: GET /stock by part or by lot, filtered by location; rows below the alarm are highlighted.
import { useState } from 'react';
import { Button, Card, Segmented, Select, Space, Table, Tag } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiGet, type Res } from '../../api/client';
import { qty, useLocations, useParts, useStores } from '../../lib/lookups';
import { yuan } from '../../lib/money';

type Row = Res<'/stock'>['items'][number];

export default function StockPage() {
  const { t } = useTranslation();
  const [groupBy, setGroupBy] = useState<'part' | 'lot'>('part');
  const [locationId, setLocationId] = useState<number | undefined>();
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const stores = useStores();
  const { data: locations } = useLocations();
  const { data, isFetching } = useQuery({
    queryKey: ['stock', 'list', groupBy, locationId, cursor],
    queryFn: () => apiGet('/stock', { groupBy, locationId, cursor, limit: 50 }),
    placeholderData: keepPreviousData,
  });
  const parts = useParts(data?.items.map((r) => r.partId) ?? []);
  const reset = () => setCursors([undefined]);
  return (
    <Card title={t('stock.title')}>
      <Space wrap style={{ marginBottom: 16 }}>
        <Segmented
          value={groupBy}
          onChange={(v) => {
            setGroupBy(v as 'part' | 'lot');
            reset();
          }}
          options={[
            { value: 'part', label: t('stock.byPart') },
            { value: 'lot', label: t('stock.byLot') },
          ]}
        />
        <Select
          allowClear
          placeholder={t('stock.allLocations')}
          style={{ width: 200 }}
          value={locationId}
          onChange={(v: number | undefined) => {
            setLocationId(v);
            reset();
          }}
          options={stores.data?.map((l) => ({ value: l.id, label: `${l.code} ${l.name}` }))}
          data-testid="stock-location"
        />
      </Space>
      <Table<Row>
        rowKey={(r) => `${r.partId}-${r.locationId}-${r.lotId ?? ''}`}
        size="middle"
        loading={isFetching}
        dataSource={data?.items ?? []}
        pagination={false}
        scroll={{ x: 900 }}
        data-testid="stock-table"
        onRow={(r) => (r.belowAlarm ? { style: { background: '#fff1f0' }, 'data-below-alarm': 'true' } as never : {})}
        columns={[
          { title: t('common.code'), key: 'code', width: 120, render: (_, r) => parts.get(r.partId)?.code ?? `#${r.partId}` },
          {
            title: t('common.name'),
            key: 'name',
            render: (_, r) => (
              <>
                {parts.get(r.partId)?.name ?? ''} {r.belowAlarm && <Tag color="red">{t('common.belowAlarm')}</Tag>}
              </>
            ),
          },
          { title: t('common.location'), dataIndex: 'locationId', width: 140, render: (id: number) => locations?.find((l) => l.id === id)?.name ?? `#${id}` },
          ...(groupBy === 'lot'
            ? [
                { title: t('common.lot'), key: 'lot', render: (_: unknown, r: Row) => parts.get(r.partId)?.lots.find((l) => l.id === r.lotId)?.lotNo ?? (r.lotId ? `#${r.lotId}` : '') },
                { title: t('common.unitCost'), dataIndex: 'unitCost', align: 'right' as const, render: (v?: string) => yuan(v) },
              ]
            : []),
          { title: t('common.onHand'), dataIndex: 'onHand', align: 'right', width: 90, render: qty },
          { title: t('common.reserved'), dataIndex: 'reserved', align: 'right', width: 90, render: qty },
          { title: t('common.available'), dataIndex: 'available', align: 'right', width: 90, render: qty },
          { title: t('common.value'), dataIndex: 'value', align: 'right', width: 130, render: yuan },
        ]}
      />
      <Space style={{ marginTop: 16 }}>
        <Button disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
          {t('common.prev')}
        </Button>
        <Button disabled={!data?.nextCursor} onClick={() => setCursors((c) => [...c, data?.nextCursor ?? undefined])}>
          {t('common.next')}
        </Button>
      </Space>
    </Card>
  );
}
