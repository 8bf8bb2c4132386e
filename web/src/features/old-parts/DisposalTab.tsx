// 每月旧件处理: the old parts handed in during a month (pending or disposed, per old-parts store),
// their age in days (over 30 highlighted); ticked pending rows are disposed in one request per
// store — back to a supplier for a claim, scrapped or refurbished into a store. Exports the same
// filters to .xlsx and prints the list (print CSS hides the shell and the controls).
import { useMemo, useRef, useState } from 'react';
import { Alert, App, Button, Checkbox, DatePicker, Form, Grid, Input, List, Modal, Radio, Select, Space, Table, Tag, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import dayjs, { type Dayjs } from 'dayjs';
import { apiGet, apiPost, newIdempotencyKey, type Res } from '../../api/client';
import { errorMessage } from '../../lib/formErrors';
import { useStores } from '../../lib/lookups';
import { ExportButton } from '../parts/exchange';
import { fromMilli, toMilli, useOldPartsLocations, useWorkOrderHref, type DisposalAction, type OldPartItem } from './api';
import { useFormSubmit } from '../../lib/formSubmit';

const PRINT_CSS = `
@media print {
  @page { size: A4 landscape; margin: 10mm; }
  .ant-layout-sider, .ant-layout-header, .no-print, .ant-tabs-nav, .ant-table-selection-column > * { display: none !important; }
  .ant-table-row-selected > td { background: none !important; }
  .ant-layout-content { padding: 0 !important; }
  .ant-card { box-shadow: none !important; border: 0 !important; }
  .op-print-title { display: block !important; }
}`;
const OLD_DAYS = 30;
type Status = 'pending' | 'disposed' | 'all';
type Page = Res<'/old-parts'>;

export function DisposalTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const href = useWorkOrderHref();
  const [month, setMonth] = useState<Dayjs>(() => dayjs());
  const [status, setStatus] = useState<Status>('pending');
  const [locationId, setLocationId] = useState<number | undefined>();
  const [selected, setSelected] = useState<number[]>([]);
  const [disposing, setDisposing] = useState(false);
  const [form] = Form.useForm<{ action: DisposalAction; supplierId?: number; toLocationId?: number; remark?: string }>();
  const action = Form.useWatch('action', form);
  const key = useRef(newIdempotencyKey());
  const locations = useOldPartsLocations();
  const narrow = !Grid.useBreakpoint().md;
  const stores = useStores();
  const suppliers = useQuery({ queryKey: ['suppliers', 'all'], staleTime: 5 * 60_000, enabled: disposing, queryFn: async () => (await apiGet('/suppliers', { limit: 500 })).items });

  const filters = { month: month.format('YYYY-MM'), status: status === 'all' ? undefined : status, locationId };
  const list = useInfiniteQuery({
    queryKey: ['old-parts', 'list', filters],
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (p: Page) => p.nextCursor ?? undefined,
    queryFn: ({ pageParam }): Promise<Page> => apiGet('/old-parts', { ...filters, cursor: pageParam, limit: 100 }),
  });
  const rows = useMemo(() => list.data?.pages.flatMap((p) => p.items) ?? [], [list.data]);
  const chosen = rows.filter((r) => selected.includes(r.id) && r.status === 'pending');
  const chosenLocations = [...new Set(chosen.map((r) => r.locationId))];

  const open = () => {
    setError(null);
    form.resetFields();
    setDisposing(true);
  };
  const { submit: dispose, busy, error, setError } = useFormSubmit(form, async (v) => {
    const perPart = new Map<number, number>();
    for (const r of chosen) perPart.set(r.partId, (perPart.get(r.partId) ?? 0) + toMilli(r.pendingQty));
    const res = await apiPost(
      '/old-parts/disposals',
      {
        locationId: chosenLocations[0]!,
        lines: [...perPart].map(([partId, milli]) => ({ partId, qty: fromMilli(milli), action: v.action, supplierId: v.action === 'supplier_claim' ? (v.supplierId ?? null) : null, toLocationId: v.action === 'refurbish' ? (v.toLocationId ?? null) : null })),
        remark: v.remark?.trim() || null,
      },
      { idempotencyKey: key.current },
    );
    key.current = newIdempotencyKey();
    void message.success(t('oldParts.dispose.done', { n: chosen.length, docs: res.documentIds.length }));
    setDisposing(false);
    setSelected([]);
    await Promise.all([qc.invalidateQueries({ queryKey: ['old-parts'] }), qc.invalidateQueries({ queryKey: ['stock'] })]);
  });

  /** Days since the hand-in; a pending part older than 30 days is red. */
  const ageTag = (r: OldPartItem) =>
    r.status === 'pending' && r.ageDays > OLD_DAYS ? (
      <Tag color="red" title={t('oldParts.list.overdue')} data-testid="op-old">
        {t('oldParts.list.days', { n: r.ageDays })}
      </Tag>
    ) : (
      <span>{t('oldParts.list.days', { n: r.ageDays })}</span>
    );

  return (
    <div>
      <Space wrap className="no-print" style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }}>
        <Space wrap>
          <DatePicker picker="month" allowClear={false} value={month} onChange={(d) => d && setMonth(d)} style={{ width: 120 }} data-testid="op-month" />
          <Select<Status>
            value={status}
            onChange={setStatus}
            style={{ width: 110 }}
            options={(['pending', 'disposed', 'all'] as const).map((s) => ({ value: s, label: t(`oldParts.list.${s}`) }))}
            data-testid="op-status"
          />
          <Select<number>
            allowClear
            value={locationId}
            onChange={setLocationId}
            placeholder={t('oldParts.list.allLocations')}
            style={{ width: 180 }}
            options={(locations.data ?? []).map((l) => ({ value: l.id, label: l.name }))}
            data-testid="op-filter-location"
          />
        </Space>
        <Space wrap>
          <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="op-print">
            {t('common.print')}
          </Button>
          <ExportButton name="old-parts" params={filters} label={t('oldParts.list.export')} testId="op-export" />
        </Space>
      </Space>
      <style>{PRINT_CSS}</style>
      <Typography.Title level={4} className="op-print-title" style={{ display: 'none' }}>
        {t('oldParts.list.printTitle', { month: filters.month })}
      </Typography.Title>
      {list.error && <Alert type="error" showIcon message={errorMessage(list.error)} style={{ marginBlock: 8 }} />}
      <Space wrap className="no-print" style={{ marginBlock: 8 }}>
        <Button type="primary" disabled={chosen.length === 0 || chosenLocations.length > 1} onClick={open} data-testid="op-dispose">
          {t('oldParts.list.dispose')}
        </Button>
        {chosen.length > 0 && <Typography.Text type="secondary">{t('oldParts.list.selected', { n: chosen.length })}</Typography.Text>}
        {chosenLocations.length > 1 && <Typography.Text type="danger">{t('oldParts.list.oneLocation')}</Typography.Text>}
      </Space>
      {narrow ? (
        <List
          size="small"
          bordered
          loading={list.isPending}
          dataSource={rows}
          locale={{ emptyText: t('oldParts.list.empty') }}
          data-testid="op-list"
          renderItem={(r) => (
            <List.Item key={r.id} data-row-key={r.id} style={{ display: 'flex', alignItems: 'flex-start', gap: 8 }}>
              <Checkbox
                className="no-print"
                disabled={r.status !== 'pending'}
                checked={selected.includes(r.id)}
                onChange={(e) => setSelected((x) => (e.target.checked ? [...x, r.id] : x.filter((id) => id !== r.id)))}
              />
              <div style={{ flex: 1, minWidth: 0 }}>
                <div>
                  <Typography.Text strong>{r.partCode}</Typography.Text> {r.partName} × {r.qty}
                  {r.status === 'pending' && r.pendingQty !== r.qty && ` (${t('oldParts.list.pendingQty')} ${r.pendingQty})`}
                </div>
                <Space wrap size={4}>
                  <Link to={href(r.workOrderId)}>{r.workOrderNumber}</Link>
                  <span>{r.technicianName ?? '—'}</span>
                  <span>{r.handedInAt.slice(0, 10)}</span>
                  {ageTag(r)}
                  <Tag color={r.status === 'pending' ? 'orange' : 'green'}>{t(`oldParts.list.${r.status}`)}</Tag>
                </Space>
                <div>
                  <Typography.Text type="secondary">{r.locationName}</Typography.Text>
                </div>
              </div>
            </List.Item>
          )}
        />
      ) : (
      <Table<OldPartItem>
        size="small"
        rowKey="id"
        pagination={false}
        loading={list.isPending}
        scroll={{ x: 900 }}
        dataSource={rows}
        locale={{ emptyText: t('oldParts.list.empty') }}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]), getCheckboxProps: (r) => ({ disabled: r.status !== 'pending' }) }}
        data-testid="op-list"
        columns={[
          { title: t('oldParts.list.part'), key: 'part', render: (_: unknown, r) => (<span><Typography.Text strong>{r.partCode}</Typography.Text> {r.partName}</span>) },
          { title: t('oldParts.list.qty'), dataIndex: 'qty', align: 'right', width: 70 },
          { title: t('oldParts.list.pendingQty'), dataIndex: 'pendingQty', align: 'right', width: 80 },
          { title: t('oldParts.list.workOrder'), dataIndex: 'workOrderNumber', width: 150, render: (v: string, r) => <Link to={href(r.workOrderId)}>{v}</Link> },
          { title: t('oldParts.list.technician'), dataIndex: 'technicianName', width: 90, render: (v: string | null) => v ?? '—' },
          { title: t('oldParts.list.handedInAt'), dataIndex: 'handedInAt', width: 110, render: (v: string) => v.slice(0, 10) },
          {
            title: t('oldParts.list.ageDays'),
            dataIndex: 'ageDays',
            align: 'right',
            width: 100,
            render: (_: number, r) => ageTag(r),
          },
          { title: t('oldParts.list.location'), dataIndex: 'locationName', width: 130 },
          { title: t('oldParts.list.status'), dataIndex: 'status', width: 80, render: (s: string) => <Tag color={s === 'pending' ? 'orange' : 'green'}>{t(`oldParts.list.${s}`)}</Tag> },
        ]}
      />
      )}
      {list.hasNextPage && (
        <div className="no-print" style={{ textAlign: 'center', marginTop: 12 }}>
          <Button onClick={() => list.fetchNextPage()} loading={list.isFetchingNextPage}>
            {t('common.loadMore')}
          </Button>
        </div>
      )}
      <Modal
        open={disposing}
        title={t('oldParts.dispose.title', { n: chosen.length })}
        okText={t('oldParts.dispose.ok')}
        okButtonProps={{ loading: busy, 'data-testid': 'op-dispose-ok' } as never}
        onOk={dispose}
        onCancel={() => setDisposing(false)}
        destroyOnHidden
      >
        {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="op-dispose-error" />}
        <Form form={form} layout="vertical" initialValues={{ action: 'scrap' }} preserve={false}>
          <Form.Item name="action" label={t('oldParts.dispose.action')} rules={[{ required: true, message: t('common.required') }]}>
            <Radio.Group
              optionType="button"
              options={(['supplier_claim', 'scrap', 'refurbish'] as const).map((a) => ({ value: a, label: <span data-testid={`op-action-${a}`}>{t(`oldParts.dispose.actions.${a}`)}</span> }))}
            />
          </Form.Item>
          {action === 'supplier_claim' && (
            <Form.Item name="supplierId" label={t('oldParts.dispose.supplier')} rules={[{ required: true, message: t('common.required') }]}>
              <Select showSearch optionFilterProp="label" loading={suppliers.isPending} options={(suppliers.data ?? []).map((s) => ({ value: s.id, label: `${s.code} ${s.name}` }))} data-testid="op-supplier" />
            </Form.Item>
          )}
          {action === 'refurbish' && (
            <Form.Item name="toLocationId" label={t('oldParts.dispose.store')} rules={[{ required: true, message: t('common.required') }]}>
              <Select showSearch optionFilterProp="label" options={(stores.data ?? []).map((s) => ({ value: s.id, label: `${s.code} ${s.name}` }))} data-testid="op-store" />
            </Form.Item>
          )}
          <Form.Item name="remark" label={t('oldParts.dispose.remark')}>
            <Input maxLength={500} />
          </Form.Item>
          <Typography.Text type="secondary">{t('oldParts.list.fifo')}</Typography.Text>
        </Form>
      </Modal>
    </div>
  );
}
