// 工单详情: fault, unit, site, customer, the warranty check, SLA targets with due / met /
// breached, the timeline (who, when), the moves allowed from the current state, the assign
// dialog (one or more technicians, one in charge), likely parts issued to the technician before
// the visit, waiting for parts (the server opens the shortage), and the service report PDF.
import { useState } from 'react';
import { Alert, App, Button, Card, Col, Descriptions, Dropdown, Form, Input, InputNumber, Modal, Radio, Row, Select, Space, Table, Tag, Timeline, Typography, Checkbox } from 'antd';
import { DeleteOutlined, DownOutlined, FilePdfOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { apiGet, apiPost, apiUrl, newIdempotencyKey, type Res } from '../../api/client';
import { errorMessage } from '../../lib/formErrors';
import { useFormSubmit } from '../../lib/formSubmit';
import { useStores, useTechnicians, locationOptions } from '../../lib/lookups';
import { useMe } from '../../app/session';
import { PartSelect } from '../parts/PartSelect';
import { PartLines } from '../parts/PartLines';
import { fmt, LIGHT_COLOR, OPEN, SlaTag, StatusTag } from './shared';

type Detail = Res<'/work-orders/{id}'>;
const DISPATCH = ['admin', 'service_manager', 'dispatcher'];
const ISSUERS = ['admin', 'warehouse_keeper', 'station_user', 'service_manager'];

/** Assign one or more technicians, one in charge (also used by the dispatch board). */
export function AssignModal({ wo, open, onClose, onDone }: { wo: { id: number; version: number; technicianIds: number[]; leadTechnicianId: number | null }; open: boolean; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const techs = useTechnicians();
  const [ids, setIds] = useState<number[]>(wo.technicianIds);
  const [lead, setLead] = useState<number | null>(wo.leadTechnicianId);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    if (!ids.length || lead === null || !ids.includes(lead)) return setError(t('service.board.pickTechs'));
    setBusy(true);
    setError(null);
    try {
      await apiPost('/work-orders/{id}/assign', { technicianIds: ids, leadId: lead, version: wo.version }, { params: { id: wo.id } });
      onDone();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal open={open} title={t('service.detail.assign')} onCancel={onClose} onOk={() => void submit()} confirmLoading={busy} okButtonProps={{ 'data-testid': 'assign-save' } as never} destroyOnHidden>
      <Table
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={techs.data}
        data-testid="assign-techs"
        columns={[
          { title: t('service.detail.members'), key: 'on', render: (_, u) => <Checkbox checked={ids.includes(u.id)} onChange={(e) => setIds((x) => (e.target.checked ? [...x, u.id] : x.filter((y) => y !== u.id)))} data-testid={`assign-tech-${u.username}`}>{u.displayName}</Checkbox> },
          { title: t('service.detail.lead'), key: 'lead', width: 80, render: (_, u) => <Radio checked={lead === u.id} disabled={!ids.includes(u.id)} onChange={() => setLead(u.id)} data-testid={`assign-lead-${u.username}`} /> },
        ]}
      />
      {error && <Alert type="error" showIcon message={error} style={{ marginTop: 12 }} data-testid="assign-error" />}
    </Modal>
  );
}

/**
 * The service report's PDF; a reopened work order (cycle > 0) has a report per visit, the
 * earlier ones in the button's menu.
 */
function ReportPdfButton({ workOrderId, cycle }: { workOrderId: number; cycle: number }) {
  const { t } = useTranslation();
  // Keyed by the cycle: a reopen on this page asks again.
  const report = useQuery({ queryKey: ['work-order-report', workOrderId, cycle], enabled: cycle > 0, queryFn: () => apiGet('/work-orders/{id}/report', { id: workOrderId, cycle }) });
  const pdf = (c?: number) => apiUrl(`/work-orders/${workOrderId}/report.pdf${c === undefined ? '' : `?cycle=${c}`}`);
  const earlier = (report.data?.cycles ?? []).filter((c) => c < cycle);
  const current = (
    <Button icon={<FilePdfOutlined />} href={pdf()} target="_blank" data-testid="wo-report-pdf">
      {t('service.detail.reportPdf')}
    </Button>
  );
  if (earlier.length === 0) return current;
  return (
    <Space.Compact>
      {current}
      <Dropdown menu={{ items: earlier.map((c) => ({ key: c, label: <a href={pdf(c)} target="_blank" rel="noreferrer" data-testid={`wo-report-pdf-${c}`}>{t('service.detail.reportPdfCycle', { n: c + 1 })}</a> })) }}>
        <Button icon={<DownOutlined />} data-testid="wo-report-pdf-earlier" aria-label={t('service.detail.reportPdfEarlier')} title={t('service.detail.reportPdfEarlier')} />
      </Dropdown>
    </Space.Compact>
  );
}

type PartLine = { partId?: number; description?: string; qty?: number };

function WaitingPartsModal({ wo, open, onClose, onDone }: { wo: Detail; open: boolean; onClose: () => void; onDone: (n: number) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ note?: string; parts: PartLine[] }>();
  const { submit, busy, error } = useFormSubmit(form, async (v) => {
    const r = await apiPost('/work-orders/{id}/transition', { to: 'waiting_parts', version: wo.version, note: v.note || null, parts: v.parts.map((p) => ({ partId: p.partId ?? null, description: p.description || null, qty: p.qty! })) }, { params: { id: wo.id } });
    onDone(r.shortageIds.length);
  });
  return (
    <Modal open={open} title={t('service.detail.waitingParts')} onCancel={onClose} onOk={() => void submit()} confirmLoading={busy} width={640} destroyOnHidden okButtonProps={{ 'data-testid': 'waiting-save' } as never}>
      <Form form={form} layout="vertical" initialValues={{ parts: [{}] }}>
        <Form.List name="parts">
          {(fields, { add, remove }) => (
            <>
              {fields.map((f) => (
                <Row gutter={8} key={f.key}>
                  <Col xs={24} md={10}>
                    <Form.Item name={[f.name, 'partId']}>
                      <PartSelect />
                    </Form.Item>
                  </Col>
                  <Col xs={14} md={8}>
                    <Form.Item name={[f.name, 'description']}>
                      <Input placeholder={t('shortages.description')} maxLength={200} />
                    </Form.Item>
                  </Col>
                  <Col xs={7} md={4}>
                    <Form.Item name={[f.name, 'qty']} rules={[{ required: true, message: t('common.required') }]}>
                      <InputNumber min={0} style={{ width: '100%' }} placeholder={t('service.detail.partQty')} />
                    </Form.Item>
                  </Col>
                  <Col xs={3} md={2}>{fields.length > 1 && <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} />}</Col>
                </Row>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})} style={{ marginBottom: 12 }}>
                {t('service.detail.addPart')}
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="note" label={t('service.detail.note')}>
          <Input maxLength={1000} />
        </Form.Item>
        {error && <Alert type="error" showIcon message={error} />}
      </Form>
    </Modal>
  );
}

function IssuePartsModal({ wo, open, onClose, onDone }: { wo: Detail; open: boolean; onClose: () => void; onDone: (number: string) => void }) {
  const { t } = useTranslation();
  const stores = useStores();
  const [form] = Form.useForm<{ fromLocationId?: number; toUserId?: number; lines: { partId?: number; qty?: number }[] }>();
  const store = Form.useWatch('fromLocationId', form);
  const lines = Form.useWatch('lines', form);
  const [key] = useState(newIdempotencyKey);
  const { submit, busy, error } = useFormSubmit(form, async (v) => {
    const d = await apiPost('/issues', { fromLocationId: v.fromLocationId!, toUserId: v.toUserId!, workOrderId: wo.id, remark: wo.number, lines: v.lines.map((l) => ({ partId: l.partId!, qty: l.qty! })) }, { idempotencyKey: key });
    onDone(d.number);
  });
  const req = [{ required: true, message: t('common.required') }];
  return (
    <Modal open={open} title={t('service.detail.issueParts')} onCancel={onClose} onOk={() => void submit()} confirmLoading={busy} width={720} destroyOnHidden okButtonProps={{ 'data-testid': 'wo-issue-save' } as never}>
      <Form form={form} layout="vertical" initialValues={{ lines: [{}], toUserId: wo.leadTechnicianId ?? undefined }}>
        <Row gutter={12}>
          <Col xs={24} md={12}>
            <Form.Item name="fromLocationId" label={t('issue.store')} rules={req}>
              <Select options={locationOptions(stores.data)} data-testid="wo-issue-store" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="toUserId" label={t('service.common.technician')} rules={req}>
              <Select options={wo.technicians.map((m) => ({ value: m.userId, label: m.displayName }))} />
            </Form.Item>
          </Col>
        </Row>
        <PartLines testId="wo-issue" lines={lines} availability={{ locationId: store, remark: wo.number }} />
        {error && <Alert type="error" showIcon message={error} style={{ marginTop: 12 }} />}
      </Form>
    </Modal>
  );
}

function Warranty({ unitId }: { unitId: number }) {
  const { t } = useTranslation();
  const w = useQuery({ queryKey: ['warranty', unitId], queryFn: () => apiPost('/units/{id}/warranty-check', {}, { params: { id: unitId } }) });
  if (!w.data) return null;
  const color = { in: 'green', partial: 'orange', out: 'red' }[w.data.status];
  const label = { in: t('service.detail.warrantyIn'), partial: t('service.detail.warrantyPartial'), out: t('service.detail.warrantyOut') }[w.data.status];
  return (
    <Space wrap data-testid="warranty">
      <Tag color={color}>{label}</Tag>
      <span>
        {t('service.detail.partsBy')}：{t(`service.detail.payer.${w.data.parts}`)}
      </span>
      <span>
        {t('service.detail.labourBy')}：{t(`service.detail.payer.${w.data.labour}`)}
      </span>
      {w.data.freeEndsOn && (
        <span>
          {t('service.detail.freeEndsOn')} {w.data.freeEndsOn}
        </span>
      )}
    </Space>
  );
}

export default function WorkOrderDetail() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const id = Number(useParams().id);
  const qc = useQueryClient();
  const { data: me } = useMe();
  const roles = me?.roles ?? [];
  const wo = useQuery({ queryKey: ['work-order', id], queryFn: () => apiGet('/work-orders/{id}', { id }) });
  const table = useQuery({ queryKey: ['transitions'], staleTime: Infinity, queryFn: async () => (await apiGet('/work-orders/transitions')).items });
  const users = useQuery({ queryKey: ['users', 'all'], staleTime: 300_000, queryFn: async () => (await apiGet('/users', { limit: 500 })).items });
  const customer = useQuery({ queryKey: ['customer', wo.data?.customerId], enabled: !!wo.data, queryFn: () => apiGet('/customers/{id}', { id: wo.data!.customerId }) });
  const site = useQuery({ queryKey: ['site', wo.data?.siteId], enabled: !!wo.data?.siteId, queryFn: () => apiGet('/sites/{id}', { id: wo.data!.siteId! }) });
  const unit = useQuery({ queryKey: ['unit', wo.data?.unitId], enabled: !!wo.data?.unitId, queryFn: () => apiGet('/units/{id}', { id: wo.data!.unitId! }) });
  const [dialog, setDialog] = useState<null | 'assign' | 'waiting' | 'issue'>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const refresh = () => {
    void qc.invalidateQueries({ queryKey: ['work-order', id] });
    void qc.invalidateQueries({ queryKey: ['work-orders'] });
    void qc.invalidateQueries({ queryKey: ['board'] });
  };
  if (!wo.data) return <Card loading={wo.isPending}>{wo.error && <Alert type="error" message={errorMessage(wo.error)} />}</Card>;
  const w = wo.data;
  const userName = new Map(users.data?.map((u) => [u.id, u.displayName]));
  // Moves from this state the user's roles may make; signing goes through the service report.
  const moves = (table.data ?? []).filter((r) => r.from.includes(w.status) && r.roles.some((x) => roles.includes(x)) && r.to !== 'signed' && r.to !== 'dispatched');
  const move = async (to: string) => {
    if (to === 'waiting_parts') return setDialog('waiting');
    setBusy(to);
    setError(null);
    try {
      await apiPost('/work-orders/{id}/transition', { to: to as never, version: w.version }, { params: { id } });
      void message.success(t('service.detail.moved', { status: t(`service.status.${to}`) }));
      refresh();
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(null);
    }
  };
  const targets = (['response', 'arrival', 'resolution'] as const).map((k) => ({
    key: k,
    due: w.sla[`${k}DueAt` as 'responseDueAt'],
    met: w.sla[k === 'response' ? 'respondedAt' : k === 'arrival' ? 'arrivedAt' : 'resolvedAt'],
    light: w.sla[k],
  }));

  return (
    <Space direction="vertical" style={{ width: '100%' }} size={16}>
      <Card
        title={
          <Space wrap>
            <span data-testid="wo-number">{w.number}</span>
            <StatusTag status={w.status} />
            <SlaTag light={w.sla.status} testId="wo-sla-status" />
          </Space>
        }
        extra={<Link to="/service/work-orders">{t('service.detail.back')}</Link>}
      >
        <Space wrap style={{ marginBottom: 12 }} data-testid="wo-actions">
          {roles.some((r) => DISPATCH.includes(r)) && OPEN.includes(w.status) && (
            <Button type="primary" onClick={() => setDialog('assign')} data-testid="wo-assign">
              {t('service.detail.assign')}
            </Button>
          )}
          {moves.map((m) => (
            <Button key={m.to} danger={m.to === 'cancelled'} loading={busy === m.to} onClick={() => void move(m.to)} data-testid={`wo-move-${m.to}`}>
              {t('service.detail.transitionTo', { status: t(`service.status.${m.to}`) })}
            </Button>
          ))}
          {roles.some((r) => ISSUERS.includes(r)) && OPEN.includes(w.status) && w.technicians.length > 0 && (
            <Button onClick={() => setDialog('issue')} data-testid="wo-issue">
              {t('service.detail.issueParts')}
            </Button>
          )}
          <ReportPdfButton workOrderId={w.id} cycle={w.cycle} />
        </Space>
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="wo-error" />}
        <Descriptions size="small" bordered column={{ xs: 1, md: 2 }}>
          <Descriptions.Item label={t('service.wo.fault')} span={2}>
            {w.fault}
          </Descriptions.Item>
          <Descriptions.Item label={t('service.common.customer')}>
            {customer.data?.name} {w.contract && <Tag color="gold">{t('service.wo.contract')}</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label={t('service.common.site')}>{site.data ? `${site.data.name}${site.data.address ? ` · ${site.data.address}` : ''}` : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('service.common.unit')}>{unit.data ? <Link to={`/service/units/${unit.data.id}`}>{unit.data.serial}</Link> : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('service.wo.distance')}>{w.distanceKm === null ? '—' : t('service.wo.km', { km: w.distanceKm })}</Descriptions.Item>
          <Descriptions.Item label={t('service.wo.type')}>{t(`service.type.${w.serviceType}`)}</Descriptions.Item>
          <Descriptions.Item label={t('service.wo.category')}>{t(`service.wo.categories.${w.category}`, { defaultValue: w.category })}</Descriptions.Item>
          <Descriptions.Item label={t('service.wo.priority')}>{t(`service.priority.${w.priority}`)}</Descriptions.Item>
          <Descriptions.Item label={t('service.wo.team')}>
            <span data-testid="wo-team">{w.technicians.map((m) => `${m.displayName}${m.inCharge ? `（${t('service.detail.inCharge')}）` : ''}`).join('、') || '—'}</span>
          </Descriptions.Item>
          {w.unitId && (
            <Descriptions.Item label={t('service.detail.warranty')} span={2}>
              <Warranty unitId={w.unitId} />
            </Descriptions.Item>
          )}
        </Descriptions>
      </Card>
      <Row gutter={16}>
        <Col xs={24} lg={12}>
          <Card title={t('service.detail.targets')} size="small">
            <Table
              size="small"
              rowKey="key"
              pagination={false}
              data-testid="wo-targets"
              dataSource={targets.filter((x) => x.due)}
              columns={[
                { title: '', dataIndex: 'key', render: (k: string) => t(`service.target.${k}`) },
                { title: t('service.detail.dueAt'), dataIndex: 'due', render: fmt },
                { title: t('service.detail.metAt'), dataIndex: 'met', render: fmt },
                { title: '', dataIndex: 'light', render: (l: string | null) => (l ? <Tag color={LIGHT_COLOR[l]} data-light={l}>{t(`service.light.${l}`)}</Tag> : null) },
              ]}
            />
            {w.sla.loanerIfUnresolved && <Alert type="info" showIcon message={t('service.wo.loaner')} style={{ marginTop: 8 }} />}
            {w.breaches.length > 0 && (
              <Typography.Paragraph style={{ marginTop: 8 }}>
                {t('service.detail.breaches')}：{w.breaches.map((b) => `${t(`service.target.${b.target}`)} ${fmt(b.dueAt)} · ${t('service.detail.cause')} ${b.cause}`).join('；')}
              </Typography.Paragraph>
            )}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('service.detail.timeline')} size="small">
            <Timeline
              data-testid="wo-timeline"
              items={w.events.map((e) => ({
                key: e.id,
                color: e.action === 'reopen' ? 'red' : 'blue',
                children: (
                  <div data-testid="wo-event">
                    <Typography.Text strong>{e.to ? t(`service.status.${e.to}`) : t(`service.detail.action.${e.action}`, { defaultValue: e.action })}</Typography.Text>
                    <span style={{ color: '#888', marginInlineStart: 8 }}>
                      {fmt(e.at)} · {e.actorId ? (userName.get(e.actorId) ?? `#${e.actorId}`) : '—'}
                    </span>
                    {e.action === 'assign' && Array.isArray(e.data?.technicianIds) && <div>{(e.data.technicianIds as number[]).map((u) => `${userName.get(u) ?? u}${u === e.data?.leadId ? `（${t('service.detail.inCharge')}）` : ''}`).join('、')}</div>}
                    {e.note && <div>{e.note}</div>}
                  </div>
                ),
              }))}
            />
          </Card>
        </Col>
      </Row>
      {dialog === 'assign' && (
        <AssignModal
          wo={w}
          open
          onClose={() => setDialog(null)}
          onDone={() => {
            setDialog(null);
            void message.success(t('service.detail.assigned'));
            refresh();
          }}
        />
      )}
      {dialog === 'waiting' && (
        <WaitingPartsModal
          wo={w}
          open
          onClose={() => setDialog(null)}
          onDone={(n) => {
            setDialog(null);
            void message.success(t('service.detail.shortageCreated', { n }));
            refresh();
          }}
        />
      )}
      {dialog === 'issue' && (
        <IssuePartsModal
          wo={w}
          open
          onClose={() => setDialog(null)}
          onDone={(number) => {
            setDialog(null);
            void message.success(t('issue.posted', { number }));
          }}
        />
      )}
    </Space>
  );
}
