import type { Plan } from '../plan/model.ts';
import { titleFrom, type ChapterModule } from '../plan/document/registry.ts';
import type { Block } from '../plan/document/types.ts';

/**
 * The plan's `sections.training` as this module writes it: the skills matrix in brief (one row a skill), the
 * gaps (a person below their role's target, or an open task nobody can cover), the training sessions with their
 * attendance, and personal development goals. readPlan fills it from the workspace; a plan.yaml may carry it too.
 */
export type TrainingSection = {
  matrix?: { skill: string; people: number; average: number; best: number; belowTarget: number }[];
  gaps?: { skill: string; who?: string; task?: string; level: number; target: number }[];
  sessions?: {
    course: string;
    skill?: string;
    date: string;
    trainer: string;
    invited: number;
    attended: number;
    completed: number;
    passed: number;
  }[];
  development?: { who: string; skill: string; target: number; due: string }[];
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
const text = (value: unknown) => (typeof value === 'string' ? value : '');
const count = (value: unknown) => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
const records = (value: unknown) => (Array.isArray(value) ? value.filter(isRecord) : []);

/** The section read defensively: it is free-form in plan.yaml, so anything unexpected is left out. */
export function readTrainingSection(section: unknown): Required<TrainingSection> {
  const record = isRecord(section) ? section : {};
  return {
    matrix: records(record.matrix)
      .filter((row) => typeof row.skill === 'string')
      .map((row) => ({
        skill: text(row.skill),
        people: count(row.people),
        average: count(row.average),
        best: count(row.best),
        belowTarget: count(row.belowTarget),
      })),
    gaps: records(record.gaps)
      .filter((row) => typeof row.skill === 'string')
      .map((row) => ({
        skill: text(row.skill),
        ...(typeof row.who === 'string' ? { who: row.who } : {}),
        ...(typeof row.task === 'string' ? { task: row.task } : {}),
        level: count(row.level),
        target: count(row.target),
      })),
    sessions: records(record.sessions)
      .filter((row) => typeof row.course === 'string')
      .map((row) => ({
        course: text(row.course),
        ...(typeof row.skill === 'string' ? { skill: row.skill } : {}),
        date: text(row.date),
        trainer: text(row.trainer),
        invited: count(row.invited),
        attended: count(row.attended),
        completed: count(row.completed),
        passed: count(row.passed),
      })),
    development: records(record.development)
      .filter((row) => typeof row.skill === 'string')
      .map((row) => ({
        who: text(row.who),
        skill: text(row.skill),
        target: count(row.target),
        due: text(row.due),
      })),
  };
}

const WORDS = {
  'zh-CN': {
    matrix: '技能矩阵',
    matrixNote: '等级 1–5：1 入门，3 可独立完成，5 可指导他人。岗位目标等级按岗位设定。',
    skill: '技能',
    people: '掌握人数',
    average: '平均等级',
    best: '最高等级',
    below: '低于岗位目标',
    gaps: '能力差距',
    noGaps: '目前每个人都达到了岗位目标等级，所有进行中任务要求的技能都有人具备。',
    who: '人员 / 任务',
    level: '当前等级',
    target: '目标等级',
    task: '任务：',
    plan: '培训计划',
    course: '课程',
    date: '日期',
    trainer: '讲师',
    attendance: '出席',
    completed: '完成',
    passed: '考核通过',
    noSessions: '尚未安排培训场次。',
    development: '个人发展目标',
    due: '截止',
    rule: '培训完成且考核得分不低于 3 分者，技能等级记为课程目标等级。',
  },
  en: {
    matrix: 'Skills matrix',
    matrixNote:
      'Levels 1–5: 1 beginner, 3 works independently, 5 can coach others. Target levels are set per role.',
    skill: 'Skill',
    people: 'People',
    average: 'Average level',
    best: 'Best level',
    below: 'Below role target',
    gaps: 'Skill gaps',
    noGaps: 'Everyone meets their role’s target levels, and someone has every skill open tasks require.',
    who: 'Person / task',
    level: 'Level',
    target: 'Target',
    task: 'Task: ',
    plan: 'Training plan',
    course: 'Course',
    date: 'Date',
    trainer: 'Trainer',
    attendance: 'Attended',
    completed: 'Completed',
    passed: 'Passed',
    noSessions: 'No training sessions planned yet.',
    development: 'Personal development goals',
    due: 'Due',
    rule: 'Whoever completes a training with an assessment score of 3 or more is recorded at the course’s target level.',
  },
};

/** Chapter 8, 培训与发展: the skills matrix in brief, the gaps, the training plan with attendance, development goals. */
export const skillsTrainingChapter: ChapterModule = {
  id: 'training',
  order: 80,
  title: titleFrom('chapter.training'),
  notPlanned: titleFrom('section.training'),
  build(plan: Plan, _observations, context): Block[] | null {
    const section = readTrainingSection(plan.sections?.training);
    if (section.matrix.length === 0 && section.sessions.length === 0 && section.gaps.length === 0)
      return null;
    const words = WORDS[context.locale];
    const blocks: Block[] = [];
    let part = 0;
    const heading = (title: string) => {
      part += 1;
      blocks.push({ kind: 'heading', text: `${context.number}.${part} ${title}` });
    };
    if (section.matrix.length > 0) {
      heading(words.matrix);
      blocks.push({ kind: 'paragraph', text: words.matrixNote });
      blocks.push({
        kind: 'table',
        caption: null,
        columns: [
          { label: words.skill },
          { label: words.people, align: 'right' },
          { label: words.average, align: 'right' },
          { label: words.best, align: 'right' },
          { label: words.below, align: 'right' },
        ],
        rows: section.matrix.map((row) => [row.skill, row.people, row.average, row.best, row.belowTarget]),
        highlightRows: section.matrix.flatMap((row, index) => (row.belowTarget > 0 ? [index] : [])),
      });
    }
    heading(words.gaps);
    if (section.gaps.length === 0) blocks.push({ kind: 'note', tone: 'info', text: words.noGaps });
    else
      blocks.push({
        kind: 'table',
        caption: null,
        columns: [
          { label: words.skill },
          { label: words.who },
          { label: words.level, align: 'right' },
          { label: words.target, align: 'right' },
        ],
        rows: section.gaps.map((gap) => [
          gap.skill,
          gap.who ?? (gap.task ? `${words.task}${gap.task}` : ''),
          gap.level,
          gap.target,
        ]),
      });
    heading(words.plan);
    if (section.sessions.length === 0) blocks.push({ kind: 'note', tone: 'empty', text: words.noSessions });
    else {
      blocks.push({
        kind: 'table',
        caption: null,
        columns: [
          { label: words.course },
          { label: words.date },
          { label: words.trainer },
          { label: words.attendance, align: 'right' },
          { label: words.completed, align: 'right' },
          { label: words.passed, align: 'right' },
        ],
        rows: section.sessions.map((session) => [
          session.course,
          session.date,
          session.trainer || '—',
          `${session.attended}/${session.invited}`,
          session.completed,
          session.passed,
        ]),
      });
      blocks.push({ kind: 'paragraph', text: words.rule });
    }
    if (section.development.length > 0) {
      heading(words.development);
      blocks.push({
        kind: 'table',
        caption: null,
        columns: [
          { label: words.who },
          { label: words.skill },
          { label: words.target, align: 'right' },
          { label: words.due },
        ],
        rows: section.development.map((goal) => [goal.who, goal.skill, goal.target, goal.due]),
      });
    }
    return blocks;
  },
};
