import { mondayOf } from '../../../core/days/index.ts';
import { memo, useMemo, useState } from 'react';
import {
  Button,
  Card,
  DatePicker,
  Empty,
  Flex,
  List,
  Popover,
  Rate,
  Segmented,
  Table,
  Tag,
  Tooltip,
  Typography,
  type TableColumnsType,
} from 'antd';
import { EditOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { dateToDay } from '../../components/format.ts';
import { useFormatters } from '../../components/useFormatters.ts';
import { useMe } from '../../features/account/hooks.ts';
import { EditPersonModal } from '../../features/people/EditPersonModal.tsx';
import {
  usePeople,
  useWorkload,
  useWorkloadCell,
  type Person,
  type Workload,
  type WorkloadWeek,
} from '../../features/people/hooks.ts';
import { PersonAvatar } from '../../features/tasks/TaskBadges.tsx';
import { TaskDrawer } from '../../features/tasks/TaskDrawer.tsx';
import { useOpenTask } from '../../features/tasks/useOpenTask.ts';
import { useWorkspaceScope } from '../../features/workspaces/WorkspaceContext.ts';

type PersonRow = Workload['people'][number];
type HeatmapWeek = PersonRow['weeks'][number];

/**
 * People per page of the heatmap and of the people table. At 500 people the two tables drew 500 rows each
 * (4,000 cells with a Popover apiece, 500 rows of skill tags): 10 s and 6.5 s of the main thread at the large scale.
 */
const HEATMAP_PAGE_SIZE = 50;
const PEOPLE_PAGE_SIZE = 20;

/** Cell colour by share of capacity planned: pale when light, green when healthy, amber near full, red over. */
export function utilisationColor(
  week: Pick<WorkloadWeek, 'utilisation' | 'isOverAllocated' | 'plannedHours'>,
): {
  background: string;
  color: string;
} {
  if (week.isOverAllocated) return { background: '#ff4d4f', color: '#fff' };
  if (week.utilisation === null)
    return { background: week.plannedHours > 0 ? '#fff1f0' : '#fafafa', color: '#8c8c8c' };
  if (week.utilisation >= 0.85) return { background: '#ffd666', color: '#613400' };
  if (week.utilisation >= 0.5) return { background: '#95de64', color: '#135200' };
  if (week.utilisation > 0) return { background: '#d9f7be', color: '#389e0d' };
  return { background: '#f6ffed', color: '#8c8c8c' };
}

export function WorkloadPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const { workspace, can } = useWorkspaceScope();
  const myId = useMe().data?.user.id ?? null;
  const [from, setFrom] = useState(() => mondayOf(dateToDay(new Date())));
  const [weeks, setWeeks] = useState(8);
  const workload = useWorkload(workspace.id, { from, weeks });
  const people = usePeople(workspace.id);
  const [editing, setEditing] = useState<Person | null>(null);
  const [openTaskId, openTask] = useOpenTask();
  const mayEditOthers = can('people.write');
  const base = `/w/${workspace.id}`;

  const peopleColumns: TableColumnsType<Person> = [
    {
      title: t('workload.person'),
      key: 'name',
      width: 200,
      render: (_, person) => (
        <Flex gap={8} align="center">
          <PersonAvatar userId={person.userId} name={person.name} />
          <Flex vertical gap={0}>
            <span>{person.name}</span>
            {person.title ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {person.title}
              </Typography.Text>
            ) : null}
          </Flex>
        </Flex>
      ),
    },
    {
      title: t('people.capacity'),
      key: 'capacity',
      width: 130,
      render: (_, person) => (
        <Flex vertical gap={0}>
          <span>{t('people.perWeek', { hours: format.number(person.weeklyCapacityHours, 1) })}</span>
          {can('members.update') ? (
            <Link to={`${base}/members`} style={{ fontSize: 12 }}>
              {t('people.editCapacity')}
            </Link>
          ) : null}
        </Flex>
      ),
    },
    {
      title: t('people.skills'),
      key: 'skills',
      render: (_, person) =>
        person.skills.length === 0 ? (
          <Typography.Text type="secondary">{t('people.noSkills')}</Typography.Text>
        ) : (
          <Flex gap={6} wrap>
            {person.skills.map((skill) => (
              <Tooltip key={skill.skill} title={t('people.level', { level: skill.level })}>
                <Tag style={{ marginInlineEnd: 0 }}>
                  {skill.skill} <Rate disabled count={5} value={skill.level} style={{ fontSize: 9 }} />
                </Tag>
              </Tooltip>
            ))}
          </Flex>
        ),
    },
    {
      title: t('people.daysAway'),
      key: 'away',
      width: 200,
      render: (_, person) => {
        const today = dateToDay(new Date());
        const upcoming = person.unavailableDays.filter((day) => day >= today);
        return upcoming.length === 0 ? (
          <Typography.Text type="secondary">—</Typography.Text>
        ) : (
          <Tooltip title={upcoming.map((day) => format.day(day)).join('、')}>
            <span>
              {t('people.awayCount', { count: upcoming.length })}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {' '}
                · {t('people.nextAway', { day: format.shortDay(upcoming[0] ?? today) })}
              </Typography.Text>
            </span>
          </Tooltip>
        );
      },
    },
    {
      title: '',
      key: 'actions',
      width: 90,
      render: (_, person) =>
        mayEditOthers || person.userId === myId ? (
          <Button
            size="small"
            icon={<EditOutlined />}
            onClick={() => setEditing(person)}
            data-testid={`edit-person-${person.userId}`}
          >
            {t('actions.edit')}
          </Button>
        ) : null,
    },
  ];

  const overCount = useMemo(
    () =>
      (workload.data?.people ?? []).reduce(
        (sum, person) => sum + person.weeks.filter((week) => week.isOverAllocated).length,
        0,
      ),
    [workload.data],
  );

  return (
    <>
      <PageHeader title={t('workload.title')} description={t('workload.description')} />
      <Card
        title={t('workload.heatmap')}
        style={{ marginBottom: 16 }}
        extra={
          <Flex gap={8} align="center" wrap>
            <DatePicker
              picker="week"
              value={dayjs(from)}
              allowClear={false}
              format={(value) =>
                t('workload.weekOf', { day: format.day(mondayOf(value.format('YYYY-MM-DD'))) })
              }
              style={{ width: 190 }}
              onChange={(value) => value && setFrom(mondayOf(value.format('YYYY-MM-DD')))}
              aria-label={t('workload.from')}
            />
            <Segmented<number>
              value={weeks}
              onChange={setWeeks}
              options={[4, 8, 12].map((value) => ({ value, label: t('workload.weeks', { count: value }) }))}
            />
          </Flex>
        }
        styles={{ body: { padding: 0 } }}
      >
        {workload.error ? (
          <QueryError error={workload.error} onRetry={() => void workload.refetch()} />
        ) : (
          <>
            <HeatmapTable
              workspaceId={workspace.id}
              workload={workload.data}
              isLoading={workload.isPending || workload.isFetching}
              onOpenTask={openTask}
            />
            <Flex
              gap={16}
              wrap
              align="center"
              style={{ padding: '10px 16px', fontSize: 12, color: '#595959' }}
            >
              {overCount > 0 ? (
                <Typography.Text type="danger">
                  {t('workload.overCount', { count: overCount })}
                </Typography.Text>
              ) : (
                <Typography.Text type="secondary">{t('workload.noneOver')}</Typography.Text>
              )}
              <Flex gap={12} wrap style={{ marginInlineStart: 'auto' }}>
                {(
                  [
                    ['light', { utilisation: 0.3, isOverAllocated: false, plannedHours: 1 }],
                    ['healthy', { utilisation: 0.7, isOverAllocated: false, plannedHours: 1 }],
                    ['full', { utilisation: 0.95, isOverAllocated: false, plannedHours: 1 }],
                    ['over', { utilisation: 1.2, isOverAllocated: true, plannedHours: 1 }],
                  ] as const
                ).map(([key, sample]) => (
                  <Flex key={key} gap={4} align="center">
                    <span
                      style={{
                        width: 14,
                        height: 14,
                        borderRadius: 3,
                        background: utilisationColor(sample).background,
                      }}
                    />
                    {t(`workload.legend.${key}`)}
                  </Flex>
                ))}
              </Flex>
            </Flex>
          </>
        )}
      </Card>
      <Card
        title={t('people.title')}
        extra={<Typography.Text type="secondary">{t('people.hint')}</Typography.Text>}
        styles={{ body: { padding: 0 } }}
      >
        {people.error ? (
          <QueryError error={people.error} onRetry={() => void people.refetch()} />
        ) : (
          <Table<Person>
            rowKey="userId"
            size="middle"
            columns={peopleColumns}
            dataSource={people.data ?? []}
            loading={people.isPending}
            pagination={{
              pageSize: PEOPLE_PAGE_SIZE,
              hideOnSinglePage: true,
              showSizeChanger: false,
              style: { paddingInline: 16 },
            }}
            scroll={{ x: 800 }}
            data-testid="people-table"
          />
        )}
      </Card>
      <EditPersonModal workspaceId={workspace.id} person={editing} onClose={() => setEditing(null)} />
      <TaskDrawer
        workspaceId={workspace.id}
        taskId={openTaskId}
        mayWrite={can('tasks.write')}
        mayDelete={can('tasks.delete')}
        onClose={() => openTask(null)}
        onOpenTask={openTask}
      />
    </>
  );
}

