import { useState } from 'react';
import {
  App,
  Button,
  Card,
  Empty,
  Flex,
  Popconfirm,
  Table,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { EditOutlined, PlusOutlined, StopOutlined, SyncOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useFormatters } from '../../components/useFormatters.ts';
import { useMembers } from '../../features/members/hooks.ts';
import {
  useEndRoutine,
  useRoutines,
  useSkipOccurrence,
  type Routine,
} from '../../features/routines/hooks.ts';
import { RoutineFormModal, type RoutineFormMode } from '../../features/routines/RoutineFormModal.tsx';
import { useDescribeRule } from '../../features/routines/useRuleWords.ts';
import { useWorkspaceScope } from '../../features/workspaces/WorkspaceContext.ts';

export function RoutinesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const format = useFormatters();
  const describe = useDescribeRule();
  const { workspace, can } = useWorkspaceScope();
  const routines = useRoutines(workspace.id);
  const members = useMembers(workspace.id);
  const skip = useSkipOccurrence(workspace.id);
  const end = useEndRoutine(workspace.id);
  const [mode, setMode] = useState<RoutineFormMode | null>(null);
  const mayWrite = can('tasks.write');
  const nameOf = new Map((members.data ?? []).map((member) => [member.userId, member.name]));

  const columns: TableColumnsType<Routine> = [
    {
      title: t('routines.titleLabel'),
      key: 'title',
      render: (_, routine) => (
        <Flex vertical gap={2} style={{ minWidth: 200 }}>
          <Typography.Text strong>{routine.template.title}</Typography.Text>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            <SyncOutlined /> {describe(routine.rule)}
          </Typography.Text>
        </Flex>
      ),
    },
    {
      title: t('routines.people'),
      key: 'people',
      width: 160,
      render: (_, routine) => (
        <Flex vertical gap={0} style={{ fontSize: 12 }}>
          {routine.template.roles
            .filter((role) => role.role === 'A' || role.role === 'R')
            .map((role) => (
              <span key={`${role.userId}-${role.role}`}>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t(`raci.roleNames.${role.role}`)}
                </Typography.Text>{' '}
                {nameOf.get(role.userId) ?? '—'}
              </span>
            ))}
        </Flex>
      ),
    },
    {
      title: t('routines.next'),
      key: 'next',
      width: 130,
      // The first of the chips beside it: the stored next occurrence is the next one still to be created,
      // which is later than an occurrence already made for today or tomorrow.
      render: (_, routine) =>
        routine.upcoming[0] ? (
          <Typography.Text strong data-testid={`routine-next-${routine.id}`}>
            {format.day(routine.upcoming[0])}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">{t('routines.ended')}</Typography.Text>
        ),
    },
    {
      title: (
        <Tooltip title={t('routines.upcomingHint')}>
          <span>{t('routines.upcoming')}</span>
        </Tooltip>
      ),
      key: 'upcoming',
      width: 360,
      render: (_, routine) => (
        <Flex gap={4} wrap>
          {routine.upcoming.map((day) =>
            mayWrite ? (
              <Popconfirm
                key={day}
                title={t('routines.skipConfirm', { day: format.day(day) })}
                okText={t('routines.skip')}
                onConfirm={() =>
                  skip.mutate(
                    { routineId: routine.id, day },
                    {
                      onSuccess: () =>
                        void message.success(t('routines.skipped', { day: format.shortDay(day) })),
                      onError: (error) => void message.error(errorMessage(error)),
                    },
                  )
                }
              >
                <Tag style={{ cursor: 'pointer', marginInlineEnd: 0 }} data-testid={`occurrence-${day}`}>
                  {format.shortDay(day)}
                </Tag>
              </Popconfirm>
            ) : (
              <Tag key={day} style={{ marginInlineEnd: 0 }}>
                {format.shortDay(day)}
              </Tag>
            ),
          )}
          {routine.skipped.length > 0 ? (
            <Tooltip title={routine.skipped.map((day) => format.day(day)).join('、')}>
              <Tag
                color="default"
                style={{ marginInlineEnd: 0, textDecoration: 'line-through', color: '#8c8c8c' }}
              >
                {t('routines.skippedCount', { count: routine.skipped.length })}
              </Tag>
            </Tooltip>
          ) : null}
        </Flex>
      ),
    },
    ...(mayWrite
      ? [
          {
            title: '',
            key: 'actions',
            width: 150,
            render: (_: unknown, routine: Routine) => (
              <Flex gap={4}>
                <Button
                  size="small"
                  icon={<EditOutlined />}
                  onClick={() => setMode({ kind: 'edit', routine })}
                >
                  {t('actions.edit')}
                </Button>
                <Popconfirm
                  title={t('routines.endConfirm')}
                  okButtonProps={{ danger: true }}
                  onConfirm={() =>
                    end.mutate(routine.id, {
                      onSuccess: () => void message.success(t('routines.endedMessage')),
                      onError: (error) => void message.error(errorMessage(error)),
                    })
                  }
                >
                  <Button size="small" danger icon={<StopOutlined />}>
                    {t('routines.end')}
                  </Button>
                </Popconfirm>
              </Flex>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageHeader
        title={t('routines.title')}
        description={t('routines.description')}
        extra={
          mayWrite ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setMode({ kind: 'create' })}
              data-testid="new-routine"
            >
              {t('routines.create')}
            </Button>
          ) : null
        }
      />
      {routines.error ? (
        <QueryError error={routines.error} onRetry={() => void routines.refetch()} />
      ) : (
        <Card styles={{ body: { padding: 0 } }}>
          <Table<Routine>
            rowKey="id"
            columns={columns}
            dataSource={routines.data ?? []}
            loading={routines.isPending}
            pagination={false}
            scroll={{ x: 900 }}
            data-testid="routines-table"
            locale={{
              emptyText: (
                <Empty description={t('routines.empty')}>
                  {mayWrite ? (
                    <Button
                      type="primary"
                      icon={<PlusOutlined />}
                      onClick={() => setMode({ kind: 'create' })}
                    >
                      {t('routines.create')}
                    </Button>
                  ) : null}
                </Empty>
              ),
            }}
          />
        </Card>
      )}
      <RoutineFormModal workspaceId={workspace.id} mode={mode} onClose={() => setMode(null)} />
    </>
  );
}
