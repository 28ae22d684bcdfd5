import { addDays } from '../../src/core/days/index.ts';
import type { Kysely } from 'kysely';
import { periodStart } from '../../src/core/kpis/periods.ts';
import type { Database } from '../../src/db/types.ts';
import type { Random } from '../lib/random.ts';
import type { Scale, ScaleSpec } from '../lib/target.ts';
import { insertRows } from './insert.ts';
import {
  AUDIT_ACTIONS,
  BLOCKERS,
  CHECK_IN_NOTES,
  DELIVERABLES,
  DIMENSIONS,
  ENGLISH_NAMES,
  GIVEN_NAMES,
  GOAL_TEMPLATES,
  METRICS,
  SURNAMES,
  TITLES,
  type MetricTemplate,
} from './text.ts';

const DAY_MS = 86_400_000;
/** KPIs whose long daily history the load test reads ("KPI series for a year") and pushes to. */
export const HEADLINE_KPIS = 10;
export const HEADLINE_DAYS = 730;

export type GeneratedKpi = {
  id: string;
  key: string;
  name: string;
  template: MetricTemplate;
  frequency: 'day' | 'week' | 'month';
  formula: string | null;
  /** Typical value of one period. */
  level: number;
  /** Relative change per year. */
  trend: number;
  points: number;
};

export type GeneratedGoal = { id: string; ownerId: string; depth: number; startDate: string; dueDate: string };

export type GeneratorContext = {
  db: Kysely<Database>;
  scale: Scale;
  spec: ScaleSpec;
  random: Random;
  newId: (ms: number) => string;
  workspaceId: string;
  benchUserId: string;
  /** Last day with measurements; fixed so that the same seed gives the same rows on any day. */
  anchorDay: string;
  anchorMs: number;
  memberIds: string[];
  kpis: GeneratedKpi[];
  goals: GeneratedGoal[];
};

/** One module's share of the workspace. Returns the number of rows written. */
export type Generator = { name: string; run(context: GeneratorContext): Promise<number> };

export function memberEmail(scale: Scale, index: number): string {
  return `m${String(index).padStart(5, '0')}.${scale}@bench.opsplan.test`;
}

export function benchUserEmail(scale: Scale): string {
  return `bench.${scale}@bench.opsplan.test`;
}

const members: Generator = {
  name: 'members',
  async run(context) {
    const { random, spec } = context;
    const count = spec.members - 1; // the bench user is the owner and already exists
    const users = [];
    for (let index = 1; index <= count; index += 1) {
      const createdAt = context.anchorMs - (count - index + 30) * 3_600_000;
      const isEnglish = random.chance(0.1);
      const name = isEnglish
        ? random.pick(ENGLISH_NAMES)
        : random.pick(SURNAMES) + random.pick(GIVEN_NAMES) + (random.chance(0.5) ? random.pick(GIVEN_NAMES) : '');
      users.push({
        id: context.newId(createdAt),
        email: memberEmail(context.scale, index),
        name,
        // Members never sign in during the benchmark: a hash that matches no password keeps generation fast.
        password_hash: 'disabled',
        locale: isEnglish ? 'en' : 'zh-CN',
        created_at: createdAt,
        updated_at: createdAt,
      });
    }
    let rows = await insertRows(context.db, 'users', 7, users, users.length);
    const roles = ['admin', 'manager', 'manager', 'member', 'member', 'member', 'member', 'member', 'viewer'];
    rows += await insertRows(
      context.db,
      'memberships',
      6,
      users.map((user) => ({
        workspace_id: context.workspaceId,
        user_id: user.id,
        role: random.pick(roles),
        title: random.pick(TITLES),
        weekly_capacity_hours: random.pick([20, 32, 40, 40, 40]),
        created_at: user.created_at,
      })),
      users.length,
    );
    context.memberIds.push(...users.map((user) => user.id));
    return rows;
  },
};

function frequencyScale(template: MetricTemplate, frequency: GeneratedKpi['frequency']): number {
  if (template.aggregation !== 'sum') return 1;
  return frequency === 'week' ? 7 : frequency === 'month' ? 30 : 1;
}

