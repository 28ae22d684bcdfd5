import { addDays } from '../../core/days/index.ts';
import { newId } from '../../db/ids.ts';
import { demoText } from '../demo/english.ts';
import type { DemoContext } from '../demo/context.ts';
import { insertKpi, upsertMeasurements, type MeasurementTuple } from '../kpis/queries.ts';
import { insertCheckIn, insertGoal, insertKeyResult } from './queries.ts';
import { dayInTimezone } from '../time.ts';
import { refreshKpisAndGoals } from './refresh.ts';
import { workspaceTimeZone } from '../workspaces/worktime.ts';

/** Deterministic noise, so every demo workspace tells the same story. */
function noise(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648 - 0.5;
  };
}

const KPIS = [
  {
    key: 'new_users',
    name: '新增注册用户',
    unit: '人',
    aggregation: 'sum',
    green: 300,
    amber: 240,
    owner: 'wanglei',
  },
  {
    key: 'active_users',
    name: '日活跃用户(DAU)',
    unit: '人',
    aggregation: 'last',
    green: 46_000,
    amber: 43_000,
    owner: 'lina',
  },
  {
    key: 'active_users_base',
    name: '基期日活',
    unit: '人',
    aggregation: 'last',
    green: null,
    amber: null,
    owner: 'lina',
  },
  {
    key: 'content_posts',
    name: '优质内容发布数',
    unit: '篇',
    aggregation: 'sum',
    green: 1,
    amber: 0,
    owner: 'zhangwei',
  },
] as const;

/**
 * The seed's goal, "在三个月内将用户增长率提升20%", as a tree with KPIs and a year of daily measurements.
 * DAU grows slowly with weekend peaks; a campaign a month ago lifts sign-ups; the growth rate is a formula.
 */