/**
 * The heatmap's table, memoised: the page renders again when the people table's answer arrives, and a page of
 * 400 cells need not follow it.
 */
const HeatmapTable = memo(function HeatmapTable({
  workspaceId,
  workload,
  isLoading,
  onOpenTask,
}: {
  workspaceId: string;
  workload: Workload | undefined;
  isLoading: boolean;
  onOpenTask: (taskId: string) => void;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const weekStarts = workload?.weekStarts ?? [];
  const columns: TableColumnsType<PersonRow> = [
    {
      title: t('workload.person'),
      key: 'person',
      fixed: 'left',
      width: 160,
      render: (_, person) => (
        <Flex gap={8} align="center">
          <PersonAvatar userId={person.userId} name={person.name} />
          <Typography.Text ellipsis>{person.name}</Typography.Text>
        </Flex>
      ),
    },
    ...weekStarts.map((week, index) => ({
      title: (
        <Flex vertical align="center" gap={0}>
          <span style={{ fontSize: 12 }}>{t('workload.weekOf', { day: format.shortDay(week) })}</span>
        </Flex>
      ),
      key: week,
      width: 96,
      align: 'center' as const,
      onCell: () => ({ style: { padding: 3 } }),
      render: (_: unknown, person: PersonRow) => {
        const cell = person.weeks[index];
        return cell ? (
          <HeatmapCell
            workspaceId={workspaceId}
            person={person}
            week={week}
            cell={cell}
            onOpenTask={onOpenTask}
          />
        ) : null;
      },
    })),
  ];

  return (
    <Table<PersonRow>
      rowKey="userId"
      size="small"
      columns={columns}
      dataSource={workload?.people ?? []}
      loading={isLoading}
      pagination={{
        pageSize: HEATMAP_PAGE_SIZE,
        hideOnSinglePage: true,
        showSizeChanger: false,
        size: 'small',
        style: { paddingInline: 12 },
      }}
      scroll={{ x: 160 + weekStarts.length * 96 }}
      data-testid="workload-heatmap"
      locale={{ emptyText: <Empty description={t('workload.empty')} /> }}
    />
  );
});

/**
 * One heatmap cell: a plain box until the pointer or focus first reaches it, then wrapped in its Popover (open at
 * once), so a page of cells mounts no Popover it does not need.
 */
function HeatmapCell({
  workspaceId,
  person,
  week,
  cell,
  onOpenTask,
}: {
  workspaceId: string;
  person: PersonRow;
  week: string;
  cell: HeatmapWeek;
  onOpenTask: (taskId: string) => void;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const [hasPopover, setHasPopover] = useState(false);
  const colors = utilisationColor(cell);
  const arm = hasPopover ? undefined : () => setHasPopover(true);
  const box = (
    <div
      data-testid={`workload-${person.userId}-${week}`}
      data-over={cell.isOverAllocated ? 'true' : 'false'}
      data-tasks={cell.taskCount}
      tabIndex={cell.taskCount > 0 ? 0 : undefined}
      onMouseEnter={arm}
      onFocus={arm}
      onClick={arm}
      style={{
        ...colors,
        borderRadius: 6,
        padding: '6px 4px',
        cursor: cell.taskCount > 0 ? 'pointer' : 'default',
        lineHeight: 1.3,
      }}
    >
      <div style={{ fontWeight: 600, fontVariantNumeric: 'tabular-nums' }}>
        {cell.utilisation === null ? '—' : format.percent(cell.utilisation)}
      </div>
      <div style={{ fontSize: 11, opacity: 0.85, fontVariantNumeric: 'tabular-nums' }}>
        {t('workload.hoursOf', {
          planned: format.number(cell.plannedHours, 1),
          capacity: format.number(cell.capacityHours, 1),
        })}
      </div>
    </div>
  );
  if (!hasPopover) return box;
  return (
    <Popover
      defaultOpen
      title={
        <Flex justify="space-between" gap={16}>
          <span>
            {person.name} · {t('workload.weekOf', { day: format.shortDay(week) })}
          </span>
          {cell.isOverAllocated ? <Tag color="error">{t('workload.over')}</Tag> : null}
        </Flex>
      }
      content={
        <div style={{ width: 300 }}>
          <Typography.Paragraph type="secondary" style={{ fontSize: 12, marginBottom: 8 }}>
            {t('workload.cellSummary', {
              planned: format.number(cell.plannedHours, 1),
              capacity: format.number(cell.capacityHours, 1),
              days: cell.availableDays,
            })}
          </Typography.Paragraph>
          {cell.taskCount === 0 ? (
            <Typography.Text type="secondary">{t('workload.noTasks')}</Typography.Text>
          ) : (
            <CellTaskList
              workspaceId={workspaceId}
              userId={person.userId}
              week={week}
              onOpenTask={onOpenTask}
            />
          )}
        </div>
      }
    >
      {box}
    </Popover>
  );
}

/** The tasks behind a cell, read when its popover first opens (the heatmap itself carries counts only). */
function CellTaskList({
  workspaceId,
  userId,
  week,
  onOpenTask,
}: {
  workspaceId: string;
  userId: string;
  week: string;
  onOpenTask: (taskId: string) => void;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const tasks = useWorkloadCell(workspaceId, { userId, week });
  if (tasks.error) return <QueryError error={tasks.error} onRetry={() => void tasks.refetch()} />;
  return (
    <List
      size="small"
      loading={tasks.isPending}
      dataSource={tasks.data ?? []}
      renderItem={(task) => (
        <List.Item style={{ paddingInline: 0 }}>
          <Typography.Link ellipsis onClick={() => onOpenTask(task.taskId)} style={{ maxWidth: 220 }}>
            {task.title}
          </Typography.Link>
          <Typography.Text style={{ fontVariantNumeric: 'tabular-nums' }}>
            {t('tasks.hours', { hours: format.number(task.hours, 1) })}
          </Typography.Text>
        </List.Item>
      )}
    />
  );
}
