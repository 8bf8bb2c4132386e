// 预订配件: a store, who it is for (a technician reserves for themself), optional expiry and
// lines with the store's availability; a short line offers a shortage request. Posts
// POST /reservations once per Idempotency-Key; lines can be scanned like any document form.
import { Alert, Button, Col, DatePicker, Form, Input, Row, Select } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import { apiPost, type Res } from '../../api/client';
import { useStores, useTechnicians, locationOptions } from '../../lib/lookups';
import { useDocumentForm } from '../../lib/documentForm';
import { useLineScan } from '../../lib/scan/useLineScan';
import { ScanBar } from '../../lib/scan/ScanBar';
import { PartLines } from '../parts/PartLines';

type Line = { partId?: number; qty?: number };
type Values = { locationId?: number; forUserId?: number; expiresAt?: Dayjs; remark?: string; lines: Line[] };
type Posted = Res<'/reservations', 'post'>;

export function ReserveForm({ selfId, initialPartId }: { selfId?: number; initialPartId?: number }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const stores = useStores();
  const techs = useTechnicians();
  const store = Form.useWatch('locationId', form);
  const lines = Form.useWatch('lines', form);
  const scan = useLineScan(form);
  const { post, again, busy, error, posted } = useDocumentForm<Values, Posted>(
    form,
    async (v, idempotencyKey) => {
      try {
        return await apiPost(
          '/reservations',
          {
            locationId: v.locationId!,
            forUserId: selfId ?? v.forUserId!,
            expiresAt: v.expiresAt ? v.expiresAt.endOf('day').toISOString() : null,
            remark: v.remark || null,
            lines: v.lines.map((l) => ({ partId: l.partId!, qty: l.qty! })),
          },
          { idempotencyKey },
        );
      } catch (err) {
        // Someone else took the stock meanwhile: show the lines' fresh availability.
        void qc.invalidateQueries({ queryKey: ['stock'] });
        throw err;
      }
    },
    ['reservations', 'stock'],
    { userId: 'forUserId', locationId: 'locationId' },
  );

  if (posted) {
    return (
      <Alert
        type="success"
        showIcon
        message={t('reservations.created', { number: posted.number })}
        data-testid="reservation-created"
        action={
          <Button size="small" type="primary" onClick={again}>
            {t('common.again')}
          </Button>
        }
      />
    );
  }

  return (
    <div ref={scan.containerRef}>
      <Form<Values> form={form} layout="vertical" initialValues={{ lines: [initialPartId ? { partId: initialPartId, qty: 1 } : {}] }} data-testid="reserve-form">
        <Row gutter={12}>
          <Col xs={24} md={8}>
            <Form.Item name="locationId" label={t('reservations.store')} rules={[{ required: true, message: t('common.required') }]}>
              <Select options={locationOptions(stores.data)} loading={stores.isPending} data-testid="reserve-store" />
            </Form.Item>
          </Col>
          {selfId === undefined && (
            <Col xs={24} md={8}>
              <Form.Item name="forUserId" label={t('reservations.forUser')} rules={[{ required: true, message: t('common.required') }]}>
                <Select showSearch={{ optionFilterProp: 'label' }} options={techs.data?.map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` }))} loading={techs.isPending} data-testid="reserve-user" />
              </Form.Item>
            </Col>
          )}
          <Col xs={12} md={selfId === undefined ? 8 : 6}>
            <Form.Item name="expiresAt" label={t('reservations.expiresAt')} tooltip={t('reservations.expiresHint')}>
              <DatePicker style={{ width: '100%' }} inputReadOnly disabledDate={(d) => d.isBefore(dayjs(), 'day')} />
            </Form.Item>
          </Col>
          <Col xs={12} md={selfId === undefined ? 24 : 10}>
            <Form.Item name="remark" label={t('common.remark')}>
              <Input maxLength={500} />
            </Form.Item>
          </Col>
        </Row>
        <ScanBar scan={scan} />
        <PartLines testId="reserve" minQty={0.001} lines={lines} availability={{ locationId: store, remark: t('shortages.fromReservation') }} />
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="form-error" />}
        <Button type="primary" onClick={() => void post()} loading={busy} data-testid="reserve-post">
          {t('reservations.submit')}
        </Button>
      </Form>
    </div>
  );
}
