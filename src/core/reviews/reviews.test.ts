import { describe, expect, it } from 'vitest';
import {
  builtinTemplate,
  checkAnswers,
  checkSkillTags,
  levelFromRating,
  skillRatings,
  checkCycleDates,
  checkOverrides,
  checkTemplate,
  combinedScore,
  computeScorecard,
  defaultStages,
  nextStage,
  outliers,
  periodFor,
  periodsOverlap,
  ratingDistribution,
  ratingFromScore,
  reviewVisibility,
  seesParticipant,
  weightedRating,
  type ReviewTemplateDefinition,
  type ScorecardFacts,
} from './index.ts';

const DAY = 86_400_000;
const at = (day: string, hour = 12) => Date.parse(`${day}T00:00:00Z`) + hour * 3_600_000;

describe('templates', () => {
  it('ready templates are valid in both languages and differ only in words', () => {
    for (const key of ['kpi_ops', 'okr'] as const) {
      const zh = builtinTemplate(key, 'zh-CN');
      const en = builtinTemplate(key, 'en');
      expect(checkTemplate(zh.definition)).toEqual([]);
      expect(checkTemplate(en.definition)).toEqual([]);
      expect(zh.name).not.toEqual(en.name);
      const shape = (d: ReviewTemplateDefinition) =>
        d.sections.map((s) => [s.id, s.weight, s.questions.map((q) => q.id)]);
      expect(shape(zh.definition)).toEqual(shape(en.definition));
      expect(/[\u4e00-\u9fff]/.test(JSON.stringify(en.definition))).toBe(false);
    }
  });

  it('refuses weights that do not add up to 100 %, naming the place', () => {
    const definition = builtinTemplate('kpi_ops', 'en').definition;
    const broken: ReviewTemplateDefinition = {
      ...definition,
      sections: definition.sections.map((s, i) =>
        i === 0
          ? {
              ...s,
              weight: 40,
              questions: s.questions.map((q) => (q.type === 'rating' ? { ...q, weight: 10 } : q)),
            }
          : s,
      ),
    };
    const errors = checkTemplate(broken);
    expect(errors.map((e) => e.path)).toEqual(['sections', 'sections.0.questions']);
    expect(JSON.stringify(errors[0]?.message)).toContain('90');
    expect(checkTemplate(broken, 'template').map((e) => e.path)[0]).toBe('template.sections');
  });

  it('a section without rating questions weighs nothing, ids are unique and choices need two options', () => {
    const errors = checkTemplate({
      peerAnonymous: false,
      sections: [
        {
          id: 'a',
          title: 'A',
          weight: 50,
          questions: [{ id: 'q', type: 'rating', text: 'R', weight: 100, anchors: ['1', '2', '3'] }],
        },
        {
          id: 'b',
          title: 'B',
          weight: 50,
          questions: [{ id: 'q', type: 'choice', text: 'C', options: ['x', 'x'], multiple: false }],
        },
      ],
    });
    expect(errors.map((e) => e.path)).toEqual([
      'sections.1.weight',
      'sections.1.questions.0.id',
      'sections.1.questions.0.options',
    ]);
  });
});

describe('cycles', () => {
  it('periods are calendar months, quarters and halves', () => {
    expect(periodFor('monthly', '2026-02-14')).toEqual({ start: '2026-02-01', end: '2026-02-28' });
    expect(periodFor('quarterly', '2026-08-20')).toEqual({ start: '2026-07-01', end: '2026-09-30' });
    expect(periodFor('half_year', '2026-12-01')).toEqual({ start: '2026-07-01', end: '2026-12-31' });
  });

  it('stage deadlines come once each, in order, not before the period', () => {
    const period = { start: '2026-07-01', end: '2026-09-30' };
    expect(checkCycleDates(period, defaultStages(period.end))).toEqual([]);
    const swapped = defaultStages(period.end).map((s) =>
      s.stage === 'manager' ? { ...s, dueDate: '2026-10-02' } : s,
    );
    expect(checkCycleDates(period, swapped).map((e) => e.path)).toEqual(['stages.2.dueDate']);
    expect(checkCycleDates(period, defaultStages(period.end).slice(1)).map((e) => e.path)).toEqual([
      'stages',
    ]);
    const early = defaultStages(period.end).map((s, i) => (i === 0 ? { ...s, dueDate: '2026-06-01' } : s));
    expect(checkCycleDates(period, early).map((e) => e.path)).toEqual(['stages.0.dueDate']);
    expect(
      checkCycleDates({ start: '2026-07-01', end: '2026-06-01' }, defaultStages('2026-07-01')).map(
        (e) => e.path,
      ),
    ).toEqual(['periodEnd']);
  });

  it('walks the stages to closed and detects overlapping periods', () => {
    expect(nextStage('self')).toBe('peer');
    expect(nextStage('sign_off')).toBe('closed');
    expect(nextStage('closed')).toBe('closed');
    expect(
      periodsOverlap({ start: '2026-07-01', end: '2026-09-30' }, { start: '2026-09-30', end: '2026-10-31' }),
    ).toBe(true);
    expect(
      periodsOverlap({ start: '2026-07-01', end: '2026-09-30' }, { start: '2026-10-01', end: '2026-10-31' }),
    ).toBe(false);
  });
});

