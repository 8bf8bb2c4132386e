// 配件: server-side search (pinyin initials work) and cursor paging; a row opens the detail drawer.
// Keepers tick rows across pages for 批量修改, import from Excel with a row report, and export.
import { useState } from 'react';
import { App, Button, Card, Input, Space, Switch, Table, Tag, Typography } from 'antd';
import { EditOutlined, UploadOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { apiGet } from '../../api/client';
import { useMe } from '../../app/session';
import { qty } from '../../lib/lookups';
import { yuan } from '../../lib/money';
import { PartDrawer } from './PartDrawer';
import { BulkEditModal } from './BulkEditModal';
import { ImportModal } from './ImportModal';
import { ExportButton } from './exchange';
import type { Part } from './PartSelect';

const EDITORS = ['admin', 'warehouse_keeper'];

export default function PartsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { data: me } = useMe();
  const canEdit = !!me?.roles.some((r) => EDITORS.includes(r));
  const [q, setQ] = useState('');
  const [includeArchived, setIncludeArchived] = useState(false);
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const [openId, setOpenId] = useState<number | null>(null);
  // Selected parts as read (with their version), kept across pages and searches.
  const [selected, setSelected] = useState<Map<number, Part>>(new Map());
  const [bulkOpen, setBulkOpen] = useState(false);
  const [importOpen, setImportOpen] = useState(false);
  const cursor = cursors[cursors.length - 1];
  const { data, isFetching } = useQuery({
    queryKey: ['parts', 'list', q, includeArchived, cursor],
    queryFn: () => apiGet('/parts', { q: q || undefined, includeArchived: includeArchived || undefined, cursor, limit: 20 }),
    placeholderData: keepPreviousData,
  });
  const rows = data?.items ?? [];
  return (
    <Card
      title={t('parts.title')}
      extra={
        <Space wrap>
          {canEdit && (
            <Button icon={<UploadOutlined />} onClick={() => setImportOpen(true)} data-testid="parts-import">
              {t('importer.button')}
            </Button>
          )}
          <ExportButton name="parts" params={{ q: q || undefined, includeArchived: includeArchived || undefined }} label={t('importer.export')} testId="parts-export" />
        </Space>
      }
    >
      <Space wrap style={{ marginBottom: 16 }}>
        <Input.Search
          placeholder={t('parts.searchPlaceholder')}
          allowClear
          enterButton={t('common.search')}
          onSearch={(v) => {
            setQ(v.trim());
            setCursors([undefined]);
          }}
          style={{ width: 480, maxWidth: '100%' }}
          data-testid="parts-search"
        />
        <Space>
          <Switch
            size="small"
            checked={includeArchived}
            onChange={(v) => {
              setIncludeArchived(v);
              setCursors([undefined]);
            }}
            data-testid="parts-archived"
          />
          {t('bulk.showArchived')}
        </Space>
      </Space>
      {canEdit && selected.size > 0 && (
        <Space style={{ marginBottom: 12 }} data-testid="bulk-bar">
          <Typography.Text>{t('bulk.selected', { n: selected.size })}</Typography.Text>
          <Button type="primary" icon={<EditOutlined />} onClick={() => setBulkOpen(true)} data-testid="bulk-edit">
            {t('bulk.edit')}
          </Button>
          <Button type="link" onClick={() => setSelected(new Map())}>
            {t('bulk.clear')}
          </Button>
        </Space>
      )}
      <Table<Part>
        rowKey="id"
        size="middle"
        loading={isFetching}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 800 }}
        data-testid="parts-table"
        rowSelection={
          canEdit
            ? {
                selectedRowKeys: [...selected.keys()],
                preserveSelectedRowKeys: true,
                onChange: (_keys, chosen) => {
                  const next = new Map([...selected].filter(([id]) => !rows.some((r) => r.id === id)));
                  for (const p of chosen) if (p) next.set(p.id, p);
                  setSelected(next);
                },
              }
            : undefined
        }
        onRow={(r) => ({
          onClick: (e) => {
            if ((e.target as HTMLElement).closest('.ant-table-selection-column')) return;
            setOpenId(r.id);
          },
          style: { cursor: 'pointer' },
        })}
        columns={[
          { title: t('common.code'), dataIndex: 'code', width: 130 },
          { title: t('common.name'), dataIndex: 'name', render: (n: string, r) => (r.archived ? <>{n} <Tag>{t('bulk.archived')}</Tag></> : n) },
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
      <BulkEditModal
        open={bulkOpen}
        parts={[...selected.values()]}
        onClose={() => setBulkOpen(false)}
        onDone={(n) => {
          setBulkOpen(false);
          setSelected(new Map());
          void message.success(t('bulk.saved', { n }));
        }}
      />
      <ImportModal open={importOpen} onClose={() => setImportOpen(false)} />
    </Card>
  );
}
