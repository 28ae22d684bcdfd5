import { AppError, type FieldError } from '../../core/errors/index.ts';
import { interpolate } from '../../core/i18n/index.ts';
import { parseDay, parseNumber } from '../../core/kpis/measurements.ts';
import { findDependencyCycle, formatCycle } from '../../core/schedule/cpm.ts';
import { buildTreeFromWbs, parseWbsCode, WBS_MESSAGES, wbsCodes } from '../../core/tasks/wbs.ts';
import { newId } from '../../db/ids.ts';
import { lockWorkspace } from '../../db/locks.ts';
import { insertAuditEntry } from '../audit/queries.ts';
import type { Actor, Services, WorkspaceContext } from '../context.ts';
import { findColumns, isBlankRow, spreadsheetRows, writeSpreadsheet } from '../files.ts';
import { authorize } from '../workspaces/access.ts';
import { selectMembers } from '../workspaces/queries.ts';
import { selectGoalId } from '../goals/queries.ts';
import * as queries from './queries.ts';

const HEADERS = {
  wbs: ['wbs', 'code', '编号', 'wbs编号'],
  title: ['title', 'task', 'name', '任务', '标题', '任务名称'],
  owner: ['owner', 'email', 'owner email', '负责人', '邮箱', '负责人邮箱'],
  estimate: ['estimate', 'hours', 'estimate hours', '预估工时', '工时'],
  start: ['start', 'start date', '开始', '开始日期'],
  due: ['due', 'due date', 'deadline', '截止', '截止日期'],
  predecessors: ['predecessors', 'depends on', '前置任务', '依赖'],
} as const;

const MESSAGES = {
  en: {
    title_missing: 'A task needs a title.',
    owner_unknown: 'No member has the e-mail "{value}".',
    estimate_invalid: '"{value}" is not a number of hours (0 or more).',
    date_invalid: '"{value}" is not a date (use YYYY-MM-DD).',
    due_before_start: 'The due date is before the start date.',
    predecessor_invalid: '"{value}" is not a WBS code of this file (write 1.2, or 1.2+3 for a 3-day lag).',
    dependency_cycle: 'These predecessors go round in a circle: {cycle}.',
  },
  'zh-CN': {
    title_missing: '任务需要标题。',
    owner_unknown: '没有邮箱为“{value}”的成员。',
    estimate_invalid: '“{value}”不是有效的工时（0 或以上）。',
    date_invalid: '“{value}”不是日期（请使用 YYYY-MM-DD）。',
    due_before_start: '截止日期早于开始日期。',
    predecessor_invalid: '“{value}”不是本文件中的 WBS 编号（写作 1.2，间隔 3 天写作 1.2+3）。',
    dependency_cycle: '以下前置关系形成了循环：{cycle}。',
  },
} as const;

type Column = keyof typeof HEADERS;

/** A WBS import reads at most this many rows: each becomes a task with its roles and links in one commit. */
export const WBS_IMPORT_MAX_ROWS = 5_000;
type Issue = { row: number; column: Column; message: string };

type PlannedTask = {
  row: number;
  code: string;
  parentCode: string | null;
  position: number;
  title: string;
  ownerId: string | null;
  estimateHours: number | null;
  start: string | null;
  due: string | null;
  predecessors: Array<{ code: string; lagDays: number }>;
};

/**
 * A WBS file as a task tree: codes give the hierarchy and order, owners become Accountable and Responsible,
 * predecessors become finish-to-start dependencies. A dry run reports; a commit saves every row or none.
 */
