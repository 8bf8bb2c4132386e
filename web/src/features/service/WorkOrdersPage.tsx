// 工单: work orders with filters (status, type A–D, priority, station, technician, search), the
// next due time coloured as a breach nears (green / orange / red, breached in words), and a
// new-request form. On a phone the rows become cards.
import { useState } from 'react';
import { Button, Card, Grid, Input, List, Select, Space, Table, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { apiGet, type Res } from '../../api/client';
import { useStores, useTechnicians } from '../../lib/lookups';
import { nextDue, OPEN, SlaTag, StatusTag, type WorkOrder } from './shared';
import { useCustomersById } from './CustomerSelect';
import { NewWorkOrderModal } from './NewWorkOrderModal';

type Filters = { status?: string; serviceType?: string; priority?: string; stationId?: number; technicianId?: number; q?: string };

export default function WorkOrdersPage() {
  const { t } = useTranslation();
  const nav = useNavigate();
  const narrow = !Grid.useBreakpoint().md;
  const [f, setF] = useState<Filters>({ status: 'open' });
  const [creating, setCreating] = useState(false);
  const stations = useStores();
  const techs = useTechnicians();
  const list = useInfiniteQuery({
    queryKey: ['work-orders', f],
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (p: Res<'/work-orders'>) => p.nextCursor ?? undefined,
    queryFn: ({ pageParam }): Promise<Res<'/work-orders'>> =>
      apiGet('/work-orders', { open: f.status === 'open' ? true : undefined, status: (f.status && f.status !== 'open' ? f.status : undefined) as never, serviceType: f.serviceType as never, priority: f.priority as never, stationId: f.stationId, technicianId: f.technicianId, q: f.q || undefined, limit: 50, cursor: pageParam }),
  });
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const customers = useCustomersById(rows.map((w) => w.customerId));
  const name = new Map([...customers].map(([id, c]) => [id, c.name]));
  const set = (patch: Filters) => setF((x) => ({ ...x, ...patch }));
  const sel = { allowClear: true, style: { width: narrow ? '100%' : 130 } };

  return (
    <Card
      title={t('service.wo.title')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="wo-new">
          {narrow ? '' : t('service.wo.new')}
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 12, width: '100%' }} data-testid="wo-filters">
        <Select {...sel} value={f.status} onChange={(v) => set({ status: v })} placeholder={t('service.wo.status')} data-testid="wo-filter-status" options={[{ value: 'open', label: t('service.wo.onlyOpen') }, ...['new', 'dispatched', 'accepted', 'en_route', 'on_site', 'waiting_parts', 'resolved', 'signed', 'closed', 'cancelled'].map((s) => ({ value: s, label: t(`service.status.${s}`) }))]} />
        <Select {...sel} value={f.serviceType} onChange={(v) => set({ serviceType: v })} placeholder={t('service.wo.type')} options={['A', 'B', 'C', 'D'].map((x) => ({ value: x, label: t(`service.type.${x}`) }))} />
        <Select {...sel} value={f.priority} onChange={(v) => set({ priority: v })} placeholder={t('service.wo.priority')} options={['low', 'normal', 'high', 'urgent'].map((x) => ({ value: x, label: t(`service.priority.${x}`) }))} />
        <Select {...sel} value={f.stationId} onChange={(v) => set({ stationId: v })} placeholder={t('service.common.station')} options={stations.data?.filter((l) => l.kind === 'station').map((l) => ({ value: l.id, label: l.name }))} />
        <Select {...sel} value={f.technicianId} onChange={(v) => set({ technicianId: v })} placeholder={t('service.common.technician')} showSearch={{ optionFilterProp: 'label' }} options={techs.data?.map((u) => ({ value: u.id, label: u.displayName }))} />
        <Input.Search allowClear placeholder={t('service.wo.searchPlaceholder')} onSearch={(q) => set({ q })} style={{ width: narrow ? '100%' : 220 }} data-testid="wo-search" />
      </Space>
      {narrow ? (
        <List<WorkOrder>
          loading={list.isPending}
          dataSource={rows}
          data-testid="wo-list"
          renderItem={(w) => (
            <List.Item key={w.id} onClick={() => nav(`/service/work-orders/${w.id}`)} style={{ cursor: 'pointer', display: 'block' }} data-testid="wo-row">
              <Space style={{ justifyContent: 'space-between', width: '100%' }}>
                <Typography.Text strong>{w.number}</Typography.Text>
                <StatusTag status={w.status} />
              </Space>
              <div style={{ color: '#666', margin: '4px 0' }}>
                {name.get(w.customerId)} · {t(`service.type.${w.serviceType}`)} · {t(`service.priority.${w.priority}`)}
              </div>
              <div style={{ overflowWrap: 'anywhere' }}>{w.fault}</div>
              <div style={{ marginTop: 4 }}>{OPEN.includes(w.status) && <SlaTag light={w.sla.status} due={nextDue(w)} />}</div>
            </List.Item>
          )}
        />
      ) : (
        <Table<WorkOrder>
          rowKey="id"
          size="small"
          loading={list.isPending}
          dataSource={rows}
          pagination={false}
          data-testid="wo-table"
          onRow={(w) => ({ 'data-testid': 'wo-row', 'data-id': w.id }) as never}
          columns={[
            { title: t('service.wo.number'), dataIndex: 'number', width: 150, render: (v: string, w) => <Link to={`/service/work-orders/${w.id}`}>{v}</Link> },
            { title: t('service.wo.status'), dataIndex: 'status', width: 100, render: (v: string) => <StatusTag status={v} /> },
            { title: t('service.wo.type'), dataIndex: 'serviceType', width: 80, render: (v: string) => t(`service.type.${v}`) },
            { title: t('service.wo.priority'), dataIndex: 'priority', width: 70, render: (v: string) => t(`service.priority.${v}`) },
            { title: t('service.common.customer'), dataIndex: 'customerId', width: 160, render: (v: number) => name.get(v) ?? v },
            { title: t('service.wo.fault'), dataIndex: 'fault', ellipsis: true },
            { title: t('service.wo.due'), key: 'due', width: 190, render: (_, w) => (OPEN.includes(w.status) ? <SlaTag light={w.sla.status} due={nextDue(w)} testId="wo-sla" /> : <SlaTag light={w.sla.status} />) },
          ]}
        />
      )}
      {list.hasNextPage && (
        <div style={{ textAlign: 'center', marginTop: 12 }}>
          <Button onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        </div>
      )}
      <NewWorkOrderModal open={creating} onClose={() => setCreating(false)} onCreated={(wo) => nav(`/service/work-orders/${wo.id}`)} />
    </Card>
  );
}
