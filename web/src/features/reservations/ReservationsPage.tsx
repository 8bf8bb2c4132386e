// 预订: the technician's own reservations (GET /reservations?forUserId=me).
import { Card, Table, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { apiGet, type Res } from '../../api/client';
import { qty, useLocations, useParts } from '../../lib/lookups';
import { useMe } from '../../app/session';

type Reservation = Res<'/reservations'>['items'][number];

export default function ReservationsPage() {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const { data, isPending } = useQuery({
    queryKey: ['reservations', me?.id],
    enabled: !!me,
    queryFn: async () => (await apiGet('/reservations', { forUserId: me!.id, limit: 100 })).items,
  });
  const parts = useParts(data?.flatMap((r) => r.lines.map((l) => l.partId)) ?? []);
  const { data: locations } = useLocations();
  return (
    <Card title={t('reservations.title')}>
      <Table<Reservation>
        rowKey="id"
        size="small"
        loading={isPending}
        dataSource={data ?? []}
        pagination={false}
        scroll={{ x: 560 }}
        columns={[
          { title: t('reservations.number'), dataIndex: 'number' },
          { title: t('common.location'), dataIndex: 'locationId', render: (id: number) => locations?.find((l) => l.id === id)?.name ?? `#${id}` },
          { title: t('common.status'), dataIndex: 'status', render: (s: string) => <Tag color={s === 'open' ? 'blue' : undefined}>{t(`status.${s}`, { defaultValue: s })}</Tag> },
          { title: t('reservations.expiresAt'), dataIndex: 'expiresAt', render: (v: string | null) => (v ? dayjs(v).format('YYYY-MM-DD') : '—') },
          {
            title: t('common.part'),
            key: 'lines',
            render: (_, r) =>
              r.lines.map((l) => (
                <div key={l.id}>
                  {parts.get(l.partId)?.name ?? `#${l.partId}`} × {qty(l.openQty)}/{qty(l.qty)}
                </div>
              )),
          },
        ]}
      />
    </Card>
  );
}
