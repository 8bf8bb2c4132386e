// 领取统计: issued/returned/consumed quantities with cost, sales and profit by employee, part or
// station over a period (GET /reports/issue-stats, every page of it, the largest cost first), an
// ECharts bar chart above the table, and the .xlsx export. ECharts is imported here only, so it
// stays out of the entry chunk.
import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, DatePicker, Segmented, Space, Table } from 'antd';
import { DownloadOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs, { type Dayjs } from 'dayjs';
import * as echarts from 'echarts/core';
import { BarChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { apiGet, apiUrl, type Res } from '../../api/client';
import { qty } from '../../lib/lookups';
import { yuan } from '../../lib/money';

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

type GroupBy = 'employee' | 'part' | 'station';
type Params = { groupBy: GroupBy; from: string; to: string };
type Row = Res<'/reports/issue-stats'>['items'][number];

/** Every group, following the cursor (the server pages in key order); the totals are on each page. */
async function allStats(params: Params) {
  const get = (cursor?: string) => apiGet('/reports/issue-stats', { ...params, limit: 500, cursor });
  let page = await get();
  const items = [...page.items];
  while (page.nextCursor) {
    page = await get(page.nextCursor);
    items.push(...page.items);
  }
  return { items: items.sort((a, b) => Number(b.cost) - Number(a.cost)), totals: page.totals };
}

function Chart({ rows }: { rows: Row[] }) {
  const { t } = useTranslation();
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    if (!el.current) return;
    const c = echarts.init(el.current);
    chart.current = c;
    const resize = () => c.resize();
    window.addEventListener('resize', resize);
    return () => {
      window.removeEventListener('resize', resize);
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    const top = rows.slice(0, 20);
    // Money arrives as decimal strings; the chart only needs yuan for bar heights.
    const money = (s: string) => Number(s);
    chart.current?.setOption(
      {
        tooltip: { trigger: 'axis' },
        legend: { top: 0 },
        grid: { left: 48, right: 48, bottom: 64, top: 36 },
        xAxis: { type: 'category', data: top.map((r) => r.label), axisLabel: { rotate: top.length > 8 ? 30 : 0, interval: 0 } },
        yAxis: [
          { type: 'value', name: t('stats.issuedQty') },
          { type: 'value', name: '¥' },
        ],
        series: [
          { name: t('stats.issuedQty'), type: 'bar', data: top.map((r) => r.issuedQty) },
          { name: t('stats.netQty'), type: 'bar', data: top.map((r) => r.netQty) },
          { name: t('stats.cost'), type: 'bar', yAxisIndex: 1, data: top.map((r) => money(r.cost)) },
          { name: t('stats.profit'), type: 'bar', yAxisIndex: 1, data: top.map((r) => money(r.profit)) },
        ],
      },
      true,
    );
  }, [rows, t]);
  return <div ref={el} style={{ width: '100%', height: 320 }} data-testid="stats-chart" />;
}

export default function IssueStatsPage() {
  const { t } = useTranslation();
  const [groupBy, setGroupBy] = useState<GroupBy>('employee');
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('month').subtract(2, 'month'), dayjs()]);
  const params: Params = { groupBy, from: range[0].startOf('day').toISOString(), to: range[1].endOf('day').toISOString() };
  const q = useQuery({ queryKey: ['issue-stats', params], queryFn: () => allStats(params) });
  const rows = q.data?.items ?? [];
  const totals = q.data?.totals;
  const num = (v: number) => qty(v);

  return (
    <Card
      title={t('stats.title')}
      extra={
        <Button icon={<DownloadOutlined />} href={apiUrl('/exports/issue-stats.xlsx', params)} data-testid="stats-export">
          {t('stats.export')}
        </Button>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Segmented<GroupBy>
          value={groupBy}
          onChange={setGroupBy}
          options={[
            { value: 'employee', label: t('stats.employee') },
            { value: 'part', label: t('stats.part') },
            { value: 'station', label: t('stats.station') },
          ]}
          data-testid="stats-group"
        />
        <DatePicker.RangePicker value={range} allowClear={false} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} />
      </Space>
      {q.error && <Alert type="error" showIcon message={q.error.message} style={{ marginBottom: 16 }} data-testid="form-error" />}
      <Chart rows={rows} />
      <Table<Row>
        rowKey={(r) => `${r.key ?? 'none'}-${r.label}`}
        size="small"
        loading={q.isPending}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 900 }}
        data-testid="stats-table"
        columns={[
          { title: t('stats.label'), dataIndex: 'label', fixed: 'left' },
          { title: t('stats.issuedQty'), dataIndex: 'issuedQty', align: 'right', render: num },
          { title: t('stats.returnedQty'), dataIndex: 'returnedQty', align: 'right', render: num },
          { title: t('stats.consumedQty'), dataIndex: 'consumedQty', align: 'right', render: num },
          { title: t('stats.scrappedQty'), dataIndex: 'scrappedQty', align: 'right', render: num },
          { title: t('stats.netQty'), dataIndex: 'netQty', align: 'right', render: num },
          { title: t('stats.cost'), dataIndex: 'cost', align: 'right', render: yuan },
          { title: t('stats.saleValue'), dataIndex: 'saleValue', align: 'right', render: yuan },
          { title: t('stats.profit'), dataIndex: 'profit', align: 'right', render: yuan },
        ]}
        summary={() =>
          totals ? (
            <Table.Summary.Row>
              <Table.Summary.Cell index={0}>{t('common.total')}</Table.Summary.Cell>
              <Table.Summary.Cell index={1} align="right">{num(totals.issuedQty)}</Table.Summary.Cell>
              <Table.Summary.Cell index={2} align="right">{num(totals.returnedQty)}</Table.Summary.Cell>
              <Table.Summary.Cell index={3} align="right">{num(totals.consumedQty)}</Table.Summary.Cell>
              <Table.Summary.Cell index={4} align="right">{num(totals.scrappedQty)}</Table.Summary.Cell>
              <Table.Summary.Cell index={5} align="right">{num(totals.netQty)}</Table.Summary.Cell>
              <Table.Summary.Cell index={6} align="right">{yuan(totals.cost)}</Table.Summary.Cell>
              <Table.Summary.Cell index={7} align="right">{yuan(totals.saleValue)}</Table.Summary.Cell>
              <Table.Summary.Cell index={8} align="right">{yuan(totals.profit)}</Table.Summary.Cell>
            </Table.Summary.Row>
          ) : null
        }
      />
    </Card>
  );
}