export async function seedGoalsDemo(context: DemoContext): Promise<void> {
  const { services, trx, workspaceId, people } = context;
  const now = services.now();
  const today = dayInTimezone(now, await workspaceTimeZone(services, workspaceId, trx));
  const start = addDays(today, -30);
  const due = addDays(start, 91);
  const firstDay = addDays(today, -364);
  const random = noise(20_261_127);
  const text = (chinese: string) => demoText(context.locale, chinese);

  const kpiIds: Record<string, string> = {};
  for (const kpi of KPIS) {
    kpiIds[kpi.key] = newId(now);
    await insertKpi(trx, {
      id: kpiIds[kpi.key] ?? '',
      workspace_id: workspaceId,
      key: kpi.key,
      name: text(kpi.name),
      unit: text(kpi.unit),
      direction: 'higher',
      aggregation: kpi.aggregation,
      frequency: 'day',
      formula: null,
      owner_id: people[kpi.owner] ?? null,
      green: kpi.green,
      amber: kpi.amber,
      description: null,
      status: null,
      last_value: null,
      last_period: null,
      created_at: now,
      updated_at: now,
    });
  }
  kpiIds.growth_rate = newId(now);
  await insertKpi(trx, {
    id: kpiIds.growth_rate,
    workspace_id: workspaceId,
    key: 'growth_rate',
    name: text('用户增长率'),
    unit: '%',
    direction: 'higher',
    aggregation: 'last',
    frequency: 'day',
    formula: '(active_users - active_users_base) / active_users_base * 100',
    owner_id: people.wanglei ?? null,
    green: 15,
    amber: 8,
    description: text('日活相对基期（目标开始日）的增长百分比。'),
    status: null,
    last_value: null,
    last_period: null,
    created_at: now,
    updated_at: now,
  });

  const rows: MeasurementTuple[] = [];
  let dau = 38_500;
  let baseDau = 0;
  for (let index = 0; index < 365; index += 1) {
    const day = addDays(firstDay, index);
    const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
    const isWeekend = weekday === 0 || weekday === 6;
    const isCampaign = day >= addDays(today, -40) && day <= addDays(today, -26);
    dau += 12 + random() * 40 + (day >= start ? 30 : 0);
    const active = Math.round(dau * (isWeekend ? 1.07 : 1) * (1 + random() * 0.03));
    if (day === start) baseDau = active;
    const signUps = Math.round(230 * (isWeekend ? 1.25 : 1) * (isCampaign ? 1.8 : 1) * (1 + random() * 0.3));
    rows.push([kpiIds.new_users ?? '', day, signUps]);
    rows.push([kpiIds.active_users ?? '', day, active]);
    if (day >= start) rows.push([kpiIds.active_users_base ?? '', day, baseDau]);
    if (weekday >= 1 && weekday <= 5) rows.push([kpiIds.content_posts ?? '', day, random() > -0.3 ? 1 : 0]);
  }
  await upsertMeasurements(services.bulk, trx, rows, {
    workspaceId,
    source: 'import',
    createdBy: people.lina ?? null,
    now,
  });

  const goal = async (fields: {
    title: string;
    description?: string;
    parentId?: string | null;
    owner: string;
    weight?: number;
    keyResults: Array<{ title: string; kpi?: string; baseline?: number; target?: number; isDone?: boolean }>;
  }) => {
    const goalId = newId(now);
    await insertGoal(trx, {
      id: goalId,
      workspace_id: workspaceId,
      parent_id: fields.parentId ?? null,
      title: text(fields.title),
      description: fields.description ? text(fields.description) : null,
      owner_id: people[fields.owner] ?? null,
      start_date: start,
      due_date: due,
      status: 'active',
      weight: fields.weight ?? 1,
      is_top_level: fields.parentId ? 0 : 1,
      progress: 0,
      projected_progress: null,
      health: 'no_data',
      health_reason: null,
      created_at: now,
      updated_at: now,
    });
    for (const [position, keyResult] of fields.keyResults.entries()) {
      await insertKeyResult(trx, {
        id: newId(now),
        workspace_id: workspaceId,
        goal_id: goalId,
        title: text(keyResult.title),
        kpi_id: keyResult.kpi ? (kpiIds[keyResult.kpi] ?? null) : null,
        baseline: keyResult.baseline ?? null,
        target: keyResult.target ?? null,
        weight: 1,
        is_done: keyResult.isDone ? 1 : 0,
        current: null,
        progress: keyResult.isDone ? 1 : 0,
        projected_progress: null,
        projected_value: null,
        reach_date: null,
        position,
        created_at: now,
        updated_at: now,
      });
    }
    return goalId;
  };

  const root = await goal({
    title: '在三个月内将用户增长率提升20%',
    description: '季度核心目标。**拉新**与**促活**并重：渠道投放、内容与社群共同驱动，每周一例会复盘。',
    owner: 'owner',
    keyResults: [{ title: '用户增长率达到 20%', kpi: 'growth_rate', baseline: 0, target: 20 }],
  });
  await goal({
    title: '本季度新增注册用户 27,000 人',
    parentId: root,
    owner: 'wanglei',
    weight: 2,
    keyResults: [
      { title: '新增注册用户 27,000 人', kpi: 'new_users', baseline: 0, target: 27_000 },
      { title: '上线新人礼包活动', isDone: true },
    ],
  });
  await goal({
    title: '日活跃用户提升到 5 万',
    parentId: root,
    owner: 'lina',
    weight: 2,
    keyResults: [{ title: 'DAU 达到 50,000', kpi: 'active_users', baseline: baseDau, target: 50_000 }],
  });
  const content = await goal({
    title: '每个工作日发布 1 篇优质内容',
    parentId: root,
    owner: 'zhangwei',
    keyResults: [{ title: '发布优质内容 65 篇', kpi: 'content_posts', baseline: 0, target: 65 }],
  });
  await goal({
    title: '完成 10 个城市用户社群搭建',
    parentId: root,
    owner: 'liuyang',
    keyResults: [{ title: '北上广深 4 城社群上线', isDone: true }, { title: '新一线 6 城社群上线' }],
  });
  await insertCheckIn(trx, [
    {
      id: newId(now),
      workspace_id: workspaceId,
      goal_id: root,
      author_id: people.owner ?? null,
      progress: 0.2,
      confidence: 6,
      note: text('拉新节奏符合预期，日活增长偏慢，下周加大社群促活。'),
      blockers: text('短视频渠道预算待审批'),
      created_at: now - 7 * 86_400_000,
    },
    {
      id: newId(now),
      workspace_id: workspaceId,
      goal_id: content,
      author_id: people.zhangwei ?? null,
      progress: 0.3,
      confidence: 8,
      note: text('内容排期已排到下月中，爆款选题库已建立。'),
      blockers: null,
      created_at: now - 3 * 86_400_000,
    },
  ]);

  await refreshKpisAndGoals(services, trx, workspaceId, 'all');
}
