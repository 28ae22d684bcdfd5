import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  Alert,
  App,
  Card,
  Col,
  Empty,
  Flex,
  Input,
  InputNumber,
  List,
  Row,
  Select,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { CheckCircleFilled, LoadingOutlined, WarningFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client.ts';
import { columnWindow } from '../../components/columnWindow.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useIsCompact } from '../../components/responsive.ts';
import { GoalSearchSelect } from '../../features/goals/GoalSearchSelect.tsx';
import { useMembers } from '../../features/members/hooks.ts';
import { useRaci, useSetRoles, type RaciMatrix, type RaciRole } from '../../features/tasks/hooks.ts';
import { ROLE_COLORS } from '../../features/tasks/RaciEditor.tsx';
import { PersonAvatar, TaskStatusTag } from '../../features/tasks/TaskBadges.tsx';
import { TaskDrawer } from '../../features/tasks/TaskDrawer.tsx';
import { cellOf, withCell, type RaciCell } from '../../features/tasks/taskUtils.ts';
import { useOpenTask } from '../../features/tasks/useOpenTask.ts';
import { useWorkspaceScope } from '../../features/workspaces/WorkspaceContext.ts';

type MatrixTask = RaciMatrix['tasks'][number];
const CELLS: RaciCell[] = ['R', 'A', 'AR', 'C', 'I'];
const NONE = '-';
const DEFAULT_MAX_ACCOUNTABLE = 8;
/** Tasks per page: the server pages the matrix (100,000 tasks would be 28 MB in one answer). */
const PAGE_SIZE = 50;

/** Width of a person's column: nine people and the task columns fit beside the menu at 1440 px. */
const PERSON_WIDTH = 88;
/** The WBS and task columns, pinned at the left; narrower on a phone, so that people show beside them. */
const FROZEN = { wide: { wbs: 70, task: 280 }, phone: { wbs: 56, task: 140 } };
/** People drawn before the matrix's width is known: enough for a wide screen. */
const SLOTS_BEFORE_MEASURE = 24;

export function RaciPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { workspace, can } = useWorkspaceScope();
  const isPhone = useIsCompact();
  const frozen = FROZEN[isPhone ? 'phone' : 'wide'];
  const frozenWidth = frozen.wbs + frozen.task;
  const [goalId, setGoalId] = useState<string | null>(null);
  const [personId, setPersonId] = useState<string | null>(null);
  const [search, setSearch] = useState('');
  const [maxAccountable, setMaxAccountable] = useState(DEFAULT_MAX_ACCOUNTABLE);
  const [onlyGaps, setOnlyGaps] = useState(false);
  const [page, setPage] = useState(1);
  // People added as columns by hand, to give them a role (a large workspace shows only those on the page).
  const [extraPeople, setExtraPeople] = useState<string[]>([]);
  const raci = useRaci(workspace.id, {
    goalId,
    personId,
    search,
    onlyGaps,
    maxAccountable,
    people: extraPeople,
    offset: (page - 1) * PAGE_SIZE,
    limit: PAGE_SIZE,
  });
  // The member list (500 people: 100 KB) is read once a person picker is first opened.
  const [wantMembers, setWantMembers] = useState(false);
  const members = useMembers(workspace.id, { enabled: wantMembers });
  const loadMembers = () => setWantMembers(true);
  // Every filter change starts again at the first page.
  const refilter =
    <T,>(set: (value: T) => void) =>
    (value: T) => {
      set(value);
      setPage(1);
    };
  const setRoles = useSetRoles(workspace.id);
  const [openTaskId, openTask] = useOpenTask();
  const mayWrite = can('tasks.write');

  const data = raci.data;
  const issuesOf = useMemo(
    () => new Map((data?.taskWarnings ?? []).map((warning) => [warning.taskId, warning.issues])),
    [data],
  );
  const tasks = data?.tasks ?? [];
  const people = useMemo(() => data?.people ?? [], [data]);
  // Only the people in view (and a few beside) are drawn: 50 tasks × ~90 people is 4,500 cells at the large scale.
  const matrixRef = useRef<HTMLDivElement>(null);
  const [shown, setShown] = useState({ first: 0, end: SLOTS_BEFORE_MEASURE });
  const hasRows = tasks.length > 0;
  useEffect(() => {
    const box = matrixRef.current?.querySelector<HTMLElement>('.ant-table-content');
    if (!box) return;
    const measure = () => {
      const next = columnWindow({
        scrollLeft: box.scrollLeft,
        viewportWidth: box.clientWidth,
        frozenWidth,
        slotWidth: PERSON_WIDTH,
        count: people.length,
        overscan: 3,
      });
      setShown((current) => (current.first === next.first && current.end === next.end ? current : next));
    };
    measure();
    box.addEventListener('scroll', measure, { passive: true });
    const resize = new ResizeObserver(measure);
    resize.observe(box);
    return () => {
      box.removeEventListener('scroll', measure);
      resize.disconnect();
    };
  }, [people.length, hasRows, frozenWidth]);
  const titleOf = useMemo(() => new Map((data?.tasks ?? []).map((task) => [task.id, task])), [data]);
  const savingCell = setRoles.isPending && setRoles.variables ? setRoles.variables.taskId : null;

  // Stable, as the rows' cells are memoised: the table renders its rows again when it measures its columns.
  const { mutate: mutateRoles } = setRoles;
  const change = useCallback(
    (task: MatrixTask, personId: string, cell: RaciCell | null) => {
      const roles = task.cells.map((item) => ({ userId: item.personId, role: item.role }));
      mutateRoles(
        { taskId: task.id, roles: withCell(roles, personId, cell) },
        // A refusal shows in the alert above the matrix, where it stays until dismissed.
        { onSuccess: () => void message.success(t('raci.saved')) },
      );
    },
    [mutateRoles, message, t],
  );

  const cellOptions = useMemo(() => {
    const cellLabel = (cell: RaciCell) =>
      cell === 'AR' ? t('raci.cellAR') : `${cell} · ${t(`raci.roleNames.${cell}`)}`;
    return [
      { value: NONE, label: t('raci.none'), title: t('raci.none') },
      ...CELLS.map((value) => ({ value, label: cellLabel(value), title: cellLabel(value) })),
    ];
  }, [t]);

  const columns: TableColumnsType<MatrixTask> = [
    {
      title: t('tasks.wbs'),
      key: 'wbs',
      width: frozen.wbs,
      fixed: 'left',
      render: (_, task) => (
        <Typography.Text type="secondary" style={{ fontVariantNumeric: 'tabular-nums' }}>
          {task.wbs}
        </Typography.Text>
      ),
    },
    {
      title: t('raci.task'),
      key: 'task',
      width: frozen.task,
      fixed: 'left',
      render: (_, task) => {
        const issues = issuesOf.get(task.id);
        return (
          <Flex gap={6} align="center" style={{ minWidth: 0 }}>
            {issues ? (
              <WarningFilled
                style={{ color: '#faad14' }}
                title={issues.map((issue) => issue.message).join('\n')}
                data-testid={`raci-gap-${task.id}`}
              />
            ) : null}
            <Typography.Link ellipsis onClick={() => openTask(task.id)} style={{ flex: 1 }}>
              {task.title}
            </Typography.Link>
            {/* On a phone the title needs the column's little width; the drawer shows the status. */}
            {!isPhone && (task.status === 'done' || task.status === 'cancelled') ? (
              <TaskStatusTag status={task.status} />
            ) : null}
          </Flex>
        );
      },
    },
    // All the people in one column, each person a fixed-width slot of plain elements: as a column apiece, the
    // ~90 people of a large page made 4,500 table cells, whose layout and width measuring cost seconds.
    ...(people.length === 0
      ? []
      : [
          {
            title: (
              <div className="raci-people">
                <div style={{ width: shown.first * PERSON_WIDTH, flex: 'none' }} />
                {people.slice(shown.first, shown.end).map((person) => (
                  <div
                    key={person.userId}
                    className="raci-slot raci-person"
                    data-testid={`raci-person-${person.userId}`}
                  >
                    <PersonAvatar userId={person.userId} name={person.name} size={22} />
                    <span className="raci-person-name" title={person.name}>
                      {person.name}
                    </span>
                    {person.title ? (
                      <span className="raci-person-title" title={person.title}>
                        {person.title}
                      </span>
                    ) : null}
                  </div>
                ))}
              </div>
            ),
            key: 'people',
            width: people.length * PERSON_WIDTH,
            onHeaderCell: () => ({ style: { padding: 0 } }),
            onCell: () => ({ style: { padding: 0 } }),
            render: (_: unknown, task: MatrixTask) => (
              <RaciRowCells
                task={task}
                people={people}
                first={shown.first}
                end={shown.end}
                disabled={!mayWrite}
                isSaving={savingCell === task.id}
                options={cellOptions}
                onChange={change}
              />
            ),
          },
        ]),
  ];

  const peopleWarnings = data?.peopleWarnings ?? [];
  const morePeople = (data?.peopleWarningCount ?? 0) - peopleWarnings.length;
  const taskWarnings = data?.taskWarnings ?? [];
  const gapCount = data?.gapCount ?? 0;
  const warningCount = gapCount + (data?.peopleWarningCount ?? 0);
  const shownPeople = new Set((data?.people ?? []).map((person) => person.userId));
  const memberOptions = (members.data ?? []).map((member) => ({ value: member.userId, label: member.name }));

  return (
    <>
      <PageHeader title={t('raci.title')} description={t('raci.description')} />
      <Card size="small" style={{ marginBottom: 12 }}>
        <Flex gap={12} wrap align="center">
          <Input.Search
            allowClear
            placeholder={t('raci.searchTitle')}
            aria-label={t('raci.searchTitle')}
            onSearch={refilter(setSearch)}
            style={{ width: 220, maxWidth: '100%' }}
            data-testid="raci-search"
          />
          <GoalSearchSelect
            workspaceId={workspace.id}
            allowClear
            value={goalId}
            onChange={(value) => refilter(setGoalId)(typeof value === 'string' ? value : null)}
            placeholder={t('tasks.anyGoal')}
            style={{ width: 240, maxWidth: '100%' }}
            aria-label={t('tasks.filterGoal')}
          />
          <Select<string>
            showSearch
            allowClear
            optionFilterProp="label"
            value={personId}
            onChange={(value) => refilter(setPersonId)(value ?? null)}
            placeholder={t('raci.anyPerson')}
            aria-label={t('raci.filterPerson')}
            title={t('raci.filterPerson')}
            options={memberOptions}
            onFocus={loadMembers}
            onMouseEnter={loadMembers}
            loading={members.isFetching}
            style={{ width: 180, maxWidth: '100%' }}
            data-testid="raci-person"
          />
          <Select
            value={onlyGaps ? 'gaps' : 'all'}
            onChange={(value) => refilter(setOnlyGaps)(value === 'gaps')}
            style={{ width: 170 }}
            options={[
              { value: 'all', label: t('raci.allTasks') },
              { value: 'gaps', label: t('raci.onlyGaps') },
            ]}
          />
          <Flex align="center" gap={6}>
            <Typography.Text type="secondary">{t('raci.maxAccountable')}</Typography.Text>
            <InputNumber
              min={1}
              max={1000}
              precision={0}
              value={maxAccountable}
              onChange={(value) => refilter(setMaxAccountable)(value ?? DEFAULT_MAX_ACCOUNTABLE)}
              style={{ width: 80 }}
            />
          </Flex>
          <Flex gap={10} wrap style={{ marginInlineStart: 'auto', fontSize: 12 }}>
            {(['R', 'A', 'C', 'I'] as RaciRole[]).map((role) => (
              <Flex key={role} gap={4} align="center">
                <RoleChip cell={role} />
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t(`raci.roleHints.${role}`)}
                </Typography.Text>
              </Flex>
            ))}
          </Flex>
        </Flex>
      </Card>
      {setRoles.error ? (
        <Alert
          type="error"
          showIcon
          title={t('raci.saveFailed')}
          description={errorMessage(setRoles.error)}
          closable={{ onClose: () => setRoles.reset() }}
          style={{ marginBottom: 12 }}
          data-testid="raci-error"
        />
      ) : null}
      {raci.error ? (
        <QueryError error={raci.error} onRetry={() => void raci.refetch()} />
      ) : (
        // The matrix takes the full width (it scrolls sideways inside itself); the warnings sit below it.
        <Row gutter={[16, 16]}>
          <Col span={24}>
            <Card styles={{ body: { padding: 0 } }} ref={matrixRef}>
              <Table<MatrixTask>
                rowKey="id"
                size="small"
                bordered
                columns={columns}
                dataSource={tasks}
                loading={raci.isPending || (raci.isFetching && raci.isPlaceholderData)}
                pagination={{
                  current: page,
                  pageSize: PAGE_SIZE,
                  total: data?.total ?? 0,
                  onChange: setPage,
                  showSizeChanger: false,
                  size: 'small',
                  showTotal: (count) => t('raci.pageTotal', { count }),
                  style: { paddingInline: 12 },
                }}
                scroll={{ x: frozenWidth + people.length * PERSON_WIDTH }}
                title={
                  data && !data.allPeople
                    ? () => (
                        <Flex gap={8} wrap align="center" justify="space-between">
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {t('raci.somePeople')}
                          </Typography.Text>
                          <Select<string>
                            showSearch
                            size="small"
                            value={null}
                            optionFilterProp="label"
                            placeholder={t('raci.addPerson')}
                            aria-label={t('raci.addPerson')}
                            options={memberOptions.filter((option) => !shownPeople.has(option.value))}
                            onChange={(value) => setExtraPeople((list) => [...list, value].slice(-20))}
                            onFocus={loadMembers}
                            onMouseEnter={loadMembers}
                            loading={members.isFetching}
                            style={{ width: 200, maxWidth: '100%' }}
                            data-testid="raci-add-person"
                          />
                        </Flex>
                      )
                    : undefined
                }
                data-testid="raci-matrix"
                locale={{
                  emptyText: <Empty description={onlyGaps ? t('raci.noGaps') : t('raci.empty')} />,
                }}
              />
            </Card>
          </Col>
          <Col span={24}>
            <Card
              title={
                <Flex gap={8} align="center">
                  {warningCount > 0 ? (
                    <WarningFilled style={{ color: '#faad14' }} />
                  ) : (
                    <CheckCircleFilled style={{ color: '#52c41a' }} />
                  )}
                  {t('raci.warnings')}
                  {warningCount > 0 ? <Tag color="warning">{warningCount}</Tag> : null}
                </Flex>
              }
              data-testid="raci-warnings"
              styles={{ body: { padding: warningCount > 0 ? 0 : 16, maxHeight: 480, overflow: 'auto' } }}
            >
              {warningCount === 0 ? (
                <Typography.Text type="secondary">{t('raci.allClear')}</Typography.Text>
              ) : (
                <>
                  {peopleWarnings.length > 0 ? (
                    <List
                      size="small"
                      header={
                        <Typography.Text strong style={{ paddingInline: 16 }}>
                          {t('raci.overloaded')}
                        </Typography.Text>
                      }
                      dataSource={peopleWarnings}
                      renderItem={(warning) => (
                        <List.Item style={{ paddingInline: 16 }}>
                          <Typography.Text>{warning.message}</Typography.Text>
                        </List.Item>
                      )}
                      footer={
                        morePeople > 0 ? (
                          <Typography.Text type="secondary" style={{ paddingInline: 16 }}>
                            {t('raci.morePeople', { count: morePeople })}
                          </Typography.Text>
                        ) : undefined
                      }
                    />
                  ) : null}
                  {gapCount > 0 ? (
                    <List
                      size="small"
                      header={
                        <Flex vertical style={{ paddingInline: 16 }}>
                          <Typography.Text strong>{t('raci.gaps')}</Typography.Text>
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {t('raci.gapsInScope', { count: gapCount })}
                          </Typography.Text>
                        </Flex>
                      }
                      locale={{ emptyText: t('raci.noGapsOnPage') }}
                      dataSource={taskWarnings}
                      renderItem={(warning) => {
                        const task = titleOf.get(warning.taskId);
                        return (
                          <List.Item
                            style={{ paddingInline: 16, display: 'block' }}
                            data-testid={`raci-warning-${warning.taskId}`}
                          >
                            <Typography.Link onClick={() => openTask(warning.taskId)}>
                              {task ? `${task.wbs} ${task.title}` : warning.taskId}
                            </Typography.Link>
                            {warning.issues.map((issue) => (
                              <Typography.Paragraph
                                key={issue.code}
                                type="secondary"
                                style={{ margin: 0, fontSize: 12 }}
                              >
                                · {issue.message}
                              </Typography.Paragraph>
                            ))}
                          </List.Item>
                        );
                      }}
                    />
                  ) : null}
                </>
              )}
            </Card>
          </Col>
        </Row>
      )}
      <TaskDrawer
        workspaceId={workspace.id}
        taskId={openTaskId}
        mayWrite={mayWrite}
        mayDelete={can('tasks.delete')}
        onClose={() => openTask(null)}
        onOpenTask={openTask}
      />
    </>
  );
}

