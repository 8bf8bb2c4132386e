// 产品型号: product models with their warranty terms (free years, then parts at cost; km, hours).
import { useState } from 'react';
import { Button, Card, Form, Input, InputNumber, Table } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { apiPatch, apiPost, type Res } from '../../api/client';
import { useMe } from '../../app/session';
import { SimpleFormModal } from './SimpleForm';
import { useModels } from './shared';

type Model = Res<'/product-models'>['items'][number];
type Values = { code: string; name: string; yearsFree: number; yearsPartsAtCost?: number; warrantyKm?: number; warrantyHours?: number };

export default function ModelsPage() {
  const { t } = useTranslation();
  const models = useModels();
  const { data: me } = useMe();
  const canEdit = !!me?.roles.some((r) => r === 'admin' || r === 'service_manager');
  const [editing, setEditing] = useState<Model | 'new' | null>(null);
  const req = [{ required: true, message: t('common.required') }];
  return (
    <Card title={t('service.models.title')} extra={canEdit && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>{t('service.models.new')}</Button>}>
      <Table<Model> rowKey="id" size="small" loading={models.isPending} dataSource={models.data} scroll={{ x: 700 }} pagination={{ pageSize: 50, hideOnSinglePage: true }}
        columns={[
          { title: t('service.models.code'), dataIndex: 'code' },
          { title: t('service.models.name'), dataIndex: 'name' },
          { title: t('service.models.yearsFree'), dataIndex: 'yearsFree' },
          { title: t('service.models.yearsPartsAtCost'), dataIndex: 'yearsPartsAtCost' },
          { title: t('service.models.warrantyKm'), dataIndex: 'warrantyKm', render: (v: number | null) => v ?? '—' },
          { title: t('service.models.warrantyHours'), dataIndex: 'warrantyHours', render: (v: number | null) => v ?? '—' },
          ...(canEdit ? [{ title: '', key: 'e', width: 70, render: (_: unknown, m: Model) => <Button size="small" onClick={() => setEditing(m)}>{t('service.common.edit')}</Button> }] : []),
        ]} />
      <SimpleFormModal<Values> open={editing !== null} title={editing === 'new' ? t('service.models.new') : t('service.common.edit')} onClose={() => setEditing(null)} invalidate={['product-models']}
        initial={editing && editing !== 'new' ? { code: editing.code, name: editing.name, yearsFree: editing.yearsFree, yearsPartsAtCost: editing.yearsPartsAtCost, warrantyKm: editing.warrantyKm ?? undefined, warrantyHours: editing.warrantyHours ?? undefined } : { yearsFree: 3, yearsPartsAtCost: 0 }}
        save={(v) => {
          const body = { code: v.code, name: v.name, yearsFree: v.yearsFree, yearsPartsAtCost: v.yearsPartsAtCost ?? 0, warrantyKm: v.warrantyKm ?? null, warrantyHours: v.warrantyHours ?? null };
          return editing === 'new' || !editing ? apiPost('/product-models', body) : apiPatch('/product-models/{id}', { ...body, version: editing.version }, { id: editing.id });
        }}>
        {() => (
          <>
            <Form.Item name="code" label={t('service.models.code')} rules={req}><Input maxLength={64} /></Form.Item>
            <Form.Item name="name" label={t('service.models.name')} rules={req}><Input maxLength={200} /></Form.Item>
            <Form.Item name="yearsFree" label={t('service.models.yearsFree')} rules={req}><InputNumber min={0} max={50} /></Form.Item>
            <Form.Item name="yearsPartsAtCost" label={t('service.models.yearsPartsAtCost')}><InputNumber min={0} max={50} /></Form.Item>
            <Form.Item name="warrantyKm" label={t('service.models.warrantyKm')}><InputNumber min={0} /></Form.Item>
            <Form.Item name="warrantyHours" label={t('service.models.warrantyHours')}><InputNumber min={0} /></Form.Item>
          </>
        )}
      </SimpleFormModal>
    </Card>
  );
}
