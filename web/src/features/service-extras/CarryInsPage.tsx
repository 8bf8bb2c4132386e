// 攜回修護 (R-SVC-8): the list of carry-in repairs, receiving a new one (the customer's receipt
// number comes back and prints at once), and the detail with the step buttons: start repair,
// repair tag, the supervisor's inspection, the return against the customer's signature.
import { useState } from 'react';
import { Alert, Button, Card, Descriptions, Drawer, Form, Input, InputNumber, Modal, Select, Space, Steps, Table, Tag, Timeline, Typography, message } from 'antd';
import { PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { apiGet, apiPost, apiUrl } from '../../api/client';
import { useMe } from '../../app/session';
import { useTechnicians } from '../../lib/lookups';
import { SignaturePad } from '../mobile/SignaturePad';
import type { Res } from '../../api/client';
import { send, useWorkOrderOptions, type CarryIn } from './api';
import { CustomerSelect } from '../service/CustomerSelect';
import { errorMessage } from '../../lib/formErrors';
import { useFormSubmit } from '../../lib/formSubmit';

type Row = Res<'/carry-ins'>['items'][number];

const STEP_INDEX = { received: 0, in_repair: 1, inspected: 2, returned: 3 } as const;
const STATUS_COLOR = { received: 'blue', in_repair: 'orange', inspected: 'green', returned: 'default' } as const;

function NewCarryIn({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (c: CarryIn) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm();
  const orders = useWorkOrderOptions();
  const { submit, busy, error } = useFormSubmit(form, async (v) => {
    const c = await apiPost('/carry-ins', { customerId: v.customerId ?? null, workOrderId: v.workOrderId ?? null, item: v.item, fault: v.fault, accessories: v.accessories || null, broughtBy: v.broughtBy || null });
    form.resetFields();
    onCreated(c);
  });
  return (
    <Modal open={open} title={t('svcx.carry.new')} onCancel={onClose} onOk={submit} confirmLoading={busy} okButtonProps={{ 'data-testid': 'carry-create' } as never} destroyOnHidden>
      <Form form={form} layout="vertical">
        <Form.Item name="workOrderId" label={t('svcx.carry.workOrder')}>
          <Select allowClear showSearch optionFilterProp="label" options={orders.data ?? []} data-testid="carry-wo" onChange={(id) => form.setFieldValue('customerId', orders.data?.find((o) => o.value === id)?.customerId)} />
        </Form.Item>
        <Form.Item name="customerId" label={t('svcx.carry.customer')} rules={[{ required: true, message: t('common.required') }]}>
          <CustomerSelect data-testid="carry-customer" />
        </Form.Item>
        <Form.Item name="item" label={t('svcx.carry.item')} rules={[{ required: true, message: t('common.required') }]}>
          <Input maxLength={200} data-testid="carry-item" />
        </Form.Item>
        <Form.Item name="fault" label={t('svcx.carry.fault')} rules={[{ required: true, message: t('common.required') }]}>
          <Input.TextArea rows={2} maxLength={2000} data-testid="carry-fault" />
        </Form.Item>
        <Form.Item name="accessories" label={t('svcx.carry.accessories')}>
          <Input maxLength={500} />
        </Form.Item>
        <Form.Item name="broughtBy" label={t('svcx.carry.broughtBy')}>
          <Input maxLength={100} />
        </Form.Item>
      </Form>
      {error && <Alert type="error" showIcon message={error} />}
    </Modal>
  );
}

export function CarryInDetail({ id }: { id: number }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { data: me } = useMe();
  const roles = me?.roles ?? [];
  const q = useQuery({ queryKey: ['svcx', 'carry-in', id], queryFn: () => apiGet('/carry-ins/{id}', { id }) });
  const [tagForm] = Form.useForm();
  const [note, setNote] = useState('');
  const [signer, setSigner] = useState('');
  const [signature, setSignature] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const techs = useTechnicians();
  const [techId, setTechId] = useState<number | undefined>();
  const c = q.data;
  if (!c) return q.error ? <Alert type="error" message={errorMessage(q.error)} /> : null;
  const act = async (what: string, fn: () => Promise<unknown>) => {
    setBusy(what);
    setError(null);
    try {
      const next = (await fn()) as CarryIn;
      qc.setQueryData(['svcx', 'carry-in', id], next);
      await qc.invalidateQueries({ queryKey: ['svcx', 'carry-ins'] });
      void message.success(t('svcx.carry.saved'));
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };
  const isManager = roles.some((r) => r === 'admin' || r === 'service_manager');
  const isDesk = roles.some((r) => ['admin', 'service_manager', 'dispatcher', 'station_user'].includes(r));
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="carry-detail">
      <Space wrap>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="carry-number">
          {c.number}
        </Typography.Title>
        <Tag color={STATUS_COLOR[c.status]} data-testid="carry-status">{t(`svcx.carry.${c.status}`)}</Tag>
        <Button icon={<PrinterOutlined />} href={apiUrl('/carry-ins/{id}/receipt', { id })} target="_blank" data-testid="carry-print">
          {t('svcx.carry.receipt')}
        </Button>
        <Button href={apiUrl('/carry-ins/{id}/receipt', { id, format: 'pdf' })} target="_blank">
          PDF
        </Button>
      </Space>
      <Steps size="small" current={STEP_INDEX[c.status]} items={(['received', 'in_repair', 'inspected', 'returned'] as const).map((s) => ({ title: t(`svcx.carry.${s}`) }))} />
      <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
        <Descriptions.Item label={t('svcx.carry.customer')}>{c.customerName}</Descriptions.Item>
        <Descriptions.Item label={t('svcx.carry.workOrder')}>{c.workOrderNumber ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('svcx.carry.item')}>{c.item}</Descriptions.Item>
        <Descriptions.Item label={t('svcx.carry.fault')}>{c.fault}</Descriptions.Item>
        <Descriptions.Item label={t('svcx.carry.accessories')}>{c.accessories ?? '—'}</Descriptions.Item>
        <Descriptions.Item label={t('svcx.carry.broughtBy')}>{c.broughtBy ?? '—'}</Descriptions.Item>
      </Descriptions>
      {error && <Alert type="error" showIcon message={error} data-testid="carry-error" />}
      {c.status === 'received' && (
        <Space wrap>
          {!roles.includes('technician') && (
            <Select placeholder={t('svcx.carry.technician')} value={techId} onChange={setTechId} style={{ width: 180 }} options={(techs.data ?? []).map((u) => ({ value: u.id, label: u.displayName }))} data-testid="carry-tech" />
          )}
          <Button type="primary" loading={busy === 'start'} data-testid="carry-start" onClick={() => act('start', () => apiPost('/carry-ins/{id}/start', { version: c.version, technicianId: techId ?? null }, { params: { id } }))}>
            {t('svcx.carry.start')}
          </Button>
        </Space>
      )}
      {c.status === 'in_repair' && (
        <Card size="small" title={t('svcx.carry.tag')}>
          <Form form={tagForm} layout="vertical" initialValues={{ minutesSpent: c.tag.minutesSpent, partsText: c.tag.partsText, note: c.tag.note }} key={c.version}>
            <Form.Item label={t('svcx.carry.technician')}>{c.tag.technicianName ?? '—'}</Form.Item>
            <Form.Item name="minutesSpent" label={t('svcx.carry.minutes')}>
              <InputNumber min={0} max={100000} precision={0} style={{ width: 160 }} data-testid="carry-minutes" />
            </Form.Item>
            <Form.Item name="partsText" label={t('svcx.carry.partsText')}>
              <Input.TextArea rows={2} maxLength={2000} data-testid="carry-parts" />
            </Form.Item>
            <Form.Item name="note" label={t('svcx.carry.repairNote')}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
            <Button loading={busy === 'tag'} data-testid="carry-save-tag" onClick={() => act('tag', async () => send('PUT', `/carry-ins/${id}/tag`, { version: c.version, ...tagForm.getFieldsValue() }))}>
              {t('svcx.carry.saveTag')}
            </Button>
          </Form>
          {isManager && (
            <Space wrap style={{ marginTop: 16 }}>
              <Input placeholder={t('svcx.carry.inspectNote')} value={note} onChange={(e) => setNote(e.target.value)} style={{ width: 240 }} />
              <Button type="primary" loading={busy === 'pass'} data-testid="carry-pass" onClick={() => act('pass', () => apiPost('/carry-ins/{id}/inspect', { version: c.version, result: 'pass', note: note || null }, { params: { id } }))}>
                {t('svcx.carry.pass')}
              </Button>
              <Button danger loading={busy === 'fail'} onClick={() => act('fail', () => apiPost('/carry-ins/{id}/inspect', { version: c.version, result: 'fail', note: note || null }, { params: { id } }))}>
                {t('svcx.carry.fail')}
              </Button>
            </Space>
          )}
        </Card>
      )}
      {c.status === 'inspected' && isDesk && (
        <Card size="small" title={t('svcx.carry.return')}>
          <Space direction="vertical" style={{ width: '100%' }}>
            <Input placeholder={t('svcx.carry.signerName')} value={signer} onChange={(e) => setSigner(e.target.value)} maxLength={100} data-testid="carry-signer" />
            <SignaturePad onChange={setSignature} height={160} />
            <Button type="primary" disabled={!signer.trim() || !signature} loading={busy === 'return'} data-testid="carry-return" onClick={() => act('return', () => apiPost('/carry-ins/{id}/return', { version: c.version, signerName: signer.trim(), signature: signature! }, { params: { id } }))}>
              {t('svcx.carry.return')}
            </Button>
          </Space>
        </Card>
      )}
      {c.returned && (
        <Card size="small" title={t('svcx.carry.returned')}>
          <Space wrap align="center">
            <span>
              {t('svcx.carry.signerName')}：{c.returned.signerName}
            </span>
            <span>{dayjs(c.returned.at).format('YYYY-MM-DD HH:mm')}</span>
            <img src={`/api/v1${c.returned.signatureUrl}`} alt="signature" style={{ height: 60, border: '1px solid #eee' }} />
          </Space>
        </Card>
      )}
      <Card size="small" title={t('svcx.carry.log')}>
        <Timeline
          items={c.log.map((e) => ({
            key: e.id,
            color: e.step === 'inspection_failed' ? 'red' : 'blue',
            children: (
              <span>
                {dayjs(e.at).format('MM-DD HH:mm')} {t(e.step === 'tag' ? 'svcx.carry.tagStep' : `svcx.carry.${e.step}`)} · {e.actorName ?? '—'}
                {e.note ? ` · ${e.note}` : ''}
              </span>
            ),
          }))}
        />
      </Card>
    </Space>
  );
}

export default function CarryInsPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { data: me } = useMe();
  const [status, setStatus] = useState<CarryIn['status'] | undefined>();
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<number | null>(null);
  const list = useQuery({ queryKey: ['svcx', 'carry-ins', status], queryFn: () => apiGet('/carry-ins', { status, limit: 200 }) });
  const canCreate = (me?.roles ?? []).some((r) => ['admin', 'service_manager', 'dispatcher', 'station_user'].includes(r));
  return (
    <Card
      title={t('svcx.carry.title')}
      extra={
        canCreate && (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="carry-new">
            {t('svcx.carry.new')}
          </Button>
        )
      }
    >
      <Select allowClear placeholder={t('common.status')} value={status} onChange={setStatus} style={{ width: 160, marginBottom: 12 }} options={(['received', 'in_repair', 'inspected', 'returned'] as const).map((s) => ({ value: s, label: t(`svcx.carry.${s}`) }))} />
      <Table
        rowKey="id"
        size="small"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        scroll={{ x: 640 }}
        pagination={false}
        onRow={(r) => ({ onClick: () => setOpenId(r.id), style: { cursor: 'pointer' }, 'data-testid': `carry-row-${r.number}` }) as never}
        columns={[
          { title: t('svcx.carry.number'), dataIndex: 'number' },
          { title: t('common.status'), dataIndex: 'status', render: (s: CarryIn['status']) => <Tag color={STATUS_COLOR[s]}>{t(`svcx.carry.${s}`)}</Tag> },
          { title: t('svcx.carry.customer'), dataIndex: 'customerName' },
          { title: t('svcx.carry.item'), dataIndex: 'item' },
          { title: t('svcx.carry.technician'), render: (_: unknown, r: Row) => r.tag.technicianName ?? '—' },
          { title: t('common.time'), dataIndex: 'createdAt', render: (v: string) => dayjs(v).format('MM-DD HH:mm') },
        ]}
      />
      <NewCarryIn
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(c) => {
          setCreating(false);
          void message.success(t('svcx.carry.created', { number: c.number }));
          void qc.invalidateQueries({ queryKey: ['svcx', 'carry-ins'] });
          qc.setQueryData(['svcx', 'carry-in', c.id], c);
          setOpenId(c.id);
        }}
      />
      <Drawer open={openId !== null} onClose={() => setOpenId(null)} width={Math.min(720, typeof window === 'undefined' ? 720 : window.innerWidth)} title={t('svcx.carry.title')} destroyOnHidden>
        {openId !== null && <CarryInDetail id={openId} />}
      </Drawer>
    </Card>
  );
}
