import { addDays, dayFromNumber, dayNumber, daysBetween } from '../days/index.ts';
import { describe, expect, it } from 'vitest';
import {
  PERIOD_MESSAGES,
  PeriodError,
  bucketSeries,
  isPeriodStart,
  nextPeriod,
  periodStart,
  periodsBetween,
  type Aggregation,
} from './periods.ts';

describe('day arithmetic', () => {
  it('counts days from 1970-01-01 in UTC', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(dayNumber('2024-01-01')).toBe(19723);
    expect(dayFromNumber(19723)).toBe('2024-01-01');
    expect(dayFromNumber(-1)).toBe('1969-12-31');
  });

  it('adds and subtracts days across month, leap-day and year boundaries', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2025-03-10', '2025-03-01')).toBe(-9);
  });

  it('keeps years below 100 as written', () => {
    expect(addDays('0099-12-31', 1)).toBe('0100-01-01');
  });

  it.each(['2025-02-30', '2023-02-29', '2025-13-01', '2025-2-3', '2025-02-03T00:00', 'yesterday', ''])(
    'refuses %j with a coded error',
    (value) => {
      expect(() => dayNumber(value)).toThrow(PeriodError);
      let thrown: unknown = null;
      try {
        periodStart(value, 'month');
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toMatchObject({ code: 'period_invalid_date', params: { value } });
    },
  );

  it('has the same message keys in both languages', () => {
    expect(Object.keys(PERIOD_MESSAGES['zh-CN']).sort()).toEqual(Object.keys(PERIOD_MESSAGES.en).sort());
  });
});

describe('periodStart', () => {
  it.each([
    ['2025-03-15', 'day', '2025-03-15'],
    ['2025-01-01', 'week', '2024-12-30'],
    ['2025-01-05', 'week', '2024-12-30'],
    ['2024-12-30', 'week', '2024-12-30'],
    ['2021-01-03', 'week', '2020-12-28'],
    ['2024-03-03', 'week', '2024-02-26'],
    ['1970-01-01', 'week', '1969-12-29'],
    ['2024-02-29', 'month', '2024-02-01'],
    ['2025-12-31', 'month', '2025-12-01'],
    ['2025-03-31', 'quarter', '2025-01-01'],
    ['2025-04-01', 'quarter', '2025-04-01'],
    ['2025-08-15', 'quarter', '2025-07-01'],
    ['2025-12-31', 'quarter', '2025-10-01'],
  ] as const)('%s by %s starts %s', (date, frequency, expected) => {
    expect(periodStart(date, frequency)).toBe(expected);
  });

  it('knows a period start when it sees one', () => {
    expect(isPeriodStart('2024-12-30', 'week')).toBe(true);
    expect(isPeriodStart('2025-01-01', 'week')).toBe(false);
    expect(isPeriodStart('2025-01-01', 'quarter')).toBe(true);
    expect(isPeriodStart('2025-02-01', 'quarter')).toBe(false);
    expect(isPeriodStart('2025-02-01', 'month')).toBe(true);
    expect(isPeriodStart('2025-02-02', 'day')).toBe(true);
  });
});

describe('nextPeriod', () => {
  it.each([
    ['2024-02-28', 'day', '2024-02-29'],
    ['2024-02-29', 'day', '2024-03-01'],
    ['2025-12-31', 'day', '2026-01-01'],
    ['2024-12-30', 'week', '2025-01-06'],
    ['2025-01-01', 'week', '2025-01-06'],
    ['2025-12-15', 'month', '2026-01-01'],
    ['2025-01-31', 'month', '2025-02-01'],
    ['2025-01-01', 'quarter', '2025-04-01'],
    ['2025-11-02', 'quarter', '2026-01-01'],
  ] as const)('after %s by %s comes %s', (date, frequency, expected) => {
    expect(nextPeriod(date, frequency)).toBe(expected);
  });
});

describe('periodsBetween', () => {
  it('lists every period that overlaps the range, across year ends', () => {
    expect(periodsBetween('2025-11-15', '2026-02-01', 'month')).toEqual([
      '2025-11-01',
      '2025-12-01',
      '2026-01-01',
      '2026-02-01',
    ]);
    expect(periodsBetween('2025-08-01', '2026-04-01', 'quarter')).toEqual([
      '2025-07-01',
      '2025-10-01',
      '2026-01-01',
      '2026-04-01',
    ]);
    expect(periodsBetween('2025-12-24', '2026-01-07', 'week')).toEqual([
      '2025-12-22',
      '2025-12-29',
      '2026-01-05',
    ]);
    expect(periodsBetween('2024-02-27', '2024-03-01', 'day')).toEqual([
      '2024-02-27',
      '2024-02-28',
      '2024-02-29',
      '2024-03-01',
    ]);
  });

  it('gives one period for a single day and none for a reversed range', () => {
    expect(periodsBetween('2025-05-05', '2025-05-05', 'quarter')).toEqual(['2025-04-01']);
    expect(periodsBetween('2025-05-05', '2025-05-04', 'day')).toEqual([]);
  });

  it('spans a year of days', () => {
    const days = periodsBetween('2024-01-01', '2024-12-31', 'day');
    expect(days).toHaveLength(366);
    expect(days.at(59)).toBe('2024-02-29');
  });
});

describe('bucketSeries', () => {
  // Out of order on purpose; 2025-01-05 is a Sunday, so it belongs to the week of 2024-12-30.
  const points = [
    { date: '2025-01-06', value: 5 },
    { date: '2025-02-03', value: 10 },
    { date: '2025-01-12', value: 7 },
    { date: '2025-01-05', value: 4 },
    { date: '2025-01-08', value: 3 },
  ];

  it.each<[Aggregation, number[]]>([
    ['sum', [4, 15, 10]],
    ['avg', [4, 5, 10]],
    ['last', [4, 7, 10]],
    ['min', [4, 3, 10]],
    ['max', [4, 7, 10]],
  ])('groups by ISO week with %s', (aggregation, values) => {
    expect(bucketSeries(points, 'week', aggregation)).toEqual([
      { period: '2024-12-30', value: values[0] },
      { period: '2025-01-06', value: values[1] },
      { period: '2025-02-03', value: values[2] },
    ]);
  });

  it('groups by month and quarter', () => {
    expect(bucketSeries(points, 'month', 'sum')).toEqual([
      { period: '2025-01-01', value: 19 },
      { period: '2025-02-01', value: 10 },
    ]);
    expect(bucketSeries(points, 'month', 'avg')).toEqual([
      { period: '2025-01-01', value: 4.75 },
      { period: '2025-02-01', value: 10 },
    ]);
    expect(bucketSeries([...points, { date: '2024-12-31', value: 1 }], 'quarter', 'last')).toEqual([
      { period: '2024-10-01', value: 1 },
      { period: '2025-01-01', value: 10 },
    ]);
  });

  it('lets the later of two values on the same day be the last', () => {
    const sameDay = [
      { date: '2025-03-02', value: 1 },
      { date: '2025-03-02', value: 2 },
      { date: '2025-03-01', value: 3 },
    ];
    expect(bucketSeries(sameDay, 'month', 'last')).toEqual([{ period: '2025-03-01', value: 2 }]);
    expect(bucketSeries(sameDay, 'day', 'sum')).toEqual([
      { period: '2025-03-01', value: 3 },
      { period: '2025-03-02', value: 3 },
    ]);
  });

  it('returns nothing for no points', () => {
    expect(bucketSeries([], 'day', 'sum')).toEqual([]);
  });
});
