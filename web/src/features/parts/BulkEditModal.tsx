// 批量修改: the ticked fields are applied to every selected part in one POST /parts/bulk-update,
// each row with the version it was read at; the server answers all or nothing and names every
// rejected row, which is listed here in the user's language.
import { useState } from 'react';
import { Alert, Checkbox, Form, Input, InputNumber, Modal, Select, Table, Typography } from 'antd';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiGet, apiPost, ApiError } from '../../api/client';
import { MONEY_PATTERN } from '../../lib/money';
import type { Part } from './PartSelect';

type Field = 'category' | 'preferredSupplierId' | 'alarmQty' | 'salePrice' | 'archived';
interface Values {
  category?: string;
  preferredSupplierId?: number | null;
  alarmQty?: number | null;
  salePrice?: string;
  archived?: boolean;
}
interface RowError {
  index: number;
  partId: number;
  code: string | null;
  message: string;
}

export function BulkEditModal({ parts, open, onClose, onDone }: { parts: Part[]; open: boolean; onClose: () => void; onDone: (n: number) => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const [on, setOn] = useState<Set<Field>>(new Set());
  const [failed, setFailed] = useState<{ message: string; rows: RowError[] } | null>(null);
  const suppliers = useQuery({ queryKey: ['suppliers', 'all'], staleTime: 5 * 60_000, enabled: open, queryFn: async () => (await apiGet('/suppliers', { limit: 500 })).items });

  const save = useMutation({
    mutationFn: async (v: Values) => {
      // Only ticked fields are sent; an emptied field clears the value (null).
      const patch: Record<string, unknown> = {};
      if (on.has('category')) patch.category = v.category?.trim() || null;
      if (on.has('preferredSupplierId')) patch.preferredSupplierId = v.preferredSupplierId ?? null;
      if (on.has('alarmQty')) patch.alarmQty = v.alarmQty ?? null;
      if (on.has('salePrice')) patch.salePrice = v.salePrice?.trim() || null;
      if (on.has('archived')) patch.archived = !!v.archived;
      return apiPost('/parts/bulk-update', { items: parts.map((p) => ({ id: p.id, version: p.version, ...patch })) } as never);
    },
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['parts'] });
      await qc.invalidateQueries({ queryKey: ['part'] });
      setFailed(null);
      onDone(parts.length);
    },
    onError: (err) => {
      if (err instanceof ApiError) {
        const rows = Array.isArray(err.details.rows) ? (err.details.rows as RowError[]) : [];
        setFailed({ message: err.message, rows });
      } else setFailed({ message: String(err), rows: [] });
    },
  });

  const toggle = (f: Field) => (e: { target: { checked: boolean } }) => {
    const next = new Set(on);
    if (e.target.checked) next.add(f);
    else next.delete(f);
    setOn(next);
  };
  const row = (f: Field, label: string, input: React.ReactNode, rules?: object[]) => (
    <Form.Item key={f} label={<Checkbox checked={on.has(f)} onChange={toggle(f)} data-testid={`bulk-on-${f}`}>{label}</Checkbox>} name={f} rules={on.has(f) ? rules : []}>
      {input}
    </Form.Item>
  );

  return (
    <Modal
      open={open}
      title={t('bulk.title', { n: parts.length })}
      okText={t('bulk.apply')}
      onOk={() => {
        if (on.size === 0) return setFailed({ message: t('bulk.pickField'), rows: [] });
        void form.validateFields().then((v) => save.mutate(v));
      }}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'bulk-apply' } as never}
      onCancel={() => {
        setFailed(null);
        onClose();
      }}
      width={640}
      destroyOnHidden
      data-testid="bulk-modal"
    >
      <Typography.Paragraph type="secondary">{t('bulk.hint')}</Typography.Paragraph>
      <Form form={form} layout="horizontal" labelCol={{ span: 7 }} wrapperCol={{ span: 17 }} preserve>
        {row('category', t('common.category'), <Input maxLength={100} data-testid="bulk-category" disabled={!on.has('category')} />)}
        {row(
          'preferredSupplierId',
          t('common.supplier'),
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            disabled={!on.has('preferredSupplierId')}
            options={suppliers.data?.map((s) => ({ value: s.id, label: `${s.code} ${s.name}` }))}
            data-testid="bulk-supplier"
          />,
        )}
        {row('alarmQty', t('common.alarmQty'), <InputNumber min={0} precision={3} style={{ width: '100%' }} disabled={!on.has('alarmQty')} data-testid="bulk-alarm" />)}
        {row('salePrice', t('common.salePrice'), <Input prefix="¥" disabled={!on.has('salePrice')} data-testid="bulk-price" />, [{ pattern: MONEY_PATTERN, message: t('receipt.costFormat') }])}
        {row(
          'archived',
          t('bulk.archive'),
          <Select
            disabled={!on.has('archived')}
            options={[
              { value: true, label: t('bulk.archiveSet') },
              { value: false, label: t('bulk.archiveUnset') },
            ]}
            data-testid="bulk-archived"
          />,
        )}
      </Form>
      {failed && (
        <div data-testid="bulk-errors">
          <Alert type="error" showIcon message={failed.message} style={{ marginBottom: failed.rows.length ? 8 : 0 }} />
          {failed.rows.length > 0 && (
            <Table<RowError>
              size="small"
              rowKey="index"
              pagination={false}
              dataSource={failed.rows}
              columns={[
                { title: t('common.code'), dataIndex: 'code', width: 140, render: (c: string | null, r) => c ?? `#${r.partId}` },
                { title: t('importer.message'), dataIndex: 'message' },
              ]}
            />
          )}
        </div>
      )}
    </Modal>
  );
}
