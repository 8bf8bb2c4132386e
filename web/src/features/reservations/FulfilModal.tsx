// 领取出库 against a reservation: the open lines with their quantities, posted as an issue that
// names the reservation (POST /issues with reservationId), which releases what it reserved.
import { Alert, Button, Col, Form, InputNumber, Modal, Result, Row, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiPost, type Res } from '../../api/client';
import { qty } from '../../lib/lookups';
import { useDocumentForm } from '../../lib/documentForm';
import { PrintLinks } from '../issues/PrintLinks';

export type Reservation = Res<'/reservations'>['items'][number];
type Values = { lines: { partId: number; qty?: number }[] };
type Posted = Res<'/issues', 'post'>;

export function FulfilModal({ reservation: r, partName, onClose }: { reservation: Reservation; partName: (partId: number) => string; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const open = r.lines.filter((l) => l.openQty > 0);
  const { post, busy, error, posted } = useDocumentForm<Values, Posted>(
    form,
    (v, idempotencyKey) =>
      apiPost('/issues', { fromLocationId: r.locationId, toUserId: r.forUserId!, reservationId: r.id, lines: v.lines.filter((l) => (l.qty ?? 0) > 0).map((l) => ({ partId: l.partId, qty: l.qty! })) }, { idempotencyKey }),
    ['reservations', 'stock', 'holdings', 'documents', 'moves'],
  );
  return (
    <Modal open title={t('reservations.fulfilTitle', { number: r.number })} onCancel={onClose} footer={null} destroyOnHidden data-testid="fulfil-modal">
      {posted ? (
        <Result
          status={posted.status === 'posted' ? 'success' : 'info'}
          title={t('reservations.fulfilled', { number: posted.number })}
          subTitle={posted.status !== 'posted' ? t(`status.${posted.status}`, { defaultValue: posted.status }) : undefined}
          extra={[<PrintLinks key="p" documentId={posted.id} />, <Button key="c" type="primary" onClick={onClose} data-testid="fulfil-close">{t('shortages.close')}</Button>]}
          data-testid="fulfil-result"
        />
      ) : (
        <Form<Values> form={form} layout="vertical" initialValues={{ lines: open.map((l) => ({ partId: l.partId, qty: l.openQty })) }}>
          <Form.List name="lines">
            {(fields) =>
              fields.map((f, i) => (
                <Row key={f.key} gutter={8} align="middle">
                  <Col flex="auto">
                    <Form.Item name={[f.name, 'partId']} hidden noStyle>
                      <InputNumber />
                    </Form.Item>
                    <Typography.Text>{partName(open[i].partId)}</Typography.Text>
                    <br />
                    <Typography.Text type="secondary">
                      {t('reservations.openQty')} {qty(open[i].openQty)}
                    </Typography.Text>
                  </Col>
                  <Col flex="120px">
                    <Form.Item name={[f.name, 'qty']} rules={[{ required: true, message: t('common.required') }]} style={{ marginBottom: 12 }}>
                      <InputNumber min={0} max={1e9} style={{ width: '100%' }} data-testid={`fulfil-qty-${i}`} />
                    </Form.Item>
                  </Col>
                </Row>
              ))
            }
          </Form.List>
          {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="form-error" />}
          <Button type="primary" block loading={busy} onClick={() => void post()} data-testid="fulfil-post">
            {t('reservations.fulfil')}
          </Button>
        </Form>
      )}
    </Modal>
  );
}