const kpis: Generator = {
  name: 'kpis',
  async run(context) {
    const { random, spec } = context;
    const formulaCount = Math.round(spec.kpis * spec.formulaShare);
    const plainCount = spec.kpis - formulaCount;
    const plain: GeneratedKpi[] = [];
    for (let index = 0; index < plainCount; index += 1) {
      const template = METRICS[index % METRICS.length] ?? METRICS[0];
      if (!template) throw new Error('no metric templates');
      const isHeadline = index < HEADLINE_KPIS;
      const roll = random.next();
      const frequency = isHeadline ? 'day' : roll < 0.45 ? 'day' : roll < 0.8 ? 'week' : 'month';
      const dimension = isHeadline ? null : random.pick(DIMENSIONS);
      plain.push({
        id: '',
        key: `${template.key}_${String(index).padStart(5, '0')}`,
        name: dimension ? `${template.name} · ${dimension}` : template.name,
        template,
        frequency,
        formula: null,
        level: template.level * frequencyScale(template, frequency) * (isHeadline ? 1 : 0.3 + random.next() * 1.2),
        trend: -0.15 + random.next() * 0.5,
        points: 0,
      });
    }
    // Share the measurement budget: headline KPIs get two years of days, weeks a year, months two years,
    // and the other daily KPIs split what is left.
    const weekly = plain.filter((kpi) => kpi.frequency === 'week');
    const monthly = plain.filter((kpi) => kpi.frequency === 'month');
    const daily = plain.filter((kpi, index) => kpi.frequency === 'day' && index >= HEADLINE_KPIS);
    for (const kpi of weekly) kpi.points = 52;
    for (const kpi of monthly) kpi.points = 24;
    const headline = plain.slice(0, HEADLINE_KPIS);
    for (const kpi of headline) kpi.points = HEADLINE_DAYS;
    const used = weekly.length * 52 + monthly.length * 24 + headline.length * HEADLINE_DAYS;
    const perDaily = daily.length > 0 ? Math.floor((spec.measurements - used) / daily.length) : 0;
    for (const kpi of daily) kpi.points = Math.max(14, Math.min(HEADLINE_DAYS, perDaily));

    const formulas: GeneratedKpi[] = [];
    for (let index = 0; index < formulaCount; index += 1) {
      const first = random.pick(plain);
      const candidates = plain.filter((kpi) => kpi.frequency === first.frequency && kpi !== first);
      const second = random.pick(candidates.length > 0 ? candidates : plain);
      const operator = random.pick(['/', '-', '+'] as const);
      const formula =
        operator === '/' ? `${first.key} / ${second.key} * 100` : `${first.key} ${operator} ${second.key}`;
      formulas.push({
        id: '',
        key: `f_${first.template.key}_${String(index).padStart(5, '0')}`,
        name: operator === '/' ? `${first.name} / ${second.name}(比率)` : `${first.name} ${operator} ${second.name}`,
        template: first.template,
        frequency: first.frequency,
        formula,
        level: operator === '/' ? (first.level / Math.max(1, second.level)) * 100 : first.level,
        trend: first.trend,
        points: 0,
      });
    }

    const all = [...plain, ...formulas];
    const createdAt = context.anchorMs - 400 * DAY_MS;
    for (const kpi of all) kpi.id = context.newId(createdAt);
    context.kpis.push(...all);
    return insertRows(
      context.db,
      'kpis',
      18,
      all.map((kpi) => {
        const hasThresholds = kpi.formula === null ? random.chance(0.8) : random.chance(0.3);
        const isHigher = kpi.template.direction === 'higher';
        const green = kpi.level * (isHigher ? 0.9 + random.next() * 0.3 : 0.8 + random.next() * 0.3);
        const amber = isHigher ? green * 0.9 : green * 1.1;
        return {
          id: kpi.id,
          workspace_id: context.workspaceId,
          key: kpi.key,
          name: kpi.name,
          unit: kpi.template.unit,
          direction: kpi.template.direction,
          aggregation: kpi.formula ? 'last' : kpi.template.aggregation,
          frequency: kpi.frequency,
          formula: kpi.formula,
          owner_id: random.pick([context.benchUserId, ...context.memberIds]),
          green: hasThresholds ? round(green, kpi.template.isCount) : null,
          amber: hasThresholds ? round(amber, kpi.template.isCount) : null,
          description: random.chance(0.3) ? `口径:${kpi.name},按${frequencyLabel(kpi.frequency)}统计。` : null,
          status: null,
          last_value: null,
          last_period: null,
          created_at: createdAt,
          updated_at: createdAt,
        };
      }),
      all.length,
    );
  },
};

function frequencyLabel(frequency: GeneratedKpi['frequency']): string {
  return frequency === 'day' ? '日' : frequency === 'week' ? '周' : '月';
}

