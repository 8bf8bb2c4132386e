// 手机端 (/m): the technician's phone (R-SVC-12) — today's jobs by due time with their SLA colour,
// call and navigate, the next step; the parts I hold; a job's page with its service report.
// Everything read is kept for offline reading; every change goes through the outbox.
import { Button, Card, Empty, List, Segmented, Space, Spin, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { Route, Routes, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { useMe } from '../../app/session';
import { heldParts, useHoldings, useJobs, useTransitions, type Job } from './api';
import { projectWorkOrder, type OutboxEntry } from './outbox';
import { BIG, ContactButtons, nextSteps, OutboxBanner, SlaTag, StatusTag, stepLabel } from './parts';
import { useOutbox } from './useOutbox';
import JobPage from './JobPage';

export default function MobilePage() {
  const { data: me } = useMe();
  if (!me) return null;
  return (
    <div style={{ maxWidth: 560, margin: '0 auto' }} data-testid="mobile">
      <Routes>
        <Route index element={<Home userId={me.id} roles={me.roles} />} />
        <Route path="jobs/:id" element={<JobPage userId={me.id} roles={me.roles} />} />
      </Routes>
    </div>
  );
}

function Updated({ at, fetching, onReload }: { at: number; fetching: boolean; onReload: () => void }) {
  const { t } = useTranslation();
  return (
    <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 8 }}>
      <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="updated-at">
        {at ? t('mobile.updatedAt', { time: dayjs(at).format('HH:mm:ss') }) : ''}
      </Typography.Text>
      <Button type="text" icon={<ReloadOutlined spin={fetching} />} onClick={onReload} aria-label={t('mobile.reload')} />
    </Space>
  );
}

function Home({ userId, roles }: { userId: number; roles: string[] }) {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'parts' ? 'parts' : 'jobs';
  const outbox = useOutbox(userId);
  return (
    <>
      <OutboxBanner online={outbox.online} entries={outbox.entries} />
      <Segmented
        block
        size="large"
        value={tab}
        onChange={(v) => setParams(v === 'parts' ? { tab: 'parts' } : {}, { replace: true })}
        options={[
          { value: 'jobs', label: t('mobile.todayJobs') },
          { value: 'parts', label: t('mobile.myParts') },
        ]}
        style={{ marginBottom: 12 }}
        data-testid="mobile-tabs"
      />
      {tab === 'jobs' ? <Jobs userId={userId} roles={roles} entries={outbox.entries} queue={outbox.queue} /> : <Parts userId={userId} />}
    </>
  );
}

function Jobs({ userId, roles, entries, queue }: { userId: number; roles: string[]; entries: OutboxEntry[]; queue: ReturnType<typeof useOutbox>['queue'] }) {
  const { t } = useTranslation();
  const nav = useNavigate();
  const jobs = useJobs(userId);
  const table = useTransitions();
  if (jobs.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  const list: Job[] = (jobs.data ?? []).map((j) => ({ ...j, wo: projectWorkOrder(j.wo, entries) }));
  return (
    <>
      <Updated at={jobs.dataUpdatedAt} fetching={jobs.isFetching} onReload={() => void jobs.refetch()} />
      {jobs.isError && !jobs.data && <Typography.Text type="danger">{t('mobile.loadFailed')}</Typography.Text>}
      <List
        dataSource={list}
        locale={{ emptyText: <Empty description={t('mobile.noJobs')} /> }}
        split={false}
        renderItem={(j) => {
          const steps = nextSteps(j.wo.status, table.data, roles).filter((s) => s !== 'waiting_parts');
          const stuck = entries.some((e) => e.workOrderId === j.wo.id && e.state !== 'pending');
          return (
            <Card
              key={j.wo.id}
              size="small"
              style={{ marginBottom: 12, borderColor: stuck ? '#ff4d4f' : undefined }}
              data-testid="job"
              data-id={j.wo.id}
              title={
                <Space size={4} wrap>
                  <Typography.Text strong>{j.wo.number}</Typography.Text>
                  <StatusTag status={j.wo.status} />
                </Space>
              }
              extra={<SlaTag wo={j.wo} />}
              styles={{ header: { paddingInline: 12 }, body: { padding: 12 } }}
            >
              <div onClick={() => nav(`/m/jobs/${j.wo.id}`)} style={{ cursor: 'pointer' }} data-testid="job-open">
                <Typography.Text strong style={{ fontSize: 16 }}>
                  {j.customer?.name ?? `#${j.wo.customerId}`}
                </Typography.Text>
                <div style={{ color: '#595959' }}>{[j.site?.name, j.site?.address ?? j.customer?.address].filter(Boolean).join(' · ') || '—'}</div>
                <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ margin: '4px 0 8px' }} type="secondary">
                  {j.wo.fault}
                </Typography.Paragraph>
              </div>
              <ContactButtons job={j} />
              <Space orientation="vertical" style={{ width: '100%', marginTop: 8 }}>
                {steps.map((to) => (
                  <Button
                    key={to}
                    type="primary"
                    block
                    style={BIG}
                    data-testid={`step-${to}`}
                    onClick={() => queue({ kind: 'transition', workOrderId: j.wo.id, method: 'POST', url: `/work-orders/${j.wo.id}/transition`, body: { to }, resource: `wo:${j.wo.id}`, baseVersion: j.wo.version })}
                  >
                    {stepLabel(t, j.wo.status, to)}
                  </Button>
                ))}
                <Button block style={BIG} onClick={() => nav(`/m/jobs/${j.wo.id}`)} data-testid="job-detail">
                  {['on_site', 'waiting_parts', 'en_route', 'accepted', 'resolved'].includes(j.wo.status) ? t('mobile.openReport') : t('mobile.details')}
                </Button>
              </Space>
            </Card>
          );
        }}
      />
    </>
  );
}

function Parts({ userId }: { userId: number }) {
  const { t } = useTranslation();
  const q = useHoldings(userId);
  if (q.isPending) return <Spin style={{ display: 'block', margin: 48 }} />;
  const parts = heldParts(q.data ?? []);
  return (
    <>
      <Updated at={q.dataUpdatedAt} fetching={q.isFetching} onReload={() => void q.refetch()} />
      <List
        dataSource={parts}
        locale={{ emptyText: <Empty description={t('holdings.empty')} /> }}
        data-testid="held-parts"
        renderItem={(p) => (
          <List.Item key={p.partId} data-testid="held-part" style={{ paddingInline: 4 }}>
            <List.Item.Meta title={p.partName || p.partCode} description={p.partCode} />
            <Typography.Text strong style={{ fontSize: 16 }}>
              {p.qty} {p.unit}
            </Typography.Text>
          </List.Item>
        )}
      />
    </>
  );
}
