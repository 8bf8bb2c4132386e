// 报修 → 工单: the new work order form (customer, site, unit, type A–D, category, priority,
// fault), prefilled when opened from a call. Posts once per attempt (Idempotency-Key).
import { useEffect, useState } from 'react';
import { Alert, Col, Form, Input, Modal, Row, Select } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiPost, newIdempotencyKey, type Res } from '../../api/client';
import { useFormSubmit } from '../../lib/formSubmit';
import { CATEGORIES, useSites, useUnits } from './shared';
import { CustomerSelect } from './CustomerSelect';

export type NewWorkOrderPrefill = { callId?: number; customerId?: number | null; unitId?: number | null; fault?: string };
type Values = { customerId?: number; siteId?: number; unitId?: number; serviceType?: 'A' | 'B' | 'C' | 'D'; category?: string; priority?: 'low' | 'normal' | 'high' | 'urgent'; fault?: string };

export function NewWorkOrderModal({ open, prefill, onClose, onCreated }: { open: boolean; prefill?: NewWorkOrderPrefill; onClose: () => void; onCreated: (wo: Res<'/work-orders', 'post'>) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const customerId = Form.useWatch('customerId', form);
  const sites = useSites(customerId);
  const units = useUnits(customerId);
  const [key, setKey] = useState(newIdempotencyKey);
  const { submit, busy, error, setError } = useFormSubmit(form, async (v) => {
    const wo = await apiPost('/work-orders', { customerId: v.customerId!, siteId: v.siteId ?? null, unitId: v.unitId ?? null, callId: prefill?.callId ?? null, serviceType: v.serviceType!, category: v.category!, priority: v.priority, fault: v.fault! }, { idempotencyKey: key });
    void qc.invalidateQueries({ queryKey: ['work-orders'] });
    void qc.invalidateQueries({ queryKey: ['calls'] });
    void qc.invalidateQueries({ queryKey: ['board'] });
    onCreated(wo);
  });

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ serviceType: 'C', priority: 'normal', category: 'engine', customerId: prefill?.customerId ?? undefined, unitId: prefill?.unitId ?? undefined, fault: prefill?.fault });
    setError(null);
    setKey(newIdempotencyKey());
  }, [open, prefill, form]);

  const req = [{ required: true, message: t('common.required') }];
  return (
    <Modal open={open} title={prefill?.callId ? `${t('service.wo.new')} · ${t('service.wo.fromCall', { id: prefill.callId })}` : t('service.wo.new')} onCancel={onClose} onOk={() => void submit()} confirmLoading={busy} okText={t('service.common.save')} cancelText={t('service.common.cancel')} okButtonProps={{ 'data-testid': 'wo-save' } as never} width={640} destroyOnHidden>
      <Form form={form} layout="vertical" data-testid="wo-form">
        <Form.Item name="customerId" label={t('service.common.customer')} rules={req}>
          <CustomerSelect onChange={() => form.setFieldsValue({ siteId: undefined, unitId: undefined })} data-testid="wo-customer" />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="siteId" label={t('service.common.site')}>
              <Select allowClear options={sites.data?.map((s) => ({ value: s.id, label: s.name }))} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="unitId" label={t('service.common.unit')}>
              <Select allowClear showSearch={{ optionFilterProp: 'label' }} options={units.data?.map((u) => ({ value: u.id, label: u.serial }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="serviceType" label={t('service.wo.type')} rules={req}>
              <Select options={(['A', 'B', 'C', 'D'] as const).map((x) => ({ value: x, label: t(`service.type.${x}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="category" label={t('service.wo.category')} rules={req}>
              <Select options={CATEGORIES.map((c) => ({ value: c, label: t(`service.wo.categories.${c}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={12} md={8}>
            <Form.Item name="priority" label={t('service.wo.priority')}>
              <Select options={(['low', 'normal', 'high', 'urgent'] as const).map((x) => ({ value: x, label: t(`service.priority.${x}`) }))} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="fault" label={t('service.wo.fault')} rules={req}>
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        {error && <Alert type="error" showIcon message={error} data-testid="wo-error" />}
      </Form>
    </Modal>
  );
}
