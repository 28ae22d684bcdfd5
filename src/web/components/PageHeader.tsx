import type { ReactNode } from 'react';
import { Flex, Typography } from 'antd';

/** A page's title and description, with its actions beside it on a desktop and wrapping below it on a phone. */
export function PageHeader({
  title,
  description,
  extra,
}: {
  title: ReactNode;
  description?: ReactNode;
  extra?: ReactNode;
}) {
  return (
    <Flex justify="space-between" align="flex-start" gap={16} wrap className="page-header">
      <div style={{ minWidth: 0, flex: '1 1 240px' }}>
        <Typography.Title level={3} style={{ margin: 0, overflowWrap: 'anywhere' }}>
          {title}
        </Typography.Title>
        {description ? (
          <Typography.Text type="secondary" style={{ display: 'block', marginTop: 4 }}>
            {description}
          </Typography.Text>
        ) : null}
      </div>
      {extra ? (
        <Flex gap={8} wrap className="page-header-actions">
          {extra}
        </Flex>
      ) : null}
    </Flex>
  );
}
