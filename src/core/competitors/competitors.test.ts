import { describe, expect, it } from 'vitest';
import { countByCategory, hasSwot, isWebAddress, readSwot } from './index.ts';

describe('competitors core', () => {
  it('accepts only http(s) addresses with a host', () => {
    expect(isWebAddress('https://example.com/a?b=1')).toBe(true);
    expect(isWebAddress('http://例子.测试/路径')).toBe(true);
    for (const bad of [
      'javascript:alert(1)',
      'data:text/html,x',
      'ftp://example.com',
      'example.com',
      'http://',
      '',
    ])
      expect(isWebAddress(bad), bad).toBe(false);
  });

  it('reads a SWOT defensively and counts observations per category', () => {
    expect(readSwot({ strengths: ['低价', 3, ''], threats: 'no', extra: ['x'] })).toEqual({
      strengths: ['低价'],
      weaknesses: [],
      opportunities: [],
      threats: [],
    });
    expect(hasSwot(readSwot(null))).toBe(false);
    expect(
      countByCategory([{ category: 'pricing' }, { category: 'rumour' }, { category: 'pricing' }]),
    ).toEqual({
      pricing: 2,
      feature: 0,
      campaign: 0,
      channel: 0,
      other: 1,
    });
  });
});
