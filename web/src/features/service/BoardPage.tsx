// 派工看板: open requests by due time (yesterday's undispatched first), technicians with their
// open work orders and where they are; pick a request, tick technicians, choose one in charge,
// assign.
import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Col, List, Radio, Row, Space, Table, Tag, Typography } from 'antd';
import { EnvironmentOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { apiGet, apiPost, type Res } from '../../api/client';
import { errorMessage } from '../../lib/formErrors';
import { fmt, SlaTag, StatusTag } from './shared';

type Board = Res<'/dispatch/board'>;
type Item = Board['items'][number];

export default function BoardPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const board = useInfiniteQuery({
    queryKey: ['board'],
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (p: Board) => p.nextCursor ?? undefined,
    queryFn: ({ pageParam }): Promise<Board> => apiGet('/dispatch/board', { limit: 50, cursor: pageParam }),
    refetchInterval: 60_000,
  });
  const first = board.data?.pages[0];
  const items = board.data?.pages.flatMap((p) => p.items) ?? [];
  const techs = first?.technicians ?? [];
  const [picked, setPicked] = useState<number | null>(null);
  const [team, setTeam] = useState<number[]>([]);
  const [lead, setLead] = useState<number | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const request = items.find((i) => i.id === picked);

  const pick = (i: Item) => {
    setPicked(i.id);
    setTeam(i.technicianIds);
    setLead(i.leadTechnicianId);
    setError(null);
  };
  const assign = async () => {
    if (!request) return setError(t('service.board.pickRequest'));
    if (!team.length || lead === null || !team.includes(lead)) return setError(t('service.board.pickTechs'));
    setBusy(true);
    setError(null);
    try {
      await apiPost('/work-orders/{id}/assign', { technicianIds: team, leadId: lead, version: request.version }, { params: { id: request.id } });
      const names = techs.filter((x) => team.includes(x.userId)).map((x) => `${x.displayName}${x.userId === lead ? `（${t('service.board.lead')}）` : ''}`);
      void message.success(t('service.board.assigned', { number: request.number, names: names.join('、') }));
      void qc.invalidateQueries({ queryKey: ['board'] });
      void qc.invalidateQueries({ queryKey: ['work-orders'] });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Row gutter={16}>
      <Col xs={24} xl={15}>
        <Card title={t('service.board.requests')} extra={first && <Typography.Text type="secondary">{t('service.board.asOf', { time: fmt(first.asOf) })}</Typography.Text>} style={{ marginBottom: 16 }}>
          <Table<Item>
            rowKey="id"
            size="small"
            loading={board.isPending}
            dataSource={items}
            pagination={false}
            scroll={{ x: 760 }}
            data-testid="board-requests"
            rowSelection={{ type: 'radio', selectedRowKeys: picked ? [picked] : [], onChange: (_, rows) => rows[0] && pick(rows[0]) }}
            onRow={(i) => ({ onClick: () => pick(i), 'data-testid': 'board-request', 'data-number': i.number }) as never}
            columns={[
              {
                title: t('service.wo.number'),
                dataIndex: 'number',
                width: 150,
                render: (v: string, i) => (
                  <Space direction="vertical" size={0}>
                    <Link to={`/service/work-orders/${i.id}`} onClick={(e) => e.stopPropagation()}>
                      {v}
                    </Link>
                    {i.rollover && <Tag color="volcano">{t('service.board.rollover')}</Tag>}
                  </Space>
                ),
              },
              { title: t('service.wo.due'), key: 'due', width: 170, render: (_, i) => <SlaTag light={i.sla.status} due={i.nextDueAt} testId="board-sla" /> },
              { title: t('service.common.customer'), key: 'c', render: (_, i) => `${i.customerName}${i.siteName ? ` · ${i.siteName}` : ''}` },
              { title: t('service.wo.fault'), dataIndex: 'fault', ellipsis: true },
              { title: t('service.wo.distance'), dataIndex: 'distanceKm', width: 80, render: (v: number | null) => (v === null ? '—' : t('service.wo.km', { km: v })) },
              { title: t('service.wo.status'), key: 's', width: 150, render: (_, i) => <Space direction="vertical" size={0}><StatusTag status={i.status} />{i.technicians.map((m) => `${m.displayName}${m.inCharge ? '★' : ''}`).join('、')}</Space> },
            ]}
          />
          {board.hasNextPage && (
            <div style={{ textAlign: 'center', marginTop: 12 }}>
              <Button onClick={() => void board.fetchNextPage()} loading={board.isFetchingNextPage}>
                {t('common.loadMore')}
              </Button>
            </div>
          )}
        </Card>
      </Col>
      <Col xs={24} xl={9}>
        <Card title={t('service.board.technicians')} extra={request && <Typography.Text strong data-testid="board-picked">{request.number}</Typography.Text>}>
          <List
            dataSource={techs}
            loading={board.isPending}
            data-testid="board-techs"
            renderItem={(x) => (
              <List.Item
                key={x.userId}
                data-testid="board-tech"
                data-username={x.username}
                actions={[
                  <Radio key="lead" checked={lead === x.userId} disabled={!team.includes(x.userId)} onChange={() => setLead(x.userId)} data-testid={`board-lead-${x.username}`}>
                    {t('service.board.lead')}
                  </Radio>,
                ]}
              >
                <List.Item.Meta
                  avatar={<Checkbox checked={team.includes(x.userId)} onChange={(e) => setTeam((s) => (e.target.checked ? [...s, x.userId] : s.filter((y) => y !== x.userId)))} data-testid={`board-tech-${x.username}`} />}
                  title={
                    <Space>
                      {x.displayName}
                      <Tag color={x.openWorkOrders > 3 ? 'orange' : 'blue'} data-testid="board-load">{t('service.board.load', { n: x.openWorkOrders })}</Tag>
                    </Space>
                  }
                  description={
                    <span>
                      <EnvironmentOutlined />{' '}
                      {x.location ? `${x.location.kind === 'site' ? t('service.board.atSite') : t('service.board.atStation')} · ${x.location.name ?? ''}${x.location.workOrderNumber ? ` (${x.location.workOrderNumber})` : ''}` : t('service.board.unknown')}
                    </span>
                  }
                />
              </List.Item>
            )}
          />
          {error && <Alert type="error" showIcon message={error} style={{ margin: '12px 0' }} data-testid="board-error" />}
          <Button type="primary" block onClick={() => void assign()} loading={busy} disabled={!request} data-testid="board-assign" style={{ marginTop: 12 }}>
            {t('service.board.assign')}
          </Button>
        </Card>
      </Col>
    </Row>
  );
}
