import { addDays } from '../../core/days/index.ts';
import { newId } from '../../db/ids.ts';
import { demoText } from '../demo/english.ts';
import { demoFinishedAt, type DemoContext } from '../demo/context.ts';
import { createRoutineInTransaction } from '../routines/service.ts';
import { dayInTimezone } from '../time.ts';
import * as queries from './queries.ts';
import { workspaceTimeZone } from '../workspaces/worktime.ts';

type Plan = {
  title: string;
  who: string; // Responsible; the milestone's owner is Accountable
  hours: number;
  startIn: number; // working start, days from today (negative: already started)
  days: number;
  status?: 'todo' | 'in_progress' | 'done' | 'blocked';
  after?: string[]; // titles this task waits for
  skills?: Array<{ skill: string; minLevel: number }>;
};

/** Skills of the demo team (1–5): who is good with numbers, who with words, who with people. */
const SKILLS: Record<string, Array<[string, number]>> = {
  wanglei: [
    ['渠道投放', 5],
    ['活动策划', 4],
    ['数据分析', 3],
  ],
  lina: [
    ['数据分析', 5],
    ['SQL', 5],
    ['用户研究', 3],
  ],
  zhangwei: [
    ['内容创作', 5],
    ['短视频', 4],
    ['文案', 5],
  ],
  liuyang: [
    ['社群运营', 5],
    ['用户沟通', 5],
    ['活动策划', 3],
  ],
  chenjing: [
    ['活动策划', 5],
    ['项目管理', 4],
    ['渠道投放', 3],
  ],
  zhaomin: [
    ['电商运营', 5],
    ['数据分析', 3],
    ['渠道投放', 3],
  ],
  sunhao: [
    ['用户沟通', 5],
    ['客服流程', 5],
  ],
  zhouting: [
    ['文案', 3],
    ['内容创作', 2],
  ],
};

