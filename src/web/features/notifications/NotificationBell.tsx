import { lazy, Suspense, useCallback, useState } from 'react';
import { Badge, Button } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useAppFeedback } from '../../components/feedback/AppFeedback.tsx';
import { useNotificationStream, useUnreadCount, type LiveNotification } from './hooks.ts';

// The drawer (List, its pagination, the inbox query) is a chunk of its own: the first screen carries the bell.
const NotificationDrawer = lazy(() =>
  import('./NotificationDrawer.tsx').then((module) => ({ default: module.NotificationDrawer })),
);

/** The header's bell: unread count kept live over SSE; opening it shows the inbox drawer. */
export function NotificationBell({ workspaceId }: { workspaceId: string }) {
  const { t } = useTranslation();
  const { notification } = useAppFeedback();
  const navigate = useNavigate();
  const [isOpen, setOpen] = useState(false);
  // Mounted from the first opening on, so closing keeps its chunk and animates out.
  const [wasOpened, setWasOpened] = useState(false);
  const unread = useUnreadCount(workspaceId);

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

  const count = unread.data ?? 0;

  return (
    <>
      <Badge count={count} size="small" overflowCount={99}>
        <Button
          type="text"
          icon={<BellOutlined />}
          aria-label={t('notifications.open', { count })}
          data-testid="notification-bell"
          onClick={() => {
            setOpen(true);
            setWasOpened(true);
          }}
        />
      </Badge>
      {wasOpened ? (
        <Suspense fallback={null}>
          <NotificationDrawer
            workspaceId={workspaceId}
            isOpen={isOpen}
            count={count}
            onClose={() => setOpen(false)}
          />
        </Suspense>
      ) : null}
    </>
  );
}