function round(value: number, isCount: boolean): number {
  return isCount ? Math.round(value) : Math.round(value * 100) / 100;
}

function monthsBack(anchorDay: string, months: number): string {
  const year = Number(anchorDay.slice(0, 4));
  const month = Number(anchorDay.slice(5, 7)) - 1 - months;
  const carriedYear = year + Math.floor(month / 12);
  const carriedMonth = ((month % 12) + 12) % 12;
  return `${String(carriedYear).padStart(4, '0')}-${String(carriedMonth + 1).padStart(2, '0')}-01`;
}

/** The `back`-th period before the anchor's own period (0 = the anchor's). */
export function periodBefore(anchorDay: string, frequency: GeneratedKpi['frequency'], back: number): string {
  if (frequency === 'day') return addDays(anchorDay, -back);
  if (frequency === 'week') return addDays(periodStart(anchorDay, 'week'), -7 * back);
  return monthsBack(anchorDay, back);
}

const measurements: Generator = {
  name: 'measurements',
  async run(context) {
    const { random } = context;
    const plain = context.kpis.filter((kpi) => kpi.formula === null);
    const total = plain.reduce((sum, kpi) => sum + kpi.points, 0);
    const creatorIds = [context.benchUserId, ...context.memberIds.slice(0, 20)];
    function* rows() {
      for (const kpi of plain) {
        const createdBy = random.pick(creatorIds);
        for (let back = kpi.points - 1; back >= 0; back -= 1) {
          const period = periodBefore(context.anchorDay, kpi.frequency, back);
          const daysAgo = kpi.frequency === 'day' ? back : kpi.frequency === 'week' ? back * 7 : back * 30;
          const weekly = kpi.frequency === 'day' ? 1 + 0.08 * Math.sin((2 * Math.PI * daysAgo) / 7) : 1;
          const value = kpi.level * (1 - (kpi.trend * daysAgo) / 365) * weekly * (1 + 0.04 * random.gaussian());
          const createdAt = context.anchorMs - daysAgo * DAY_MS + 3_600_000;
          yield {
            kpi_id: kpi.id,
            period,
            workspace_id: context.workspaceId,
            value: round(Math.max(0, value), kpi.template.isCount),
            source: random.chance(0.7) ? 'import' : random.chance(0.5) ? 'api' : 'manual',
            created_by: createdBy,
            created_at: createdAt,
            updated_at: createdAt,
          };
        }
      }
    }
    return insertRows(context.db, 'measurements', 8, rows(), total);
  },
};

const GOAL_WINDOWS = [
  { start: -120, due: 60 },
  { start: -60, due: 30 },
  { start: -30, due: 90 },
  { start: -90, due: 120 },
  { start: -200, due: -10 },
] as const;

