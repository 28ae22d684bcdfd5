import { describe, expect, it } from 'vitest';
import {
  attendanceProblem,
  computeGaps,
  currentAssessments,
  type AssessedLevel,
  levelAfterTraining,
  matrixSkills,
  peopleToTrain,
  summariseSession,
  type MatrixPerson,
  type RoleTarget,
  type TaskDemand,
} from './index.ts';

const people: MatrixPerson[] = [
  { id: 'li', title: '内容运营', levels: { 文案: 4, 数据分析: 2 } },
  { id: 'wang', title: '内容运营', levels: { 文案: 2 } },
  { id: 'zhao', title: '用户运营', levels: { 数据分析: 3, 社群: 4 } },
  { id: 'chen', title: null, levels: { 直播: 1 } },
];
const targets: RoleTarget[] = [
  { roleTitle: '内容运营', skill: '文案', level: 4 },
  { roleTitle: '内容运营', skill: '数据分析', level: 3 },
  { roleTitle: '用户运营', skill: '社群', level: 3 },
];
const tasks: TaskDemand[] = [
  { id: 't1', title: '双11直播', status: 'todo', requiredSkills: [{ skill: '直播', minLevel: 3 }] },
  { id: 't2', title: '周报', status: 'todo', requiredSkills: [{ skill: '数据分析', minLevel: 3 }] },
  { id: 't3', title: '旧活动', status: 'done', requiredSkills: [{ skill: 'SEO', minLevel: 5 }] },
];

describe('skills matrix', () => {
  it('lists every skill held, targeted or needed by open work', () => {
    expect(matrixSkills(people, targets, tasks)).toEqual(['数据分析', '文案', '直播', '社群'].sort());
    expect(matrixSkills(people, targets, tasks)).not.toContain('SEO');
  });

  it('finds people below their role target, a missing skill counting as 0', () => {
    const gaps = computeGaps(people, targets, tasks);
    expect(gaps.people).toEqual([
      { personId: 'wang', skill: '数据分析', level: 0, target: 3, gap: 3, review: null },
      { personId: 'li', skill: '数据分析', level: 2, target: 3, gap: 1, review: null },
      { personId: 'wang', skill: '文案', level: 2, target: 4, gap: 2, review: null },
    ]);
    // zhao has 社群 4 ≥ 3; chen has no title, so no targets apply.
    expect(gaps.people.some((gap) => gap.personId === 'zhao' || gap.personId === 'chen')).toBe(false);
  });

  it('finds open tasks whose required level nobody reaches, ignoring closed tasks', () => {
    const gaps = computeGaps(people, targets, tasks);
    expect(gaps.tasks).toEqual([
      { taskId: 't1', title: '双11直播', skill: '直播', minLevel: 3, bestLevel: 1 },
    ]);
    const bySkill = Object.fromEntries(gaps.bySkill.map((gap) => [gap.skill, gap]));
    expect(bySkill['数据分析']?.targetLevel).toBe(3);
    expect(bySkill['直播']?.tasks).toHaveLength(1);
    expect(bySkill['SEO']).toBeUndefined();
  });

  it('picks who to train for a gap', () => {
    expect(peopleToTrain(people, targets, tasks, '数据分析')).toEqual({
      level: 3,
      personIds: ['li', 'wang'],
      scheduledIds: [],
    });
    // Someone already invited to a coming session of the skill is not invited again.
    expect(peopleToTrain(people, targets, tasks, '数据分析', new Set(['wang']))).toEqual({
      level: 3,
      personIds: ['li'],
      scheduledIds: ['wang'],
    });
    // Nobody's role targets 直播: the one closest to the level a task needs.
    expect(peopleToTrain(people, targets, tasks, '直播')).toEqual({
      level: 3,
      personIds: ['chen'],
      scheduledIds: [],
    });
    expect(peopleToTrain(people, targets, tasks, '社群')).toEqual({
      level: 0,
      personIds: [],
      scheduledIds: [],
    });
  });
});

describe('training sessions', () => {
  it('summarises attendance, completion and assessment', () => {
    const summary = summariseSession([
      { userId: 'a', status: 'attended', completed: true, score: 4 },
      { userId: 'b', status: 'attended', completed: false, score: 2 },
      { userId: 'c', status: 'absent', completed: false, score: null },
      { userId: 'd', status: 'invited', completed: false, score: null },
    ]);
    expect(summary).toEqual({
      invited: 4,
      attended: 2,
      absent: 1,
      completed: 1,
      assessed: 2,
      passed: 1,
      averageScore: 3,
      attendanceRate: 2 / 3,
    });
    expect(summariseSession([]).attendanceRate).toBeNull();
  });

  it('refuses completion or a score for someone who did not attend', () => {
    expect(attendanceProblem({ status: 'absent', completed: true, score: null })).toBe('not_attended');
    expect(attendanceProblem({ status: 'invited', completed: false, score: 3 })).toBe('not_attended');
    expect(attendanceProblem({ status: 'attended', completed: true, score: 5 })).toBeNull();
  });

  it('raises a level after a passed, completed training, never lowering it', () => {
    const pass = { status: 'attended' as const, completed: true, score: 4 };
    expect(levelAfterTraining(2, 3, pass)).toBe(3);
    expect(levelAfterTraining(undefined, 3, pass)).toBe(3);
    expect(levelAfterTraining(4, 3, pass)).toBeNull();
    expect(levelAfterTraining(2, 3, { ...pass, score: 2 })).toBeNull();
    expect(levelAfterTraining(2, 3, { ...pass, completed: false })).toBeNull();
    expect(levelAfterTraining(2, null, pass)).toBeNull();
  });
});