const MILESTONES: Array<{ title: string; owner: string; dueIn: number; tasks: Plan[] }> = [
  {
    title: 'M1 调研与方案定稿',
    owner: 'wanglei',
    dueIn: -2,
    tasks: [
      {
        title: '用户增长现状数据盘点',
        who: 'lina',
        hours: 16,
        startIn: -28,
        days: 3,
        status: 'done',
        skills: [{ skill: '数据分析', minLevel: 4 }],
      },
      { title: '流失用户访谈（20 人）', who: 'sunhao', hours: 20, startIn: -25, days: 5, status: 'done' },
      { title: '竞品拉新活动调研', who: 'chenjing', hours: 12, startIn: -25, days: 4, status: 'done' },
      {
        title: '市场调研报告',
        who: 'lina',
        hours: 12,
        startIn: -19,
        days: 3,
        status: 'done',
        after: ['用户增长现状数据盘点', '流失用户访谈（20 人）', '竞品拉新活动调研'],
      },
      {
        title: '季度增长方案评审',
        who: 'wanglei',
        hours: 6,
        startIn: -15,
        days: 1,
        status: 'done',
        after: ['市场调研报告'],
      },
    ],
  },
  {
    title: 'M2 拉新活动上线',
    owner: 'chenjing',
    dueIn: 12,
    tasks: [
      { title: '新人礼包活动策划', who: 'chenjing', hours: 24, startIn: -12, days: 4, status: 'done' },
      {
        title: '活动页面文案',
        who: 'zhangwei',
        hours: 10,
        startIn: -8,
        days: 2,
        status: 'done',
        after: ['新人礼包活动策划'],
      },
      {
        title: '活动页面设计与开发对接',
        who: 'chenjing',
        hours: 30,
        startIn: -6,
        days: 6,
        status: 'in_progress',
        after: ['活动页面文案'],
      },
      {
        title: '渠道投放计划',
        who: 'wanglei',
        hours: 16,
        startIn: -4,
        days: 3,
        status: 'in_progress',
        skills: [{ skill: '渠道投放', minLevel: 4 }],
      },
      {
        title: '投放素材制作（短视频 5 条）',
        who: 'zhangwei',
        hours: 32,
        startIn: 0,
        days: 5,
        after: ['渠道投放计划'],
      },
      {
        title: '渠道投放执行',
        who: 'wanglei',
        hours: 40,
        startIn: 4,
        days: 8,
        after: ['投放素材制作（短视频 5 条）', '活动页面设计与开发对接'],
      },
      {
        title: '活动数据看板搭建',
        who: 'lina',
        hours: 16,
        startIn: 1,
        days: 3,
        skills: [{ skill: 'SQL', minLevel: 4 }],
      },
      {
        title: '活动上线检查清单',
        who: 'chenjing',
        hours: 4,
        startIn: 9,
        days: 1,
        after: ['活动页面设计与开发对接'],
      },
      { title: '新人礼包库存与发放规则', who: 'zhaomin', hours: 8, startIn: -2, days: 2, status: 'blocked' },
    ],
  },
  {
    title: 'M3 促活与留存',
    owner: 'lina',
    dueIn: 40,
    tasks: [
      {
        title: '沉睡用户分层',
        who: 'lina',
        hours: 12,
        startIn: 2,
        days: 2,
        skills: [{ skill: '数据分析', minLevel: 4 }],
      },
      {
        title: '召回短信与推送文案',
        who: 'zhangwei',
        hours: 8,
        startIn: 5,
        days: 2,
        after: ['沉睡用户分层'],
      },
      {
        title: '召回活动执行',
        who: 'liuyang',
        hours: 24,
        startIn: 8,
        days: 6,
        after: ['召回短信与推送文案'],
      },
      { title: '签到积分体系优化方案', who: 'zhaomin', hours: 20, startIn: 3, days: 5 },
      { title: '新手任务引导优化', who: 'chenjing', hours: 24, startIn: 6, days: 6 },
      { title: '次日留存分析周报', who: 'lina', hours: 6, startIn: 14, days: 2, after: ['召回活动执行'] },
      {
        title: '留存提升复盘',
        who: 'lina',
        hours: 6,
        startIn: 36,
        days: 2,
        after: ['次日留存分析周报', '新手任务引导优化'],
      },
    ],
  },
  {
    title: 'M4 内容与社群',
    owner: 'liuyang',
    dueIn: 55,
    tasks: [
      { title: '内容选题库搭建', who: 'zhangwei', hours: 12, startIn: -10, days: 3, status: 'done' },
      {
        title: '公众号推文（每周 3 篇）',
        who: 'zhangwei',
        hours: 36,
        startIn: 0,
        days: 20,
        status: 'in_progress',
      },
      { title: '短视频账号冷启动', who: 'zhangwei', hours: 30, startIn: 3, days: 15 },
      {
        title: '城市社群招募（北上广深）',
        who: 'liuyang',
        hours: 24,
        startIn: -7,
        days: 7,
        status: 'in_progress',
      },
      {
        title: '社群 KOC 培养计划',
        who: 'liuyang',
        hours: 16,
        startIn: 5,
        days: 5,
        after: ['城市社群招募（北上广深）'],
      },
      {
        title: '新一线城市社群扩展',
        who: 'liuyang',
        hours: 32,
        startIn: 12,
        days: 15,
        after: ['社群 KOC 培养计划'],
      },
      {
        title: '社群线下见面会',
        who: 'chenjing',
        hours: 20,
        startIn: 30,
        days: 3,
        after: ['新一线城市社群扩展'],
      },
      { title: '用户反馈周报', who: 'sunhao', hours: 6, startIn: 2, days: 2 },
      { title: '客服话术更新', who: 'sunhao', hours: 8, startIn: 4, days: 2 },
      {
        title: '内容数据复盘',
        who: 'zhouting',
        hours: 8,
        startIn: 20,
        days: 3,
        after: ['公众号推文（每周 3 篇）'],
      },
    ],
  },
];

/**
 * The goal "在三个月内将用户增长率提升20%" broken into four milestones and 31 tasks with RACI, skills,
 * dependencies and two weekly routines. 王磊 and 张伟 are over-allocated in the coming weeks on purpose.
 */