/** Goal trees up to five levels deep, with key results on KPIs (some on formulas) and deliverables. */
const goals: Generator = {
  name: 'goals',
  async run(context) {
    const { random, spec } = context;
    const owners = [context.benchUserId, ...context.memberIds];
    const roots = Math.max(3, Math.round(spec.goals / 60));
    const goalRows = [];
    for (let index = 0; index < spec.goals; index += 1) {
      let parent: GeneratedGoal | undefined;
      if (index >= roots) {
        for (let attempt = 0; attempt < 6 && !parent; attempt += 1) {
          const candidate = context.goals[random.int(Math.max(0, index - 300), index - 1)];
          if (candidate && candidate.depth < 4) parent = candidate;
        }
        parent ??= context.goals[random.int(0, roots - 1)];
      }
      const window = random.pick(GOAL_WINDOWS);
      const createdAt = context.anchorMs + (window.start - 5) * DAY_MS + index;
      const goal: GeneratedGoal = {
        id: context.newId(createdAt),
        ownerId: random.pick(owners),
        depth: parent ? parent.depth + 1 : 0,
        startDate: addDays(context.anchorDay, window.start),
        dueDate: addDays(context.anchorDay, window.due),
      };
      context.goals.push(goal);
      const isPast = window.due < 0;
      const title = random
        .pick(GOAL_TEMPLATES)
        .replace('{n}', String(random.int(5, 60)))
        .replace('{region}', random.pick(DIMENSIONS));
      goalRows.push({
        id: goal.id,
        workspace_id: context.workspaceId,
        parent_id: parent?.id ?? null,
        title,
        description: random.chance(0.4)
          ? `## 背景\n\n${title}。\n\n- 负责人每周一更新进展\n- 数据来源:BI 看板\n- Risks: budget, channel mix`
          : null,
        owner_id: goal.ownerId,
        start_date: goal.startDate,
        due_date: goal.dueDate,
        status: isPast
          ? random.pick(['done', 'done', 'cancelled'])
          : random.pick(['active', 'active', 'active', 'active', 'active', 'draft']),
        weight: random.chance(0.8) ? 1 : random.int(1, 3),
        is_top_level: parent ? 0 : 1,
        progress: 0,
        projected_progress: null,
        health: 'no_data',
        health_reason: null,
        created_at: createdAt,
        updated_at: createdAt,
      });
    }
    let rows = await insertRows(context.db, 'goals', 17, goalRows, goalRows.length);

    const withData = context.kpis.filter((kpi) => kpi.formula !== null || kpi.points > 0);
    const keyResults = [];
    for (const goal of context.goals) {
      const count = random.pick([0, 1, 1, 2, 2, 2, 3]);
      for (let position = 0; position < count; position += 1) {
        const createdAt = context.anchorMs - 100 * DAY_MS;
        const isDeliverable = random.chance(0.2);
        const kpi = isDeliverable ? null : random.pick(withData);
        const isHigher = kpi?.template.direction !== 'lower';
        const baseline = kpi ? round(kpi.level * (1 - kpi.trend * 0.3), kpi.template.isCount) : null;
        const target =
          kpi && baseline !== null
            ? round(baseline * (isHigher ? 1.1 + random.next() * 0.3 : 0.7 + random.next() * 0.2), kpi.template.isCount)
            : null;
        keyResults.push({
          id: context.newId(createdAt),
          workspace_id: context.workspaceId,
          goal_id: goal.id,
          title: kpi ? `${kpi.name}:${baseline} → ${target}` : random.pick(DELIVERABLES),
          kpi_id: kpi?.id ?? null,
          baseline,
          // A target equal to the baseline is refused by the app; nudge it.
          target: target !== null && target === baseline ? target + 1 : target,
          weight: random.chance(0.85) ? 1 : random.int(1, 3),
          is_done: isDeliverable && random.chance(0.3) ? 1 : 0,
          current: null,
          progress: 0,
          projected_progress: null,
          projected_value: null,
          reach_date: null,
          position,
          created_at: createdAt,
          updated_at: createdAt,
        });
      }
    }
    rows += await insertRows(context.db, 'key_results', 17, keyResults, keyResults.length);
    return rows;
  },
};

const checkIns: Generator = {
  name: 'check-ins',
  async run(context) {
    const { random } = context;
    const rows = [];
    for (const goal of context.goals) {
      const count = random.int(0, 4);
      for (let index = 0; index < count; index += 1) {
        const createdAt = context.anchorMs - (count - index) * 7 * DAY_MS + random.int(0, DAY_MS);
        rows.push({
          id: context.newId(createdAt),
          workspace_id: context.workspaceId,
          goal_id: goal.id,
          author_id: goal.ownerId,
          progress: Math.round(random.next() * 100) / 100,
          confidence: random.int(3, 10),
          note: random.pick(CHECK_IN_NOTES),
          blockers: random.pick(BLOCKERS),
          created_at: createdAt,
        });
      }
    }
    rows.sort((a, b) => a.created_at - b.created_at);
    return insertRows(context.db, 'check_ins', 9, rows, rows.length);
  },
};

const audit: Generator = {
  name: 'audit',
  async run(context) {
    const { random, spec } = context;
    const actors = [context.benchUserId, ...context.memberIds];
    const span = 365 * DAY_MS;
    function* rows() {
      for (let index = 0; index < spec.auditEntries; index += 1) {
        const createdAt = context.anchorMs - span + Math.floor((index * span) / spec.auditEntries);
        const entry = random.pick(AUDIT_ACTIONS);
        const objectId =
          entry.objectType === 'goal'
            ? random.pick(context.goals).id
            : entry.objectType === 'kpi'
              ? random.pick(context.kpis).id
              : random.pick(actors);
        yield {
          id: context.newId(createdAt),
          workspace_id: context.workspaceId,
          actor_id: random.pick(actors),
          action: entry.action,
          object_type: entry.objectType,
          object_id: objectId,
          changes: JSON.stringify(
            entry.objectType === 'kpi'
              ? { count: random.int(1, 30), source: 'import' }
              : { confidence: random.int(1, 10), note: '周会后更新' },
          ),
          created_at: createdAt,
        };
      }
    }
    return insertRows(context.db, 'audit_entries', 8, rows(), spec.auditEntries);
  },
};