describe('chapter 8 培训与发展', () => {
  it('prints the matrix, gaps, sessions and development goals in both languages, or says it is not planned', async () => {
    const { buildPlanDocument } = await import('../plan/document/build.ts');
    const { samplePlan, sampleObservations } = await import('../plan/document/testing/sample.ts');
    const { readTrainingSection } = await import('./chapter.ts');
    const plan = {
      ...samplePlan(),
      sections: {
        training: {
          matrix: [{ skill: '数据分析', people: 3, average: 2.7, best: 5, belowTarget: 2 }],
          gaps: [
            { skill: '数据分析', who: '张伟', level: 0, target: 2 },
            { skill: '直播', task: '双11直播', level: 1, target: 3 },
          ],
          sessions: [
            {
              course: 'SQL 入门',
              date: '2026-12-03',
              trainer: '李娜',
              invited: 4,
              attended: 3,
              completed: 2,
              passed: 2,
            },
          ],
          development: [{ who: '周婷', skill: '内容创作', target: 3, due: '2027-02-10' }],
        },
      },
    };
    for (const locale of ['zh-CN', 'en'] as const) {
      const document = buildPlanDocument(plan, sampleObservations(), { locale, now: Date.UTC(2026, 10, 26) });
      const chapter = document.chapters.find((item) => item.id === 'training');
      expect(chapter?.isPlanned).toBe(true);
      const text = JSON.stringify(chapter?.blocks);
      expect(text).toContain('"SQL 入门","2026-12-03","李娜","3/4",2,2');
      expect(text).toContain(locale === 'en' ? 'Task: 双11直播' : '任务：双11直播');
      expect(text).toContain('"周婷","内容创作",3,"2027-02-10"');
      expect(text).toContain(locale === 'en' ? 'Skills matrix' : '技能矩阵');
    }
    const empty = buildPlanDocument({ ...samplePlan(), sections: {} }, sampleObservations(), {
      locale: 'en',
      now: Date.UTC(2026, 10, 26),
    });
    expect(empty.chapters.find((item) => item.id === 'training')?.isPlanned).toBe(false);
    expect(readTrainingSection('junk').sessions).toEqual([]);
    expect(readTrainingSection({ gaps: [{ skill: 'x', level: '2' }, 7] }).gaps).toEqual([
      { skill: 'x', level: 0, target: 0 },
    ]);
  });
});

describe('gaps from review assessments', () => {
  const q3 = { participantId: 'p1', cycleId: 'c1', cycleName: 'Q3' };
  const q4 = { participantId: 'p2', cycleId: 'c2', cycleName: 'Q4' };
  const assessed = (personId: string, skill: string, level: number, assessedOn: string, review = q3) =>
    ({
      personId,
      skill,
      level,
      assessedOn,
      assessedAt: Date.parse(assessedOn),
      review,
    }) satisfies AssessedLevel;

  it('makes a gap of an assessed level below the role target, beside the matrix’s, counting the person once', () => {
    // zhao has 社群 4 in the matrix (target 3): the review says 2.
    const gaps = computeGaps(people, targets, [], [assessed('zhao', '社群', 2, '2026-10-20')]);
    expect(gaps.people.filter((gap) => gap.review)).toEqual([
      { personId: 'zhao', skill: '社群', level: 2, target: 3, gap: 1, review: q3 },
    ]);
    // li is below 数据分析 in the matrix and in a review: two sources, one person to train.
    const both = computeGaps(people, targets, [], [assessed('li', '数据分析', 1, '2026-10-20')]);
    expect(both.people.filter((gap) => gap.personId === 'li' && gap.skill === '数据分析')).toHaveLength(2);
    expect(
      peopleToTrain(people, targets, [], '数据分析', new Set(), [assessed('li', '数据分析', 1, '2026-10-20')])
        .personIds,
    ).toEqual(['li', 'wang']);
    // A skill no role asks of the person, or a level meeting the target, is no gap.
    expect(
      computeGaps(
        people,
        targets,
        [],
        [assessed('chen', '直播', 1, '2026-10-20'), assessed('zhao', '社群', 3, '2026-10-20')],
      ).people.filter((gap) => gap.review),
    ).toEqual([]);
  });

  it('keeps the latest assessment per person and skill, unless a training passed on or after its day', () => {
    const older = assessed('zhao', '社群', 1, '2026-07-20');
    const newer = assessed('zhao', '社群', 3, '2026-10-20', q4);
    expect(currentAssessments([older, newer])).toEqual([newer]);
    expect(currentAssessments([newer, older])).toEqual([newer]);
    expect(currentAssessments([older], [{ personId: 'zhao', skill: '社群', date: '2026-07-20' }])).toEqual(
      [],
    );
    expect(currentAssessments([older], [{ personId: 'zhao', skill: '社群', date: '2026-07-19' }])).toEqual([
      older,
    ]);
    expect(currentAssessments([older], [{ personId: 'li', skill: '社群', date: '2026-08-01' }])).toEqual([
      older,
    ]);
  });
});
