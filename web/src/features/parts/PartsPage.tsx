// 配件: server-side search (pinyin initials work) and cursor paging; a row opens the detail drawer.
import { useState } from 'react';
import { Button, Card, Input, Space, Table, Tag } from 'antd';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiGet } from '../../api/client';
import { qty } from '../../lib/lookups';
import { yuan } from '../../lib/money';
import { PartDrawer } from './PartDrawer';
import type { Part } from './PartSelect';

export default function PartsPage() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [openId, setOpenId] = useState<number | null>(null);
  const cursor = cursors[cursors.length - 1];
  const { data, isFetching } = useQuery({
    queryKey: ['parts', 'list', q, cursor],
    queryFn: () => apiGet('/parts', { q: q || undefined, cursor, limit: 20 }),
    placeholderData: keepPreviousData,
  });
  return (
    <Card title={t('parts.title')}>
      <Input.Search
        placeholder={t('parts.searchPlaceholder')}
        allowClear
        enterButton={t('common.search')}
        onSearch={(v) => {
          setQ(v.trim());
          setCursors([undefined]);
        }}
        style={{ maxWidth: 480, marginBottom: 16 }}
        data-testid="parts-search"
      />
      <Table<Part>
        rowKey="id"
        size="middle"
        loading={isFetching}
        dataSource={data?.items ?? []}
        pagination={false}
        scroll={{ x: 800 }}
        onRow={(r) => ({ onClick: () => setOpenId(r.id), style: { cursor: 'pointer' } })}
        columns={[
          { title: t('common.code'), dataIndex: 'code', width: 130 },
          { title: t('common.name'), dataIndex: 'name' },
          { title: t('common.spec'), dataIndex: 'spec' },
          { title: t('common.unit'), dataIndex: 'unit', width: 70 },
          { title: t('common.category'), dataIndex: 'category', width: 110, render: (c: string | null) => (c ? <Tag>{c}</Tag> : null) },
          { title: t('common.salePrice'), dataIndex: 'salePrice', align: 'right', width: 120, render: (v: string | null) => yuan(v) },
          { title: t('common.alarmQty'), dataIndex: 'alarmQty', align: 'right', width: 100, render: (v: number | null) => (v === null ? '—' : qty(v)) },
        ]}
      />
      <Space style={{ marginTop: 16 }}>
        <Button disabled={cursors.length <= 1} onClick={() => setCursors((c) => c.slice(0, -1))}>
          {t('common.prev')}
        </Button>
        <Button disabled={!data?.nextCursor} onClick={() => setCursors((c) => [...c, data?.nextCursor ?? undefined])} data-testid="parts-next">
          {t('common.next')}
        </Button>
      </Space>
      <PartDrawer partId={openId} onClose={() => setOpenId(null)} />
    </Card>
  );
}
