// 服務主任日報表 (R-SVC-11): a day's undispatched requests (those rolled over from earlier days
// first), every technician's hours by service type with their report's status, and the totals.
import { useState } from 'react';
import { Card, DatePicker, Space, Table, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { apiGet } from '../../api/client';
import { hours } from './DailyReportPage';
import type { RollUp } from './api';

type Tech = RollUp['technicians'][number];
type Pending = RollUp['undispatched'][number];

export default function RollUpPage() {
  const { t } = useTranslation();
  const [day, setDay] = useState<Dayjs>(dayjs());
  const q = useQuery({ queryKey: ['svcx', 'rollup', day.format('YYYY-MM-DD')], queryFn: () => apiGet('/daily-reports/roll-up', { day: day.format('YYYY-MM-DD') }) });
  const r = q.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Card title={t('svcx.daily.rollUp')} extra={<DatePicker value={day} onChange={(d) => d && setDay(d)} allowClear={false} />}>
        <Typography.Title level={5}>{t('svcx.daily.undispatched')}</Typography.Title>
        <Table
          rowKey="workOrderId"
          size="small"
          pagination={false}
          scroll={{ x: 600 }}
          loading={q.isPending}
          dataSource={r?.undispatched ?? []}
          data-testid="rollup-undispatched"
          columns={[
            { title: '', dataIndex: 'rollover', render: (v: boolean) => (v ? <Tag color="red">{t('svcx.daily.rollover')}</Tag> : <Tag>{t('svcx.daily.today')}</Tag>) },
            { title: t('svcx.carry.workOrder'), dataIndex: 'number' },
            { title: t('svcx.carry.customer'), dataIndex: 'customerName' },
            { title: t('svcx.charges.serviceType'), dataIndex: 'serviceType' },
            { title: t('svcx.carry.fault'), dataIndex: 'fault', ellipsis: true },
            { title: t('common.time'), dataIndex: 'createdAt', render: (v: Pending['createdAt']) => dayjs(v).format('MM-DD HH:mm') },
          ]}
        />
      </Card>
      <Card title={t('svcx.daily.title')}>
        <Table
          rowKey="technicianId"
          size="small"
          pagination={false}
          scroll={{ x: 720 }}
          dataSource={r?.technicians ?? []}
          data-testid="rollup-technicians"
          columns={[
            { title: t('svcx.daily.technician'), dataIndex: 'technicianName' },
            { title: t('common.status'), dataIndex: 'status', render: (s: Tech['status']) => <Tag color={s === 'submitted' ? 'green' : s === 'draft' ? 'orange' : 'default'}>{t(`svcx.daily.${s}`)}</Tag> },
            ...(['A', 'B', 'C', 'D'] as const).map((k) => ({ title: t(`svcx.daily.type${k}`), render: (_: unknown, x: Tech) => hours(x.minutes[k]) })),
            { title: t('svcx.daily.total'), render: (_: unknown, x: Tech) => <b>{hours(x.totalMinutes)}</b> },
            { title: t('svcx.daily.jobs'), dataIndex: 'jobs' },
            { title: t('svcx.daily.km'), dataIndex: 'km' },
          ]}
          summary={() =>
            r ? (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={2}>
                  {t('svcx.daily.totals')}
                </Table.Summary.Cell>
                {(['A', 'B', 'C', 'D'] as const).map((k, i) => (
                  <Table.Summary.Cell key={k} index={2 + i}>
                    {hours(r.totals.minutes[k])}
                  </Table.Summary.Cell>
                ))}
                <Table.Summary.Cell index={6}>
                  <b>{hours(r.totals.totalMinutes)}</b>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={7}>{r.totals.jobs}</Table.Summary.Cell>
                <Table.Summary.Cell index={8}>{r.totals.km}</Table.Summary.Cell>
              </Table.Summary.Row>
            ) : null
          }
        />
      </Card>
    </Space>
  );
}
