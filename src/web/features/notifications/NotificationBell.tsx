import { useCallback, useState } from 'react';
import { App, Badge, Button, Drawer, Empty, Flex, List, Typography } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useFormatters } from '../../components/useFormatters.ts';
import { QueryError } from '../../components/QueryError.tsx';
import {
  useInbox,
  useMarkAllRead,
  useMarkRead,
  useNotificationStream,
  useUnreadCount,
  type LiveNotification,
} from './hooks.ts';

/** The header's bell: unread count kept live over SSE, and the inbox in a drawer with links to the objects. */
export function NotificationBell({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const { notification } = App.useApp();
  const navigate = useNavigate();
  const [isOpen, setOpen] = useState(false);
  const unread = useUnreadCount(workspaceId);
  const inbox = useInbox(workspaceId, isOpen);
  const markRead = useMarkRead(workspaceId);
  const markAllRead = useMarkAllRead(workspaceId);
  const format = useFormatters();

  const onLive = useCallback(
    (item: LiveNotification) =>
      notification.info({
        key: item.id,
        message: t('notifications.new'),
        description: item.title,
        placement: 'bottomRight',
        onClick: () => void navigate(item.link),
      }),
    [navigate, notification, t],
  );
  useNotificationStream(workspaceId, onLive);

  const items = inbox.data?.pages.flatMap((page) => page.items) ?? [];
  const count = unread.data ?? 0;
  const now = Date.now();

  return (
    <>
      <Badge count={count} size="small" overflowCount={99}>
        <Button
          type="text"
          icon={<BellOutlined />}
          aria-label={t('notifications.open', { count })}
          data-testid="notification-bell"
          onClick={() => setOpen(true)}
        />
      </Badge>
      <Drawer
        title={t('notifications.title')}
        open={isOpen}
        onClose={() => setOpen(false)}
        width="min(420px, 100vw)"
        extra={
          <Button
            size="small"
            disabled={count === 0}
            loading={markAllRead.isPending}
            onClick={() => markAllRead.mutate(items[0]?.id)}
          >
            {t('notifications.markAllRead')}
          </Button>
        }
      >
        {inbox.isError ? <QueryError error={inbox.error} onRetry={() => void inbox.refetch()} /> : null}
        <List
          loading={inbox.isLoading}
          dataSource={items}
          locale={{ emptyText: <Empty description={t('notifications.empty')} /> }}
          renderItem={(item) => (
            <List.Item
              style={{ cursor: 'pointer', opacity: item.readAt ? 0.6 : 1 }}
              onClick={() => {
                if (!item.readAt) markRead.mutate(item.id);
                setOpen(false);
                void navigate(item.link);
              }}
              actions={
                item.readAt
                  ? []
                  : [
                      <Button
                        key="read"
                        size="small"
                        type="link"
                        onClick={(event) => {
                          event.stopPropagation();
                          markRead.mutate(item.id);
                        }}
                      >
                        {t('notifications.markRead')}
                      </Button>,
                    ]
              }
            >
              <Flex vertical gap={2} style={{ minWidth: 0 }}>
                <Typography.Text strong={!item.readAt} style={{ wordBreak: 'break-word' }}>
                  {item.title}
                </Typography.Text>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t(`notifications.reason.${item.reason as 'act'}`)} · {format.relative(item.createdAt, now)}
                </Typography.Text>
              </Flex>
            </List.Item>
          )}
        />
        {inbox.hasNextPage ? (
          <Button block onClick={() => void inbox.fetchNextPage()} loading={inbox.isFetchingNextPage}>
            {t('notifications.more')}
          </Button>
        ) : null}
        <Button
          type="link"
          block
          style={{ marginTop: 8 }}
          onClick={() => {
            setOpen(false);
            void navigate('/profile/notifications');
          }}
        >
          {t('notificationSettings.open')}
        </Button>
      </Drawer>
    </>
  );
}
