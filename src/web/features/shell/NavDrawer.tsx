import type { ReactNode } from 'react';
import { Drawer } from 'antd';

/** Below 992 px the shell's menu opens in this drawer; a chunk of its own, loaded on the first opening. */
export function NavDrawer({
  isOpen,
  onClose,
  children,
}: {
  isOpen: boolean;
  onClose: () => void;
  children: ReactNode;
}) {
  return (
    <Drawer
      placement="left"
      size={264}
      open={isOpen}
      onClose={onClose}
      closable={false}
      styles={{ body: { padding: 0 } }}
      data-testid="nav-drawer"
    >
      {children}
    </Drawer>
  );
}
