import { useEffect } from 'react';
import { message, Modal, notification } from 'antd';
import type { FeedbackApi } from './deferred.ts';

/** What antd's `<App>` renders before its children: the holders that draw messages, notifications and modals. */
export function FeedbackHolders({ onReady }: { onReady: (api: FeedbackApi) => void }) {
  const [messageApi, messageHolder] = message.useMessage();
  const [notificationApi, notificationHolder] = notification.useNotification();
  const [modalApi, modalHolder] = Modal.useModal();
  // After the commit: the holders are mounted, so the calls kept meanwhile are drawn, not dropped.
  useEffect(
    () => onReady({ message: messageApi, notification: notificationApi, modal: modalApi }),
    [onReady, messageApi, notificationApi, modalApi],
  );
  return (
    <>
      {modalHolder}
      {messageHolder}
      {notificationHolder}
    </>
  );
}
