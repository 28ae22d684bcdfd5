import { addDays } from '../../core/days/index.ts';
import { normaliseTags } from '../../core/retros/index.ts';
import { newId } from '../../db/ids.ts';
import { backdateDemoCompletion, type DemoContext } from '../demo/context.ts';
import { createTaskInTransaction } from '../tasks/service.ts';
import { dayInTimezone } from '../time.ts';
import { selectProcessByTemplate } from '../processes/queries.ts';
import * as queries from './queries.ts';

type Words = { zh: string; en: string };

/**
 * The demo's 复盘: the sign-up campaign of a month ago (its window matches the lift in the goals demo's
 * sign-ups), with causes, tagged lessons and actions that are tasks (one done); and a 复盘 of the feedback
 * process proposing a change, ready to open version 2.
 */
export async function seedRetrosDemo(context: DemoContext): Promise<void> {
  const { services, trx, workspaceId, people, locale } = context;
  const now = services.now();
  const today = dayInTimezone(now, services.config.timezone);
  const say = (words: Words) => (locale === 'en' ? words.en : words.zh);
  const list = (items: Words[]) => JSON.stringify(items.map(say));

  const kpis = await queries.selectKpisByKeys(trx, workspaceId, ['new_users', 'active_users']);
  const campaignId = newId(now);
  const campaignTitle = say({
    zh: '新人礼包拉新活动复盘',
    en: 'Welcome-pack sign-up campaign retrospective',
  });
  await queries.insertRetro(trx, {
    id: campaignId,
    workspace_id: workspaceId,
    title: campaignTitle,
    subject_type: 'campaign',
    subject_id: null,
    process_version_id: null,
    new_version_id: null,
    period_start: addDays(today, -40),
    period_end: addDays(today, -26),
    kpi_ids: JSON.stringify(kpis.map((kpi) => kpi.id)),
    goal_review: say({
      zh: '目标是活动两周内新增注册每天不低于 300 人，同时把日活带到 4.6 万。拉新超出目标，日活还差一截。',
      en: 'The aim was at least 300 sign-ups a day for the two weeks of the campaign, and DAU up to 46,000. Sign-ups beat the aim; DAU fell short.',
    }),
    went_well: list([
      {
        zh: '新人礼包转化率高于预期，注册量比活动前翻了近一倍',
        en: 'The welcome pack converted better than expected: sign-ups nearly doubled',
      },
      {
        zh: '短视频素材提前一周备好，投放当天即上线',
        en: 'Short videos were ready a week early and went live on day one',
      },
    ]),
    went_badly: list([
      {
        zh: '活动首日客服咨询积压，平均响应超过 2 小时',
        en: 'Support questions piled up on day one: replies took over 2 hours on average',
      },
      {
        zh: '新用户次日留存低，日活没有随注册同步上涨',
        en: 'Next-day retention of new users was low, so DAU did not rise with sign-ups',
      },
    ]),
    causes: JSON.stringify([
      {
        problem: say({ zh: '活动首日客服咨询积压', en: 'Support questions piled up on day one' }),
        whys: [
          say({ zh: '咨询量是平时的三倍', en: 'Three times the usual number of questions came in' }),
          say({ zh: '排班按平日人数安排', en: 'The rota was planned for a normal day' }),
          say({ zh: '活动计划里没有预估咨询量', en: 'The campaign plan had no estimate of support volume' }),
        ],
      },
      {
        problem: say({ zh: '新用户次日留存低', en: 'Low next-day retention of new users' }),
        whys: [
          say({ zh: '领完礼包后没有下一步引导', en: 'Nothing guided new users after they claimed the pack' }),
          say({ zh: '新手引导还没上线', en: 'The onboarding flow had not launched yet' }),
        ],
      },
    ]),
    proposed_change: null,
    figures: null,
    status: 'draft',
    owner_id: people.chenjing ?? context.ownerId,
    created_by: people.wanglei ?? context.ownerId,
    created_at: now - 20 * 86_400_000,
    updated_at: now,
  });
  await queries.replaceLessons(
    trx,
    workspaceId,
    campaignId,
    [
      {
        text: say({
          zh: '大促或拉新活动前一周，按历史咨询量预估客服排班',
          en: 'A week before a campaign, plan the support rota from past question volumes',
        }),
        tags: [say({ zh: '客服', en: 'support' }), say({ zh: '活动', en: 'campaign' })],
      },
      {
        text: say({
          zh: '拉新活动必须配套新手引导，领完礼包就给出下一步',
          en: 'A sign-up campaign needs onboarding: show the next step right after the pack is claimed',
        }),
        tags: [say({ zh: '留存', en: 'retention' }), say({ zh: '活动', en: 'campaign' })],
      },
    ].map((lesson, index) => ({
      id: newId(now + index),
      text: lesson.text,
      tags: normaliseTags(lesson.tags),
    })),
    now,
  );
  const actions = [
    {
      title: say({ zh: '制定活动客服排班模板', en: 'Write a support rota template for campaigns' }),
      owner: 'sunhao',
      due: addDays(today, -5),
      status: 'done' as const,
    },
    {
      title: say({
        zh: '活动计划模板增加咨询量预估',
        en: 'Add a support-volume estimate to the campaign plan template',
      }),
      owner: 'chenjing',
      due: addDays(today, 7),
      status: 'in_progress' as const,
    },
    {
      title: say({ zh: '新手引导与礼包领取打通', en: 'Link the onboarding flow to the welcome pack' }),
      owner: 'wanglei',
      due: addDays(today, 14),
      status: 'todo' as const,
    },
  ];
  for (const [index, action] of actions.entries()) {
    const ownerId = people[action.owner] ?? context.ownerId;
    const taskId = await createTaskInTransaction(services, trx, workspaceId, context.ownerId, {
      title: action.title,
      description: campaignTitle,
      dueDate: action.due,
      status: action.status,
      roles: [
        { userId: ownerId, role: 'R' },
        { userId: ownerId, role: 'A' },
      ],
    });
    await backdateDemoCompletion(context, taskId, action.due);
    await queries.insertAction(trx, {
      id: newId(now + index),
      workspace_id: workspaceId,
      retro_id: campaignId,
      task_id: taskId,
      title: action.title,
      owner_id: ownerId,
      due_date: action.due,
      created_at: now,
    });
  }

  // The feedback process: cases wait long before analysis; the 复盘 proposes classifying them first.
  const process = await selectProcessByTemplate(trx, workspaceId, 'feedback');
  if (process) {
    const processRetroId = newId(now + 10);
    await queries.insertRetro(trx, {
      id: processRetroId,
      workspace_id: workspaceId,
      title: say({ zh: '用户反馈处理流程复盘', en: 'User feedback process retrospective' }),
      subject_type: 'process',
      subject_id: process.id,
      process_version_id: process.current_version_id,
      new_version_id: null,
      period_start: null,
      period_end: null,
      kpi_ids: '[]',
      goal_review: say({
        zh: '反馈应在 2 个工作日内答复用户。大部分时间耗在“分析”前的等待上。',
        en: 'Users should hear back within 2 working days. Most of the time goes in waiting before “Analyse”.',
      }),
      went_well: list([
        { zh: '答复环节很快，用户满意度高', en: 'Replies are quick and users rate them well' },
      ]),
      went_badly: list([{ zh: '分析环节排队时间长', en: 'Cases queue a long time before analysis' }]),
      causes: JSON.stringify([
        {
          problem: say({ zh: '分析环节排队时间长', en: 'Cases queue a long time before analysis' }),
          whys: [
            say({ zh: '所有反馈都等数据分析师一个人看', en: 'Every case waits for the one data analyst' }),
            say({ zh: '没有先按类型分流', en: 'Cases are not sorted by type first' }),
          ],
        },
      ]),
      proposed_change: say({
        zh: '收集后先按类型自动分类，常见问题直接交客服处理，只把新问题交给分析',
        en: 'Classify each case by type after collecting it: common issues go straight to support, only new ones to analysis',
      }),
      figures: null,
      status: 'draft',
      owner_id: people.sunhao ?? context.ownerId,
      created_by: people.sunhao ?? context.ownerId,
      created_at: now - 3 * 86_400_000,
      updated_at: now,
    });
    await queries.replaceLessons(
      trx,
      workspaceId,
      processRetroId,
      [
        {
          id: newId(now + 20),
          text: say({
            zh: '流程的瓶颈先看等待时间，而不是处理时间',
            en: 'Look for a process bottleneck in waiting time before working time',
          }),
          tags: normaliseTags([say({ zh: '流程', en: 'process' }), say({ zh: '客服', en: 'support' })]),
        },
      ],
      now,
    );
  }
}
