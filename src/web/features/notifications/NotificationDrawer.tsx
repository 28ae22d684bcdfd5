import { Button, Drawer, Empty, Flex, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useFormatters } from '../../components/useFormatters.ts';
import { QueryError } from '../../components/QueryError.tsx';
import { useInbox, useMarkAllRead, useMarkRead } from './hooks.ts';

/** The inbox in a drawer with links to the objects: its own chunk, loaded when the bell is first opened. */
export function NotificationDrawer({
  workspaceId,
  isOpen,
  count,
  onClose,
}: {
  workspaceId: string;
  isOpen: boolean;
  count: number;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const inbox = useInbox(workspaceId, isOpen);
  const markRead = useMarkRead(workspaceId);
  const markAllRead = useMarkAllRead(workspaceId);
  const format = useFormatters();
  const items = inbox.data?.pages.flatMap((page) => page.items) ?? [];
  const now = Date.now();

  return (
    <Drawer
      title={t('notifications.title')}
      open={isOpen}
      onClose={onClose}
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
              onClose();
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
          onClose();
          void navigate('/profile/notifications');
        }}
      >
        {t('notificationSettings.open')}
      </Button>
    </Drawer>
  );
}
