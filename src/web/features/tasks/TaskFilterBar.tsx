import { useEffect, useState } from 'react';
import { Button, DatePicker, Flex, Input, Select, Switch, Typography } from 'antd';
import { SearchOutlined, UserOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useDebouncedValue } from '../../components/useDebouncedValue.ts';
import { GoalSearchSelect } from '../goals/GoalSearchSelect.tsx';
import { useMembers } from '../members/hooks.ts';
import { TASK_STATUSES } from './hooks.ts';
import { SavedViewsMenu } from './SavedViewsMenu.tsx';
import type { TaskFilters } from './useTaskFilters.ts';

/**
 * Filters shared by the task list and board: saved views, status, people, goal, label, words, due range,
 * "my work".
 */
export function TaskFilterBar({
  workspaceId,
  filters,
  setFilters,
  isFiltered,
  clear,
  labels,
  showStatus = true,
  showSort = true,
}: {
  workspaceId: string;
  filters: TaskFilters;
  setFilters: (changes: Partial<TaskFilters>) => void;
  isFiltered: boolean;
  clear: () => void;
  labels: string[];
  showStatus?: boolean;
  showSort?: boolean;
}) {
  const { t } = useTranslation();
  const members = useMembers(workspaceId);
  const [search, setSearch] = useState(filters.search);
  const [addressSearch, setAddressSearch] = useState(filters.search);
  const settled = useDebouncedValue(search, 300);

  // The words can also change in the address (a saved view, back and forward): the box follows them.
  if (filters.search !== addressSearch) {
    setAddressSearch(filters.search);
    setSearch(filters.search);
  }

  useEffect(() => {
    if (settled !== filters.search) setFilters({ search: settled });
    // Only the typed text drives this; the URL value follows it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [settled]);

  return (
    <Flex gap={8} wrap align="center" data-testid="task-filters">
      <SavedViewsMenu workspaceId={workspaceId} filters={filters} setFilters={setFilters} />
      <Flex align="center" gap={6} style={{ marginInlineEnd: 4 }}>
        <Switch
          size="small"
          checked={filters.isMine}
          onChange={(isMine) => setFilters({ isMine, assigneeId: null })}
          aria-label={t('tasks.myWork')}
          data-testid="my-work"
        />
        <Typography.Text style={{ whiteSpace: 'nowrap' }}>
          <UserOutlined /> {t('tasks.myWork')}
        </Typography.Text>
      </Flex>
      <Input
        allowClear
        prefix={<SearchOutlined />}
        placeholder={t('tasks.searchPlaceholder')}
        value={search}
        onChange={(event) => setSearch(event.target.value)}
        style={{ width: 180 }}
        aria-label={t('tasks.search')}
      />
      {showStatus ? (
        <Select
          mode="multiple"
          allowClear
          maxTagCount="responsive"
          value={filters.statuses}
          onChange={(statuses) => setFilters({ statuses })}
          placeholder={t('tasks.allStatuses')}
          style={{ width: 170 }}
          options={TASK_STATUSES.map((value) => ({ value, label: t(`taskStatus.${value}`) }))}
          aria-label={t('tasks.filterStatus')}
        />
      ) : null}
      <Select
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        disabled={filters.isMine}
        value={filters.assigneeId}
        onChange={(assigneeId) => setFilters({ assigneeId: assigneeId ?? null })}
        placeholder={t('tasks.anyAssignee')}
        style={{ width: 120 }}
        options={(members.data ?? []).map((member) => ({ value: member.userId, label: member.name }))}
        aria-label={t('tasks.filterAssignee')}
      />
      <GoalSearchSelect
        workspaceId={workspaceId}
        allowClear
        value={filters.goalId}
        onChange={(goalId) => setFilters({ goalId: typeof goalId === 'string' ? goalId : null })}
        placeholder={t('tasks.anyGoal')}
        style={{ width: 160 }}
        aria-label={t('tasks.filterGoal')}
      />
      <Select
        allowClear
        showSearch
        value={filters.label}
        onChange={(label) => setFilters({ label: label ?? null })}
        placeholder={t('tasks.anyLabel')}
        style={{ width: 120 }}
        options={labels.map((label) => ({ value: label, label }))}
        aria-label={t('tasks.filterLabel')}
      />
      <DatePicker.RangePicker
        allowEmpty={[true, true]}
        value={[
          filters.dueAfter ? dayjs(filters.dueAfter) : null,
          filters.dueBefore ? dayjs(filters.dueBefore) : null,
        ]}
        onChange={(range) =>
          setFilters({
            dueAfter: range?.[0]?.format('YYYY-MM-DD') ?? null,
            dueBefore: range?.[1]?.format('YYYY-MM-DD') ?? null,
          })
        }
        placeholder={[t('tasks.dueFrom'), t('tasks.dueTo')]}
        style={{ width: 230 }}
      />
      {showSort ? (
        <Select
          value={filters.sort}
          onChange={(sort) => setFilters({ sort })}
          style={{ width: 140 }}
          data-testid="tasks-sort"
          options={(['wbs', 'due', 'priority', 'created'] as const).map((value) => ({
            value,
            label: t(`tasks.sortBy.${value}`),
          }))}
          aria-label={t('tasks.sort')}
        />
      ) : null}
      {isFiltered ? (
        <Button
          type="link"
          onClick={() => {
            setSearch('');
            clear();
          }}
        >
          {t('tasks.clearFilters')}
        </Button>
      ) : null}
    </Flex>
  );
}
