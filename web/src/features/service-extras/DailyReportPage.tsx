// 技術員日報表 (R-SVC-11): the technician's day generated from their work orders' events — minutes
// by service type, jobs, km — edited as a draft and submitted (locked). The desk may pick a technician.
import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Descriptions, Form, Input, InputNumber, Select, Space, Table, Tag, message } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { apiGet, apiPatch, apiPost } from '../../api/client';
import { useMe } from '../../app/session';
import { useTechnicians } from '../../lib/lookups';
import { type DailyReport } from './api';
import { errorMessage } from '../../lib/formErrors';

const TYPES = ['A', 'B', 'C', 'D'] as const;
export const hours = (min: number) => `${Math.floor(min / 60)}:${String(min % 60).padStart(2, '0')}`;

export default function DailyReportPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { data: me } = useMe();
  const techOnly = !!me && me.roles.includes('technician') && !me.roles.some((r) => ['admin', 'service_manager', 'dispatcher'].includes(r));
  const techs = useTechnicians();
  const [day, setDay] = useState<Dayjs>(dayjs());
  const [techId, setTechId] = useState<number | undefined>(techOnly ? me?.id : undefined);
  const who = techOnly ? me!.id : techId;
  const dayText = day.format('YYYY-MM-DD');
  const list = useQuery({ queryKey: ['svcx', 'daily', dayText, who], enabled: !!who, queryFn: () => apiGet('/daily-reports', { day: dayText, technicianId: who, limit: 1 }) });
  const report: DailyReport | undefined = list.data?.items[0];
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const run = async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
      void message.success(t('svcx.carry.saved'));
      await qc.invalidateQueries({ queryKey: ['svcx', 'daily'] });
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const generate = (regenerate = false) => run(() => apiPost('/daily-reports', { day: dayText, technicianId: techOnly ? null : (who ?? null), regenerate }));
  const save = async () => {
    const v = form.getFieldsValue() as { A: number; B: number; C: number; D: number; jobs: number; km: number; notes?: string };
    await run(() => apiPatch('/daily-reports/{id}', { version: report!.version, minutes: { A: v.A ?? 0, B: v.B ?? 0, C: v.C ?? 0, D: v.D ?? 0 }, jobs: v.jobs ?? 0, km: v.km ?? 0, notes: v.notes || null }, { id: report!.id }));
  };
  const draft = report?.status === 'draft';
  return (
    <Card title={t('svcx.daily.title')}>
      <Space wrap style={{ marginBottom: 16 }}>
        <DatePicker value={day} onChange={(d) => d && setDay(d)} allowClear={false} data-testid="daily-day" />
        {!techOnly && <Select placeholder={t('svcx.daily.technician')} value={techId} onChange={setTechId} style={{ width: 160 }} options={(techs.data ?? []).map((u) => ({ value: u.id, label: u.displayName }))} />}
        {who && !report && !list.isPending && (
          <Button type="primary" onClick={() => generate()} data-testid="daily-generate">
            {t('svcx.daily.generate')}
          </Button>
        )}
      </Space>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      {report && (
        <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="daily-report">
          <Space wrap>
            <Tag color={draft ? 'orange' : 'green'} data-testid="daily-status">{t(`svcx.daily.${report.status}`)}</Tag>
            <span>
              {t('svcx.daily.total')} {hours(report.totalMinutes)}
            </span>
            <span>
              {t('svcx.daily.jobs')} {report.jobs}
            </span>
            <span>
              {t('svcx.daily.km')} {report.km}
            </span>
          </Space>
          <Form form={form} layout="vertical" disabled={!draft} key={`${report.id}-${report.version}`} initialValues={{ ...report.minutes, jobs: report.jobs, km: report.km, notes: report.notes }}>
            <Space wrap>
              {TYPES.map((k) => (
                <Form.Item key={k} name={k} label={`${t(`svcx.daily.type${k}`)}（${t('svcx.daily.minutes')}）`}>
                  <InputNumber min={0} max={1440} precision={0} style={{ width: 140 }} data-testid={`daily-min-${k}`} />
                </Form.Item>
              ))}
              <Form.Item name="jobs" label={t('svcx.daily.jobs')}>
                <InputNumber min={0} max={1000} precision={0} style={{ width: 100 }} />
              </Form.Item>
              <Form.Item name="km" label={t('svcx.daily.km')}>
                <InputNumber min={0} precision={1} style={{ width: 120 }} />
              </Form.Item>
            </Space>
            <Form.Item name="notes" label={t('svcx.daily.notes')}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          </Form>
          {draft && (
            <Space wrap>
              <Button onClick={save} data-testid="daily-save">
                {t('svcx.daily.save')}
              </Button>
              <Button onClick={() => generate(true)}>{t('svcx.daily.regenerate')}</Button>
              <Button type="primary" onClick={() => run(() => apiPost('/daily-reports/{id}/submit', { version: report.version }, { params: { id: report.id } }))} data-testid="daily-submit">
                {t('svcx.daily.submit')}
              </Button>
            </Space>
          )}
          <Descriptions size="small" title={t('svcx.daily.lines')} />
          <Table
            rowKey="workOrderId"
            size="small"
            pagination={false}
            scroll={{ x: 420 }}
            dataSource={report.lines}
            columns={[
              { title: t('svcx.carry.workOrder'), dataIndex: 'number' },
              { title: t('svcx.charges.serviceType'), dataIndex: 'serviceType' },
              { title: t('svcx.daily.minutes'), dataIndex: 'minutes', render: (m: number) => hours(m) },
              { title: t('svcx.daily.km'), dataIndex: 'km' },
              { title: t('common.status'), dataIndex: 'status', render: (s: string) => t(`mobile.status.${s}`, { defaultValue: s }) },
            ]}
          />
        </Space>
      )}
    </Card>
  );
}
