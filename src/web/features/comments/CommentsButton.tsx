import { useState } from 'react';
import { Button, Drawer } from 'antd';
import { CommentOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { CommentTarget } from '../../../core/comments/index.ts';
import { CommentsPanel } from './CommentsPanel.tsx';

/** A small button that opens an object's comments in a drawer, for objects shown as cards (key results). */
export function CommentsButton({
  targetType,
  targetId,
  title,
}: {
  targetType: CommentTarget;
  targetId: string;
  title: string;
}) {
  const { t } = useTranslation();
  const [isOpen, setOpen] = useState(false);
  return (
    <>
      <Button
        type="text"
        size="small"
        icon={<CommentOutlined />}
        aria-label={t('comments.open')}
        title={t('comments.open')}
        onClick={() => setOpen(true)}
      />
      <Drawer
        title={title}
        open={isOpen}
        onClose={() => setOpen(false)}
        width="min(520px, 100vw)"
        destroyOnHidden
      >
        <CommentsPanel targetType={targetType} targetId={targetId} isBare />
      </Drawer>
    </>
  );
}
