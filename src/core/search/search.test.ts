import { describe, expect, it } from 'vitest';
import { markMatches, rankSearchHits, searchTerms, snippet, type SearchCandidate } from './index.ts';

const candidate = (kind: SearchCandidate['kind'], title: string, body = ''): SearchCandidate => ({
  kind,
  id: `${kind}-${title}`,
  title,
  body,
  ref: null,
});

describe('searchTerms', () => {
  it('splits on any white space, lower-cases, drops repeats and keeps at most five terms', () => {
    expect(searchTerms('  Ad  SPEND\u3000投放 ad ')).toEqual(['ad', 'spend', '投放']);
    expect(searchTerms('a b c d e f g')).toHaveLength(5);
    expect(searchTerms('   ')).toEqual([]);
  });

  it('reads full-width letters as their ASCII form', () => {
    expect(searchTerms('ＤＡＵ')).toEqual(['dau']);
  });
});

describe('rankSearchHits', () => {
  it('puts the exact title first, then titles starting with the query, then body-only matches', () => {
    const hits = rankSearchHits(
      ['投放'],
      [
        candidate('task', '复盘', '上周投放的效果'),
        candidate('task', '调整投放策略'),
        candidate('goal', '投放'),
        candidate('kpi', '投放转化率'),
      ],
      10,
    );
    expect(hits.map((hit) => hit.title)).toEqual(['投放', '投放转化率', '调整投放策略', '复盘']);
    expect(hits[3]?.snippet).toBe('上周投放的效果');
    expect(hits[1]?.snippet).toBeNull();
  });

  it('drops candidates missing a term and keeps the limit', () => {
    const hits = rankSearchHits(
      ['社群', '拉新'],
      [candidate('task', '社群拉新'), candidate('task', '社群运营'), candidate('goal', '拉新', '社群渠道')],
      1,
    );
    expect(hits.map((hit) => hit.title)).toEqual(['社群拉新']);
  });

  it('keeps a place for every kind when one kind has many strong hits, and fills up with it otherwise', () => {
    const cases = Array.from({ length: 30 }, (_, i) => candidate('case', `用户反馈 #${i}`));
    const goal = candidate('goal', '在三个月内将用户增长率提升20%');
    const hits = rankSearchHits(['用户'], [...cases, goal], 9);
    expect(hits).toHaveLength(9);
    expect(hits.map((hit) => hit.kind).filter((kind) => kind === 'goal')).toEqual(['goal']);
    expect(rankSearchHits(['用户'], cases, 9)).toHaveLength(9);
  });
});

describe('snippet', () => {
  it('cuts the body around the term with ellipses on the cut sides', () => {
    const body = `${'甲'.repeat(100)}关键词${'乙'.repeat(100)}`;
    const text = snippet(['关键词'], '标题', body, 21) ?? '';
    expect(text.startsWith('…')).toBe(true);
    expect(text.endsWith('…')).toBe(true);
    expect(text).toContain('关键词');
    expect(text.length).toBe(23);
  });
});

describe('markMatches', () => {
  it('marks every occurrence case-insensitively and merges overlaps', () => {
    expect(markMatches('Ad spend ad', ['ad'])).toEqual([
      { text: 'Ad', isMatch: true },
      { text: ' spend ', isMatch: false },
      { text: 'ad', isMatch: true },
    ]);
    expect(markMatches('投放策略', ['投放', '放策'])).toEqual([
      { text: '投放策', isMatch: true },
      { text: '略', isMatch: false },
    ]);
  });
});