describe('answers', () => {
  const definition = builtinTemplate('kpi_ops', 'en').definition;
  const all = { kr: 5, delivery: 3, sla: 4, routines: 4, checkins: 2, teamwork: 4 };
  const answers = Object.fromEntries(Object.entries(all).map(([id, rating]) => [id, { rating }]));

  it('weights sections and questions', () => {
    // results 50 % (kr 60, delivery 40) · execution 30 % (sla 40, routines 30, checkins 30) · collaboration 20 %
    const expected = 0.5 * (0.6 * 5 + 0.4 * 3) + 0.3 * (0.4 * 4 + 0.3 * 4 + 0.3 * 2) + 0.2 * 4;
    expect(weightedRating(definition, answers)).toBeCloseTo(expected, 2);
    expect(weightedRating(definition, { kr: { rating: 4 } })).toBe(4);
    expect(weightedRating(definition, {})).toBeNull();
  });

  it('a draft may be partial; a submission answers every rating and required text', () => {
    expect(checkAnswers(definition, { kr: { rating: 5 } }, false)).toEqual([]);
    const paths = checkAnswers(definition, { kr: { rating: 6 }, nope: { text: 'x' } }, true).map(
      (e) => e.path,
    );
    expect(paths).toContain('answers.nope');
    expect(paths).toContain('answers.kr');
    expect(paths).toContain('answers.highlights');
    const full = {
      ...answers,
      highlights: { text: 'Launch' },
      improve: { text: 'Docs' },
      strengths: { choices: ['Data and analysis'] },
    };
    expect(checkAnswers(definition, full, true)).toEqual([]);
    expect(
      checkAnswers(definition, { ...full, strengths: { choices: ['Sales'] } }, true).map((e) => e.path),
    ).toEqual(['answers.strengths']);
  });
});

