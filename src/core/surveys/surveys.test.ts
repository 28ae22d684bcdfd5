import { describe, expect, it } from 'vitest';
import {
  checkAnswers,
  checkQuestions,
  netPromoterScore,
  npsAnswer,
  summariseResponses,
  visibleQuestions,
  type SurveyQuestion,
} from './index.ts';

const questions: SurveyQuestion[] = [
  { id: 'nps', type: 'nps', title: '您有多大可能向朋友推荐我们？', required: true },
  {
    id: 'why_low',
    type: 'text',
    title: '哪里让您不满意？',
    showIf: { questionId: 'nps', values: ['0', '1', '2', '3', '4', '5', '6'] },
  },
  {
    id: 'channel',
    type: 'single',
    title: 'How did you hear of us?',
    options: [
      { id: 'friend', label: 'A friend' },
      { id: 'ad', label: 'An ad' },
    ],
  },
  {
    id: 'ad_where',
    type: 'multiple',
    title: 'Where?',
    showIf: { questionId: 'channel', values: ['ad'] },
    options: [
      { id: 'douyin', label: '抖音' },
      { id: 'wechat', label: '微信' },
    ],
  },
  { id: 'stars', type: 'rating', title: 'Delivery' },
  {
    id: 'grid',
    type: 'matrix',
    title: 'Rate',
    rows: [{ id: 'price', label: '价格' }],
    options: [
      { id: 'bad', label: '差' },
      { id: 'good', label: '好' },
    ],
  },
];

describe('survey definitions', () => {
  it('accepts a good questionnaire and names each problem of a bad one', () => {
    expect(checkQuestions(questions)).toEqual([]);
    expect(
      checkQuestions([
        { id: 'a', type: 'single', title: 'x', options: [{ id: 'o', label: 'o' }] },
        { id: 'a', type: 'text', title: 'y', showIf: { questionId: 'c', values: ['1'] } },
        {
          id: 'c',
          type: 'matrix',
          title: 'z',
          options: [
            { id: 'o', label: 'o' },
            { id: 'o', label: 'p' },
          ],
        },
        { id: 'd', type: 'text', title: 'w', showIf: { questionId: 'nope', values: ['1'] } },
      ]),
    ).toEqual([
      { path: 'questions.0.options', code: 'options_required' },
      { path: 'questions.1.id', code: 'duplicate_id' },
      { path: 'questions.1.showIf.questionId', code: 'show_if_later' },
      { path: 'questions.2.options', code: 'duplicate_option' },
      { path: 'questions.2.rows', code: 'rows_required' },
      { path: 'questions.3.showIf.questionId', code: 'show_if_unknown' },
    ]);
  });
});

describe('skip logic and answers', () => {
  it('shows a follow-up only for the answers its rule names', () => {
    const ids = (answers: Record<string, never> | Parameters<typeof visibleQuestions>[1]) =>
      visibleQuestions(questions, answers).map((question) => question.id);
    expect(ids({ nps: 9, channel: 'friend' })).toEqual(['nps', 'channel', 'stars', 'grid']);
    expect(ids({ nps: 3, channel: 'ad' })).toEqual([
      'nps',
      'why_low',
      'channel',
      'ad_where',
      'stars',
      'grid',
    ]);
  });

  it('keeps valid answers, drops those to hidden questions and reports the rest by question', () => {
    const checked = checkAnswers(questions, {
      nps: 10,
      why_low: 'hidden: dropped',
      channel: 'friend',
      stars: 6,
      grid: { price: 'good' },
      ghost: 'x',
    });
    expect(checked.answers).toEqual({ nps: 10, channel: 'friend', grid: { price: 'good' } });
    expect(checked.issues).toEqual([{ path: 'answers.stars', code: 'invalid_answer' }]);
    expect(checkAnswers(questions, {}).issues).toEqual([{ path: 'answers.nps', code: 'required' }]);
    expect(checkAnswers(questions, { nps: 11 }).issues[0]?.code).toBe('invalid_answer');
    expect(checkAnswers(questions, { nps: 2, why_low: 'x'.repeat(6000) }).issues[0]?.code).toBe('too_long');
    expect(npsAnswer(questions, { nps: 7 })).toBe(7);
    expect(npsAnswer(questions, {})).toBeNull();
  });
});

describe('results', () => {
  it('computes NPS from promoters, passives and detractors', () => {
    expect(netPromoterScore([10, 9, 8, 7, 6, 0])).toEqual({
      count: 6,
      promoters: 2,
      passives: 2,
      detractors: 2,
      score: 0,
    });
    expect(netPromoterScore([10, 10, 9, 3]).score).toBe(50);
    expect(netPromoterScore([]).score).toBeNull();
  });

  it('sums each question up', () => {
    const results = summariseResponses(questions, [
      {
        answers: { nps: 10, channel: 'ad', ad_where: ['douyin', 'wechat'], stars: 4, grid: { price: 'bad' } },
      },
      { answers: { nps: 2, why_low: '太贵了', channel: 'ad', ad_where: ['douyin'], stars: 5 } },
    ]);
    expect(results[0]).toMatchObject({ type: 'nps', answered: 2, nps: { score: 0 } });
    expect(results[1]).toMatchObject({ type: 'text', answers: ['太贵了'] });
    expect(results[2]).toMatchObject({ counts: { friend: 0, ad: 2 } });
    expect(results[3]).toMatchObject({ counts: { douyin: 2, wechat: 1 } });
    expect(results[4]).toMatchObject({ distribution: [0, 0, 0, 1, 1], average: 4.5 });
    expect(results[5]).toMatchObject({ answered: 1, counts: { price: { bad: 1, good: 0 } } });
  });
});
