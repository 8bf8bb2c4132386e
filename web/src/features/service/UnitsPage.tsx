// 设备: installed units (serial/VIN, model, customer, sale and acceptance dates, dealer) with a
// form, and each unit's service history (服務憑證): every visit, its events, parts and report.
import { useState } from 'react';
import { Button, Card, Collapse, DatePicker, Descriptions, Empty, Form, Input, Select, Space, Table, Timeline, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Dayjs } from 'dayjs';
import { apiGet, apiPost, type Res } from '../../api/client';
import { qty, useStores } from '../../lib/lookups';
import { SimpleFormModal } from './SimpleForm';
import { fmt, SlaTag, StatusTag, useModels, useSites } from './shared';
import { CustomerSelect, useCustomersById } from './CustomerSelect';

type Unit = Res<'/units'>['items'][number];
type Values = { serial: string; modelId: number; customerId: number; siteId?: number; saleDate?: Dayjs; acceptanceDate?: Dayjs; dealerStationId?: number };

function SiteField({ customerId }: { customerId?: number }) {
  const { t } = useTranslation();
  const sites = useSites(customerId);
  return (
    <Form.Item name="siteId" label={t('service.common.site')}>
      <Select allowClear options={sites.data?.map((s) => ({ value: s.id, label: s.name }))} />
    </Form.Item>
  );
}

export default function UnitsPage() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const list = useQuery({ queryKey: ['units', 'list', q], queryFn: async () => (await apiGet('/units', { q: q || undefined, limit: 200 })).items });
  const customers = useCustomersById(list.data?.map((u) => u.customerId) ?? []);
  const models = useModels();
  const stations = useStores();
  const [creating, setCreating] = useState(false);
  const cName = new Map([...customers].map(([id, c]) => [id, c.name]));
  const mName = new Map(models.data?.map((m) => [m.id, `${m.code} ${m.name}`]));
  const req = [{ required: true, message: t('common.required') }];
  return (
    <Card title={t('service.units.title')} extra={<Space wrap><Input.Search allowClear onSearch={setQ} style={{ width: 200 }} /><Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>{t('service.units.new')}</Button></Space>}>
      <Table<Unit> rowKey="id" size="small" loading={list.isPending} dataSource={list.data} scroll={{ x: 700 }} pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: t('service.units.serial'), dataIndex: 'serial', render: (v: string, u) => <Link to={`/service/units/${u.id}`}>{v}</Link> },
          { title: t('service.units.model'), dataIndex: 'modelId', render: (v: number) => mName.get(v) ?? v },
          { title: t('service.common.customer'), dataIndex: 'customerId', render: (v: number) => cName.get(v) ?? v },
          { title: t('service.units.saleDate'), dataIndex: 'saleDate' },
          { title: t('service.units.acceptanceDate'), dataIndex: 'acceptanceDate' },
        ]} />
      <SimpleFormModal<Values> open={creating} title={t('service.units.new')} onClose={() => setCreating(false)} invalidate={['units']}
        save={(v) => apiPost('/units', { serial: v.serial, modelId: v.modelId, customerId: v.customerId, siteId: v.siteId ?? null, saleDate: v.saleDate?.format('YYYY-MM-DD') ?? null, acceptanceDate: v.acceptanceDate?.format('YYYY-MM-DD') ?? null, dealerStationId: v.dealerStationId ?? null })}>
        {(form) => (
          <>
            <Form.Item name="serial" label={t('service.units.serial')} rules={req}><Input maxLength={64} /></Form.Item>
            <Form.Item name="modelId" label={t('service.units.model')} rules={req}><Select showSearch={{ optionFilterProp: 'label' }} options={models.data?.map((m) => ({ value: m.id, label: `${m.code} ${m.name}` }))} /></Form.Item>
            <Form.Item name="customerId" label={t('service.common.customer')} rules={req}><CustomerSelect /></Form.Item>
            <Form.Item noStyle shouldUpdate>{() => <SiteField customerId={form.getFieldValue('customerId')} />}</Form.Item>
            <Space wrap>
              <Form.Item name="saleDate" label={t('service.units.saleDate')}><DatePicker /></Form.Item>
              <Form.Item name="acceptanceDate" label={t('service.units.acceptanceDate')}><DatePicker /></Form.Item>
            </Space>
            <Form.Item name="dealerStationId" label={t('service.units.dealer')}><Select allowClear options={stations.data?.filter((l) => l.kind === 'station').map((l) => ({ value: l.id, label: l.name }))} /></Form.Item>
          </>
        )}
      </SimpleFormModal>
    </Card>
  );
}