export async function seedTasksDemo(context: DemoContext): Promise<void> {
  const { services, trx, workspaceId, people } = context;
  const now = services.now();
  const today = dayInTimezone(now, await workspaceTimeZone(services, workspaceId, trx));
  const person = (key: string) => people[key] ?? context.ownerId;
  const text = (chinese: string) => demoText(context.locale, chinese);
  const goal = await queries.selectRootGoalId(trx, workspaceId);

  for (const [key, skills] of Object.entries(SKILLS)) {
    await queries.insertMemberSkills(
      trx,
      skills.map(([skill, level]) => ({
        workspace_id: workspaceId,
        user_id: person(key),
        skill: text(skill),
        level,
      })),
    );
  }
  await queries.insertUnavailableDays(
    trx,
    [1, 2, 3].map((offset) => ({
      workspace_id: workspaceId,
      user_id: person('zhaomin'),
      day: addDays(today, 7 + offset),
    })),
  );

  const idByTitle = new Map<string, string>();
  const dependencies: Array<{ from: string; to: string }> = [];
  for (const [milestoneIndex, milestone] of MILESTONES.entries()) {
    const milestoneId = newId(now);
    const insert = async (
      id: string,
      fields: {
        title: string;
        parentId: string | null;
        position: number;
        isMilestone: boolean;
        hours: number | null;
        start: string | null;
        due: string;
        status: string;
        skills?: Plan['skills'];
      },
      roles: Array<{ key: string; role: 'R' | 'A' | 'C' | 'I' }>,
    ) => {
      await queries.insertTask(trx, {
        id,
        workspace_id: workspaceId,
        goal_id: goal?.id ?? null,
        parent_id: fields.parentId,
        position: fields.position,
        is_milestone: fields.isMilestone ? 1 : 0,
        title: text(fields.title),
        description: null,
        status: fields.status,
        priority: fields.isMilestone ? 3 : 2,
        estimate_hours: fields.hours,
        start_date: fields.start,
        due_date: fields.due,
        buffer_days: 0,
        checklist: '[]',
        labels: JSON.stringify(fields.isMilestone ? [text('里程碑')] : []),
        required_skills: JSON.stringify(
          (fields.skills ?? []).map((need) => ({ ...need, skill: text(need.skill) })),
        ),
        recurrence_id: null,
        occurrence: null,
        // Finished on its due day, so the timeline shows it where the work happened.
        completed_at: fields.status === 'done' ? demoFinishedAt(now, fields.due) : null,
        created_by: context.ownerId,
        created_at: now,
        updated_at: now,
      });
      await queries.replaceRoles(
        trx,
        id,
        roles.map((role) => ({
          workspace_id: workspaceId,
          task_id: id,
          user_id: person(role.key),
          role: role.role,
        })),
      );
    };
    const isDone = milestone.dueIn < 0;
    await insert(
      milestoneId,
      {
        title: milestone.title,
        parentId: null,
        position: milestoneIndex,
        isMilestone: true,
        hours: null,
        start: null,
        due: addDays(today, milestone.dueIn),
        status: isDone ? 'done' : 'todo',
      },
      [
        { key: milestone.owner, role: 'A' },
        { key: 'owner', role: 'I' },
      ],
    );
    for (const [taskIndex, plan] of milestone.tasks.entries()) {
      const id = newId(now);
      idByTitle.set(plan.title, id);
      const start = addDays(today, plan.startIn);
      // The milestone's owner answers for each task; one task is left without a Responsible for the matrix to flag.
      const roles: Array<{ key: string; role: 'R' | 'A' | 'C' | 'I' }> = [
        { key: milestone.owner, role: 'A' },
      ];
      if (plan.title !== '新人礼包库存与发放规则') roles.push({ key: plan.who, role: 'R' });
      if (plan.title === '渠道投放执行')
        roles.push({ key: 'lina', role: 'C' }, { key: 'zhaomin', role: 'I' });
      await insert(
        id,
        {
          title: plan.title,
          parentId: milestoneId,
          position: taskIndex,
          isMilestone: false,
          hours: plan.hours,
          start,
          due: addDays(start, plan.days - 1),
          status: plan.status ?? 'todo',
          ...(plan.skills ? { skills: plan.skills } : {}),
        },
        roles,
      );
      for (const predecessor of plan.after ?? []) dependencies.push({ from: predecessor, to: plan.title });
      dependencies.push({ from: plan.title, to: milestone.title });
    }
    idByTitle.set(milestone.title, milestoneId);
  }
  for (const dependency of dependencies) {
    const from = idByTitle.get(dependency.from);
    const to = idByTitle.get(dependency.to);
    if (from && to)
      await queries.insertDependency(trx, {
        workspace_id: workspaceId,
        from_task_id: from,
        to_task_id: to,
        lag_days: 0,
      });
  }
  const monday = addDays(today, (8 - new Date(`${today}T00:00:00Z`).getUTCDay()) % 7);
  await createRoutineInTransaction(services, trx, workspaceId, person('lina'), {
    rule: 'FREQ=WEEKLY;BYDAY=MO',
    startsOn: monday,
    template: {
      title: text('每周数据周报'),
      estimateHours: 3,
      roles: [
        { userId: person('wanglei'), role: 'A' },
        { userId: person('lina'), role: 'R' },
      ],
    },
  });
  await createRoutineInTransaction(services, trx, workspaceId, person('wanglei'), {
    rule: 'FREQ=WEEKLY;BYDAY=FR',
    startsOn: monday,
    template: {
      title: text('周五增长例会与复盘'),
      estimateHours: 1.5,
      roles: [
        { userId: person('owner'), role: 'A' },
        { userId: person('wanglei'), role: 'R' },
      ],
    },
  });
}
