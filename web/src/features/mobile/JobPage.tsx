// One job on the phone: who and where (call, navigate), the next step (accept, en route, on site,
// waiting for parts with part + qty), what is stuck in the outbox, and the service report.
import { useState } from 'react';
import { Button, Card, Descriptions, Form, Input, InputNumber, Modal, Result, Space, Spin, Typography } from 'antd';
import { ArrowLeftOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { PartSelect } from '../parts/PartSelect';
import { telUrl, useJobs, useTransitions, type WorkOrder } from './api';
import { projectWorkOrder } from './outbox';
import { BIG, ConflictCard, ContactButtons, nextSteps, OutboxBanner, SlaTag, StatusTag, stepLabel } from './parts';
import { useOutbox } from './useOutbox';
import { ReportSection } from './ReportForm';

export default function JobPage({ userId, roles }: { userId: number; roles: string[] }) {
  const { t } = useTranslation();
  const nav = useNavigate();
  const id = Number(useParams().id);
  const outbox = useOutbox(userId);
  const jobs = useJobs(userId);
  const table = useTransitions();
  const [waiting, setWaiting] = useState(false);
  const job = jobs.data?.find((j) => j.wo.id === id);
  const back = (
    <Button type="link" icon={<ArrowLeftOutlined />} onClick={() => nav('/m')} style={{ paddingInline: 0, height: 40 }} data-testid="back">
      {t('mobile.todayJobs')}
    </Button>
  );
  if (jobs.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  if (!job) return <Result status="404" title={t('mobile.jobNotFound')} extra={back} />;
  const wo = projectWorkOrder(job.wo, outbox.entries);
  const steps = nextSteps(wo.status, table.data, roles);
  const stuck = outbox.entries.filter((e) => e.workOrderId === id && e.state !== 'pending');
  const move = (to: string, extra: Record<string, unknown> = {}) =>
    outbox.queue({ kind: 'transition', workOrderId: id, method: 'POST', url: `/work-orders/${id}/transition`, body: { to, ...extra }, resource: `wo:${id}`, baseVersion: wo.version });

  return (
    <>
      {back}
      <OutboxBanner online={outbox.online} entries={outbox.entries} />
      {stuck.map((e) => (
        <ConflictCard key={e.id} entry={e} onKeep={() => outbox.keepMine(e.id)} onDiscard={() => outbox.discard(e.id)} onRetry={() => outbox.retry(e.id)} />
      ))}
      <Card
        size="small"
        title={
          <Space size={4} wrap>
            <Typography.Text strong>{wo.number}</Typography.Text>
            <StatusTag status={wo.status} />
          </Space>
        }
        extra={<SlaTag wo={wo} />}
        styles={{ body: { padding: 12 } }}
        style={{ marginBottom: 12 }}
        data-testid="job-card"
      >
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {job.customer?.name ?? `#${wo.customerId}`}
        </Typography.Title>
        <Descriptions column={1} size="small" colon={false} styles={{ label: { width: 64, color: '#8c8c8c' } }}>
          <Descriptions.Item label={t('mobile.site')}>{[job.site?.name, job.site?.address ?? job.customer?.address].filter(Boolean).join(' · ') || '—'}</Descriptions.Item>
          {job.unit && <Descriptions.Item label={t('mobile.unit')}>{job.unit.serial}</Descriptions.Item>}
          <Descriptions.Item label={t('mobile.fault')}>{wo.fault}</Descriptions.Item>
          <Descriptions.Item label={t('mobile.contacts')}>
            <Space orientation="vertical" size={0}>
              {job.contacts.length === 0 && '—'}
              {job.contacts.map((c) => (
                <span key={c.id}>
                  {c.name}
                  {c.title ? `（${c.title}）` : ''} {c.phone && telUrl(c.phone) ? <a href={telUrl(c.phone)!}>{c.phone}</a> : null}
                </span>
              ))}
            </Space>
          </Descriptions.Item>
        </Descriptions>
        <ContactButtons job={{ ...job, wo }} />
        {steps.length > 0 && (
          <Space orientation="vertical" style={{ width: '100%', marginTop: 8 }}>
            {steps.map((to) => (
              <Button key={to} type={to === 'waiting_parts' ? 'default' : 'primary'} block style={BIG} data-testid={`step-${to}`} onClick={() => (to === 'waiting_parts' ? setWaiting(true) : move(to))}>
                {stepLabel(t, wo.status, to)}
              </Button>
            ))}
          </Space>
        )}
      </Card>
      {wo.status !== 'dispatched' && wo.status !== 'new' && <ReportSection userId={userId} wo={wo as WorkOrder} queue={outbox.queue} entries={outbox.entries} />}
      <WaitingPartsModal
        open={waiting}
        onClose={() => setWaiting(false)}
        onSubmit={(parts, note) => {
          move('waiting_parts', { parts, note: note || null });
          setWaiting(false);
        }}
      />
    </>
  );
}

interface MissingLine {
  partId?: number;
  description?: string;
  qty?: number;
}

/** 缺件待修: which parts are missing and how many (each becomes a shortage line on the server). */
function WaitingPartsModal({ open, onClose, onSubmit }: { open: boolean; onClose: () => void; onSubmit: (parts: { partId: number | null; description: string | null; qty: number }[], note: string) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ lines: MissingLine[]; note?: string }>();
  return (
    <Modal
      open={open}
      title={t('mobile.step.waiting_parts')}
      onCancel={onClose}
      destroyOnHidden
      okText={t('mobile.waiting.submit')}
      okButtonProps={{ style: BIG, 'data-testid': 'waiting-submit' } as never}
      cancelButtonProps={{ style: BIG }}
      onOk={() => form.submit()}
      width="100%"
      style={{ maxWidth: 480, top: 16 }}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ lines: [{}] }}
        onFinish={(v) => onSubmit(v.lines.map((l) => ({ partId: l.partId ?? null, description: l.description?.trim() || null, qty: Number(l.qty) })), v.note ?? '')}
        data-testid="waiting-form"
      >
        <Form.List name="lines">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f, i) => (
                <Card key={f.key} size="small" style={{ marginBottom: 8 }} styles={{ body: { padding: 8 } }}>
                  <Form.Item name={[f.name, 'partId']} label={t('common.part')} style={{ marginBottom: 8 }}>
                    <PartSelect id={`waiting_${i}_partId`} />
                  </Form.Item>
                  <Form.Item
                    name={[f.name, 'description']}
                    label={t('mobile.waiting.description')}
                    style={{ marginBottom: 8 }}
                    rules={[({ getFieldValue }) => ({ validator: (_r, v) => (getFieldValue(['lines', f.name, 'partId']) || v?.trim() ? Promise.resolve() : Promise.reject(new Error(t('mobile.waiting.partOrDescription')))) })]}
                  >
                    <Input size="large" data-testid={`waiting-desc-${i}`} />
                  </Form.Item>
                  <Space align="end">
                    <Form.Item name={[f.name, 'qty']} label={t('common.qty')} rules={[{ required: true, message: t('common.required') }]} style={{ marginBottom: 0 }}>
                      <InputNumber size="large" min={0.001} step={1} style={{ width: 120 }} inputMode="decimal" data-testid={`waiting-qty-${i}`} />
                    </Form.Item>
                    {fields.length > 1 && <Button size="large" icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} aria-label={t('common.removeLine')} />}
                  </Space>
                </Card>
              ))}
              <Button block icon={<PlusOutlined />} onClick={() => add({})} style={{ marginBottom: 12 }}>
                {t('common.addLine')}
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="note" label={t('common.remark')} style={{ marginBottom: 0 }}>
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
