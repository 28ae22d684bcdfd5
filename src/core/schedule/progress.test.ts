import { describe, expect, it } from 'vitest';
import { taskProgress } from './progress.ts';

const today = '2026-12-07';

describe('taskProgress', () => {
  it('dates a done task by the day it was completed, from its start', () => {
    expect(
      taskProgress(
        { status: 'done', startDate: '2026-12-01', dueDate: '2026-12-10', completedDay: '2026-12-03' },
        today,
      ),
    ).toEqual({ actualStart: '2026-12-01', actualFinish: '2026-12-03' });
  });

  it('falls back to the due day, else today, and ignores a start after the finish', () => {
    expect(
      taskProgress(
        { status: 'done', startDate: '2026-12-05', dueDate: '2026-12-02', completedDay: null },
        today,
      ),
    ).toEqual({ actualStart: null, actualFinish: '2026-12-02' });
    expect(
      taskProgress(
        { status: 'cancelled', startDate: null, dueDate: '2026-12-20', completedDay: null },
        today,
      ),
    ).toEqual({ actualStart: null, actualFinish: today });
  });

  it('starts a task in progress on its start day when that has come, else today', () => {
    expect(
      taskProgress(
        { status: 'in_progress', startDate: '2026-12-01', dueDate: null, completedDay: null },
        today,
      ),
    ).toEqual({ actualStart: '2026-12-01', actualFinish: null });
    expect(
      taskProgress(
        { status: 'in_progress', startDate: '2026-12-09', dueDate: null, completedDay: null },
        today,
      ),
    ).toEqual({ actualStart: today, actualFinish: null });
  });

  it('leaves tasks not started to the schedule', () => {
    for (const status of ['todo', 'blocked']) {
      expect(
        taskProgress({ status, startDate: '2026-12-01', dueDate: '2026-12-02', completedDay: null }, today),
      ).toEqual({ actualStart: null, actualFinish: null });
    }
  });
});
