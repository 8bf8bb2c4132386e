// 缺件申请: the shortage requests (GET /shortages) with their state; technicians see their own,
// keepers and managers everyone's and mark them ordered or closed; anyone who may reserve can
// record a new one, for a catalogue part or as free text.
import { useState } from 'react';
import { Alert, Button, Card, Col, Collapse, Empty, Form, Input, InputNumber, List, Row, Segmented, Space, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { apiGet, apiPatch, apiPost, type Res } from '../../api/client';
import { qty, useParts } from '../../lib/lookups';
import { errorMessage, showApiError } from '../../lib/formErrors';
import { useMe } from '../../app/session';
import { PartSelect, partLabel } from '../parts/PartSelect';

type Shortage = Res<'/shortages'>['items'][number] & { partCode?: string | null; partName?: string | null };
type Values = { partId?: number; description?: string; qty?: number; remark?: string };

const STATUS_COLOR: Record<string, string> = { open: 'orange', ordered: 'blue', closed: 'default' };
const CLOSERS = ['admin', 'warehouse_keeper', 'service_manager'];

export default function ShortagesPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const { data: me } = useMe();
  const canClose = !!me?.roles.some((r) => CLOSERS.includes(r));
  const [scope, setScope] = useState<'mine' | 'all'>(canClose ? 'all' : 'mine');
  const [status, setStatus] = useState<string>('open');
  const { data, isPending } = useQuery({
    queryKey: ['shortages', status, scope],
    queryFn: async () =>
      (await apiGet('/shortages', { status: status === 'any' ? undefined : status, createdBy: scope === 'mine' ? me?.id : undefined, limit: 200 })).items as Shortage[],
    enabled: !!me,
  });
  const items = data ?? [];
  const parts = useParts(items.flatMap((s) => (s.partId != null && !s.partName ? [s.partId] : [])));
  const [form] = Form.useForm<Values>();
  const [formError, setFormError] = useState<string | null>(null);
  const [created, setCreated] = useState(false);
  const [busy, setBusy] = useState(false);
  const [rowError, setRowError] = useState<{ id: number; message: string } | null>(null);

  const create = async () => {
    setFormError(null);
    setCreated(false);
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    if (v.partId == null && !v.description?.trim()) {
      form.setFields([{ name: 'partId', errors: [t('shortages.partOrDescription')] }]);
      return;
    }
    setBusy(true);
    try {
      await apiPost('/shortages', { partId: v.partId ?? null, description: v.description?.trim() || null, qty: v.qty!, remark: v.remark || null });
      form.resetFields();
      setCreated(true);
      void qc.invalidateQueries({ queryKey: ['shortages'] });
    } catch (err) {
      setFormError(showApiError(form, err));
    } finally {
      setBusy(false);
    }
  };

  const mark = async (s: Shortage, next: 'ordered' | 'closed') => {
    setRowError(null);
    try {
      await apiPatch('/shortages/{id}', { status: next, version: s.version }, { id: s.id });
      void qc.invalidateQueries({ queryKey: ['shortages'] });
    } catch (err) {
      setRowError({ id: s.id, message: errorMessage(err) });
    }
  };

  const name = (s: Shortage) => {
    if (s.partId == null) return s.description ?? '';
    if (s.partName) return `${s.partCode ?? ''} ${s.partName}`.trim();
    const p = parts.get(s.partId);
    return p ? partLabel(p) : `#${s.partId}`;
  };

  return (
    <Card title={t('shortages.title')}>
      <Collapse
        size="small"
        style={{ marginBottom: 16 }}
        items={[
          {
            key: 'new',
            label: t('shortages.new'),
            children: (
              <Form<Values> form={form} layout="vertical" data-testid="shortage-form">
                <Row gutter={8}>
                  <Col xs={24} md={10}>
                    <Form.Item name="partId" label={t('common.part')}>
                      <PartSelect />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={8}>
                    <Form.Item name="description" label={t('shortages.description')}>
                      <Input maxLength={500} />
                    </Form.Item>
                  </Col>
                  <Col xs={12} md={6}>
                    <Form.Item name="qty" label={t('shortages.qty')} rules={[{ required: true, message: t('common.required') }]}>
                      <InputNumber style={{ width: '100%' }} min={0.001} max={1e9} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={18}>
                    <Form.Item name="remark" label={t('common.remark')}>
                      <Input maxLength={500} />
                    </Form.Item>
                  </Col>
                  <Col xs={24} md={6} style={{ display: 'flex', alignItems: 'end', paddingBottom: 24 }}>
                    <Button type="primary" onClick={() => void create()} loading={busy} block data-testid="shortage-submit">
                      {t('shortages.submit')}
                    </Button>
                  </Col>
                </Row>
                {formError && <Alert type="error" showIcon message={formError} data-testid="form-error" />}
                {created && <Alert type="success" showIcon message={t('shortages.created')} closable onClose={() => setCreated(false)} />}
              </Form>
            ),
          },
        ]}
      />
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented
          value={status}
          onChange={(v) => setStatus(String(v))}
          options={[
            { value: 'open', label: t('shortages.status.open') },
            { value: 'ordered', label: t('shortages.status.ordered') },
            { value: 'closed', label: t('shortages.status.closed') },
            { value: 'any', label: t('reservations.all') },
          ]}
        />
        {canClose && (
          <Segmented
            value={scope}
            onChange={(v) => setScope(v as 'mine' | 'all')}
            options={[
              { value: 'all', label: t('reservations.all') },
              { value: 'mine', label: t('shortages.mine') },
            ]}
          />
        )}
      </Space>
      <List<Shortage>
        loading={isPending}
        dataSource={items}
        locale={{ emptyText: <Empty description={t('shortages.empty')} /> }}
        data-testid="shortages"
        renderItem={(s) => (
          <List.Item
            key={s.id}
            data-testid="shortage"
            actions={
              canClose && s.status !== 'closed'
                ? [
                    ...(s.status === 'open' ? [<Button key="o" size="small" onClick={() => void mark(s, 'ordered')}>{t('shortages.markOrdered')}</Button>] : []),
                    <Button key="c" size="small" onClick={() => void mark(s, 'closed')}>
                      {t('shortages.close')}
                    </Button>,
                  ]
                : undefined
            }
          >
            <List.Item.Meta
              title={
                <Space wrap size={4}>
                  <span>{name(s)}</span>
                  <Tag color={STATUS_COLOR[s.status]} data-testid="shortage-status">
                    {t(`shortages.status.${s.status}`, { defaultValue: s.status })}
                  </Tag>
                </Space>
              }
              description={
                <span>
                  {t('shortages.qty')} <Typography.Text strong>{qty(s.qty)}</Typography.Text> · {dayjs(s.createdAt).format('YYYY-MM-DD HH:mm')}
                  {s.remark ? ` · ${s.remark}` : ''}
                  {rowError?.id === s.id && (
                    <>
                      <br />
                      <Typography.Text type="danger">{rowError.message}</Typography.Text>
                    </>
                  )}
                </span>
              }
            />
          </List.Item>
        )}
      />
    </Card>
  );
}
