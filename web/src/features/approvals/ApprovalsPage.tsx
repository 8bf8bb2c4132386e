// 审批: what awaits a manager's decision (GET /approvals): requisitions (POST /issues/:id/approve|
// reject) and recorded stock counts with their variances (POST /counts/:id/approve|reject), each
// with an optional note; the server's message shows on the row.
import { useState } from 'react';
import { Alert, Button, Card, Empty, Input, List, Space, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { apiGet, apiPost, type Res } from '../../api/client';
import { qty, useLocations, useTechnicians, lineName } from '../../lib/lookups';
import { yuan } from '../../lib/money';
import { VarianceTag } from '../counts/VarianceTag';

type Doc = Res<'/approvals'>['items'][number];

function Pending({ doc, onDecided }: { doc: Doc; onDecided: (msg: string) => void }) {
  const { t } = useTranslation();
  const { data: locations } = useLocations();
  const techs = useTechnicians();
  // The inbox list may carry no lines; the detail always does.
  const detail = useQuery({ queryKey: ['documents', 'detail', doc.id], enabled: doc.lines.length === 0, queryFn: () => apiGet('/documents/{id}', { id: doc.id }) });
  const lines = doc.lines.length ? doc.lines : (detail.data?.lines ?? []);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState<'approve' | 'reject' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const decide = async (what: 'approve' | 'reject') => {
    setBusy(what);
    setError(null);
    try {
      const body = { note: note || null, version: doc.version };
      const params = { params: { id: doc.id } };
      const res =
        doc.type === 'count'
          ? what === 'approve'
            ? await apiPost('/counts/{id}/approve', body, params)
            : await apiPost('/counts/{id}/reject', body, params)
          : what === 'approve'
            ? await apiPost('/issues/{id}/approve', body, params)
            : await apiPost('/issues/{id}/reject', body, params);
      onDecided(t(what === 'approve' ? 'approvals.approved' : 'approvals.rejected', { number: res.number }));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setBusy(null);
    }
  };
  const employee = techs.data?.find((u) => u.id === doc.userId)?.displayName ?? (doc.userId ? `#${doc.userId}` : '—');
  const isCount = doc.type === 'count';
  // A count can have thousands of lines: the manager decides on the ones that differ.
  const counted = lines.filter((l) => l.countedQty !== undefined);
  const differing = counted.filter((l) => l.countedQty !== l.qty);
  return (
    <List.Item style={{ display: 'block' }} data-testid="approval">
      <Space wrap style={{ marginBottom: 8 }}>
        <Typography.Text strong>{doc.number}</Typography.Text>
        {isCount && <Tag color="blue">{t('approvals.count')}</Tag>}
        <Tag color="orange">{t(`status.${doc.status}`, { defaultValue: doc.status })}</Tag>
        {!isCount && (
          <span>
            {t('documents.employee')}：{employee}
          </span>
        )}
        <span>
          {t('common.location')}：{locations?.find((l) => l.id === doc.fromLocationId)?.name ?? '—'}
        </span>
        {!isCount && (
          <span>
            {t('approvals.value')}：{yuan(doc.totalCost)}
          </span>
        )}
        <Typography.Text type="secondary">{dayjs(doc.createdAt).format('YYYY-MM-DD HH:mm')}</Typography.Text>
      </Space>
      {isCount ? (
        <>
          <div>
            <Typography.Text type="secondary" data-testid="count-summary">
              {t('approvals.countSummary', { counted: counted.length, differing: differing.length })}
            </Typography.Text>
          </div>
          {differing.map((l) => (
            <div key={l.id} data-testid="count-variance">
              {lineName(l)}
              ：{t('approvals.variance', { system: qty(l.qty), counted: qty(l.countedQty) })} <VarianceTag system={l.qty} counted={l.countedQty!} />
            </div>
          ))}
        </>
      ) : (
        lines.map((l) => (
          <div key={l.id}>
            {lineName(l)} × {qty(l.qty)}
          </div>
        ))
      )}
      {doc.remark && <Typography.Paragraph type="secondary">{doc.remark}</Typography.Paragraph>}
      <Space wrap style={{ marginTop: 8 }}>
        <Input placeholder={t('approvals.note')} value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} style={{ width: 260 }} />
        <Button type="primary" loading={busy === 'approve'} disabled={!!busy} onClick={() => void decide('approve')} data-testid="approve">
          {t('approvals.approve')}
        </Button>
        <Button danger loading={busy === 'reject'} disabled={!!busy} onClick={() => void decide('reject')} data-testid="reject">
          {t('approvals.reject')}
        </Button>
      </Space>
      {error && <Alert type="error" showIcon message={error} style={{ marginTop: 8 }} data-testid="form-error" />}
    </List.Item>
  );
}

export default function ApprovalsPage() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [done, setDone] = useState<string | null>(null);
  const { data, isPending } = useQuery({ queryKey: ['approvals'], queryFn: async () => (await apiGet('/approvals', { limit: 100 })).items });
  return (
    <Card title={t('approvals.title')}>
      {done && <Alert type="success" showIcon closable message={done} onClose={() => setDone(null)} style={{ marginBottom: 12 }} />}
      <List<Doc>
        loading={isPending}
        dataSource={data ?? []}
        locale={{ emptyText: <Empty description={t('approvals.empty')} /> }}
        renderItem={(d) => (
          <Pending
            key={d.id}
            doc={d}
            onDecided={(msg) => {
              setDone(msg);
              void qc.invalidateQueries({ queryKey: ['approvals'] });
              void qc.invalidateQueries({ queryKey: ['documents'] });
            }}
          />
        )}
      />
    </Card>
  );
}
