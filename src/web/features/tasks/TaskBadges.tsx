import { Avatar, Flex, Tag, Tooltip, Typography } from 'antd';
import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  FlagFilled,
  MinusOutlined,
  ThunderboltFilled,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { Task, TaskPriority, TaskStatus } from './hooks.ts';
import { accountableAndResponsible } from './taskUtils.ts';

/** Status colours shared by tags, board columns and timeline bars. */
export const STATUS_COLORS: Record<TaskStatus, string> = {
  todo: '#8c8c8c',
  in_progress: '#2f54eb',
  blocked: '#fa541c',
  done: '#52c41a',
  cancelled: '#bfbfbf',
};

const STATUS_TAG: Record<TaskStatus, string> = {
  todo: 'default',
  in_progress: 'processing',
  blocked: 'error',
  done: 'success',
  cancelled: 'default',
};

export function TaskStatusTag({ status }: { status: TaskStatus }) {
  const { t } = useTranslation();
  return (
    <Tag color={STATUS_TAG[status]} style={{ marginInlineEnd: 0 }} data-testid="task-status">
      {t(`taskStatus.${status}`)}
    </Tag>
  );
}

export const PRIORITY_STYLE: Record<TaskPriority, { color: string; icon: React.ReactNode }> = {
  urgent: { color: '#f5222d', icon: <ThunderboltFilled /> },
  high: { color: '#fa8c16', icon: <ArrowUpOutlined /> },
  medium: { color: '#2f54eb', icon: <MinusOutlined /> },
  low: { color: '#8c8c8c', icon: <ArrowDownOutlined /> },
};

export function PriorityLabel({ priority, compact = false }: { priority: TaskPriority; compact?: boolean }) {
  const { t } = useTranslation();
  const style = PRIORITY_STYLE[priority];
  const label = t(`taskPriority.${priority}`);
  const icon = <span style={{ color: style.color }}>{style.icon}</span>;
  if (compact) return <Tooltip title={label}>{icon}</Tooltip>;
  return (
    <Flex gap={4} align="center" style={{ whiteSpace: 'nowrap' }}>
      {icon}
      <span>{label}</span>
    </Flex>
  );
}

export function MilestoneIcon() {
  const { t } = useTranslation();
  return (
    <Tooltip title={t('tasks.milestone')}>
      <FlagFilled style={{ color: '#722ed1' }} aria-label={t('tasks.milestone')} />
    </Tooltip>
  );
}

const AVATAR_COLORS = ['#2f54eb', '#13c2c2', '#722ed1', '#eb2f96', '#fa8c16', '#52c41a', '#1677ff'];

/** A person's avatar colour, the same for the same id. */
export function avatarColor(id: string): string {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return AVATAR_COLORS[hash % AVATAR_COLORS.length] ?? '#2f54eb';
}

/** A round avatar with a person's first character; the same person always gets the same colour. */
export function PersonAvatar({ userId, name, size = 24 }: { userId: string; name: string; size?: number }) {
  return (
    <Avatar size={size} style={{ background: avatarColor(userId), fontSize: size * 0.5, flex: 'none' }}>
      {name.slice(0, 1).toUpperCase()}
    </Avatar>
  );
}

/** The Accountable and Responsible people of a task, as avatars with their role on hover. */
export function TaskPeople({ roles, size = 24 }: { roles: Task['roles']; size?: number }) {
  const { t } = useTranslation();
  const people = accountableAndResponsible(roles);
  if (people.length === 0) {
    return (
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('tasks.nobody')}
      </Typography.Text>
    );
  }
  return (
    <Avatar.Group max={{ count: 3 }} size={size}>
      {people.map(({ userId, ...person }) => (
        <Tooltip
          key={userId}
          title={`${person.name} · ${person.roles.map((role) => t(`raci.roleNames.${role}`)).join(' + ')}`}
        >
          <span>
            <PersonAvatar userId={userId} name={person.name} size={size} />
          </span>
        </Tooltip>
      ))}
    </Avatar.Group>
  );
}
