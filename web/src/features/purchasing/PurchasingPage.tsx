// 采购清单: what to buy, grouped by supplier (GET /shortages/purchase-list: open shortage
// requests, work orders waiting for parts, stock under its alarm). Prints as the server's A4
// slip or PDF, or this page itself (print CSS: the shell and buttons are hidden); exports to
// .xlsx. The open shortage requests below can be marked ordered or closed.
import { App, Button, Card, Empty, Space, Table, Tag, Typography } from 'antd';
import { PrinterOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiGet, apiPatch, apiUrl, ApiError, type Res } from '../../api/client';
import { useMe } from '../../app/session';
import { qty } from '../../lib/lookups';
import { formatFen, toFen, yuan } from '../../lib/money';
import { ExportButton } from '../parts/exchange';

type Group = Res<'/shortages/purchase-list'>['items'][number];
type Line = Group['lines'][number];
type Shortage = Res<'/shortages'>['items'][number];

const CLOSERS = ['admin', 'warehouse_keeper', 'service_manager'];
const PRINT_CSS = `
@media print {
  @page { size: A4; margin: 12mm; }
  .ant-layout-sider, .ant-layout-header, .no-print { display: none !important; }
  .ant-layout-content { padding: 0 !important; }
  .ant-card { box-shadow: none !important; border: 0 !important; }
  .purchase-group { break-inside: avoid; }
}`;

/** Every supplier group, following the cursor (a short list: one page as a rule). */
async function allGroups(): Promise<Group[]> {
  const get = (cursor?: string) => apiGet('/shortages/purchase-list', { limit: 500, cursor });
  let page = await get();
  const groups = [...page.items];
  while (page.nextCursor) {
    page = await get(page.nextCursor);
    groups.push(...page.items);
  }
  return groups;
}

/** qty (≤ 3 decimals) × unit cost in fen, rounded to the fen in integers. */
function lineAmountFen(l: Line): number | null {
  if (l.lastCost === null) return null;
  const milli = Math.round(l.qty * 1000);
  return Math.floor((milli * toFen(l.lastCost) + 500) / 1000);
}