const TASK_VERBS = ['整理', '分析', '策划', '撰写', '复盘', '上线', '投放', '对接', '核对', '优化'];
const TASK_OBJECTS = ['渠道数据', '活动方案', '用户访谈', '推送文案', '社群话题', '落地页', '周报', '留存看板', '优惠券规则', 'KOC 名单'];
/** Tasks per project: one milestone with its tasks, as a goal is broken down. */
const PROJECT_SIZE = 100;

/**
 * Tasks in projects of 100 under the goals: a milestone, then tasks (a third of them subtasks of the task
 * before), each waiting for two earlier tasks of its project; an Accountable and a Responsible from the team.
 */
const tasks: Generator = {
  name: 'tasks',
  async run(context) {
    const { random, spec } = context;
    const people = [context.benchUserId, ...context.memberIds];
    const statuses = ['todo', 'todo', 'in_progress', 'blocked', 'done'];
    const ids: string[] = [];
    const taskRows = [];
    const roleRows = [];
    const dependencyRows = [];
    for (let index = 0; index < spec.tasks; index += 1) {
      const project = Math.floor(index / PROJECT_SIZE);
      const offset = index % PROJECT_SIZE;
      const goal = context.goals[project % context.goals.length];
      const createdAt = context.anchorMs - (spec.tasks - index) * 60_000;
      const id = context.newId(createdAt);
      ids.push(id);
      const milestoneId = ids[project * PROJECT_SIZE] ?? id;
      const isSubtask = offset > 1 && offset % 3 === 0;
      const start = addDays(context.anchorDay, -30 + Math.floor(offset / 2) + random.int(0, 3));
      taskRows.push({
        id,
        workspace_id: context.workspaceId,
        goal_id: goal?.id ?? null,
        parent_id: offset === 0 ? null : isSubtask ? (ids[index - 1] ?? milestoneId) : milestoneId,
        position: offset === 0 ? project : offset,
        is_milestone: offset === 0 ? 1 : 0,
        title: offset === 0 ? `里程碑 ${project + 1}` : `${random.pick(TASK_VERBS)}${random.pick(TASK_OBJECTS)} #${index}`,
        description: null,
        status: offset === 0 ? 'todo' : random.pick(statuses),
        priority: random.int(1, 4),
        estimate_hours: offset === 0 ? null : random.int(2, 24),
        start_date: offset === 0 ? null : start,
        due_date: offset === 0 ? addDays(context.anchorDay, 60) : addDays(start, random.int(0, 6)),
        buffer_days: 0,
        checklist: '[]',
        labels: JSON.stringify(random.chance(0.3) ? ['拉新'] : []),
        required_skills: '[]',
        recurrence_id: null,
        occurrence: null,
        completed_at: null,
        created_by: context.benchUserId,
        created_at: createdAt,
        updated_at: createdAt,
      });
      const accountable = random.pick(people);
      const responsible = random.pick(people);
      roleRows.push({ workspace_id: context.workspaceId, task_id: id, user_id: accountable, role: 'A' });
      roleRows.push({ workspace_id: context.workspaceId, task_id: id, user_id: responsible, role: 'R' });
      if (offset > 1) {
        const predecessors = new Set([index - 1, index - random.int(2, Math.min(offset, 10))]);
        for (const predecessor of predecessors) {
          const from = ids[predecessor];
          if (from && predecessor > project * PROJECT_SIZE) {
            dependencyRows.push({ workspace_id: context.workspaceId, from_task_id: from, to_task_id: id, lag_days: 0 });
          }
        }
      }
    }
    // A responsible person who is also accountable holds both rows, as the RACI rules allow.
    const uniqueRoles = [...new Map(roleRows.map((row) => [`${row.task_id}:${row.user_id}:${row.role}`, row])).values()];
    return (
      (await insertRows(context.db, 'tasks', 24, taskRows, taskRows.length)) +
      (await insertRows(context.db, 'task_roles', 4, uniqueRoles, uniqueRoles.length)) +
      (await insertRows(context.db, 'task_dependencies', 4, dependencyRows, dependencyRows.length))
    );
  },
};

/**
 * The modules of the workspace, in dependency order. Extension point: when process runs (流程实例, run steps)
 * land in the schema, add a `processRuns` generator after `tasks`, filling its own tables through `insertRows`.
 * Nothing is faked before the tables exist.
 */
export const GENERATORS: readonly Generator[] = [members, kpis, measurements, goals, checkIns, tasks, audit];