type CellOption = { value: string; label: string; title: string };

/** A task's row of cells, one per person shown; memoised, as the table renders its rows again while it settles. */
const RaciRowCells = memo(function RaciRowCells({
  task,
  people,
  first,
  end,
  disabled,
  isSaving,
  options,
  onChange,
}: {
  task: MatrixTask;
  people: RaciMatrix['people'];
  /** The people drawn: people[first, end). */
  first: number;
  end: number;
  disabled: boolean;
  isSaving: boolean;
  options: CellOption[];
  onChange: (task: MatrixTask, personId: string, cell: RaciCell | null) => void;
}) {
  const roles = task.cells.map((item) => ({ userId: item.personId, role: item.role }));
  return (
    <div className="raci-people">
      <div style={{ width: first * PERSON_WIDTH, flex: 'none' }} />
      {people.slice(first, end).map((person) => (
        <div key={person.userId} className="raci-slot">
          <RaciCellPicker
            cell={cellOf(roles, person.userId)}
            disabled={disabled}
            isSaving={isSaving}
            label={`${task.title} · ${person.name}`}
            testId={`raci-cell-${task.id}-${person.userId}`}
            options={options}
            onChange={(cell) => onChange(task, person.userId, cell)}
          />
        </div>
      ))}
    </div>
  );
});