describe('scorecard', () => {
  const facts: ScorecardFacts = {
    period: { start: '2026-07-01', end: '2026-09-30' },
    today: '2026-10-05',
    goals: [
      {
        id: 'g1',
        title: 'Grow sign-ups',
        weight: 3,
        startDate: '2026-07-01',
        dueDate: '2026-09-30',
        keyResults: [
          { id: 'k1', title: 'Sign-ups', weight: 1, progress: 1.2 },
          { id: 'k2', title: 'Activation', weight: 1, progress: 0.4 },
        ],
      },
      {
        id: 'g2',
        title: 'Cut churn',
        weight: 1,
        startDate: '2026-09-01',
        dueDate: '2026-12-31',
        keyResults: [{ id: 'k3', title: 'Churn', weight: 1, progress: 0.5 }],
      },
      {
        id: 'g3',
        title: 'No KRs',
        weight: 5,
        startDate: '2026-07-01',
        dueDate: '2026-07-14',
        keyResults: [],
      },
    ],
    checkIns: [
      { goalId: 'g1', day: '2026-07-02' },
      { goalId: 'g1', day: '2026-07-03' },
      { goalId: 'g1', day: '2026-07-09' },
      { goalId: 'g2', day: '2026-09-02' },
    ],
    tasks: [
      { id: 't1', title: 'On time', dueDate: '2026-07-10', status: 'done', completedDay: '2026-07-10' },
      { id: 't2', title: 'Late', dueDate: '2026-07-10', status: 'done', completedDay: '2026-07-11' },
      { id: 't3', title: 'Open past due', dueDate: '2026-08-01', status: 'in_progress', completedDay: null },
      { id: 't4', title: 'Cancelled', dueDate: '2026-08-01', status: 'cancelled', completedDay: null },
    ],
    steps: [
      { id: 's1', runId: 'r1', title: 'Review', dueAt: at('2026-07-05'), completedAt: at('2026-07-05', 11) },
      {
        id: 's2',
        runId: 'r1',
        title: 'Approve',
        dueAt: at('2026-07-06'),
        completedAt: at('2026-07-06') + DAY,
      },
    ],
    routines: [
      { id: 'o1', title: 'Daily report', occurrence: '2026-09-29', status: 'done' },
      { id: 'o2', title: 'Daily report', occurrence: '2026-09-30', status: 'todo' },
    ],
  };
  const card = computeScorecard(facts);
  const metric = (key: string) => card.metrics.find((m) => m.key === key);

  it('weights key results within a goal and goals by weight, capping each KR at 100 %', () => {
    // g1: (1 + 0.4) / 2 = 0.7, weight 3 · g2: 0.5, weight 1 · g3 has no KRs → (3·0.7 + 0.5) / 4 = 0.65
    expect(metric('kr_achievement')?.score).toBe(65);
    expect(metric('kr_achievement')?.evidence.map((e) => e.id)).toEqual(['g1', 'k1', 'k2', 'g2', 'k3']);
    expect(metric('kr_achievement')?.evidence[0]?.path).toBe('/goals/g1');
  });

  it('counts tasks on time, late, and open past due; skips cancelled', () => {
    expect(metric('on_time_tasks')).toMatchObject({ numerator: 1, denominator: 3, score: 33.3 });
    expect(metric('on_time_tasks')?.evidence.find((e) => e.id === 't2')).toMatchObject({
      ok: false,
      path: '/tasks?task=t2',
    });
  });

  it('SLA adherence compares completion with the step’s due time', () => {
    expect(metric('sla_adherence')).toMatchObject({ numerator: 1, denominator: 2, score: 50 });
  });

  it('check-ins: one per week of each goal’s life in the period', () => {
    const checkIns = metric('check_ins');
    // g1: 13 full weeks + the 2-day week at the end of September = 14 windows, 2 with a check-in.
    // g2: 1 September falls in the window 26 Aug – 1 Sep, so windows 8..13 = 6, 1 with a check-in. g3: 2, none.
    expect(checkIns?.denominator).toBe(14 + 6 + 2);
    expect(checkIns?.numerator).toBe(3);
  });

  it('routine occurrences done', () => {
    expect(metric('routines')).toMatchObject({ numerator: 1, denominator: 2, score: 50 });
  });

  it('a week under way is not yet missed', () => {
    const early = computeScorecard({ ...facts, today: '2026-07-10', checkIns: [] });
    // g1 and g3 from 1 July: week 1 over (1–7 July), week 2 under way → one window each.
    expect(early.metrics.find((m) => m.key === 'check_ins')?.denominator).toBe(2);
  });

  it('combines with weights over figures with data; overrides replace a score', () => {
    const expected = (35 * 65 + 25 * 33.3 + 15 * 50 + 10 * (300 / 21) + 15 * 50) / 100;
    expect(card.score).toBeCloseTo(expected, 0);
    const overridden = combinedScore(card.metrics, {
      on_time_tasks: { score: 100, reason: 'Late tasks were blocked by legal' },
    });
    expect(overridden).toBeGreaterThan(card.score ?? 0);
    expect(
      computeScorecard({ ...facts, goals: [], tasks: [], steps: [], routines: [], checkIns: [] }).score,
    ).toBeNull();
    expect(ratingFromScore(100, 5)).toBe(5);
    expect(ratingFromScore(50, 5)).toBe(3);
    expect(ratingFromScore(null, 5)).toBeNull();
  });

  it('an override needs a written reason', () => {
    expect(checkOverrides({ routines: { score: 90, reason: '   ' } }).map((e) => e.path)).toEqual([
      'overrides.routines.reason',
    ]);
    expect(checkOverrides({ routines: { score: 120, reason: 'Holiday cover' } }).map((e) => e.path)).toEqual([
      'overrides.routines.score',
    ]);
    expect(checkOverrides({ routines: { score: 90, reason: 'Holiday cover' } })).toEqual([]);
  });
});

