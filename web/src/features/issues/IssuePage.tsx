// 出库: store, employee (technicians), lines with the store's availability
// (GET /stock?partId=&locationId=&groupBy=part) and a shortage request for a short line; lines
// by search or by scanning (wedge scanner or camera); post, then the slip's print links.
import { Alert, Button, Card, Col, Form, Input, Row, Select, Space } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiPost, type Res } from '../../api/client';
import { useStores, useTechnicians, locationOptions } from '../../lib/lookups';
import { useDocumentForm } from '../../lib/documentForm';
import { useLineScan } from '../../lib/scan/useLineScan';
import { ScanBar } from '../../lib/scan/ScanBar';
import { PartLines } from '../parts/PartLines';
import { PostedCard } from './PrintLinks';

type Line = { partId?: number; qty?: number };
type Values = { fromLocationId?: number; toUserId?: number; remark?: string; lines: Line[] };
type Posted = Res<'/issues', 'post'>;

export default function IssuePage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const stores = useStores();
  const techs = useTechnicians();
  const store = Form.useWatch('fromLocationId', form);
  const lines = Form.useWatch('lines', form);
  const scan = useLineScan(form);
  const qc = useQueryClient();
  const { post, again, busy, error, posted } = useDocumentForm<Values, Posted>(
    form,
    (v, idempotencyKey) =>
      apiPost('/issues', { fromLocationId: v.fromLocationId!, toUserId: v.toUserId!, remark: v.remark || null, lines: v.lines.map((l) => ({ partId: l.partId!, qty: l.qty! })) }, { idempotencyKey }).catch((err: unknown) => {
        // Refresh the lines' availability so a short line shows what is left.
        void qc.invalidateQueries({ queryKey: ['stock'] });
        throw err;
      }),
    ['stock', 'part', 'moves', 'holdings'],
    { userId: 'toUserId', locationId: 'fromLocationId' },
  );

  if (posted) {
    return (
      <PostedCard
        documentId={posted.id}
        title={t('issue.posted', { number: posted.number })}
        info={posted.status !== 'posted'}
        subTitle={posted.status !== 'posted' ? t(`status.${posted.status}`, { defaultValue: posted.status }) : undefined}
        slipLabel={t('issue.slip')}
        onAgain={again}
      />
    );
  }

  return (
    <Card title={t('issue.title')}>
      <div ref={scan.containerRef}>
        <Form<Values> form={form} layout="vertical" initialValues={{ lines: [{}] }} data-testid="issue-form">
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="fromLocationId" label={t('issue.store')} rules={[{ required: true, message: t('common.required') }]}>
                <Select options={locationOptions(stores.data)} loading={stores.isPending} data-testid="issue-store" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="toUserId" label={t('issue.employee')} rules={[{ required: true, message: t('common.required') }]}>
                <Select
                  showSearch={{ optionFilterProp: 'label' }}
                  options={techs.data?.map((u) => ({ value: u.id, label: `${u.displayName}（${u.username}）` }))}
                  loading={techs.isPending}
                  data-testid="issue-employee"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="remark" label={t('common.remark')}>
                <Input maxLength={500} />
              </Form.Item>
            </Col>
          </Row>
          <ScanBar scan={scan} />
          <PartLines testId="issue" lines={lines} availability={{ locationId: store, remark: t('shortages.fromIssue') }} />
          {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="form-error" />}
          <Space>
            <Button type="primary" onClick={() => void post()} loading={busy} data-testid="issue-post">
              {t('receipt.post')}
            </Button>
          </Space>
        </Form>
      </div>
    </Card>
  );
}
