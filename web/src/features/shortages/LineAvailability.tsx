// A document line's availability in its store, and when the line asks for more than there is,
// the offer to record the gap as a shortage request (POST /shortages) for the purchase list.
import { useState } from 'react';
import { Button, Popconfirm, Space, Tag, Typography } from 'antd';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiGet, apiPost } from '../../api/client';
import { qty as fmt } from '../../lib/lookups';
import { errorMessage } from '../../lib/formErrors';

/** Quantities are JSON numbers with three decimals at most: subtract in thousandths. */
const minus = (a: number, b: number) => (Math.round(a * 1000) - Math.round(b * 1000)) / 1000;

export function LineAvailability({ partId, locationId, qty, remark, testId = 'availability' }: { partId?: number; locationId?: number; qty?: number | null; remark: string; testId?: string }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [requested, setRequested] = useState<{ key: string; qty: number } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { data } = useQuery({
    queryKey: ['stock', 'avail', partId, locationId],
    enabled: !!partId && !!locationId,
    queryFn: async () => (await apiGet('/stock', { partId, locationId, groupBy: 'part' })).items[0]?.available ?? 0,
  });
  if (!partId || !locationId || data === undefined) return null;
  const short = typeof qty === 'number' && qty > data ? minus(qty, data) : 0;
  const key = `${partId}-${locationId}`;
  const done = requested?.key === key ? requested.qty : null;

  const request = async () => {
    setBusy(true);
    setError(null);
    try {
      await apiPost('/shortages', { partId, qty: short, remark });
      setRequested({ key, qty: short });
      void qc.invalidateQueries({ queryKey: ['shortages'] });
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space size={4} wrap data-testid={testId}>
      <Typography.Text type={data > 0 && short === 0 ? 'secondary' : 'danger'}>{t('issue.availableHint', { qty: fmt(data) })}</Typography.Text>
      {short > 0 && <Tag color="red">{t('shortages.short', { qty: fmt(short) })}</Tag>}
      {short > 0 && done === null && (
        <Popconfirm title={t('shortages.confirm', { qty: fmt(short) })} onConfirm={() => void request()} okButtonProps={{ 'data-testid': 'shortage-confirm' } as never}>
          <Button size="small" type="link" loading={busy} style={{ paddingInline: 0 }} data-testid="shortage-request">
            {t('shortages.request')}
          </Button>
        </Popconfirm>
      )}
      {done !== null && (
        <Tag color="orange" data-testid="shortage-requested">
          {t('shortages.requested', { qty: fmt(done) })}
        </Tag>
      )}
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
    </Space>
  );
}