export async function importWbs(
  context: WorkspaceContext,
  { file, options }: { file: unknown; options: { dryRun: boolean; goalId?: string | undefined } },
) {
  const { services, actor, workspaceId, locale } = context;
  await authorize(services.db, actor, workspaceId, options.dryRun ? 'tasks.read' : 'tasks.write');
  let columns: Record<Column, number> | null = null;
  const rows: Array<{ cells: unknown[]; row: number }> = [];
  for await (const entry of spreadsheetRows(file, { maxRows: WBS_IMPORT_MAX_ROWS })) {
    if (columns) {
      if (!isBlankRow(entry.cells)) rows.push(entry);
      continue;
    }
    columns = findColumns(entry.cells, HEADERS);
    if (columns.wbs < 0 || columns.title < 0) {
      throw new AppError('import_missing_columns', {
        columns: 'wbs, title, owner, estimate, start, due, predecessors',
      });
    }
  }
  if (!columns) throw new AppError('import_empty');
  const found = columns;
  if (rows.length === 0) throw new AppError('import_empty');

  const cell = (cells: unknown[], column: Column) => (found[column] >= 0 ? cells[found[column]] : undefined);
  const text = (value: unknown) => (value === null || value === undefined ? '' : String(value).trim());
  const say = (key: keyof (typeof MESSAGES)['en'], params: Record<string, unknown> = {}) =>
    interpolate(MESSAGES[locale][key], params);

  const tree = buildTreeFromWbs(rows.map(({ cells, row }) => ({ code: text(cell(cells, 'wbs')), row })));
  const issues: Issue[] = tree.issues.map((issue) => ({
    row: Number(issue.params.row),
    column: 'wbs',
    message: interpolate(WBS_MESSAGES[locale][issue.code], issue.params),
  }));
  const treeRow = new Map(tree.rows.map((entry) => [entry.row, entry]));
  const codes = new Set(tree.rows.map((entry) => entry.code));
  const members = await selectMembers(services.db, workspaceId);
  const memberByEmail = new Map(members.map((member) => [member.email.toLowerCase(), member.user_id]));

  const planned: PlannedTask[] = [];
  for (const { cells, row } of rows) {
    const entry = treeRow.get(row);
    const title = text(cell(cells, 'title'));
    if (!title) issues.push({ row, column: 'title', message: say('title_missing') });
    const ownerText = text(cell(cells, 'owner')).toLowerCase();
    const ownerId = ownerText ? (memberByEmail.get(ownerText) ?? null) : null;
    if (ownerText && !ownerId)
      issues.push({ row, column: 'owner', message: say('owner_unknown', { value: ownerText }) });
    const estimateCell = cell(cells, 'estimate');
    const estimate = text(estimateCell) ? parseNumber(estimateCell) : null;
    if (text(estimateCell) && (estimate === null || estimate < 0)) {
      issues.push({
        row,
        column: 'estimate',
        message: say('estimate_invalid', { value: text(estimateCell) }),
      });
    }
    const day = (column: 'start' | 'due') => {
      const value = cell(cells, column);
      if (!text(value) && !(value instanceof Date)) return null;
      const parsed = parseDay(value);
      if (!parsed) issues.push({ row, column, message: say('date_invalid', { value: text(value) }) });
      return parsed;
    };
    const start = day('start');
    const due = day('due');
    if (start && due && due < start) issues.push({ row, column: 'due', message: say('due_before_start') });
    const predecessors: PlannedTask['predecessors'] = [];
    for (const reference of text(cell(cells, 'predecessors'))
      .split(/[,,;;\s]+/)
      .filter(Boolean)) {
      const [code = '', lag = '0'] = reference.split('+');
      const numbers = parseWbsCode(code);
      const canonical = numbers?.join('.') ?? '';
      if (!numbers || !codes.has(canonical) || !/^\d+$/.test(lag)) {
        issues.push({
          row,
          column: 'predecessors',
          message: say('predecessor_invalid', { value: reference }),
        });
      } else {
        predecessors.push({ code: canonical, lagDays: Number(lag) });
      }
    }
    if (entry) {
      planned.push({
        row,
        code: entry.code,
        parentCode: entry.parentCode,
        position: entry.position,
        title,
        ownerId,
        estimateHours: estimate,
        start,
        due,
        predecessors,
      });
    }
  }
  const cycle = findDependencyCycle(
    planned.map((task) => task.code),
    planned.flatMap((task) =>
      task.predecessors.map((predecessor) => ({ from: predecessor.code, to: task.code })),
    ),
  );
  if (cycle) {
    const first = planned.find((task) => task.code === cycle[0]);
    issues.push({
      row: first?.row ?? 0,
      column: 'predecessors',
      message: say('dependency_cycle', { cycle: formatCycle(cycle) }),
    });
  }
  issues.sort((a, b) => a.row - b.row);
  const badRows = new Set(issues.map((issue) => issue.row)).size;

  if (!options.dryRun) {
    if (badRows > 0) {
      const fields: FieldError[] = issues
        .slice(0, 100)
        .map((issue) => ({ path: `row ${issue.row}.${issue.column}`, message: issue.message }));
      throw new AppError('import_invalid', { count: badRows }, fields);
    }
    await saveTree(services, actor, workspaceId, planned, options.goalId);
  }
  return {
    dryRun: options.dryRun,
    totalRows: rows.length,
    validRows: rows.length - badRows,
    saved: options.dryRun ? 0 : planned.length,
    issueCount: issues.length,
    issues: issues.slice(0, 200),
    sample: planned.slice(0, 20).map((task) => ({
      row: task.row,
      wbs: task.code,
      title: task.title,
      start: task.start,
      due: task.due,
    })),
  };
}

