import { mondayOf } from '../../core/days/index.ts';
import { describe, expect, it } from 'vitest';
import { formatMeasure, formatPercent, formatPeriod } from './format.ts';

describe('format', () => {
  it('formats values with thousands separators and units', () => {
    expect(formatMeasure(12345.6, '人', 'zh-CN')).toBe('12,346 人');
    expect(formatMeasure(3.456, '%', 'en')).toBe('3.46%');
    expect(formatMeasure(1200, '¥', 'zh-CN')).toBe('¥1,200');
    expect(formatMeasure(null, '人', 'en')).toBe('—');
  });

  it('formats fractions as whole percentages', () => {
    expect(formatPercent(0.62, 'en')).toBe('62%');
    expect(formatPercent(0.629, 'zh-CN')).toBe('62%');
    expect(formatPercent(0.29, 'en')).toBe('29%');
  });

  it('names periods by frequency', () => {
    expect(formatPeriod('2025-04-01', 'quarter', 'zh-CN')).toBe('2025年第2季度');
    expect(formatPeriod('2025-04-01', 'quarter', 'en')).toBe('Q2 2025');
    expect(formatPeriod('2025-06-02', 'week', 'en')).toBe('Week of Jun 2, 2025');
  });

  it('finds the Monday of a week', () => {
    expect(mondayOf('2025-06-08')).toBe('2025-06-02');
    expect(mondayOf('2025-06-02')).toBe('2025-06-02');
    expect(mondayOf('2025-06-04')).toBe('2025-06-02');
  });
});
