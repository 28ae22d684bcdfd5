import { describe, expect, it } from 'vitest';
import { addDays, dayFromNumber, dayNumber } from '../days/index.ts';
import {
  CALENDAR_MESSAGES,
  CalendarError,
  DEFAULT_CALENDAR,
  addWorkingDays,
  compileCalendar,
  isWorkingDay,
  nextWorkingDay,
  workingDaysBetween,
  workingDaysIn,
  weekPatternCalendar,
  type WorkCalendar,
} from './calendar.ts';
import { scheduleTasks } from './cpm.ts';

// China's National Day week in 2025: 1–8 October off, Sunday 28 September and Saturday 11 October worked.
const china2025: WorkCalendar = {
  weekendDays: [0, 6],
  holidays: ['2025-10-01', '2025-10-02', '2025-10-03', '2025-10-06', '2025-10-07', '2025-10-08'],
  workdays: ['2025-09-28', '2025-10-11'],
};

function naiveIsWorking(day: string, calendar: WorkCalendar): boolean {
  if (calendar.holidays.includes(day)) return false;
  if ((calendar.workdays ?? []).includes(day)) return true;
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return !(calendar.weekendDays ?? [0, 6]).includes(weekday);
}

function naiveAdd(day: string, n: number, calendar: WorkCalendar): string {
  let current = day;
  while (!naiveIsWorking(current, calendar)) current = addDays(current, 1);
  const step = n >= 0 ? 1 : -1;
  for (let left = Math.abs(n); left > 0;) {
    current = addDays(current, step);
    if (naiveIsWorking(current, calendar)) left -= 1;
  }
  return current;
}

describe('isWorkingDay', () => {
  it('knows weekends, holidays and make-up working days （调休）', () => {
    expect(isWorkingDay('2025-09-26', china2025)).toBe(true); // Friday
    expect(isWorkingDay('2025-09-27', china2025)).toBe(false); // Saturday
    expect(isWorkingDay('2025-09-28', china2025)).toBe(true); // Sunday, worked
    expect(isWorkingDay('2025-10-01', china2025)).toBe(false); // Wednesday, holiday
    expect(isWorkingDay('2025-10-11', china2025)).toBe(true); // Saturday, worked
    expect(isWorkingDay('2025-10-12', china2025)).toBe(false);
  });

  it('takes other weekends and lets a holiday win over a make-up day listed for the same day', () => {
    const gulf: WorkCalendar = { weekendDays: [5, 6], holidays: [] };
    expect(isWorkingDay('2025-03-07', gulf)).toBe(false); // Friday
    expect(isWorkingDay('2025-03-09', gulf)).toBe(true); // Sunday
    const contradictory: WorkCalendar = { holidays: ['2025-03-08'], workdays: ['2025-03-08'] };
    expect(isWorkingDay('2025-03-08', contradictory)).toBe(false);
  });

  it('refuses a weekday outside 0..6 and a day that does not exist', () => {
    expect(() => isWorkingDay('2025-03-03', { weekendDays: [7], holidays: [] })).toThrow(CalendarError);
    expect(() => isWorkingDay('2025-03-03', { weekendDays: [0, 6.5], holidays: [] })).toThrow(
      expect.objectContaining({ code: 'calendar_invalid_weekday', params: { value: '6.5' } }),
    );
    expect(() => isWorkingDay('2025-02-30', DEFAULT_CALENDAR)).toThrow(/period_invalid_date/);
  });
});

describe('addWorkingDays', () => {
  it('steps over the holiday week and lands on make-up days', () => {
    expect(addWorkingDays('2025-09-30', 1, china2025)).toBe('2025-10-09');
    expect(addWorkingDays('2025-09-26', 1, china2025)).toBe('2025-09-28');
    expect(addWorkingDays('2025-09-26', 4, china2025)).toBe('2025-10-09');
    expect(addWorkingDays('2025-10-09', -1, china2025)).toBe('2025-09-30');
    expect(addWorkingDays('2025-10-09', -4, china2025)).toBe('2025-09-26');
  });

  it('counts from the next working day when the day itself is off', () => {
    expect(addWorkingDays('2025-03-08', 0, DEFAULT_CALENDAR)).toBe('2025-03-10');
    expect(addWorkingDays('2025-03-08', 1, DEFAULT_CALENDAR)).toBe('2025-03-11');
    expect(addWorkingDays('2025-03-08', -1, DEFAULT_CALENDAR)).toBe('2025-03-07');
    expect(addWorkingDays('2025-03-07', 0, DEFAULT_CALENDAR)).toBe('2025-03-07');
    expect(addWorkingDays('2025-10-04', -1, china2025)).toBe('2025-09-30');
  });

  it('agrees with a day-by-day walk, far in both directions and across table growth', () => {
    const calendars = [DEFAULT_CALENDAR, china2025, { weekendDays: [0], holidays: ['2026-01-01'] }];
    let seed = 7;
    const random = (limit: number): number => {
      seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
      return seed % limit;
    };
    for (const calendar of calendars) {
      for (let sample = 0; sample < 60; sample += 1) {
        const day = dayFromNumber(dayNumber('2024-06-01') + random(900));
        const n = random(1_400) - 700;
        expect(addWorkingDays(day, n, calendar)).toBe(naiveAdd(day, n, calendar));
      }
    }
  });

  it('reports a calendar that runs out of working days', () => {
    const onlyOneDay: WorkCalendar = {
      weekendDays: [0, 1, 2, 3, 4, 5, 6],
      holidays: [],
      workdays: ['2025-03-08'],
    };
    expect(addWorkingDays('2025-03-01', 0, onlyOneDay)).toBe('2025-03-08');
    expect(() => addWorkingDays('2025-03-09', 0, onlyOneDay)).toThrow(
      expect.objectContaining({ code: 'calendar_no_working_days', params: { day: '2025-03-09' } }),
    );
  });
});