async function saveTree(
  services: Services,
  actor: Actor,
  workspaceId: string,
  planned: readonly PlannedTask[],
  goalId?: string,
) {
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    await lockWorkspace(trx, services.dialect, 'tasks', workspaceId);
    if (goalId) {
      const goal = await selectGoalId(trx, workspaceId, goalId);
      if (!goal) throw new AppError('goal_not_found', {}, [{ path: 'goalId', message: '' }]);
    }
    const idOf = new Map(planned.map((task) => [task.code, newId(now)]));
    // Roots go after what the workspace already has; deeper rows keep the order their codes give.
    let rootPosition = await queries.nextPosition(trx, workspaceId, null);
    const ordered = [...planned].sort((a, b) => a.code.split('.').length - b.code.split('.').length);
    for (const task of ordered) {
      const id = idOf.get(task.code) ?? newId(now);
      await queries.insertTask(trx, {
        id,
        workspace_id: workspaceId,
        goal_id: goalId ?? null,
        parent_id: task.parentCode ? (idOf.get(task.parentCode) ?? null) : null,
        position: task.parentCode ? task.position : rootPosition++,
        is_milestone: 0,
        title: task.title,
        description: null,
        status: 'todo',
        priority: 2,
        estimate_hours: task.estimateHours,
        start_date: task.start,
        due_date: task.due,
        buffer_days: 0,
        checklist: '[]',
        labels: '[]',
        required_skills: '[]',
        recurrence_id: null,
        occurrence: null,
        completed_at: null,
        created_by: actor.userId,
        created_at: now,
        updated_at: now,
      });
      const owner = task.ownerId ?? actor.userId;
      await queries.replaceRoles(trx, id, [
        { workspace_id: workspaceId, task_id: id, user_id: owner, role: 'A' },
        ...(task.ownerId ? [{ workspace_id: workspaceId, task_id: id, user_id: owner, role: 'R' }] : []),
      ]);
    }
    for (const task of planned) {
      for (const predecessor of task.predecessors) {
        await queries.insertDependency(trx, {
          workspace_id: workspaceId,
          from_task_id: idOf.get(predecessor.code) ?? '',
          to_task_id: idOf.get(task.code) ?? '',
          lag_days: predecessor.lagDays,
        });
      }
    }
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'tasks.imported',
      objectType: 'workspace',
      objectId: workspaceId,
      changes: { count: planned.length, goalId: goalId ?? null },
      now,
    });
  });
}

/** The task tree as the import reads it back: WBS code, title, owner e-mail, estimate, dates, predecessors. */
export async function exportWbs(
  context: WorkspaceContext,
  { format, goalId }: { format: 'csv' | 'xlsx'; goalId?: string },
) {
  const { services, actor, workspaceId } = context;
  await authorize(services.db, actor, workspaceId, 'tasks.read');
  const tasks = await queries.selectAllTasks(services.db, workspaceId, goalId);
  const [dependencies, roles, members] = await Promise.all([
    queries.selectDependencies(services.db, workspaceId),
    queries.selectRoles(services.db, workspaceId),
    selectMembers(services.db, workspaceId),
  ]);
  const codes = wbsCodes(
    tasks.map((task) => ({ id: task.id, parentId: task.parent_id, position: task.position })),
  );
  const emails = new Map(members.map((member) => [member.user_id, member.email]));
  const ownerOf = new Map(
    roles.filter((role) => role.role === 'A').map((role) => [role.task_id, role.user_id]),
  );
  const rows = tasks
    .map((task) => {
      const predecessors = dependencies
        .filter((dependency) => dependency.to_task_id === task.id && codes.has(dependency.from_task_id))
        .map(
          (dependency) =>
            `${codes.get(dependency.from_task_id)}${dependency.lag_days ? `+${dependency.lag_days}` : ''}`,
        )
        .join(', ');
      return [
        codes.get(task.id) ?? '',
        task.title,
        emails.get(ownerOf.get(task.id) ?? '') ?? '',
        task.estimate_hours,
        task.start_date,
        task.due_date,
        predecessors,
        task.status,
      ];
    })
    .sort((a, b) => String(a[0]).localeCompare(String(b[0]), undefined, { numeric: true }));
  return writeSpreadsheet(
    ['wbs', 'title', 'owner', 'estimate', 'start', 'due', 'predecessors', 'status'],
    rows,
    format,
    'wbs',
  );
}
