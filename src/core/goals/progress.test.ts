import { describe, expect, it } from 'vitest';
import { interpolate } from '../i18n/index.ts';
import {
  HEALTH_MESSAGES,
  expectedProgress,
  goalHealth,
  keyResultProgress,
  rollupProgress,
  type GoalNode,
} from './progress.ts';

describe('keyResultProgress', () => {
  it('measures an increase from baseline to target, clamped to 0..1', () => {
    const keyResult = { baseline: 100, target: 200, direction: 'increase' } as const;
    expect(keyResultProgress({ ...keyResult, current: 150 })).toBe(0.5);
    expect(keyResultProgress({ ...keyResult, current: 125 })).toBe(0.25);
    expect(keyResultProgress({ ...keyResult, current: 250 })).toBe(1);
    expect(keyResultProgress({ ...keyResult, current: 50 })).toBe(0);
    expect(keyResultProgress({ ...keyResult, current: null })).toBe(0);
    expect(keyResultProgress({ ...keyResult, current: Number.NaN })).toBe(0);
  });

  it('measures a decrease from baseline to target, clamped to 0..1', () => {
    const keyResult = { baseline: 10, target: 3, direction: 'decrease' } as const;
    expect(keyResultProgress({ ...keyResult, current: 5 })).toBe(5 / 7);
    expect(keyResultProgress({ ...keyResult, current: 2 })).toBe(1);
    expect(keyResultProgress({ ...keyResult, current: 12 })).toBe(0);
  });

  it('takes the direction from baseline and target when none is given', () => {
    expect(keyResultProgress({ baseline: 10, target: 3, current: 5 })).toBe(5 / 7);
    expect(keyResultProgress({ baseline: 0, target: 20, current: 4 })).toBe(0.2);
  });

  it('treats an equal baseline and target as a line to reach', () => {
    expect(keyResultProgress({ baseline: 5, target: 5, current: 5 })).toBe(1);
    expect(keyResultProgress({ baseline: 5, target: 5, current: 4.9 })).toBe(0);
    expect(keyResultProgress({ baseline: 5, target: 5, current: 4, direction: 'decrease' })).toBe(1);
    expect(keyResultProgress({ baseline: 5, target: 5, current: 6, direction: 'decrease' })).toBe(0);
  });

  it('treats a target on the far side of the direction as a line to hold', () => {
    const holdBelow = { baseline: 2, target: 3, direction: 'decrease' } as const;
    expect(keyResultProgress({ ...holdBelow, current: 2.5 })).toBe(1);
    expect(keyResultProgress({ ...holdBelow, current: 3.5 })).toBe(0);
    const holdAbove = { baseline: 95, target: 90, direction: 'increase' } as const;
    expect(keyResultProgress({ ...holdAbove, current: 91 })).toBe(1);
    expect(keyResultProgress({ ...holdAbove, current: 89 })).toBe(0);
  });
});

function goal(
  id: string,
  weight: number,
  keyResults: GoalNode['keyResults'],
  children: GoalNode[] = [],
): GoalNode {
  return { id, weight, keyResults, children };
}

describe('rollupProgress', () => {
  it('weighs key results and child goals together', () => {
    const tree = goal(
      'root',
      1,
      [
        { weight: 2, progress: 0.5 },
        { weight: 1, progress: 1 },
      ],
      [
        goal('a', 1, [{ weight: 1, progress: 0.25 }]),
        // All-zero weights: the plain mean, 0.5.
        goal('b', 3, [
          { weight: 0, progress: 0.25 },
          { weight: 0, progress: 0.75 },
        ]),
        goal('c', 0, []),
      ],
    );
    const progress = rollupProgress(tree);
    expect(progress.get('a')).toBe(0.25);
    expect(progress.get('b')).toBe(0.5);
    expect(progress.get('c')).toBe(0);
    // (2·0.5 + 1·1 + 1·0.25 + 3·0.5 + 0·0) / 7
    expect(progress.get('root')).toBe(3.75 / 7);
    expect(progress.size).toBe(4);
  });

  it('counts negative weights as zero and clamps progress above 1', () => {
    const progress = rollupProgress(
      goal('g', 1, [
        { weight: -5, progress: 0 },
        { weight: 1, progress: 1.5 },
        { weight: 1, progress: 0 },
      ]),
    );
    expect(progress.get('g')).toBe(0.5);
  });

  it('rolls up a forest and gives an empty goal 0', () => {
    const progress = rollupProgress([goal('x', 1, [{ weight: 1, progress: 0.4 }]), goal('y', 1, [])]);
    expect([...progress.entries()].sort()).toEqual([
      ['x', 0.4],
      ['y', 0],
    ]);
    expect(rollupProgress([]).size).toBe(0);
  });

  it('handles a 100,000-deep chain and a 10,000-wide tree quickly', () => {
    let chain = goal('g0', 1, [{ weight: 1, progress: 0.5 }]);
    for (let index = 1; index < 100_000; index += 1) chain = goal(`g${index}`, 1, [], [chain]);
    const wide = goal(
      'wide',
      1,
      [],
      Array.from({ length: 10_000 }, (_, index) =>
        goal(
          `w${index}`,
          index % 2 === 0 ? 1 : 3,
          [{ weight: 1, progress: index % 2 === 0 ? 1 : 0 }],
          [goal(`w${index}.1`, 1, [{ weight: 1, progress: index % 2 === 0 ? 1 : 0 }])],
        ),
      ),
    );
    const started = performance.now();
    const progress = rollupProgress([chain, wide]);
    const elapsed = performance.now() - started;
    expect(progress.size).toBe(100_000 + 1 + 20_000);
    expect(progress.get('g99999')).toBe(0.5);
    // 5,000 children at weight 1 with progress 1, 5,000 at weight 3 with progress 0.
    expect(progress.get('wide')).toBe(0.25);
    expect(elapsed).toBeLessThan(2_000);
  });
});