describe('counting and listing working days', () => {
  it('counts both ends inclusively', () => {
    expect(workingDaysBetween('2025-09-22', '2025-10-12', china2025)).toBe(11);
    expect(workingDaysBetween('2025-03-03', '2025-03-07', DEFAULT_CALENDAR)).toBe(5);
    expect(workingDaysBetween('2025-03-08', '2025-03-09', DEFAULT_CALENDAR)).toBe(0);
    expect(workingDaysBetween('2025-03-07', '2025-03-03', DEFAULT_CALENDAR)).toBe(0);
  });

  it('lists the working days of a range', () => {
    expect(workingDaysIn('2025-09-27', '2025-10-11', china2025)).toEqual([
      '2025-09-28',
      '2025-09-29',
      '2025-09-30',
      '2025-10-09',
      '2025-10-10',
      '2025-10-11',
    ]);
  });

  it('finds the next working day strictly after a day', () => {
    expect(nextWorkingDay('2025-09-30', china2025)).toBe('2025-10-09');
    expect(nextWorkingDay('2025-10-10', china2025)).toBe('2025-10-11');
    expect(nextWorkingDay('2025-03-07', DEFAULT_CALENDAR)).toBe('2025-03-10');
  });

  it('caches the compiled form per calendar object', () => {
    expect(compileCalendar(china2025)).toBe(compileCalendar(china2025));
    expect(compileCalendar(china2025).workingDaysPerWeek).toBe(5);
  });
});

describe('CALENDAR_MESSAGES', () => {
  it('has the same codes in both languages', () => {
    expect(Object.keys(CALENDAR_MESSAGES['zh-CN']).sort()).toEqual(Object.keys(CALENDAR_MESSAGES.en).sort());
  });
});

describe('working-week patterns', () => {
  it('works every other Saturday in 大小周, counting from the big week, with holidays still off', () => {
    // Monday 7 December 2026 starts a big (six-day) week.
    const calendar = weekPatternCalendar('alternating', '2026-12-09', ['2026-12-26']);
    expect(isWorkingDay('2026-12-12', calendar)).toBe(true);
    expect(isWorkingDay('2026-12-13', calendar)).toBe(false);
    expect(isWorkingDay('2026-12-19', calendar)).toBe(false);
    expect(isWorkingDay('2026-12-05', calendar)).toBe(false);
    expect(isWorkingDay('2026-11-28', calendar)).toBe(true);
    // The next big Saturday is a holiday: the holiday wins.
    expect(isWorkingDay('2026-12-26', calendar)).toBe(false);
    expect(isWorkingDay('2027-01-09', calendar)).toBe(true);
    expect(workingDaysBetween('2026-12-07', '2026-12-20', calendar)).toBe(11);
    expect(addWorkingDays('2026-12-11', 1, calendar)).toBe('2026-12-12');
    expect(addWorkingDays('2026-12-18', 1, calendar)).toBe('2026-12-21');
    expect(addWorkingDays('2026-12-21', -1, calendar)).toBe('2026-12-18');
  });

  it('keeps six days a week, five days a week, and five when 大小周 has no big week yet', () => {
    const six = weekPatternCalendar('six_day', null, []);
    expect(isWorkingDay('2026-12-12', six)).toBe(true);
    expect(isWorkingDay('2026-12-19', six)).toBe(true);
    expect(isWorkingDay('2026-12-13', six)).toBe(false);
    const five = weekPatternCalendar('five_day', '2026-12-09', []);
    expect(isWorkingDay('2026-12-12', five)).toBe(false);
    expect(weekPatternCalendar('alternating', null, [])).toEqual(five);
  });

  it('schedules a six-day task of a big week to end on its Saturday', () => {
    const calendar = weekPatternCalendar('alternating', '2026-12-07', []);
    const result = scheduleTasks({
      tasks: [
        { id: 'big', durationDays: 6 },
        { id: 'after', durationDays: 6 },
      ],
      dependencies: [{ from: 'big', to: 'after' }],
      projectStart: '2026-12-07',
      calendar,
    });
    if (!result.ok) throw new Error(result.error.code);
    expect(result.tasks[0]?.earlyFinish).toBe('2026-12-12');
    // The small week that follows has no Saturday: Monday 14 to Monday 21.
    expect(result.tasks[1]?.earlyFinish).toBe('2026-12-21');
  });
});
