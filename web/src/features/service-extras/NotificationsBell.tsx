// The shell's bell: the user's notifications (parts arrived for a work order waiting for them),
// unread first with a count badge, polled every minute; clicking one marks it read.
import { Badge, Button, Empty, List, Popover, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import dayjs from 'dayjs';
import { apiGet, apiPost } from '../../api/client';

export function NotificationsBell() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['svcx', 'notifications'], queryFn: () => apiGet('/notifications', { limit: 20 }), refetchInterval: 60_000 });
  const read = async (id: number) => {
    await apiPost('/notifications/{id}/read', undefined as never, { params: { id } });
    await qc.invalidateQueries({ queryKey: ['svcx', 'notifications'] });
  };
  const items = q.data?.items ?? [];
  const content = (
    <div style={{ width: 300, maxWidth: '80vw', maxHeight: 360, overflow: 'auto' }} data-testid="notifications">
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('svcx.notifications.empty')} />
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(n) => (
            <List.Item onClick={() => !n.read && void read(n.id)} style={{ cursor: n.read ? 'default' : 'pointer', opacity: n.read ? 0.6 : 1 }} data-testid="notification">
              <div>
                <Typography.Text strong={!n.read}>{n.message}</Typography.Text>
                <div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {dayjs(n.createdAt).format('MM-DD HH:mm')}
                    {!n.read && ` · ${t('svcx.notifications.markRead')}`}
                  </Typography.Text>
                </div>
              </div>
            </List.Item>
          )}
        />
      )}
    </div>
  );
  return (
    <Popover content={content} title={t('svcx.notifications.title')} trigger="click" placement="bottomRight">
      <Badge count={q.data?.unread ?? 0} size="small" offset={[-4, 4]}>
        <Button type="text" icon={<BellOutlined />} aria-label={t('svcx.notifications.title')} data-testid="notifications-bell" />
      </Badge>
    </Popover>
  );
}
