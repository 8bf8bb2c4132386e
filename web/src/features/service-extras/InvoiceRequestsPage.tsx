// 開票申請 (R-SVC-10): finance's inbox of invoice requests by status; invoice one with its number
// or send it back with a reason (the work order's charges unlock).
import { useState } from 'react';
import { Alert, Button, Card, Input, Space, Table, Tabs, Tag, message } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { apiGet, apiPost } from '../../api/client';
import { useMe } from '../../app/session';
import { yuan } from '../../lib/money';
import { type InvoiceRequest } from './api';
import { errorMessage } from '../../lib/formErrors';

function Decide({ r, onDone }: { r: InvoiceRequest; onDone: (err: string | null) => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const go = async (what: 'invoice' | 'reject') => {
    try {
      if (what === 'invoice') await apiPost('/invoice-requests/{id}/invoice', { version: r.version, invoiceNo: text.trim() }, { params: { id: r.id } });
      else await apiPost('/invoice-requests/{id}/reject', { version: r.version, reason: text.trim() }, { params: { id: r.id } });
      onDone(null);
    } catch (err) {
      onDone(errorMessage(err));
    }
  };
  return (
    <Space wrap>
      <Input size="small" value={text} onChange={(e) => setText(e.target.value)} placeholder={`${t('svcx.invoices.invoiceNo')} / ${t('svcx.invoices.reason')}`} style={{ width: 180 }} data-testid={`invoice-text-${r.id}`} />
      <Button size="small" type="primary" disabled={!text.trim()} onClick={() => go('invoice')} data-testid={`invoice-do-${r.id}`}>
        {t('svcx.invoices.invoice')}
      </Button>
      <Button size="small" danger disabled={!text.trim()} onClick={() => go('reject')}>
        {t('svcx.invoices.reject')}
      </Button>
    </Space>
  );
}

export default function InvoiceRequestsPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { data: me } = useMe();
  const canDecide = (me?.roles ?? []).some((r) => r === 'admin' || r === 'finance');
  const [status, setStatus] = useState<InvoiceRequest['status']>('requested');
  const [error, setError] = useState<string | null>(null);
  const q = useQuery({ queryKey: ['svcx', 'invoices', status], queryFn: () => apiGet('/invoice-requests', { status, limit: 500 }) });
  return (
    <Card title={t('svcx.invoices.title')}>
      <Tabs activeKey={status} onChange={(k) => setStatus(k as InvoiceRequest['status'])} items={(['requested', 'invoiced', 'rejected'] as const).map((s) => ({ key: s, label: t(`svcx.invoices.${s}`) }))} />
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Table
        rowKey="id"
        size="small"
        scroll={{ x: 760 }}
        pagination={false}
        loading={q.isPending}
        dataSource={q.data?.items ?? []}
        data-testid="invoice-list"
        columns={[
          { title: t('svcx.carry.workOrder'), dataIndex: 'workOrderNumber' },
          { title: t('svcx.carry.customer'), dataIndex: 'customerName' },
          { title: t('svcx.invoices.amount'), dataIndex: 'amount', align: 'right' as const, render: (v: string) => <b>{yuan(v)}</b> },
          { title: t('svcx.invoices.requestedBy'), dataIndex: 'requestedByName' },
          { title: t('svcx.invoices.requestedAt'), dataIndex: 'requestedAt', render: (v: string) => dayjs(v).format('YYYY-MM-DD HH:mm') },
          { title: t('common.status'), render: (_: unknown, r: InvoiceRequest) => <Tag color={r.status === 'invoiced' ? 'green' : r.status === 'rejected' ? 'red' : 'orange'}>{t(`svcx.invoices.${r.status}`)}{r.invoiceNo ? ` ${r.invoiceNo}` : ''}{r.rejectReason ? ` · ${r.rejectReason}` : ''}</Tag> },
          ...(canDecide && status === 'requested'
            ? [
                {
                  title: t('common.actions'),
                  render: (_: unknown, r: InvoiceRequest) => (
                    <Decide
                      r={r}
                      onDone={(err) => {
                        setError(err);
                        if (!err) {
                          void message.success(t('svcx.carry.saved'));
                          void qc.invalidateQueries({ queryKey: ['svcx'] });
                        }
                      }}
                    />
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
