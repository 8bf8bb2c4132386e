// 库存: GET /stock by part or by lot, filtered by location, part and category, now or as of the
// end of a past day; rows below the alarm are highlighted. Names come with the rows.
import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Input, Segmented, Select, Space, Table, Tag } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { apiGet, type Res } from '../../api/client';
import { qty, useLocations, useStores, locationOptions } from '../../lib/lookups';
import { yuan } from '../../lib/money';
import { PartSelect } from '../parts/PartSelect';
import { ExportButton } from '../parts/exchange';

type Row = Res<'/stock'>['items'][number];

export default function StockPage() {
  const { t } = useTranslation();
  const [groupBy, setGroupBy] = useState<'part' | 'lot'>('part');
  const [locationId, setLocationId] = useState<number | undefined>();
  const [partId, setPartId] = useState<number | undefined>();
  const [category, setCategory] = useState<string | undefined>();
  const [asOf, setAsOf] = useState<Dayjs | null>(null);
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const cursor = cursors[cursors.length - 1];
  const stores = useStores();
  const { data: locations } = useLocations();
  // A bare day: the server ends it at midnight in the installation's time zone.
  const day = asOf?.format('YYYY-MM-DD');
  const filters = { groupBy, locationId, partId, category, asOf: day };
  const { data, isFetching, error } = useQuery({
    queryKey: ['stock', 'list', filters, cursor],
    queryFn: () => apiGet('/stock', { ...filters, cursor, limit: 50 }),
    placeholderData: keepPreviousData,
  });
  const reset = () => setCursors([undefined]);
  const low = data?.items.filter((r) => r.belowAlarm).length ?? 0;
  return (
    <Card title={t('stock.title')} extra={<ExportButton name="stock" params={filters} label={t('stock.export')} testId="stock-export" />}>
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
          options={locationOptions(stores.data)}
          data-testid="stock-location"
        />
        <div style={{ width: 260 }} data-testid="stock-part">
          <PartSelect
            value={partId}
            onChange={(v) => {
              setPartId(v);
              reset();
            }}
          />
        </div>
        <Input
          allowClear
          placeholder={t('stock.category')}
          style={{ width: 140 }}
          onPressEnter={(e) => {
            setCategory(e.currentTarget.value.trim() || undefined);
            reset();
          }}
          onChange={(e) => {
            if (!e.target.value) {
              setCategory(undefined);
              reset();
            }
          }}
          data-testid="stock-category"
        />
        <DatePicker
          value={asOf}
          placeholder={t('stock.asOf')}
          disabledDate={(d) => d.isAfter(dayjs(), 'day')}
          onChange={(d) => {
            setAsOf(d);
            reset();
          }}
          data-testid="stock-asof"
        />
        {low > 0 && <Tag color="red" data-testid="stock-low">{t('stock.lowCount', { n: low })}</Tag>}
      </Space>
      {day && <Alert type="info" showIcon message={t('stock.asOfNote', { date: day })} style={{ marginBottom: 12 }} data-testid="stock-asof-note" />}
      {error && <Alert type="error" showIcon message={error.message} style={{ marginBottom: 12 }} />}
      <Table<Row>
        rowKey={(r) => `${r.partId}-${r.locationId}-${r.lotId ?? ''}`}
        size="middle"
        loading={isFetching}
        dataSource={data?.items ?? []}
        pagination={false}
        scroll={{ x: 900 }}
        data-testid="stock-table"
        onRow={(r) => (r.belowAlarm ? ({ style: { background: '#fff1f0' }, 'data-below-alarm': 'true' } as never) : {})}
        columns={[
          { title: t('common.code'), dataIndex: 'partCode', width: 120, render: (c: string | undefined, r) => c ?? `#${r.partId}` },
          {
            title: t('common.name'),
            key: 'name',
            render: (_, r) => (
              <>
                {r.partName ?? ''} {r.belowAlarm && <Tag color="red">{t('common.belowAlarm')}</Tag>}
              </>
            ),
          },
          { title: t('common.location'), dataIndex: 'locationId', width: 140, render: (id: number) => locations?.find((l) => l.id === id)?.name ?? `#${id}` },
          ...(groupBy === 'lot'
            ? [
                { title: t('common.lot'), key: 'lot', render: (_: unknown, r: Row) => r.lotNo ?? (r.lotId ? `#${r.lotId}` : '') },
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
