import { useEffect, useRef } from 'react';
import { Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { useBlocker } from 'react-router';

/**
 * Asks before leaving a page with unsaved edits: in-app navigation through the router's blocker, closing or
 * reloading the tab through `beforeunload`. `allowLeaving()` lets the navigation after a save through.
 */
export function useLeaveGuard(hasChanges: boolean) {
  const { t } = useTranslation();
  const isLeavingAllowed = useRef(false);
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      hasChanges && !isLeavingAllowed.current && currentLocation.pathname !== nextLocation.pathname,
  );

  useEffect(() => {
    if (!hasChanges) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [hasChanges]);

  const prompt = (
    <Modal
      open={blocker.state === 'blocked'}
      title={t('designer.leaveTitle')}
      okText={t('designer.leave')}
      okButtonProps={{ danger: true }}
      cancelText={t('designer.stay')}
      onOk={() => blocker.proceed?.()}
      onCancel={() => blocker.reset?.()}
    >
      {t('designer.leaveContent')}
    </Modal>
  );

  return {
    prompt,
    allowLeaving: () => {
      isLeavingAllowed.current = true;
    },
  };
}
