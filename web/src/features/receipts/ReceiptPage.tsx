// 入库: location, supplier, lines (part, qty, unit cost, lot); 预览 shows which lines top up
// which lot and which make new ones (POST /receipts/preview); lines by search or scan, and a
// scanned barcode no part has can become a new part in place; post, then print links.
import { useEffect, useState } from 'react';
import { Alert, Button, Card, Col, Form, Input, Row, Select, Space, Tag } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiGet, apiPost, type Body, type Res } from '../../api/client';
import { useStores, locationOptions } from '../../lib/lookups';
import { showApiError } from '../../lib/formErrors';
import { useDocumentForm } from '../../lib/documentForm';
import { MONEY_PATTERN } from '../../lib/money';
import { useLineScan } from '../../lib/scan/useLineScan';
import { ScanBar } from '../../lib/scan/ScanBar';
import { PartLines } from '../parts/PartLines';
import { NewPartModal } from './NewPartModal';
import { useMe } from '../../app/session';
import { PostedCard } from '../issues/PrintLinks';

type Line = { partId?: number; qty?: number; unitCost?: string; lot?: string };
type Values = { locationId?: number; supplierId?: number; remark?: string; lines: Line[] };
type Preview = Res<'/receipts/preview', 'post'>['lines'][number];
type Posted = Res<'/receipts', 'post'>;
const DETAIL_FIELDS = { locationId: 'locationId', supplierId: 'supplierId' };

function toBody(v: Values): Body<'/receipts'> {
  return {
    locationId: v.locationId!,
    supplierId: v.supplierId ?? null,
    remark: v.remark || null,
    lines: v.lines.map((l) => ({ partId: l.partId, qty: l.qty!, unitCost: (l.unitCost ?? '').trim(), ...(l.lot?.trim() ? { lot: l.lot.trim() } : {}) })),
  };
}

export default function ReceiptPage() {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const stores = useStores();
  const [supplierQ, setSupplierQ] = useState('');
  const suppliers = useQuery({ queryKey: ['suppliers', supplierQ], queryFn: async () => (await apiGet('/suppliers', { q: supplierQ || undefined, limit: 50 })).items });
  const [preview, setPreview] = useState<Preview[] | null>(null);
  const { post, again, busy, error, setError, posted } = useDocumentForm<Values, Posted>(form, (v, idempotencyKey) => apiPost('/receipts', toBody(v), { idempotencyKey }), ['stock', 'part', 'moves'], DETAIL_FIELDS);
  const [previewing, setPreviewing] = useState(false);
  const scan = useLineScan(form);
  // Only those who may write the catalogue (POST /parts) are offered to create a scanned part.
  const canCreatePart = !!useMe().data?.roles.some((r) => r === 'admin' || r === 'warehouse_keeper');
  const [newBarcode, setNewBarcode] = useState<string | null>(null);
  // A scanned line changes the lines without onValuesChange: the preview is stale then too.
  useEffect(() => setPreview(null), [scan.state]);

  /** What posting would do per line: top up lot X or a new lot (R-INV-2). */
  const showPreview = async () => {
    setError(null);
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setPreviewing(true);
    try {
      setPreview((await apiPost('/receipts/preview', toBody(values))).lines);
    } catch (err) {
      setError(showApiError(form, err, values.lines, DETAIL_FIELDS));
    } finally {
      setPreviewing(false);
    }
  };

  if (posted) {
    return (
      <PostedCard
        documentId={posted.id}
        title={t('receipt.posted', { number: posted.number })}
        onAgain={() => {
          setPreview(null);
          again();
        }}
      />
    );
  }

  const previewTag = (i: number) => {
    const p = preview?.find((x) => x.lineNo === i + 1);
    if (!p) return null;
    return p.action === 'top_up' ? <Tag color="blue">{t('receipt.topUp', { lot: p.lotNo })}</Tag> : <Tag color="green">{p.lotNo ? t('receipt.newLotNamed', { lot: p.lotNo }) : t('receipt.newLot')}</Tag>;
  };

  return (
    <Card title={t('receipt.title')}>
      <div ref={scan.containerRef}>
        <Form<Values> form={form} layout="vertical" initialValues={{ lines: [{}] }} onValuesChange={() => setPreview(null)} data-testid="receipt-form">
          <Row gutter={16}>
            <Col xs={24} md={8}>
              <Form.Item name="locationId" label={t('receipt.location')} rules={[{ required: true, message: t('common.required') }]}>
                <Select options={locationOptions(stores.data)} loading={stores.isPending} data-testid="receipt-location" />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="supplierId" label={t('receipt.supplier')}>
                <Select
                  allowClear
                  showSearch={{ filterOption: false, onSearch: setSupplierQ }}
                  options={suppliers.data?.map((s) => ({ value: s.id, label: `${s.code} ${s.name}` }))}
                  data-testid="receipt-supplier"
                />
              </Form.Item>
            </Col>
            <Col xs={24} md={8}>
              <Form.Item name="remark" label={t('common.remark')}>
                <Input maxLength={500} />
              </Form.Item>
            </Col>
          </Row>
          <ScanBar scan={scan} onCreatePart={canCreatePart ? setNewBarcode : undefined} />
          <PartLines
            testId="receipt"
            widths={{ part: 9, qty: 3, qtyXs: 8 }}
            extra={(f, i) => (
              <>
                <Col xs={8} md={3}>
                  <Form.Item
                    name={[f.name, 'unitCost']}
                    label={i === 0 ? t('common.unitCost') : undefined}
                    rules={[{ required: true, message: t('common.required') }, { pattern: MONEY_PATTERN, message: t('receipt.costFormat') }]}
                  >
                    <Input inputMode="decimal" prefix="¥" />
                  </Form.Item>
                </Col>
                <Col xs={8} md={4}>
                  <Form.Item name={[f.name, 'lot']} label={i === 0 ? t('receipt.lot') : undefined}>
                    <Input maxLength={64} />
                  </Form.Item>
                </Col>
                <Col xs={20} md={4} style={{ paddingTop: i === 0 ? 34 : 4 }} data-testid={`receipt-preview-${i}`}>
                  {previewTag(i)}
                </Col>
              </>
            )}
          />
          {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="form-error" />}
          <Space>
            <Button onClick={() => void showPreview()} loading={previewing} data-testid="receipt-preview">
              {t('receipt.preview')}
            </Button>
            <Button type="primary" onClick={() => void post()} loading={busy} data-testid="receipt-post">
              {t('receipt.post')}
            </Button>
          </Space>
        </Form>
      </div>
      {newBarcode !== null && (
        <NewPartModal
          barcode={newBarcode}
          onClose={() => setNewBarcode(null)}
          onCreated={(p) => {
            setNewBarcode(null);
            scan.addPart(p, newBarcode);
          }}
        />
      )}
    </Card>
  );
}
