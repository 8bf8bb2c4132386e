// 预订: reserve parts (a technician for themself, others for a technician), the reservations
// with what is still open on each, cancel an open one, and for keepers 领取出库 (fulfil) it.
import { useState } from 'react';
import { Alert, Button, Card, Collapse, Empty, List, Popconfirm, Segmented, Space, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { apiGet, apiPost } from '../../api/client';
import { qty, useLocations, useParts, useTechnicians } from '../../lib/lookups';
import { errorMessage } from '../../lib/formErrors';
import { useMe } from '../../app/session';
import { partLabel } from '../parts/PartSelect';
import { ReserveForm } from './ReserveForm';
import { FulfilModal, type Reservation } from './FulfilModal';

const FULFILLERS = ['admin', 'warehouse_keeper', 'station_user', 'service_manager'];

type Line = Reservation['lines'][number] & { partCode?: string; partName?: string };

export default function ReservationsPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { data: me } = useMe();
  const [params] = useSearchParams();
  const initialPartId = Number(params.get('partId')) || undefined;
  const isTech = !!me?.roles.includes('technician');
  const canFulfil = !!me?.roles.some((r) => FULFILLERS.includes(r));
  const [status, setStatus] = useState<'open' | 'any'>('open');
  const { data, isPending } = useQuery({
    queryKey: ['reservations', status, isTech ? me?.id : 'all'],
    enabled: !!me,
    queryFn: async () => (await apiGet('/reservations', { forUserId: isTech && !canFulfil ? me!.id : undefined, status: status === 'open' ? 'open' : undefined, limit: 100 })).items,
  });
  const lines = (data ?? []).flatMap((r) => r.lines as Line[]);
  const parts = useParts(lines.filter((l) => !l.partName).map((l) => l.partId));
  const { data: locations } = useLocations();
  const techs = useTechnicians();
  const [fulfil, setFulfil] = useState<Reservation | null>(null);
  const [notice, setNotice] = useState<{ id?: number; type: 'success' | 'error'; message: string } | null>(null);

  const partName = (id: number) => {
    const l = lines.find((x) => x.partId === id && x.partName);
    if (l) return `${l.partCode ?? ''} ${l.partName}`.trim();
    const p = parts.get(id);
    return p ? partLabel(p) : `#${id}`;
  };
  const userName = (id: number | null) => (id == null ? null : id === me?.id ? me.displayName : (techs.data?.find((u) => u.id === id)?.displayName ?? `#${id}`));

  const cancel = async (r: Reservation) => {
    setNotice(null);
    try {
      await apiPost('/reservations/{id}/cancel', {} as never, { params: { id: r.id } });
      setNotice({ type: 'success', message: t('reservations.cancelled', { number: r.number }) });
      void qc.invalidateQueries({ queryKey: ['reservations'] });
      void qc.invalidateQueries({ queryKey: ['stock'] });
    } catch (err) {
      setNotice({ id: r.id, type: 'error', message: errorMessage(err) });
    }
  };

  return (
    <Card title={t('reservations.title')} styles={{ body: { paddingInline: 16 } }}>
      <Collapse
        size="small"
        style={{ marginBottom: 16 }}
        defaultActiveKey={initialPartId || params.has('new') ? ['new'] : []}
        items={[{ key: 'new', label: t('reservations.new'), children: <ReserveForm selfId={isTech ? me?.id : undefined} initialPartId={initialPartId} />, forceRender: false }]}
        data-testid="reserve-panel"
      />
      <Segmented
        style={{ marginBottom: 8 }}
        value={status}
        onChange={(v) => setStatus(v as 'open' | 'any')}
        options={[
          { value: 'open', label: t('status.open') },
          { value: 'any', label: t('reservations.all') },
        ]}
      />
      {notice && !notice.id && <Alert type={notice.type} showIcon closable onClose={() => setNotice(null)} message={notice.message} style={{ marginBottom: 8 }} data-testid="reservation-notice" />}
      <List<Reservation>
        loading={isPending}
        dataSource={data ?? []}
        locale={{ emptyText: <Empty description={t('reservations.empty')} /> }}
        data-testid="reservations"
        renderItem={(r) => {
          const open = r.status === 'open';
          const who = userName(r.forUserId) ?? locations?.find((l) => l.id === r.forLocationId)?.name;
          return (
            <List.Item key={r.id} data-testid="reservation" data-number={r.number} style={{ flexWrap: 'wrap', gap: 8 }}>
              <div style={{ flex: '1 1 220px', minWidth: 0 }}>
                <Space wrap size={4}>
                  <Typography.Text strong>{r.number}</Typography.Text>
                  <Tag color={open ? 'blue' : undefined} data-testid="reservation-status">
                    {t(`status.${r.status}`, { defaultValue: r.status })}
                  </Tag>
                  {!isTech && who && <Typography.Text>{who}</Typography.Text>}
                </Space>
                <div>
                  <Typography.Text type="secondary">
                    {locations?.find((l) => l.id === r.locationId)?.name ?? `#${r.locationId}`} · {dayjs(r.createdAt).format('MM-DD HH:mm')}
                    {r.expiresAt ? ` · ${t('reservations.expiresAt')} ${dayjs(r.expiresAt).format('YYYY-MM-DD')}` : ''}
                  </Typography.Text>
                </div>
                {r.lines.map((l) => (
                  <div key={l.id} data-testid="reservation-line">
                    {partName(l.partId)} × {open ? `${qty(l.openQty)}/${qty(l.qty)}` : qty(l.qty)}
                  </div>
                ))}
                {notice?.id === r.id && <Typography.Text type="danger">{notice.message}</Typography.Text>}
              </div>
              {open && (
                <Space wrap>
                  {canFulfil && r.forUserId != null && (
                    <Button type="primary" size="small" onClick={() => setFulfil(r)} data-testid="reservation-fulfil">
                      {t('reservations.fulfil')}
                    </Button>
                  )}
                  <Popconfirm title={t('reservations.cancelConfirm', { number: r.number })} onConfirm={() => void cancel(r)} okButtonProps={{ 'data-testid': 'cancel-confirm' } as never}>
                    <Button size="small" danger data-testid="reservation-cancel">
                      {t('reservations.cancel')}
                    </Button>
                  </Popconfirm>
                </Space>
              )}
            </List.Item>
          );
        }}
      />
      {fulfil && <FulfilModal reservation={fulfil} partName={partName} onClose={() => setFulfil(null)} />}
    </Card>
  );
}
