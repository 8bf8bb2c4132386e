// 客户: customers with their sites (address + coordinates) and contacts; simple forms.
import { useState } from 'react';
import { Button, Card, Checkbox, Form, Input, InputNumber, Select, Space, Table, Tag, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiGet, apiPatch, apiPost, type Res } from '../../api/client';
import { useStores } from '../../lib/lookups';
import { SimpleFormModal } from './SimpleForm';

type Customer = Res<'/customers'>['items'][number];
type CustomerValues = { code: string; name: string; phone?: string; address?: string; contract?: boolean; stationId?: number };
type SiteValues = { name: string; address?: string; latitude?: number; longitude?: number };
type ContactValues = { name: string; phone?: string; email?: string; title?: string };

function CustomerExtras({ c }: { c: Customer }) {
  const { t } = useTranslation();
  const sites = useQuery({ queryKey: ['sites', c.id], queryFn: async () => (await apiGet('/sites', { customerId: c.id, limit: 500 })).items });
  const contacts = useQuery({ queryKey: ['contacts', c.id], queryFn: async () => (await apiGet('/contacts', { customerId: c.id, limit: 500 })).items });
  const [dialog, setDialog] = useState<null | 'site' | 'contact'>(null);
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text strong>{t('service.customers.sites')}</Typography.Text>
      <Table size="small" rowKey="id" pagination={false} dataSource={sites.data} columns={[
        { title: t('service.customers.name'), dataIndex: 'name' },
        { title: t('service.customers.address'), dataIndex: 'address' },
        { title: `${t('service.customers.latitude')}, ${t('service.customers.longitude')}`, key: 'geo', render: (_, s) => (s.latitude === null ? '—' : `${s.latitude}, ${s.longitude}`) },
      ]} />
      <Button size="small" icon={<PlusOutlined />} onClick={() => setDialog('site')}>{t('service.customers.newSite')}</Button>
      <Typography.Text strong>{t('service.customers.contacts')}</Typography.Text>
      <Table size="small" rowKey="id" pagination={false} dataSource={contacts.data} columns={[
        { title: t('service.customers.name'), dataIndex: 'name' },
        { title: t('service.customers.jobTitle'), dataIndex: 'title' },
        { title: t('service.customers.phone'), dataIndex: 'phone' },
        { title: t('service.customers.email'), dataIndex: 'email' },
      ]} />
      <Button size="small" icon={<PlusOutlined />} onClick={() => setDialog('contact')}>{t('service.customers.newContact')}</Button>
      <SimpleFormModal<SiteValues> open={dialog === 'site'} title={t('service.customers.newSite')} onClose={() => setDialog(null)} invalidate={['sites']}
        save={(v) => apiPost('/sites', { customerId: c.id, name: v.name, address: v.address || null, latitude: v.latitude ?? null, longitude: v.longitude ?? null })}>
        {() => (
          <>
            <Form.Item name="name" label={t('service.customers.name')} rules={[{ required: true, message: t('common.required') }]}><Input maxLength={200} /></Form.Item>
            <Form.Item name="address" label={t('service.customers.address')}><Input maxLength={300} /></Form.Item>
            <Space><Form.Item name="latitude" label={t('service.customers.latitude')}><InputNumber min={-90} max={90} /></Form.Item><Form.Item name="longitude" label={t('service.customers.longitude')}><InputNumber min={-180} max={180} /></Form.Item></Space>
          </>
        )}
      </SimpleFormModal>
      <SimpleFormModal<ContactValues> open={dialog === 'contact'} title={t('service.customers.newContact')} onClose={() => setDialog(null)} invalidate={['contacts']}
        save={(v) => apiPost('/contacts', { customerId: c.id, name: v.name, phone: v.phone || null, email: v.email || null, title: v.title || null })}>
        {() => (
          <>
            <Form.Item name="name" label={t('service.customers.name')} rules={[{ required: true, message: t('common.required') }]}><Input maxLength={100} /></Form.Item>
            <Form.Item name="title" label={t('service.customers.jobTitle')}><Input maxLength={100} /></Form.Item>
            <Form.Item name="phone" label={t('service.customers.phone')}><Input maxLength={50} /></Form.Item>
            <Form.Item name="email" label={t('service.customers.email')}><Input maxLength={200} /></Form.Item>
          </>
        )}
      </SimpleFormModal>
    </Space>
  );
}

export default function CustomersPage() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const stations = useStores();
  const list = useQuery({ queryKey: ['customers', 'list', q], queryFn: async () => (await apiGet('/customers', { q: q || undefined, limit: 200 })).items });
  const [editing, setEditing] = useState<Customer | 'new' | null>(null);
  const stationName = new Map(stations.data?.map((s) => [s.id, s.name]));
  const req = [{ required: true, message: t('common.required') }];
  return (
    <Card title={t('service.customers.title')} extra={<Space wrap><Input.Search allowClear onSearch={setQ} style={{ width: 200 }} /><Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>{t('service.customers.new')}</Button></Space>}>
      <Table<Customer> rowKey="id" size="small" loading={list.isPending} dataSource={list.data} scroll={{ x: 700 }} pagination={{ pageSize: 50, hideOnSinglePage: true }}
        expandable={{ expandedRowRender: (c) => <CustomerExtras c={c} /> }}
        columns={[
          { title: t('service.customers.code'), dataIndex: 'code', width: 110 },
          { title: t('service.customers.name'), dataIndex: 'name', render: (v: string, c) => <Space>{v}{c.contract && <Tag color="gold">{t('service.customers.contract')}</Tag>}</Space> },
          { title: t('service.customers.phone'), dataIndex: 'phone' },
          { title: t('service.common.station'), dataIndex: 'stationId', render: (v: number | null) => (v ? stationName.get(v) : '—') },
          { title: '', key: 'e', width: 70, render: (_, c) => <Button size="small" onClick={() => setEditing(c)}>{t('service.common.edit')}</Button> },
        ]} />
      <SimpleFormModal<CustomerValues> open={editing !== null} title={editing === 'new' ? t('service.customers.new') : t('service.common.edit')} onClose={() => setEditing(null)} invalidate={['customers']}
        initial={editing && editing !== 'new' ? { code: editing.code, name: editing.name, phone: editing.phone ?? undefined, address: editing.address ?? undefined, contract: editing.contract, stationId: editing.stationId ?? undefined } : undefined}
        save={(v) => {
          const body = { code: v.code, name: v.name, phone: v.phone || null, address: v.address || null, contract: !!v.contract, stationId: v.stationId ?? null };
          return editing === 'new' || !editing ? apiPost('/customers', body) : apiPatch('/customers/{id}', { ...body, version: editing.version }, { id: editing.id });
        }}>
        {() => (
          <>
            <Form.Item name="code" label={t('service.customers.code')} rules={req}><Input maxLength={64} /></Form.Item>
            <Form.Item name="name" label={t('service.customers.name')} rules={req}><Input maxLength={200} /></Form.Item>
            <Form.Item name="phone" label={t('service.customers.phone')}><Input maxLength={50} /></Form.Item>
            <Form.Item name="address" label={t('service.customers.address')}><Input maxLength={300} /></Form.Item>
            <Form.Item name="stationId" label={t('service.common.station')}><Select allowClear options={stations.data?.filter((l) => l.kind === 'station').map((l) => ({ value: l.id, label: l.name }))} /></Form.Item>
            <Form.Item name="contract" valuePropName="checked"><Checkbox>{t('service.customers.contract')}</Checkbox></Form.Item>
          </>
        )}
      </SimpleFormModal>
    </Card>
  );
}
