// 收費 (R-SVC-10): a work order's charges — parts consumed against it from the ledger, labour,
// travel and manual parts lines — with who pays each line, exact totals, and the invoice request
// to finance (the lines lock once requested).
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Form, Input, InputNumber, Popconfirm, Select, Space, Table, Tag, Typography, message } from 'antd';
import { DeleteOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { apiGet, apiPost } from '../../api/client';
import { yuan } from '../../lib/money';
import { send, useWorkOrderOptions, type Charges } from './api';
import { errorMessage } from '../../lib/formErrors';

type Line = Charges['lines'][number];
const PAYER_COLOR = { customer: 'blue', manufacturer: 'purple', contract: 'cyan', internal: 'default' } as const;

export default function ChargesPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [params, setParams] = useSearchParams();
  const woId = Number(params.get('workOrder')) || undefined;
  const orders = useWorkOrderOptions();
  const q = useQuery({ queryKey: ['svcx', 'charges', woId], enabled: !!woId, queryFn: () => apiGet('/work-orders/{id}/charges', { id: woId! }) });
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const c = q.data;
  const run = async (fn: () => Promise<unknown>, ok: string) => {
    setBusy(true);
    setError(null);
    try {
      await fn();
      void message.success(ok);
      await qc.invalidateQueries({ queryKey: ['svcx', 'charges', woId] });
      await qc.invalidateQueries({ queryKey: ['svcx', 'invoices'] });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  const add = async () => {
    const v = (await form.validateFields()) as { kind: Line['kind']; description?: string; qty: number; rate: string };
    await run(() => apiPost('/work-orders/{id}/charges', { kind: v.kind, description: v.description || null, qty: v.qty, rate: v.rate }, { params: { id: woId } }), t('svcx.carry.saved'));
    form.resetFields(['description', 'qty', 'rate']);
  };
  return (
    <Card title={t('svcx.charges.title')}>
      <Select
        showSearch
        optionFilterProp="label"
        placeholder={t('svcx.charges.pickWorkOrder')}
        value={woId}
        onChange={(id) => setParams(id ? { workOrder: String(id) } : {})}
        options={orders.data ?? []}
        style={{ width: '100%', maxWidth: 480, marginBottom: 16 }}
        data-testid="charges-wo"
      />
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="charges-error" />}
      {c && (
        <Space direction="vertical" style={{ width: '100%' }} size="middle">
          <Descriptions size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label={t('svcx.carry.workOrder')}>{c.workOrderNumber}</Descriptions.Item>
            <Descriptions.Item label={t('svcx.charges.serviceType')}>{t(`svcx.daily.type${c.serviceType}`)}</Descriptions.Item>
            <Descriptions.Item label={t('svcx.charges.warranty')}>{c.warranty ? t(`svcx.charges.warrantyStatus.${c.warranty.status}`, { defaultValue: c.warranty.status }) : '—'}</Descriptions.Item>
          </Descriptions>
          {c.locked && <Alert type="info" showIcon message={`${t('svcx.charges.locked')}：${t(`svcx.invoices.${c.invoiceRequest!.status}`)}${c.invoiceRequest?.invoiceNo ? ` ${c.invoiceRequest.invoiceNo}` : ''}`} data-testid="charges-locked" />}
          <Table
            rowKey={(l: Line, i) => `${l.source}-${l.id ?? l.partId}-${i}`}
            size="small"
            pagination={false}
            scroll={{ x: 760 }}
            dataSource={c.lines}
            data-testid="charges-lines"
            columns={[
              { title: t('svcx.charges.kind'), render: (_: unknown, l: Line) => <Space size={4}>{t(`svcx.charges.${l.kind}`)}{l.source === 'ledger' && <Tag>{t('svcx.charges.ledger')}</Tag>}</Space> },
              { title: t('svcx.charges.description'), render: (_: unknown, l: Line) => (l.partCode ? `${l.partCode} ${l.description}` : l.description) },
              { title: t('common.qty'), dataIndex: 'qty', align: 'right' as const },
              { title: t('svcx.charges.rate'), dataIndex: 'rate', align: 'right' as const, render: yuan },
              { title: t('svcx.charges.list'), dataIndex: 'listAmount', align: 'right' as const, render: yuan },
              { title: t('svcx.charges.cost'), dataIndex: 'cost', align: 'right' as const, render: yuan },
              { title: t('svcx.charges.payer'), dataIndex: 'payer', render: (p: Line['payer']) => <Tag color={PAYER_COLOR[p]}>{t(`svcx.charges.${p}`)}</Tag> },
              { title: t('svcx.charges.charged'), dataIndex: 'charged', align: 'right' as const, render: (v: string) => <b>{yuan(v)}</b> },
              {
                title: '',
                render: (_: unknown, l: Line) =>
                  l.source === 'manual' && !c.locked ? (
                    <Popconfirm title={t('common.removeLine')} onConfirm={() => run(() => send('DELETE', `/work-orders/${c.workOrderId}/charges/${l.id}`), t('svcx.carry.saved'))}>
                      <Button size="small" type="text" icon={<DeleteOutlined />} aria-label={t('common.removeLine')} />
                    </Popconfirm>
                  ) : null,
              },
            ]}
            summary={() => (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0} colSpan={4}>
                  {t('svcx.charges.totals')}
                </Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right">{yuan(c.totals.list)}</Table.Summary.Cell>
                <Table.Summary.Cell index={5} align="right">{yuan(c.totals.cost)}</Table.Summary.Cell>
                <Table.Summary.Cell index={6} />
                <Table.Summary.Cell index={7} align="right">
                  <Typography.Text strong data-testid="charges-total">
                    {yuan(c.totals.charged)}
                  </Typography.Text>
                </Table.Summary.Cell>
                <Table.Summary.Cell index={8} />
              </Table.Summary.Row>
            )}
          />
          {!c.locked && (
            <Form form={form} layout="inline" initialValues={{ kind: 'labour' }} style={{ rowGap: 8 }}>
              <Form.Item name="kind">
                <Select style={{ width: 100 }} options={(['labour', 'travel', 'parts'] as const).map((k) => ({ value: k, label: t(`svcx.charges.${k}`) }))} data-testid="charge-kind" />
              </Form.Item>
              <Form.Item name="description">
                <Input placeholder={t('svcx.charges.description')} maxLength={200} style={{ width: 160 }} />
              </Form.Item>
              <Form.Item name="qty" rules={[{ required: true, message: t('common.required') }]}>
                <InputNumber placeholder={t('svcx.charges.qty')} min={0.001} step={0.5} style={{ width: 170 }} data-testid="charge-qty" />
              </Form.Item>
              <Form.Item name="rate" rules={[{ required: true, message: t('common.required') }, { pattern: /^\d{1,12}(\.\d{1,2})?$/, message: t('receipt.costFormat') }]}>
                <Input placeholder={t('svcx.charges.rate')} prefix="¥" style={{ width: 130 }} data-testid="charge-rate" />
              </Form.Item>
              <Button onClick={add} loading={busy} data-testid="charge-add">
                {t('svcx.charges.add')}
              </Button>
            </Form>
          )}
          {!c.locked && (
            <Button type="primary" loading={busy} data-testid="invoice-request" onClick={() => run(() => apiPost('/work-orders/{id}/invoice-requests', {}, { params: { id: c.workOrderId } }), t('svcx.charges.requested'))}>
              {t('svcx.charges.requestInvoice')}（{yuan(c.totals.charged)}）
            </Button>
          )}
        </Space>
      )}
    </Card>
  );
}
