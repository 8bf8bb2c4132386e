// 来电来函: the calls and letters log in time order (channel, caller, summary, reply, status), a
// form to log one, and "open a service request" from a call (a prefilled work order form).
import { useState } from 'react';
import { Alert, Button, Card, Col, Form, Input, Modal, Row, Select, Space, Table, Tag } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { apiGet, apiPost, newIdempotencyKey, type Res } from '../../api/client';
import { useFormSubmit } from '../../lib/formSubmit';
import { fmt } from './shared';
import { CustomerSelect, useCustomersById } from './CustomerSelect';
import { NewWorkOrderModal, type NewWorkOrderPrefill } from './NewWorkOrderModal';

type Call = Res<'/calls'>['items'][number];
type Values = { channel: 'phone' | 'letter' | 'email' | 'web' | 'visit'; caller: string; callerPhone?: string; customerId?: number; summary: string; reply?: string };
const CALL_COLOR: Record<string, string> = { open: 'orange', answered: 'blue', closed: 'default' };

export default function CallsPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const nav = useNavigate();
  const [status, setStatus] = useState<string>('');
  const calls = useQuery({ queryKey: ['calls', status], queryFn: async () => (await apiGet('/calls', { status: (status || undefined) as never, limit: 200 })).items });
  const customers = useCustomersById(calls.data?.map((c) => c.customerId) ?? []);
  const name = new Map([...customers].map(([id, c]) => [id, c.name]));
  const [logOpen, setLogOpen] = useState(false);
  const [prefill, setPrefill] = useState<NewWorkOrderPrefill | undefined>();
  const [form] = Form.useForm<Values>();
  const { submit: log, busy, error } = useFormSubmit(form, async (v) => {
    await apiPost('/calls', { channel: v.channel, caller: v.caller, callerPhone: v.callerPhone || null, customerId: v.customerId ?? null, summary: v.summary, reply: v.reply || null }, { idempotencyKey: newIdempotencyKey() });
    setLogOpen(false);
    form.resetFields();
    void qc.invalidateQueries({ queryKey: ['calls'] });
  });

  const req = [{ required: true, message: t('common.required') }];
  return (
    <Card
      title={t('service.calls.title')}
      extra={
        <Space wrap>
          <Select value={status} onChange={setStatus} style={{ width: 120 }} options={[{ value: '', label: t('service.common.all') }, ...['open', 'answered', 'closed'].map((s) => ({ value: s, label: t(`service.callStatus.${s}`) }))]} />
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setLogOpen(true)} data-testid="call-new">
            {t('service.calls.new')}
          </Button>
        </Space>
      }
    >
      <Table<Call>
        rowKey="id"
        size="small"
        loading={calls.isPending}
        dataSource={calls.data}
        scroll={{ x: 900 }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        data-testid="calls-table"
        columns={[
          { title: t('service.calls.receivedAt'), dataIndex: 'receivedAt', width: 110, render: (v: string) => fmt(v) },
          { title: t('service.calls.channel'), dataIndex: 'channel', width: 70, render: (v: string) => t(`service.channel.${v}`, { defaultValue: v }) },
          { title: t('service.calls.caller'), key: 'caller', width: 160, render: (_, c) => [c.caller, c.callerPhone, c.customerId ? name.get(c.customerId) : null].filter(Boolean).join(' · ') },
          { title: t('service.calls.summary'), dataIndex: 'summary' },
          { title: t('service.calls.reply'), dataIndex: 'reply', render: (v: string | null) => v ?? '—' },
          { title: t('service.calls.status'), dataIndex: 'status', width: 80, render: (v: string) => <Tag color={CALL_COLOR[v]}>{t(`service.callStatus.${v}`, { defaultValue: v })}</Tag> },
          {
            title: t('service.calls.workOrder'),
            key: 'wo',
            width: 130,
            render: (_, c) =>
              c.workOrderId ? (
                <Link to={`/service/work-orders/${c.workOrderId}`}>#{c.workOrderId}</Link>
              ) : (
                <Button size="small" onClick={() => setPrefill({ callId: c.id, customerId: c.customerId, unitId: c.unitId, fault: c.summary })} data-testid={`call-open-request-${c.id}`}>
                  {t('service.calls.openRequest')}
                </Button>
              ),
          },
        ]}
      />
      <Modal open={logOpen} title={t('service.calls.new')} onCancel={() => setLogOpen(false)} onOk={() => void log()} confirmLoading={busy} okText={t('service.common.save')} cancelText={t('service.common.cancel')} okButtonProps={{ 'data-testid': 'call-save' } as never} destroyOnHidden>
        <Form form={form} layout="vertical" initialValues={{ channel: 'phone' }} data-testid="call-form">
          <Row gutter={12}>
            <Col xs={24} md={8}>
              <Form.Item name="channel" label={t('service.calls.channel')} rules={req}>
                <Select options={['phone', 'letter', 'email', 'web', 'visit'].map((c) => ({ value: c, label: t(`service.channel.${c}`) }))} />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item name="caller" label={t('service.calls.caller')} rules={req}>
                <Input maxLength={100} />
              </Form.Item>
            </Col>
            <Col xs={12} md={8}>
              <Form.Item name="callerPhone" label={t('service.calls.callerPhone')}>
                <Input maxLength={50} />
              </Form.Item>
            </Col>
          </Row>
          <Form.Item name="customerId" label={t('service.common.customer')}>
            <CustomerSelect allowClear />
          </Form.Item>
          <Form.Item name="summary" label={t('service.calls.summary')} rules={req}>
            <Input.TextArea rows={3} maxLength={2000} />
          </Form.Item>
          <Form.Item name="reply" label={t('service.calls.reply')}>
            <Input.TextArea rows={2} maxLength={2000} />
          </Form.Item>
          {error && <Alert type="error" showIcon message={error} />}
        </Form>
      </Modal>
      <NewWorkOrderModal open={!!prefill} prefill={prefill} onClose={() => setPrefill(undefined)} onCreated={(wo) => nav(`/service/work-orders/${wo.id}`)} />
    </Card>
  );
}