describe('calibration', () => {
  it('distribution buckets whole ratings; outliers sit a point from the data', () => {
    expect(ratingDistribution([1, 2.4, 2.5, 5, null, 4.9], 5)).toEqual([1, 1, 1, 0, 2]);
    expect(
      outliers([
        { participantId: 'a', rating: 5, dataRating: 3.2 },
        { participantId: 'b', rating: 3, dataRating: 3.5 },
        { participantId: 'c', rating: 2, dataRating: 4 },
        { participantId: 'd', rating: null, dataRating: 4 },
      ]),
    ).toEqual([
      { participantId: 'a', difference: 1.8, direction: 'above' },
      { participantId: 'c', difference: -2, direction: 'below' },
    ]);
  });
});

describe('privacy', () => {
  const participant = { revieweeId: 'rev', managerId: 'mgr', cycleCreatorId: 'hr', signedOff: false };
  const peer = { reviewerId: 'peer', kind: 'peer' as const, submitted: true };
  it('the reviewee sees peers only after sign-off, unattributed when the template says so', () => {
    expect(reviewVisibility({ userId: 'rev', isAdmin: false }, participant, peer, true)).toBe('hidden');
    expect(
      reviewVisibility({ userId: 'rev', isAdmin: false }, { ...participant, signedOff: true }, peer, true),
    ).toBe('anonymous');
    expect(
      reviewVisibility({ userId: 'rev', isAdmin: false }, { ...participant, signedOff: true }, peer, false),
    ).toBe('attributed');
  });
  it('managers and admins see all; another peer sees only their own', () => {
    expect(reviewVisibility({ userId: 'mgr', isAdmin: false }, participant, peer, true)).toBe('attributed');
    expect(reviewVisibility({ userId: 'x', isAdmin: true }, participant, peer, true)).toBe('attributed');
    expect(reviewVisibility({ userId: 'peer2', isAdmin: false }, participant, peer, true)).toBe('hidden');
    expect(seesParticipant({ userId: 'peer2', isAdmin: false }, participant, [peer])).toBe(false);
    expect(seesParticipant({ userId: 'peer', isAdmin: false }, participant, [peer])).toBe(true);
  });
});

describe('skill-tagged rating questions', () => {
  const tagged = () => {
    const definition = builtinTemplate('okr', 'en').definition;
    const [okrs, how, reflection] = definition.sections;
    if (!okrs || !how || !reflection) throw new Error('okr template changed');
    okrs.questions = okrs.questions.map((q) =>
      q.id === 'achievement' || q.id === 'ambition' ? { ...q, skill: 'SQL' } : q,
    );
    how.questions = how.questions.map((q) => (q.id === 'collaboration' ? { ...q, skill: ' ' } : q));
    return { definition, reflection };
  };

  it('maps any scale onto levels 1–5', () => {
    expect([1, 2, 3, 4, 5].map((r) => levelFromRating(r, 5))).toEqual([1, 2, 3, 4, 5]);
    expect([1, 2, 3].map((r) => levelFromRating(r, 3))).toEqual([1, 3, 5]);
    expect([1, 5, 10].map((r) => levelFromRating(r, 10))).toEqual([1, 3, 5]);
  });

  it('averages the questions of one skill and skips blanks and unanswered ones', () => {
    const { definition } = tagged();
    expect(
      skillRatings(definition, {
        achievement: { rating: 2 },
        ambition: { rating: 3 },
        collaboration: { rating: 1 },
      }),
    ).toEqual([{ skill: 'SQL', rating: 2.5, scale: 5, level: 3 }]);
    expect(skillRatings(definition, { ambition: { rating: 4 } })).toEqual([
      { skill: 'SQL', rating: 4, scale: 5, level: 4 },
    ]);
    expect(skillRatings(definition, {})).toEqual([]);
  });

  it('refuses a skill on a text question and one the workspace does not have, naming the place', () => {
    const { definition, reflection } = tagged();
    expect(checkSkillTags(definition, new Set(['SQL']))).toEqual([]);
    reflection.questions = reflection.questions.map((q, i) => (i === 1 ? { ...q, skill: 'SQL' } : q));
    const errors = checkSkillTags(definition, new Set(['文案']), 'definition');
    expect(errors.map((e) => e.path)).toEqual([
      'definition.sections.0.questions.0.skill',
      'definition.sections.0.questions.1.skill',
      'definition.sections.2.questions.1.skill',
    ]);
    expect(errors[0]?.message).toEqual({
      en: '“SQL” is not a skill of this workspace: pick one from the skills matrix.',
      'zh-CN': '“SQL”不是本工作区的技能，请从技能矩阵中选择。',
    });
    expect(JSON.stringify(errors[2]?.message)).toContain('Only a rating question');
  });
});
