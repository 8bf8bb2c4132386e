// 備機 (R-SVC-9): the loaner pool with its status, lending one against a work order until a day,
// taking it back (optionally to maintenance), and the overdue list.
import { useState } from 'react';
import { Alert, Button, Card, DatePicker, Form, Input, Modal, Select, Space, Switch, Table, Tabs, Tag, message } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { apiGet, apiPatch, apiPost } from '../../api/client';
import { useWorkOrderOptions, type Loan, type Loaner } from './api';
import { errorMessage } from '../../lib/formErrors';

const COLOR = { available: 'green', lent: 'blue', maintenance: 'orange' } as const;

export default function LoanersPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const pool = useQuery({ queryKey: ['svcx', 'loaners'], queryFn: () => apiGet('/loaners', { limit: 500 }) });
  const overdue = useQuery({ queryKey: ['svcx', 'loans', 'overdue'], queryFn: () => apiGet('/loaner-loans', { overdue: true, limit: 500 }) });
  const orders = useWorkOrderOptions();
  const [adding, setAdding] = useState(false);
  const [lending, setLending] = useState<Loaner | null>(null);
  const [returning, setReturning] = useState<Loaner | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [addForm] = Form.useForm();
  const [lendForm] = Form.useForm();
  const [retForm] = Form.useForm();
  const refresh = () => qc.invalidateQueries({ queryKey: ['svcx'] });
  const run = async (fn: () => Promise<unknown>, done: () => void) => {
    setError(null);
    try {
      await fn();
      done();
      void message.success(t('svcx.carry.saved'));
      await refresh();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const columns = [
    { title: t('svcx.loaners.serial'), dataIndex: 'serial' },
    { title: t('svcx.loaners.model'), dataIndex: 'model' },
    { title: t('common.status'), dataIndex: 'status', render: (s: Loaner['status']) => <Tag color={COLOR[s]}>{t(`svcx.loaners.${s}`)}</Tag> },
    {
      title: t('svcx.loaners.lentTo'),
      render: (_: unknown, r: Loaner) =>
        r.currentLoan ? (
          <span>
            {r.currentLoan.customerName} · {r.currentLoan.workOrderNumber} · {t('svcx.loaners.dueBack')} {r.currentLoan.dueBack} {r.currentLoan.overdue && <Tag color="red">{t('svcx.loaners.overdue')}</Tag>}
          </span>
        ) : (
          '—'
        ),
    },
    {
      title: t('common.actions'),
      render: (_: unknown, r: Loaner) => (
        <Space wrap>
          {r.status === 'available' && (
            <Button size="small" type="primary" onClick={() => setLending(r)} data-testid={`lend-${r.serial}`}>
              {t('svcx.loaners.lend')}
            </Button>
          )}
          {r.status === 'lent' && (
            <Button size="small" onClick={() => setReturning(r)} data-testid={`return-${r.serial}`}>
              {t('svcx.loaners.return')}
            </Button>
          )}
          {r.status !== 'lent' && (
            <Button size="small" onClick={() => run(() => apiPatch('/loaners/{id}', { version: r.version, status: r.status === 'available' ? 'maintenance' : 'available' }, { id: r.id }), () => {})}>
              {t(r.status === 'available' ? 'svcx.loaners.setMaintenance' : 'svcx.loaners.setAvailable')}
            </Button>
          )}
        </Space>
      ),
    },
  ];
  return (
    <Card
      title={t('svcx.loaners.title')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="loaner-add">
          {t('svcx.loaners.add')}
        </Button>
      }
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} closable onClose={() => setError(null)} />}
      <Tabs
        items={[
          { key: 'pool', label: t('svcx.loaners.pool'), children: <Table rowKey="id" size="small" scroll={{ x: 640 }} pagination={false} loading={pool.isPending} dataSource={pool.data?.items ?? []} columns={columns} /> },
          {
            key: 'overdue',
            label: `${t('svcx.loaners.overdueList')} (${overdue.data?.items.length ?? 0})`,
            children: (
              <Table
                rowKey="id"
                size="small"
                scroll={{ x: 600 }}
                pagination={false}
                dataSource={overdue.data?.items ?? []}
                columns={[
                  { title: t('svcx.loaners.serial'), dataIndex: 'serial' },
                  { title: t('svcx.loaners.workOrder'), dataIndex: 'workOrderNumber' },
                  { title: t('svcx.carry.customer'), dataIndex: 'customerName' },
                  { title: t('svcx.loaners.dueBack'), dataIndex: 'dueBack', render: (d: string) => <Tag color="red">{d}</Tag> },
                  { title: t('svcx.loaners.lentAt'), dataIndex: 'lentAt', render: (v: Loan['lentAt']) => dayjs(v).format('YYYY-MM-DD') },
                ]}
              />
            ),
          },
        ]}
      />
      <Modal open={adding} title={t('svcx.loaners.add')} onCancel={() => setAdding(false)} onOk={async () => { const v = await addForm.validateFields(); await run(() => apiPost('/loaners', { serial: v.serial, model: v.model, note: v.note || null }), () => { setAdding(false); addForm.resetFields(); }); }} destroyOnHidden>
        <Form form={addForm} layout="vertical">
          <Form.Item name="serial" label={t('svcx.loaners.serial')} rules={[{ required: true, message: t('common.required') }]}>
            <Input maxLength={64} />
          </Form.Item>
          <Form.Item name="model" label={t('svcx.loaners.model')} rules={[{ required: true, message: t('common.required') }]}>
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item name="note" label={t('svcx.loaners.note')}>
            <Input maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={lending !== null}
        title={`${t('svcx.loaners.lend')} ${lending?.serial ?? ''}`}
        onCancel={() => setLending(null)}
        onOk={async () => {
          const v = (await lendForm.validateFields()) as { workOrderId: number; dueBack: Dayjs; note?: string };
          await run(() => apiPost('/loaners/{id}/lend', { version: lending!.version, workOrderId: v.workOrderId, dueBack: v.dueBack.format('YYYY-MM-DD'), note: v.note || null }, { params: { id: lending!.id } }), () => { setLending(null); lendForm.resetFields(); });
        }}
        destroyOnHidden
      >
        <Form form={lendForm} layout="vertical" initialValues={{ dueBack: dayjs().add(3, 'day') }}>
          <Form.Item name="workOrderId" label={t('svcx.loaners.workOrder')} rules={[{ required: true, message: t('common.required') }]}>
            <Select showSearch optionFilterProp="label" options={orders.data ?? []} />
          </Form.Item>
          <Form.Item name="dueBack" label={t('svcx.loaners.dueBack')} rules={[{ required: true, message: t('common.required') }]}>
            <DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
          </Form.Item>
          <Form.Item name="note" label={t('svcx.loaners.note')}>
            <Input maxLength={500} />
          </Form.Item>
        </Form>
      </Modal>
      <Modal
        open={returning !== null}
        title={`${t('svcx.loaners.return')} ${returning?.serial ?? ''}`}
        onCancel={() => setReturning(null)}
        onOk={async () => {
          const v = retForm.getFieldsValue() as { note?: string; toMaintenance?: boolean };
          await run(() => apiPost('/loaners/{id}/return', { version: returning!.version, note: v.note || null, toMaintenance: !!v.toMaintenance }, { params: { id: returning!.id } }), () => { setReturning(null); retForm.resetFields(); });
        }}
        destroyOnHidden
      >
        <Form form={retForm} layout="vertical">
          <Form.Item name="note" label={t('svcx.loaners.note')}>
            <Input maxLength={500} />
          </Form.Item>
          <Form.Item name="toMaintenance" label={t('svcx.loaners.toMaintenance')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
    </Card>
  );
}
