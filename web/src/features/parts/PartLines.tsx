// The line editor of the stock documents (issue, transfer, reservation, receipt): part by search
// or scan, quantity, optionally the line's availability in the source store with a shortage
// request when it is short, or columns of the page's own (a receipt's cost, lot and preview), and
// add/remove. Must sit inside a Form whose `lines` list it edits.
import type { ReactNode } from 'react';
import { Button, Col, Form, InputNumber, Row, type FormListFieldData } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { PartSelect } from './PartSelect';
import { LineAvailability } from '../shortages/LineAvailability';

type Line = { partId?: number; qty?: number };

export function PartLines(props: {
  /** Prefix of each row's data-testid: `${testId}-line-${i}`. */
  testId: string;
  /** The form's current lines (Form.useWatch('lines')), for the availability column. */
  lines?: Line[];
  /** Show each line's availability in this store, with a shortage request carrying `remark`. */
  availability?: { locationId: number | undefined; remark: string };
  /** The smallest quantity the input accepts. */
  minQty?: number;
  /** Widths (of 24) of the part and quantity columns, when the page adds columns of its own. */
  widths?: { part: number; qty: number; qtyXs: number };
  /** Columns of the page's own after the quantity, for line `i`. */
  extra?: (field: FormListFieldData, i: number) => ReactNode;
}) {
  const { t } = useTranslation();
  const { lines, availability } = props;
  const wide = props.widths ?? (availability ? { part: 11, qty: 4, qtyXs: 10 } : { part: 14, qty: 6, qtyXs: 20 });
  return (
    <Form.List name="lines">
      {(fields, { add, remove }) => (
        <>
          {fields.map((f, i) => (
            <Row gutter={8} key={f.key} align="top" data-testid={`${props.testId}-line-${i}`}>
              <Col xs={24} md={wide.part}>
                <Form.Item name={[f.name, 'partId']} label={i === 0 ? t('common.part') : undefined} rules={[{ required: true, message: t('common.required') }]}>
                  <PartSelect />
                </Form.Item>
              </Col>
              <Col xs={wide.qtyXs} md={wide.qty}>
                <Form.Item name={[f.name, 'qty']} label={i === 0 ? t('common.qty') : undefined} rules={[{ required: true, message: t('common.required') }]}>
                  <InputNumber style={{ width: '100%' }} min={props.minQty ?? 0} max={1e9} inputMode="decimal" />
                </Form.Item>
              </Col>
              {availability && (
                <Col xs={10} md={8} style={{ paddingTop: i === 0 ? 34 : 6 }}>
                  <LineAvailability partId={lines?.[i]?.partId} locationId={availability.locationId} qty={lines?.[i]?.qty} remark={availability.remark} />
                </Col>
              )}
              {props.extra?.(f, i)}
              <Col xs={4} md={1} style={{ paddingTop: i === 0 ? 30 : 0 }}>
                {fields.length > 1 && <Button type="text" danger icon={<DeleteOutlined />} onClick={() => remove(f.name)} aria-label={t('common.removeLine')} />}
              </Col>
            </Row>
          ))}
          <div style={{ marginBottom: 24 }}>
            <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({})}>
              {t('common.addLine')}
            </Button>
          </div>
        </>
      )}
    </Form.List>
  );
}