export default function PurchasingPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const { data: me } = useMe();
  const canClose = !!me?.roles.some((r) => CLOSERS.includes(r));
  const list = useQuery({ queryKey: ['purchase-list'], queryFn: allGroups });
  const requests = useQuery({ queryKey: ['shortages', 'open'], queryFn: async () => (await apiGet('/shortages', { status: 'open', limit: 200 })).items });
  const mark = useMutation({
    mutationFn: (v: { s: Shortage; status: 'ordered' | 'closed' }) => apiPatch('/shortages/{id}', { status: v.status, version: v.s.version }, { id: v.s.id }),
    onSuccess: async (_r, v) => {
      void message.success(t('purchasing.updated', { what: v.s.partCode ?? v.s.description ?? `#${v.s.id}` }));
      await qc.invalidateQueries({ queryKey: ['shortages'] });
      await qc.invalidateQueries({ queryKey: ['purchase-list'] });
    },
    onError: (err) => void message.error(err instanceof ApiError ? err.message : String(err)),
  });

  const groups = list.data ?? [];
  const sourceTag = (s: string) => <Tag key={s} color={s === 'alarm' ? 'red' : s === 'work_order' ? 'orange' : 'blue'}>{t(`purchasing.${s}`, { defaultValue: s })}</Tag>;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Card
        title={t('purchasing.title')}
        loading={list.isPending}
        extra={
          <Space wrap className="no-print">
            <Button icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="purchase-print">
              {t('common.print')}
            </Button>
            <Button href={apiUrl('/shortages/purchase-list/print', { format: 'html', paper: 'a4' })} target="_blank" data-testid="purchase-print-a4">
              {t('purchasing.printA4')}
            </Button>
            <Button href={apiUrl('/shortages/purchase-list/print', { format: 'pdf', paper: 'a4' })} target="_blank" data-testid="purchase-print-pdf">
              {t('purchasing.pdf')}
            </Button>
            <ExportButton name="purchase-list" label={t('purchasing.export')} testId="purchase-export" />
          </Space>
        }
      >
        <style>{PRINT_CSS}</style>
        {groups.length === 0 && !list.isPending && <Empty description={t('purchasing.empty')} />}
        {groups.map((g) => {
          const total = g.lines.reduce((s, l) => s + (lineAmountFen(l) ?? 0), 0);
          return (
            <div key={g.supplierId ?? 'none'} className="purchase-group" data-testid="purchase-group" style={{ marginBottom: 24 }}>
              <Space style={{ marginBottom: 8 }} wrap>
                <Typography.Title level={5} style={{ margin: 0 }}>
                  {g.supplierName ? `${g.supplierCode} ${g.supplierName}` : t('purchasing.noSupplier')}
                </Typography.Title>
                <Typography.Text type="secondary">{t('purchasing.lines', { n: g.lines.length })}</Typography.Text>
              </Space>
              <Table<Line>
                size="small"
                rowKey={(l) => `${l.partId ?? l.partName}`}
                pagination={false}
                dataSource={g.lines}
                scroll={{ x: 800 }}
                columns={[
                  { title: t('common.code'), dataIndex: 'partCode', width: 120, render: (c: string | null) => c ?? '—' },
                  { title: t('common.name'), dataIndex: 'partName' },
                  { title: t('common.spec'), dataIndex: 'spec', render: (s: string | null) => s ?? '' },
                  { title: t('common.qty'), dataIndex: 'qty', align: 'right', width: 90, render: (n: number, l) => `${qty(n)} ${l.unit ?? ''}` },
                  { title: t('purchasing.sources'), dataIndex: 'sources', width: 200, render: (s: string[]) => s.map(sourceTag) },
                  { title: t('purchasing.lastCost'), dataIndex: 'lastCost', align: 'right', width: 110, render: (v: string | null) => yuan(v) },
                  { title: t('purchasing.amount'), key: 'amount', align: 'right', width: 120, render: (_: unknown, l) => { const f = lineAmountFen(l); return f === null ? '—' : yuan(formatFen(f)); } },
                ]}
                summary={() => (
                  <Table.Summary.Row>
                    <Table.Summary.Cell index={0} colSpan={6} align="right">
                      {t('purchasing.groupTotal')}
                    </Table.Summary.Cell>
                    <Table.Summary.Cell index={6} align="right">
                      <strong>{yuan(formatFen(total))}</strong>
                    </Table.Summary.Cell>
                  </Table.Summary.Row>
                )}
              />
            </div>
          );
        })}
      </Card>
      <Card title={t('purchasing.requests')} className="no-print">
        <Table<Shortage>
          size="small"
          rowKey="id"
          loading={requests.isPending}
          dataSource={requests.data ?? []}
          pagination={false}
          scroll={{ x: 700 }}
          data-testid="shortage-table"
          columns={[
            { title: t('common.part'), key: 'part', render: (_: unknown, s) => (s.partCode ? `${s.partCode} ${s.partName ?? ''}` : s.description) },
            { title: t('common.qty'), dataIndex: 'qty', align: 'right', width: 90, render: qty },
            { title: t('common.remark'), dataIndex: 'remark' },
            { title: t('purchasing.createdAt'), dataIndex: 'createdAt', width: 170, render: (v: string) => v.slice(0, 16).replace('T', ' ') },
            ...(canClose
              ? [
                  {
                    title: t('common.actions'),
                    key: 'actions',
                    width: 180,
                    render: (_: unknown, s: Shortage) => (
                      <Space>
                        <Button size="small" onClick={() => mark.mutate({ s, status: 'ordered' })} data-testid={`shortage-ordered-${s.id}`}>
                          {t('purchasing.markOrdered')}
                        </Button>
                        <Button size="small" danger onClick={() => mark.mutate({ s, status: 'closed' })} data-testid={`shortage-closed-${s.id}`}>
                          {t('purchasing.markClosed')}
                        </Button>
                      </Space>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </Card>
    </Space>
  );
}
