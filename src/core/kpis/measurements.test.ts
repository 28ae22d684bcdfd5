import { describe, expect, it } from 'vitest';
import { interpolate } from '../i18n/index.ts';
import {
  MEASUREMENT_MESSAGES,
  parseDay,
  parseNumber,
  validateMeasurements,
  type KpiForMeasurements,
} from './measurements.ts';

const kpis = new Map<string, KpiForMeasurements>([
  ['new_users', { frequency: 'day', isFormula: false }],
  ['weekly_active', { frequency: 'week', isFormula: false }],
  ['growth_rate', { frequency: 'day', isFormula: true }],
]);

describe('measurement cells', () => {
  it('reads days and numbers the way spreadsheets write them', () => {
    expect(parseDay('2026/11/2')).toBe('2026-11-02');
    expect(parseDay(new Date(Date.UTC(2026, 10, 2)))).toBe('2026-11-02');
    expect(parseDay('2026-02-30')).toBeNull();
    expect(parseDay('yesterday')).toBeNull();
    expect(parseDay('2026年12月6日')).toBe('2026-12-06');
    expect(parseDay('2026 年 12 月 6 号')).toBe('2026-12-06');
    expect(parseDay('2026/12/6')).toBe('2026-12-06');
    expect(parseDay('2026-12-06 00:00:00')).toBe('2026-12-06');
    expect(parseDay('２０２６年１２月６日')).toBe('2026-12-06');
    // Excel serial dates: a number in an XLSX cell, its digits in a CSV export, a time of day as the fraction.
    expect(parseDay(46362)).toBe('2026-12-06');
    expect(parseDay('46362')).toBe('2026-12-06');
    expect(parseDay(46362.75)).toBe('2026-12-06');
    expect(parseDay(45658)).toBe('2025-01-01');
    expect(parseDay(300)).toBeNull();
    expect(parseDay('2026年2月30日')).toBeNull();
    expect(parseNumber('1,234.5')).toBe(1234.5);
    expect(parseNumber(' 12.5% ')).toBe(12.5);
    expect(parseNumber('-3e2')).toBe(-300);
    expect(parseNumber('12 万')).toBeNull();
    expect(parseNumber(Number.NaN)).toBeNull();
  });
});

describe('validateMeasurements', () => {
  it('turns good rows into points and names the row and column of every fault', () => {
    const { points, issues, validRows } = validateMeasurements(
      [
        { row: 2, kpi: 'new_users', period: '2026-11-02', value: '1,200' },
        { row: 3, kpi: 'nope', period: '2026-11-02', value: 5 },
        { row: 4, kpi: 'weekly_active', period: '2026-11-25', value: 8000 },
        { row: 5, kpi: 'new_users', period: '2026-11-03', value: 'abc' },
        { row: 6, kpi: 'growth_rate', period: '2026-11-03', value: 1 },
        { row: 7, kpi: 'new_users', period: '2026-11-02', value: 99 },
        { row: 8, kpi: '', period: '', value: '' },
      ],
      kpis,
      'en',
    );
    expect(points).toEqual([{ kpiKey: 'new_users', period: '2026-11-02', value: 1200 }]);
    expect(validRows).toEqual([2]);
    expect(issues.map((i) => `${i.row}:${i.column}:${i.code}`)).toEqual([
      '3:kpi:unknown_kpi',
      '4:period:period_mismatch',
      '5:value:not_a_number',
      '6:kpi:formula_kpi',
      '7:period:duplicate',
      '8:kpi:missing',
      '8:period:missing',
      '8:value:missing',
    ]);
    const mismatch = issues.find((i) => i.code === 'period_mismatch');
    expect(mismatch && interpolate(MEASUREMENT_MESSAGES.en.period_mismatch, mismatch.params)).toBe(
      '2026-11-25 does not start a weekly (Monday) period; use 2026-11-23.',
    );
  });

  it('reads each period text once per file and still checks it against every KPI and row', () => {
    // A file repeats its period texts across KPIs: the cached reading of a text must not carry one KPI's
    // verdict (a day accepted for a daily KPI) or one KPI's rows (duplicates) over to another.
    const { points, issues } = validateMeasurements(
      [
        { row: 2, kpi: 'new_users', period: '2026/11/25', value: '1' },
        { row: 3, kpi: 'weekly_active', period: '2026/11/25', value: '2' },
        { row: 4, kpi: 'weekly_active', period: '2026/11/23', value: '3' },
        { row: 5, kpi: 'new_users', period: '2026/11/23', value: '4.5' },
        { row: 6, kpi: 'new_users', period: '2026-11-23', value: '-6' },
        { row: 7, kpi: 'weekly_active', period: '2026/11/23', value: '7' },
        { row: 8, kpi: 'new_users', period: '2026/13/01', value: '8' },
        { row: 9, kpi: 'new_users', period: '2026/13/01', value: '9' },
      ],
      kpis,
      'en',
    );
    expect(points).toEqual([
      { kpiKey: 'new_users', period: '2026-11-25', value: 1 },
      { kpiKey: 'weekly_active', period: '2026-11-23', value: 3 },
      { kpiKey: 'new_users', period: '2026-11-23', value: 4.5 },
    ]);
    expect(issues.map((i) => `${i.row}:${i.column}:${i.code}:${i.params.firstRow ?? ''}`)).toEqual([
      '3:period:period_mismatch:',
      '6:period:duplicate:5',
      '7:period:duplicate:4',
      '8:period:invalid_date:',
      '9:period:invalid_date:',
    ]);
  });

  it('speaks Chinese', () => {
    const { issues } = validateMeasurements(
      [{ row: 2, kpi: 'new_users', period: '', value: 1 }],
      kpis,
      'zh-CN',
    );
    expect(issues[0] && interpolate(MEASUREMENT_MESSAGES['zh-CN'][issues[0].code], issues[0].params)).toBe(
      '周期为空。',
    );
  });

  it('has the same messages in both languages', () => {
    expect(Object.keys(MEASUREMENT_MESSAGES.en).sort()).toEqual(
      Object.keys(MEASUREMENT_MESSAGES['zh-CN']).sort(),
    );
  });
});
