import { addDays } from '../../core/days/index.ts';
import { newId } from '../../db/ids.ts';
import type { DemoContext } from '../demo/context.ts';
import { demoText } from '../demo/english.ts';
import { dayInTimezone } from '../time.ts';
import { insertDevelopmentGoalRows } from './service.ts';
import * as queries from './queries.ts';

type Words = { zh: string; en: string };

/** Target levels per role title: what each job asks of the skills the demo team has. */
const TARGETS: Array<[title: string, skill: string, level: number]> = [
  ['用户增长经理', '渠道投放', 4],
  ['用户增长经理', '数据分析', 4],
  ['用户增长经理', '活动策划', 3],
  ['数据分析师', '数据分析', 4],
  ['数据分析师', 'SQL', 4],
  ['内容运营', '文案', 4],
  ['内容运营', '内容创作', 4],
  ['内容运营', '数据分析', 2],
  ['社群运营', '社群运营', 4],
  ['社群运营', '用户沟通', 4],
  ['社群运营', '数据分析', 2],
  ['活动运营', '活动策划', 4],
  ['活动运营', '数据分析', 3],
  ['电商运营', '渠道投放', 3],
  ['电商运营', '数据分析', 3],
  ['运营实习生', '文案', 3],
  ['运营实习生', '内容创作', 3],
  ['运营实习生', '短视频', 2],
];

/**
 * The demo's skills and training: role targets against the levels the tasks demo gave the team (数据分析 is
 * below target for four people: the open gap to plan training for), a short-video workshop held two weeks ago
 * with attendance and assessments, and the intern's development goal in the goal tree.
 */
export async function seedSkillsDemo(context: DemoContext): Promise<void> {
  const { services, trx, workspaceId, people, locale } = context;
  const now = services.now();
  const today = dayInTimezone(now, services.config.timezone);
  const say = (words: Words) => (locale === 'en' ? words.en : words.zh);
  const text = (chinese: string) => demoText(locale, chinese);

  for (const [title, skill, level] of TARGETS)
    await queries.upsertTarget(trx, {
      workspace_id: workspaceId,
      role_title: text(title),
      skill: text(skill),
      level,
    });

  const courseId = newId(now);
  await queries.insertCourse(trx, {
    id: courseId,
    workspace_id: workspaceId,
    title: say({ zh: '短视频拍摄与剪辑实战', en: 'Short video: shooting and editing workshop' }),
    skill: text('短视频'),
    target_level: 2,
    description: say({
      zh: '手机拍摄、分镜脚本、剪映剪辑与封面标题，课后交一条 30 秒作品。',
      en: 'Shooting on a phone, storyboards, editing and titles; a 30-second clip handed in afterwards.',
    }),
    created_by: people.owner ?? null,
    created_at: now,
    updated_at: now,
  });
  const sessionId = newId(now + 1);
  await queries.insertSession(trx, {
    id: sessionId,
    workspace_id: workspaceId,
    course_id: courseId,
    date: addDays(today, -14),
    trainer_id: people.zhangwei ?? null,
    trainer_name: null,
    materials_url: 'https://docs.opsplan.example/training/short-video-workshop',
    created_at: now,
    updated_at: now,
  });
  const attendance: Array<
    [key: string, status: string, completed: boolean, score: number | null, note: Words | null]
  > = [
    [
      'zhouting',
      'attended',
      true,
      4,
      { zh: '作品节奏好，封面需加强', en: 'Good pacing; the cover needs work' },
    ],
    ['chenjing', 'attended', true, 3, null],
    ['zhaomin', 'attended', false, 2, { zh: '未交课后作品', en: 'Did not hand in the clip' }],
    ['liuyang', 'absent', false, null, null],
  ];
  await queries.insertAttendance(
    trx,
    attendance.flatMap(([key, status, completed, score, note]) =>
      people[key]
        ? [
            {
              workspace_id: workspaceId,
              session_id: sessionId,
              user_id: people[key],
              status,
              completed: completed ? 1 : 0,
              assessment_score: score,
              assessment_note: note ? say(note) : null,
              updated_at: now,
            },
          ]
        : [],
    ),
  );
  // The two who completed and passed were recorded at the course's level.
  for (const key of ['zhouting', 'chenjing'])
    if (people[key])
      await queries.upsertLevel(trx, {
        workspace_id: workspaceId,
        user_id: people[key],
        skill: text('短视频'),
        level: 2,
      });

  const intern = people.zhouting;
  if (intern) {
    await insertDevelopmentGoalRows(trx, {
      goalId: newId(now + 2),
      workspaceId,
      parentId: null,
      title: say({ zh: '内容创作提升至 3 级（周婷）', en: 'Raise content writing to level 3 (Ting Zhou)' }),
      description: say({
        zh: '个人发展目标：每周写一篇长文并由张伟点评，季度末独立完成一期专题。',
        en: 'Personal development goal: a long-form post each week reviewed by Wei Zhang; a feature of her own by the end of the quarter.',
      }),
      userId: intern,
      skill: text('内容创作'),
      level: 3,
      startDate: addDays(today, -14),
      dueDate: addDays(today, 76),
      now,
    });
  }
}