/**
 * One cell of the matrix: a plain button until it is clicked, then the Select. A page of 50 tasks shows every
 * person holding a role in them (~90 at the large scale), and 4,400 antd Selects took 11 s of the main thread to
 * mount; the buttons take a fraction of that, and only the cell being edited pays for a Select.
 */
function RaciCellPicker({
  cell,
  disabled,
  isSaving,
  label,
  testId,
  options,
  onChange,
}: {
  cell: RaciCell | null;
  disabled: boolean;
  isSaving: boolean;
  label: string;
  testId: string;
  options: CellOption[];
  onChange: (cell: RaciCell | null) => void;
}) {
  const [isEditing, setEditing] = useState(false);
  if (isEditing) {
    return (
      <Select<string>
        size="small"
        variant="borderless"
        value={cell ?? NONE}
        defaultOpen
        autoFocus
        loading={isSaving}
        onOpenChange={(open) => {
          if (!open) setEditing(false);
        }}
        onChange={(value) => {
          setEditing(false);
          onChange(value === NONE ? null : (value as RaciCell));
        }}
        popupMatchSelectWidth={false}
        style={{ width: PERSON_WIDTH - 14 }}
        aria-label={label}
        data-testid={testId}
        labelRender={({ value }) =>
          value === NONE ? <span style={{ color: '#d9d9d9' }}>—</span> : <RoleChip cell={value as RaciCell} />
        }
        options={options}
      />
    );
  }
  return (
    <button
      type="button"
      className="raci-cell"
      disabled={disabled}
      aria-label={label}
      aria-haspopup="listbox"
      data-testid={testId}
      onClick={() => setEditing(true)}
    >
      {isSaving ? (
        <LoadingOutlined />
      ) : cell === null ? (
        <span style={{ color: '#d9d9d9' }}>—</span>
      ) : (
        <RoleChip cell={cell} />
      )}
    </button>
  );
}

function RoleChip({ cell }: { cell: RaciCell }) {
  const roles: RaciRole[] = cell === 'AR' ? ['A', 'R'] : [cell];
  return (
    <Flex gap={2} style={{ display: 'inline-flex' }}>
      {roles.map((role) => (
        <span
          key={role}
          style={{
            display: 'inline-block',
            minWidth: 20,
            padding: '0 5px',
            borderRadius: 4,
            background: ROLE_COLORS[role],
            color: '#fff',
            fontWeight: 600,
            fontSize: 12,
            lineHeight: '20px',
            textAlign: 'center',
          }}
        >
          {role}
        </span>
      ))}
    </Flex>
  );
}