describe('expectedProgress', () => {
  it('is the share of the span elapsed, clamped', () => {
    expect(expectedProgress('2025-01-01', '2025-01-31', '2025-01-16')).toBe(0.5);
    expect(expectedProgress('2025-01-01', '2025-01-31', '2025-01-31')).toBe(1);
    expect(expectedProgress('2025-01-01', '2025-01-31', '2024-12-01')).toBe(0);
    expect(expectedProgress('2025-01-01', '2025-01-31', '2025-03-01')).toBe(1);
    expect(expectedProgress('2024-12-01', '2025-03-01', '2025-01-15')).toBe(45 / 90);
  });

  it('jumps from 0 to 1 on the due day when the span is empty', () => {
    expect(expectedProgress('2025-05-01', '2025-05-01', '2025-04-30')).toBe(0);
    expect(expectedProgress('2025-05-01', '2025-05-01', '2025-05-01')).toBe(1);
    expect(expectedProgress('2025-05-10', '2025-05-01', '2025-05-05')).toBe(1);
  });
});

describe('goalHealth', () => {
  const deadline = '2027-02-26';

  it('says so when there is nothing measured', () => {
    expect(
      goalHealth({ progress: null, expected: 0.5, projectedProgressAtDeadline: null, deadline }),
    ).toEqual({
      status: 'no_data',
      reason: { code: 'health_no_data', params: {} },
    });
  });

  it('is on track once the target is reached', () => {
    expect(goalHealth({ progress: 1, expected: 0.5, projectedProgressAtDeadline: 0.1, deadline })).toEqual({
      status: 'on_track',
      reason: { code: 'health_target_reached', params: { progressPercent: 100, expectedPercent: 50 } },
    });
  });

  it('follows the forecast: 100% on track, 85% at risk, less off track unless near pace', () => {
    const at = (progress: number, expected: number, projected: number) =>
      goalHealth({ progress, expected, projectedProgressAtDeadline: projected, deadline });
    expect(at(0.2, 0.6, 1).status).toBe('on_track');
    expect(at(0.2, 0.6, 1).reason.code).toBe('health_forecast_reaches_target');
    expect(at(0.2, 0.6, 0.85).status).toBe('at_risk');
    expect(at(0.2, 0.6, 0.849).status).toBe('off_track');
    expect(at(0.5, 0.6, 0.5).status).toBe('at_risk');
    expect(at(0.49, 0.6, 0.5).status).toBe('off_track');
    expect(at(0.3, 0.6, 0.82)).toEqual({
      status: 'off_track',
      reason: {
        code: 'health_forecast_short',
        params: { projectedPercent: 82, deadline, progressPercent: 30, expectedPercent: 60 },
      },
    });
  });

  it('falls back to the pace without a forecast', () => {
    const at = (progress: number, expected: number) =>
      goalHealth({ progress, expected, projectedProgressAtDeadline: null, deadline });
    expect(at(0.6, 0.6)).toEqual({
      status: 'on_track',
      reason: { code: 'health_on_pace', params: { progressPercent: 60, expectedPercent: 60 } },
    });
    expect(at(0.5, 0.6)).toEqual({
      status: 'at_risk',
      reason: { code: 'health_behind_pace', params: { progressPercent: 50, expectedPercent: 60 } },
    });
    expect(at(0.45, 0.6).status).toBe('off_track');
  });

  it('rounds percentages down, so nearly there never reads as 100%', () => {
    const health = goalHealth({
      progress: 0.29,
      expected: 0.5,
      projectedProgressAtDeadline: 0.996,
      deadline,
    });
    expect(health.reason.params).toMatchObject({ progressPercent: 29, projectedPercent: 99 });
  });

  it('fills its messages with the numbers in both languages', () => {
    const { reason } = goalHealth({
      progress: 0.3,
      expected: 0.6,
      projectedProgressAtDeadline: 0.82,
      deadline,
    });
    expect(interpolate(HEALTH_MESSAGES.en[reason.code], reason.params)).toBe(
      'Forecast reaches 82% of target by 2027-02-26; progress is 30% against 60% expected by now.',
    );
    expect(interpolate(HEALTH_MESSAGES['zh-CN'][reason.code], reason.params)).toBe(
      '按当前趋势，到 2027-02-26 仅能达成目标的 82%；当前进度 30%，按时间应达 60%。',
    );
  });

  it('has the same message keys in both languages', () => {
    expect(Object.keys(HEALTH_MESSAGES['zh-CN']).sort()).toEqual(Object.keys(HEALTH_MESSAGES.en).sort());
  });
});