/** 服務憑證: the unit's work orders, newest first, each with its timeline, parts and report. */
export function UnitHistoryPage() {
  const { t } = useTranslation();
  const id = Number(useParams().id);
  const h = useQuery({ queryKey: ['unit-history', id], queryFn: () => apiGet('/units/{id}/history', { id }) });
  if (!h.data) return <Card loading={h.isPending} />;
  const { unit, model, customer, workOrders } = h.data;
  return (
    <Card title={`${t('service.units.history')} · ${unit.serial}`} extra={<Link to="/service/units">{t('service.detail.back')}</Link>}>
      <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('service.units.model')}>{model.code} {model.name}</Descriptions.Item>
        <Descriptions.Item label={t('service.common.customer')}>{customer.name}</Descriptions.Item>
        <Descriptions.Item label={t('service.units.saleDate')}>{unit.saleDate ?? '—'}</Descriptions.Item>
      </Descriptions>
      {workOrders.length === 0 ? (
        <Empty description={t('service.units.noOrders')} />
      ) : (
        <Collapse
          data-testid="unit-history"
          defaultActiveKey={workOrders.slice(0, 1).map((w) => w.id)}
          items={workOrders.map((w) => ({
            key: w.id,
            label: (
              <Space wrap>
                <Link to={`/service/work-orders/${w.id}`}>{w.number}</Link>
                <StatusTag status={w.status} />
                <span>{fmt(w.createdAt)}</span>
                <Typography.Text ellipsis style={{ maxWidth: 260 }}>{w.fault}</Typography.Text>
                <SlaTag light={w.sla.status} />
              </Space>
            ),
            children: (
              <Space direction="vertical" style={{ width: '100%' }}>
                <div>{t('service.wo.team')}：{w.technicians.map((m) => `${m.displayName}${m.inCharge ? `（${t('service.detail.inCharge')}）` : ''}`).join('、') || '—'}</div>
                <Timeline items={w.events.map((e) => ({ key: e.id, children: `${fmt(e.at)} ${e.to ? t(`service.status.${e.to}`) : t(`service.detail.action.${e.action}`, { defaultValue: e.action })} · ${e.actorName ?? '—'}${e.note ? ` · ${e.note}` : ''}` }))} />
                {w.parts.length > 0 && (
                  <Table size="small" rowKey="moveId" pagination={false} dataSource={w.parts} scroll={{ x: 500 }} columns={[
                    { title: t('service.units.parts'), key: 'p', render: (_, p) => `${p.partCode} ${p.partName}` },
                    { title: t('common.qty'), dataIndex: 'qty', render: (v: number) => qty(v) },
                    { title: t('common.kind'), dataIndex: 'kind', render: (v: string) => t(`move.${v}`, { defaultValue: v }) },
                    { title: t('common.document'), dataIndex: 'documentNumber' },
                    { title: t('common.time'), dataIndex: 'postedAt', render: fmt },
                  ]} />
                )}
                {w.charges.lines > 0 && <div>{t('service.units.charges')}：{w.charges.charged}{w.charges.invoiceStatus ? ` · ${w.charges.invoiceStatus}` : ''}</div>}
                {w.report && <div>{t('service.units.report')}：{w.report.status} {w.report.cause ?? ''} {w.report.actions ?? ''} {w.report.signerName ? `· ${w.report.signerName} ${fmt(w.report.signedAt)}` : ''}</div>}
              </Space>
            ),
          }))}
        />
      )}
    </Card>
  );
}
