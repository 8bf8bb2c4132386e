// Part detail: fields, stock by location (GET /parts/:id), lots, and the ledger (GET /moves?partId=).
import { Button, Descriptions, Drawer, Grid, Table, Tag, Typography } from 'antd';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { apiGet, type Res } from '../../api/client';
import { partQuery, qty, useLocations, type PartDetail } from '../../lib/lookups';
import { yuan } from '../../lib/money';

type Move = Res<'/moves'>['items'][number];

export function PartDrawer({ partId, onClose }: { partId: number | null; onClose: () => void }) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const { data: part, isFetching } = useQuery({ ...partQuery(partId ?? 0), enabled: partId !== null });
  const { data: locations } = useLocations();
  const locName = (id: number) => locations?.find((l) => l.id === id)?.name ?? `#${id}`;
  const moves = useInfiniteQuery({
    queryKey: ['moves', 'part', partId],
    enabled: partId !== null,
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) => apiGet('/moves', { partId: partId ?? undefined, cursor: pageParam, limit: 20 }),
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  const lotNo = (id: number) => part?.lots.find((l) => l.id === id)?.lotNo ?? `#${id}`;
  return (
    <Drawer open={partId !== null} onClose={onClose} width={screens.lg ? 880 : '100%'} title={part ? `${part.code} ${part.name}` : ''} loading={isFetching && !part}>
      {part && (
        <>
          <Descriptions size="small" column={screens.md ? 3 : 1} bordered items={fields(part, t)} />
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t('parts.stockByLocation')}
          </Typography.Title>
          <Table
            size="small"
            rowKey="locationId"
            pagination={false}
            dataSource={part.stock}
            data-testid="part-stock"
            columns={[
              { title: t('common.location'), dataIndex: 'locationName', render: (v: string, r) => (
                  <>
                    {v} {r.belowAlarm && <Tag color="red">{t('common.belowAlarm')}</Tag>}
                  </>
                ) },
              { title: t('common.onHand'), dataIndex: 'onHand', align: 'right', render: qty },
              { title: t('common.reserved'), dataIndex: 'reserved', align: 'right', render: qty },
              { title: t('common.available'), dataIndex: 'available', align: 'right', render: qty },
              { title: t('common.value'), dataIndex: 'value', align: 'right', render: yuan },
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t('parts.lots')}
          </Typography.Title>
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={part.lots}
            scroll={{ x: 560 }}
            columns={[
              { title: t('common.lot'), dataIndex: 'lotNo' },
              { title: t('common.supplier'), dataIndex: 'supplierName' },
              { title: t('common.unitCost'), dataIndex: 'unitCost', align: 'right', render: yuan },
              { title: t('parts.receivedAt'), dataIndex: 'receivedAt', render: (v: string) => dayjs(v).format('YYYY-MM-DD') },
              { title: t('common.onHand'), dataIndex: 'onHand', align: 'right', render: qty },
              { title: t('common.value'), dataIndex: 'value', align: 'right', render: yuan },
            ]}
          />
          <Typography.Title level={5} style={{ marginTop: 24 }}>
            {t('parts.ledger')}
          </Typography.Title>
          <Table<Move>
            size="small"
            rowKey="id"
            pagination={false}
            loading={moves.isFetching}
            dataSource={moves.data?.pages.flatMap((p) => p.items) ?? []}
            scroll={{ x: 680 }}
            columns={[
              { title: t('common.time'), dataIndex: 'postedAt', render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
              { title: t('common.kind'), dataIndex: 'kind', render: (k: string) => t(`move.${k}`, { defaultValue: k }) },
              { title: t('common.from'), dataIndex: 'fromLocationId', render: locName },
              { title: t('common.to'), dataIndex: 'toLocationId', render: locName },
              { title: t('common.lot'), dataIndex: 'lotId', render: lotNo },
              { title: t('common.qty'), dataIndex: 'qty', align: 'right', render: qty },
              { title: t('common.unitCost'), dataIndex: 'unitCost', align: 'right', render: yuan },
            ]}
          />
          {moves.hasNextPage && (
            <Button style={{ marginTop: 8 }} onClick={() => void moves.fetchNextPage()} loading={moves.isFetchingNextPage}>
              {t('common.loadMore')}
            </Button>
          )}
        </>
      )}
    </Drawer>
  );
}

function fields(p: PartDetail, t: (k: string) => string) {
  return [
    { key: 'code', label: t('common.code'), children: p.code },
    { key: 'name', label: t('common.name'), children: p.name },
    { key: 'spec', label: t('common.spec'), children: p.spec ?? '—' },
    { key: 'unit', label: t('common.unit'), children: p.unit },
    { key: 'category', label: t('common.category'), children: p.category ?? '—' },
    { key: 'salePrice', label: t('common.salePrice'), children: yuan(p.salePrice) },
    { key: 'alarmQty', label: t('common.alarmQty'), children: p.alarmQty === null ? '—' : qty(p.alarmQty) },
    { key: 'barcode', label: 'EAN', children: p.barcode ?? '—' },
  ];
}
