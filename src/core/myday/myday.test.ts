import { describe, expect, it } from 'vitest';
import { myDayGroup, checkInDueDay, groupMyDay, kpiValueDueNext } from './index.ts';

const today = '2026-12-09'; // a Wednesday

describe('myDayGroup', () => {
  it('puts past days and instants already past in overdue, today in today, six days on in the week', () => {
    expect(myDayGroup({ day: '2026-12-08' }, today)).toBe('overdue');
    expect(myDayGroup({ day: today, isPast: true }, today)).toBe('overdue');
    expect(myDayGroup({ day: today }, today)).toBe('today');
    expect(myDayGroup({ day: '2026-12-10' }, today)).toBe('week');
    expect(myDayGroup({ day: '2026-12-15' }, today)).toBe('week');
    expect(myDayGroup({ day: '2026-12-16' }, today)).toBe('later');
    expect(myDayGroup({ day: null }, today)).toBe('later');
  });
});

describe('groupMyDay', () => {
  it('sorts each group soonest first, undated last, and keeps every group', () => {
    const groups = groupMyDay(
      [
        { title: 'b', due: { day: '2026-12-12' } },
        { title: 'undated', due: { day: null } },
        { title: 'a', due: { day: '2026-12-11' } },
        { title: 'late', due: { day: '2026-12-01' } },
        { title: 'later', due: { day: '2027-01-04' } },
      ],
      today,
    );
    expect(groups.overdue.map((item) => item.title)).toEqual(['late']);
    expect(groups.today).toEqual([]);
    expect(groups.week.map((item) => item.title)).toEqual(['a', 'b']);
    expect(groups.later.map((item) => item.title)).toEqual(['later', 'undated']);
  });
});

describe('checkInDueDay', () => {
  it('falls a week after the last check-in', () => {
    expect(checkInDueDay('2026-11-30', 7)).toBe('2026-12-07');
  });
});

describe('kpiValueDueNext', () => {
  it('asks for last week’s value from Monday when it is missing, which is overdue by Wednesday', () => {
    const due = kpiValueDueNext(today, 'week', '2026-11-23', '2026-01-01');
    expect(due).toEqual({ period: '2026-11-30', dueDay: '2026-12-07' });
    expect(myDayGroup({ day: due.dueDay }, today)).toBe('overdue');
  });

  it('asks for the running period once the last one is in, due the day after it ends', () => {
    expect(kpiValueDueNext(today, 'week', '2026-12-07', '2026-01-01')).toEqual({
      period: '2026-12-07',
      dueDay: '2026-12-14',
    });
    expect(kpiValueDueNext(today, 'month', '2026-11-01', '2026-01-01')).toEqual({
      period: '2026-12-01',
      dueDay: '2027-01-01',
    });
    expect(kpiValueDueNext(today, 'day', '2026-12-08', '2026-01-01')).toEqual({
      period: '2026-12-09',
      dueDay: '2026-12-10',
    });
  });

  it('owes nothing for the period before the KPI was set up', () => {
    expect(kpiValueDueNext(today, 'month', null, '2026-12-03')).toEqual({
      period: '2026-12-01',
      dueDay: '2027-01-01',
    });
    expect(kpiValueDueNext(today, 'month', null, '2026-10-20')).toEqual({
      period: '2026-11-01',
      dueDay: '2026-12-01',
    });
  });
});
