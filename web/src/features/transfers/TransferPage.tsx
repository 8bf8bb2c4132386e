// 调拨: send parts from a warehouse to a service station (POST /transfers); the document stays
// in transit until the station confirms what arrived on 调拨收货.
import { Alert, Button, Card, Col, Form, Input, Row, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { apiPost, type Res } from '../../api/client';
import { useStores, locationOptions } from '../../lib/lookups';
import { useDocumentForm } from '../../lib/documentForm';
import { useLineScan } from '../../lib/scan/useLineScan';
import { ScanBar } from '../../lib/scan/ScanBar';
import { PartLines } from '../parts/PartLines';
import { PostedCard } from '../issues/PrintLinks';

type Line = { partId?: number; qty?: number };
type Values = { fromLocationId?: number; toLocationId?: number; remark?: string; lines: Line[] };
type Posted = Res<'/transfers', 'post'>;

export default function TransferPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const stores = useStores();
  const warehouses = stores.data?.filter((l) => l.kind === 'warehouse');
  const stations = stores.data?.filter((l) => l.kind === 'station');
  const scan = useLineScan(form);

  const { post, again, busy, error, posted } = useDocumentForm<Values, Posted>(
    form,
    (v, idempotencyKey) => apiPost('/transfers', { fromLocationId: v.fromLocationId!, toLocationId: v.toLocationId!, remark: v.remark || null, lines: v.lines.map((l) => ({ partId: l.partId!, qty: l.qty! })) }, { idempotencyKey }),
    ['stock', 'documents'],
  );

  if (posted) {
    return (
      <PostedCard documentId={posted.id} title={t('transfer.posted', { number: posted.number })} onAgain={again} />
    );
  }

    return (
    <Card title={t('transfer.title')}>
      <div ref={scan.containerRef}>
        <Form<Values> form={form} layout="vertical" initialValues={{ lines: [{}] }} data-testid="transfer-form">
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="fromLocationId" label={t('transfer.from')} rules={[{ required: true, message: t('common.required') }]}>
                <Select options={locationOptions(warehouses)} loading={stores.isPending} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="toLocationId" label={t('transfer.to')} rules={[{ required: true, message: t('common.required') }]}>
                <Select options={locationOptions(stations)} loading={stores.isPending} />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="remark" label={t('common.remark')}>
                <Input maxLength={500} />
              </Form.Item>
            </Col>
          </Row>
          <ScanBar scan={scan} />
          <PartLines testId="transfer" />
          {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="form-error" />}
          <Button type="primary" onClick={() => void post()} loading={busy} data-testid="transfer-post">
            {t('transfer.post')}
          </Button>
        </Form>
      </div>
    </Card>
  );
}
